import type { MessageKey } from '../shared/i18n.ts';
import { useI18n } from './i18n.tsx';
import { navigate } from './routes.ts';

interface Props {
  title: MessageKey;
  body: MessageKey;
  testId: string;
}

/** A full-page explanation with a way back home: invalid ids, unknown addresses. */
export function MessagePage({ title, body, testId }: Props) {
  const { t } = useI18n();
  return (
    <main className="centered" data-testid={testId}>
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
    </main>
  );
}
