import { useId } from 'react';
import { useI18n } from '../i18n.tsx';

interface Props {
  /** True: delegates only suggest changes (track changes), which the server enforces. */
  value: boolean;
  onChange(value: boolean): void;
}

/** "Thành viên sửa trực tiếp" / "Thành viên chỉ đề xuất": how the meeting's delegates change its documents. */
export function EditingModeField({ value, onChange }: Props) {
  const { t } = useI18n();
  const name = useId();
  const option = (suggest: boolean, label: string, testId: string) => (
    <label className="check-field">
      <input type="radio" name={name} checked={value === suggest} onChange={() => onChange(suggest)} data-testid={testId} />
      <span>{label}</span>
    </label>
  );
  return (
    <fieldset className="plain-fieldset" data-testid="editing-mode">
      <legend className="field-label">{t('settings.editing')}</legend>
      {option(false, t('settings.delegatesEdit'), 'delegates-edit')}
      {option(true, t('settings.delegatesSuggest'), 'delegates-suggest')}
      <p className="field-hint">{t('settings.editingHint')}</p>
    </fieldset>
  );
}
