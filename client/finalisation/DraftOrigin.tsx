import type { DocumentView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { meetingPath } from '../routes.ts';
import { Link } from '../ui/Link.tsx';

interface Props {
  meetingId: string;
  document: DocumentView;
}

/** In a draft the server made from refused edits: why it exists, and the issued document it came from. */
export function DraftOrigin({ meetingId, document }: Props) {
  const { t } = useI18n();
  if (document.origin?.reason !== 'refused_edits') return null;
  return (
    <div className="notice draft-origin" role="note" data-testid="refused-edits-origin">
      <p>
        {t('refused.origin')}{' '}
        <Link href={meetingPath(meetingId, document.origin.documentId)} data-testid="refused-edits-original">
          {t('refused.originLink')}
        </Link>
      </p>
    </div>
  );
}
