import type { MeetingView, MotionView } from '../../shared/api.ts';
import type { AmendmentClause } from '../../shared/amendments.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';

interface Props {
  meeting: MeetingView;
  motion: MotionView;
}

/**
 * An amendment in the motions list: each paragraph it touches as it reads now and as the amendment would leave it,
 * side by side (one above the other on a phone), where it stands, and the chair's withdraw / postpone / bring back.
 */
export function AmendmentDetail({ meeting, motion }: Props) {
  const { t } = useI18n();
  const command = useCommand();
  const amendment = motion.amendment;
  if (!amendment) return null;
  const where = (c: AmendmentClause) =>
    c.article === null
      ? t('amendment.noArticle')
      : c.clause === null
        ? t('amendment.article', { article: c.article })
        : t('amendment.articleClause', { article: c.article, clause: c.clause });
  const setAside = (action: 'withdraw' | 'postpone' | 'resume') =>
    void command.run(() => api.post<MotionView>(apiPath`/api/motions/${motion.id}/set-aside`, { action }));
  const chair = meeting.permissions.runVotes && motion.status === 'draft';
  // Closed, but its outcome is not in the text yet (applying it failed; the server tries again by itself).
  const notApplied = motion.status === 'closed' && amendment.settledAt === null;
  const applyAgain = () => void command.run(() => api.post<MotionView>(apiPath`/api/motions/${motion.id}/amendment/apply`, {}));
  return (
    <div className="amendment" data-testid="amendment" data-set-aside={amendment.setAside ?? ''} data-frozen={amendment.frozen}>
      <p className="amendment-state small">
        <span className="kind-tag">{t('amendment.tag')}</span>
        {amendment.setAside === 'withdrawn' && <span data-testid="amendment-withdrawn"> {t('amendment.withdrawn')}</span>}
        {amendment.setAside === 'postponed' && <span data-testid="amendment-postponed"> {t('amendment.postponed')}</span>}
        {amendment.frozen && <span> {t('amendment.frozen')}</span>}
        {amendment.settledAt && motion.outcome === 'adopted' && <span data-testid="amendment-applied"> {t('amendment.applied')}</span>}
        {notApplied && <span data-testid="amendment-not-applied"> {t('amendment.notApplied')}</span>}
      </p>
      {notApplied && (
        <div className="notice amendment-not-applied" role="status" data-testid="amendment-not-applied-notice">
          <p className="small">{t('amendment.notAppliedHint')}</p>
          {meeting.permissions.manageMotions && (
            <button type="button" className="secondary-button" data-testid="amendment-apply-again" disabled={command.pending} onClick={applyAgain}>
              {t('amendment.applyAgain')}
            </button>
          )}
        </div>
      )}
      {amendment.clauses.map((c, i) => (
        <div className="amendment-clause" key={i} data-testid="amendment-clause">
          <p className="amendment-where small muted">{where(c)}</p>
          <div className="amendment-compare">
            <div>
              <p className="amendment-label small">{t('amendment.before')}</p>
              <p className="amendment-before" data-testid="amendment-before">
                {c.added ? <span className="muted">{t('amendment.added')}</span> : c.before}
              </p>
            </div>
            <div>
              <p className="amendment-label small">{t('amendment.after')}</p>
              <p className="amendment-after" data-testid="amendment-after">{c.after}</p>
            </div>
          </div>
        </div>
      ))}
      {amendment.omittedClauses > 0 && <p className="small muted">{t('amendment.omitted', { count: amendment.omittedClauses })}</p>}
      {chair && (
        <div className="form-actions motion-actions">
          {amendment.setAside === null && (
            <>
              <button type="button" className="secondary-button" data-testid="amendment-postpone" disabled={command.pending} onClick={() => setAside('postpone')}>
                {t('amendment.postpone')}
              </button>
              <button type="button" className="secondary-button" data-testid="amendment-withdraw" disabled={command.pending} onClick={() => setAside('withdraw')}>
                {t('amendment.withdraw')}
              </button>
            </>
          )}
          {amendment.setAside === 'postponed' && (
            <button type="button" className="secondary-button" data-testid="amendment-resume" disabled={command.pending} onClick={() => setAside('resume')}>
              {t('amendment.resume')}
            </button>
          )}
        </div>
      )}
      <ErrorText error={command.error} testId="amendment-error" />
    </div>
  );
}
