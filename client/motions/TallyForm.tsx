import { useId, useState, type FormEvent } from 'react';
import type { MotionView } from '../../shared/api.ts';
import { CHOICES, type Choice } from '../../shared/motions.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { FieldCheck, FieldCheckMessage, Form } from '../ui/Form.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';

/**
 * A show of hands as the secretary counted it in the hall. The server refuses counts that add up to more than
 * those present; the total is shown as it is typed so the secretary sees that before sending.
 */
export function TallyForm({ motion, present }: { motion: MotionView; present: number }) {
  const { t } = useI18n();
  const command = useCommand();
  const idBase = useId();
  const recorded = recordedCounts(motion);
  const [counts, setCounts] = useState<Record<Choice, string>>(recorded);
  // Counts recorded or corrected elsewhere (the chair's screen, the secretary's other device) replace the fields,
  // unless this person has changed them since the last recorded counts: what they are typing is kept.
  const [lastRecorded, setLastRecorded] = useState(recorded);
  if (!sameCounts(lastRecorded, recorded)) {
    setLastRecorded(recorded);
    if (sameCounts(counts, lastRecorded)) setCounts(recorded);
  }
  const setCount = command.edit(({ choice, value }: { choice: Choice; value: string }) =>
    setCounts((old) => ({ ...old, [choice]: value })),
  );
  const numbers = CHOICES.map((choice) => Number(counts[choice] || 0));
  const total = numbers.reduce((sum, n) => sum + n, 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const [yes, no, abstain] = numbers as [number, number, number];
    await command.run(() => api.post<MotionView>(apiPath`/api/motions/${motion.id}/tally`, { for: yes, against: no, abstain }));
  };

  return (
    <Form className="tally-form" onSubmit={submit} data-testid="tally-form">
      <p className="field-label">{t('tally.heading')}</p>
      <div className="tally-fields">
        {CHOICES.map((choice) => (
          <label key={choice} className="tally-field">
            <span id={`${idBase}-${choice}-label`}>{t(`choice.${choice}`)}</span>
            <FieldCheck id={`${idBase}-${choice}`}>
              {(checked) => (
                <input
                  {...checked}
                  id={`${idBase}-${choice}`}
                  // Named by its choice alone: the message under the row describes it, without repeating in its name.
                  aria-labelledby={`${idBase}-${choice}-label`}
                  className="text-input number-input"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={100000}
                  required
                  data-testid={`tally-${choice}`}
                  value={counts[choice]}
                  onChange={(event) => setCount({ choice, value: event.target.value })}
                />
              )}
            </FieldCheck>
          </label>
        ))}
      </div>
      {CHOICES.map((choice) => (
        <FieldCheckMessage key={choice} forId={`${idBase}-${choice}`} />
      ))}
      <p className="small" data-testid="tally-total" data-over={total > present}>
        {t('tally.total', { total, present })}
      </p>
      <FormFooter
        command={command}
        submitLabel={t('tally.save')}
        submitTestId="tally-submit"
        done={{ text: t('tally.saved'), testId: 'tally-saved' }}
      />
    </Form>
  );
}

function recordedCounts(motion: MotionView): Record<Choice, string> {
  return {
    for: String(motion.tally?.for ?? ''),
    against: String(motion.tally?.against ?? ''),
    abstain: String(motion.tally?.abstain ?? ''),
  };
}

function sameCounts(a: Record<Choice, string>, b: Record<Choice, string>): boolean {
  return CHOICES.every((choice) => a[choice] === b[choice]);
}
