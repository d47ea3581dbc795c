import { useId } from 'react';
import type { QuorumRule } from '../../../shared/meeting.ts';
import { useI18n } from '../../i18n.tsx';
import { FieldMessage, useFieldError } from '../../ui/Form.tsx';

interface Props {
  value: QuorumRule;
  onChange(value: QuorumRule): void;
}

/** "At least [2] / [3] of the members present"; the server checks the fraction, the form only keeps numbers. */
export function QuorumRuleFields({ value, onChange }: Props) {
  const { t } = useI18n();
  const idBase = useId();
  const checks = {
    numerator: useFieldError(`${idBase}-numerator`),
    denominator: useFieldError(`${idBase}-denominator`),
  };
  const number = (part: keyof QuorumRule, label: string) => (
    <input
      {...checks[part].props}
      id={`${idBase}-${part}`}
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
      <FieldMessage id={checks.numerator.errorId} message={checks.numerator.message} />
      <FieldMessage id={checks.denominator.errorId} message={checks.denominator.message} />
      <p className="field-hint">{t('quorumRule.hint')}</p>
    </fieldset>
  );
}
