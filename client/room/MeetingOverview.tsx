import type { MeetingView } from '../../shared/api.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { formatWhen } from '../ui/when.ts';

/** What the main area shows before a document is opened: the meeting's facts and its order of business. */
export function MeetingOverview({ meeting }: { meeting: MeetingView }) {
  const { t, lang } = useI18n();
  return (
    <section className="card overview" data-testid="meeting-overview">
      <dl className="facts">
        <dt>{t('meetingField.kind')}</dt>
        <dd>{t(`meetingKind.${meeting.kind}`)}</dd>
        <dt>{t('meetingField.startsAt')}</dt>
        <dd>{formatWhen(meeting.startsAt, lang)}</dd>
        <dt>{t('meetingField.place')}</dt>
        <dd>{meeting.place}</dd>
        <dt>{t('meetingField.issuingBody')}</dt>
        <dd>{[meeting.parentBody, meeting.issuingBody].filter(Boolean).join(' — ')}</dd>
      </dl>
      <h2 className="section-title">{t('meetingField.agenda')}</h2>
      {meeting.agenda.length === 0 ? <p className="muted">{t('room.noAgenda')}</p> : <Agenda meeting={meeting} />}
      <p className="muted">{meeting.documents.length > 0 ? t('room.pickDocument') : t('room.noDocuments')}</p>
    </section>
  );
}

/**
 * The order of business, the item under discussion marked. The chair and the secretary move the mark, during the
 * sitting; the hall's screen follows it (`/m/<id>/screen`).
 */
function Agenda({ meeting }: { meeting: MeetingView }) {
  const { t } = useI18n();
  const command = useCommand();
  const canMark = meeting.permissions.update && meeting.status === 'in_session';
  const mark = (currentItem: number | null) =>
    void command.run(() => api.patch<MeetingView>(apiPath`/api/meetings/${meeting.id}`, { currentItem }));
  return (
    <>
      <ol className="agenda" data-testid="agenda">
        {meeting.agenda.map((item, index) => {
          const current = meeting.currentItem === index;
          return (
            <li key={index} className={current ? 'agenda-current' : undefined} data-current={current || undefined} aria-current={current ? 'step' : undefined}>
              {item}
              {current && <span className="agenda-current-label"> · {t('agenda.current')}</span>}
              {canMark && (
                <button
                  type="button"
                  className="chip-button agenda-mark"
                  data-testid={current ? 'agenda-unmark' : 'agenda-mark'}
                  disabled={command.pending}
                  onClick={() => mark(current ? null : index)}
                >
                  {current ? t('agenda.unmark') : t('agenda.mark')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <ErrorText error={command.error} />
    </>
  );
}
