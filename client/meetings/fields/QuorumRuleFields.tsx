import type { QuorumRule } from '../../../shared/meeting.ts';
import { useI18n } from '../../i18n.tsx';

interface Props {
  value: QuorumRule;
  onChange(value: QuorumRule): void;
}

/** "At least [2] / [3] of the members present"; the server checks the fraction, the form only keeps numbers. */
export function QuorumRuleFields({ value, onChange }: Props) {
  const { t } = useI18n();
  const number = (part: keyof QuorumRule, label: string) => (
    <input
      type="number"
      inputMode="numeric"
      className="text-input number-input"
      aria-label={label}
      data-testid={`quorum-${part}`}
      min={1}
      max={100}
      required
      value={Number.isFinite(value[part]) ? value[part] : ''}
      onChange={(event) => onChange({ ...value, [part]: event.target.valueAsNumber })}
    />
  );
  return (
    <fieldset className="plain-fieldset">
      <legend className="field-label">{t('quorumRule.label')}</legend>
      <div className="quorum-rule-fields">
        <span>{t('quorumRule.atLeast')}</span>
        {number('numerator', t('quorumRule.numerator'))}
        <span aria-hidden="true">/</span>
        {number('denominator', t('quorumRule.denominator'))}
        <span>{t('quorumRule.ofMembers')}</span>
      </div>
      <p className="field-hint">{t('quorumRule.hint')}</p>
    </fieldset>
  );
}
