import type { AuditView, MeetingView } from '../../shared/api.ts';
import { apiPath } from '../api/http.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Section } from '../ui/Section.tsx';
import { formatInstantCompact } from '../ui/when.ts';
import { actionWords, summarizePayload } from './auditWords.ts';

/**
 * The check of the record's hash chain (done by the server as the page asks), naming the first entry that no
 * longer matches, and the meeting's entries in the order they were written.
 */
export function AuditPanel({ meeting }: { meeting: MeetingView }) {
  const { t } = useI18n();
  const audit = useApiQuery<AuditView>(apiPath`/api/meetings/${meeting.id}/audit`);
  if (!audit.data) return audit.error ? <ErrorText error={audit.error} /> : <Loading />;
  const { verification, entries } = audit.data;
  const when = formatInstantCompact;
  const bad = verification.firstBad;

  return (
    <>
      <Section
        title={t('audit.check')}
        testId="audit-check"
        actions={
          <button type="button" className="secondary-button" data-testid="audit-recheck" disabled={audit.loading} onClick={audit.reload}>
            {t('audit.recheck')}
          </button>
        }
      >
        <p className="audit-verdict" role="status" data-testid="audit-verdict" data-ok={verification.ok}>
          {verification.ok ? t('audit.ok', { count: verification.checked }) : t('audit.broken')}
        </p>
        {bad && (
          <p data-testid="audit-first-bad">
            {t('audit.firstBad', { seq: bad.seq, action: actionWords(bad.action, t), when: when(bad.at) })}
          </p>
        )}
        <p className="muted small">{t('audit.explain')}</p>
        <ErrorText error={audit.error} />
      </Section>
      <Section title={t('audit.entries', { count: entries.length })} testId="audit-entries">
        <div className="table-scroll">
          <table className="data-table audit-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.seq} data-testid="audit-entry" data-action={entry.action} data-bad={bad?.seq === entry.seq || undefined}>
                  <td>{entry.seq}</td>
                  <td className="nowrap">{when(entry.at)}</td>
                  <td>{entry.actorName ?? t('audit.system')}</td>
                  <td>{actionWords(entry.action, t)}</td>
                  <td className="audit-payload">{summarizePayload(entry.payload, meeting, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </>
  );
}
