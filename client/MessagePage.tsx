import type { MessageKey } from '../shared/i18n.ts';
import { useI18n } from './i18n.tsx';
import { navigate } from './routes.ts';
import { useDocumentTitle } from './ui/useDocumentTitle.ts';

interface Props {
  title: MessageKey;
  body: MessageKey;
  testId: string;
  /** Inside a page that already has its <main> (the meeting room's document area). */
  embedded?: boolean;
}

/** A full-page explanation with a way back home: invalid ids, unknown addresses. */
export function MessagePage({ title, body, testId, embedded = false }: Props) {
  const { t } = useI18n();
  useDocumentTitle(t(title));
  const Root = embedded ? 'section' : 'main';
  return (
    <Root className="centered" data-testid={testId}>
      <div className="card">
        <h1 className="card-title">{t(title)}</h1>
        <p>{t(body)}</p>
        <a
          href="/"
          className="primary-button"
          onClick={(event) => {
            event.preventDefault();
            navigate('/');
          }}
        >
          {t('doc.backHome')}
        </a>
      </div>
    </Root>
  );
}
