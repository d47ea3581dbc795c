import type { MeetingView } from '../../shared/api.ts';
import { isRefusedEditsDraft } from '../finalisation/refusedEdits.ts';
import { useI18n } from '../i18n.tsx';
import { meetingPath } from '../routes.ts';
import { Link } from '../ui/Link.tsx';
import { NewDocumentForm } from './NewDocumentForm.tsx';

interface Props {
  meeting: MeetingView;
  selectedId: string | null;
}

export function DocumentsPanel({ meeting, selectedId }: Props) {
  const { t } = useI18n();
  return (
    <div className="panel">
      <h2 className="side-heading">{t('room.documents')}</h2>
      {meeting.documents.length === 0 ? (
        <p className="muted small">{t('room.noDocuments')}</p>
      ) : (
        <ul className="document-list" data-testid="document-list">
          {meeting.documents.map((doc) => (
            <li key={doc.id}>
              <Link
                href={meetingPath(meeting.id, doc.id)}
                className="document-link"
                data-testid="document-link"
                data-document-id={doc.id}
                aria-current={doc.id === selectedId ? 'page' : undefined}
                // The title is cut to two lines (SC5): whole on hover, and on a long press on a phone.
                title={doc.title}
              >
                <span className="kind-tag">{t(`documentKind.short.${doc.kind}`)}</span>
                <span className="document-link-text">
                  <span className="document-link-title">{doc.title}</span>
                  {(meeting.comments[doc.id]?.open ?? 0) > 0 && (
                    <span
                      className="comments-badge document-comments"
                      data-testid="document-comments"
                      title={t('comments.openCount', { count: meeting.comments[doc.id]!.open })}
                      aria-label={t('comments.openCount', { count: meeting.comments[doc.id]!.open })}
                    >
                      {meeting.comments[doc.id]!.open}
                    </span>
                  )}
                  {isRefusedEditsDraft(doc) && (
                    <span className="refused-draft-tag" data-testid="refused-draft-tag">
                      {t('refused.tag')}
                    </span>
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {meeting.permissions.createDocuments && <NewDocumentForm meetingId={meeting.id} />}
    </div>
  );
}
