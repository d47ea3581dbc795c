import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n.tsx';
import { MAX_NAME_LENGTH, normalizeName } from '../identity.ts';

interface Props {
  initialName?: string;
  onSave(name: string): void;
  onCancel?(): void;
  /** The first-visit form explains why a name is asked; the rename form does not need to. */
  withIntro?: boolean;
}

export function NameForm({ initialName = '', onSave, onCancel, withIntro = false }: Props) {
  const { t } = useI18n();
  const [value, setValue] = useState(initialName);
  const [error, setError] = useState(false);
  const inputId = useId();
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = normalizeName(value);
    if (name === '') {
      setError(true);
      return;
    }
    onSave(name);
  };

  return (
    <form className="name-form" data-testid="name-form" onSubmit={submit} noValidate>
      {withIntro && (
        <>
          <h1 className="card-title">{t('name.title')}</h1>
          <p className="muted">{t('name.hint')}</p>
        </>
      )}
      <label htmlFor={inputId} className="field-label">
        {t('name.label')}
      </label>
      <input
        id={inputId}
        className="text-input"
        data-testid="name-input"
        value={value}
        maxLength={MAX_NAME_LENGTH}
        autoComplete="name"
        placeholder={t('name.placeholder')}
        autoFocus
        aria-invalid={error}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => {
          setValue(event.target.value);
          setError(false);
        }}
      />
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {t('name.required')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary-button" data-testid="name-save">
          {t('name.save')}
        </button>
        {onCancel && (
          <button type="button" className="secondary-button" onClick={onCancel}>
            {t('name.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
