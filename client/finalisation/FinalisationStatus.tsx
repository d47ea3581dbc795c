import type { FinalisationView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { formatInstant } from '../versions/versionText.ts';
import { HashCopy } from './HashCopy.tsx';
import { finalisationStatus } from './rules.ts';

/**
 * Where the document stands: not issued; submitted (by whom, when) and waiting for a chair; issued, with its
 * number, who confirmed it and when, and the hash of the issued text that the audit record also holds.
 */
export function FinalisationStatus({ finalisation }: { finalisation: FinalisationView | null }) {
  const { t, lang } = useI18n();
  const status = finalisationStatus({ finalisation });
  return (
    <div className="finalisation-status" data-testid="finalisation-status" data-status={status}>
      <p className="finalisation-state">
        <span className="finalisation-badge" data-status={status}>
          {t(`finalise.status.${status}`)}
        </span>
        {finalisation?.number && (
          <span className="finalisation-number">
            {t('finalise.numberLabel')} <strong data-testid="finalisation-number">{finalisation.number}</strong>
          </span>
        )}
      </p>
      {finalisation && (
        <p className="small muted finalisation-people">
          <span data-testid="finalisation-requested">
            {t('finalise.requestedBy', {
              name: finalisation.requestedBy.fullName,
              when: formatInstant(finalisation.requestedAt, lang),
            })}
          </span>{' '}
          {finalisation.confirmedBy && finalisation.confirmedAt && (
            <span data-testid="finalisation-confirmed">
              {t('finalise.confirmedBy', {
                name: finalisation.confirmedBy.fullName,
                when: formatInstant(finalisation.confirmedAt, lang),
              })}
            </span>
          )}
        </p>
      )}
      {status === 'requested' && <p className="small">{t('finalise.waiting')}</p>}
      {finalisation?.contentHash && <HashCopy hash={finalisation.contentHash} />}
    </div>
  );
}
