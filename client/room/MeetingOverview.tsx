import type { MeetingView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
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
      {meeting.agenda.length === 0 ? (
        <p className="muted">{t('room.noAgenda')}</p>
      ) : (
        <ol className="agenda" data-testid="agenda">
          {meeting.agenda.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ol>
      )}
      <p className="muted">{meeting.documents.length > 0 ? t('room.pickDocument') : t('room.noDocuments')}</p>
    </section>
  );
}
