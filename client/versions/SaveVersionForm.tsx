import { useId, useState, type FormEvent } from 'react';
import type { VersionView } from '../../shared/api.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { FieldCheck, FieldCheckMessage, Form } from '../ui/Form.tsx';

interface Props {
  documentId: string;
  onSaved(version: VersionView): void;
}

/** "Save version": the text as it stands now, under a name people will recognise later. Enter saves. */
export function SaveVersionForm({ documentId, onSaved }: Props) {
  const { t } = useI18n();
  const command = useCommand();
  const [label, setLabel] = useState('');
  const [saved, setSaved] = useState<{ label: string; unchanged: boolean } | null>(null);
  const inputId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = label.trim();
    if (trimmed === '' || command.pending) return;
    const version = await command.run(() =>
      api.post<VersionView>(apiPath`/api/documents/${documentId}/versions`, { label: trimmed }),
    );
    if (!version) return;
    setLabel('');
    // The server stores no second copy of unchanged text: it answers with the latest version, under its own name.
    setSaved({ label: version.label, unchanged: version.label !== trimmed });
    onSaved(version);
  };

  return (
    <Form className="version-save" onSubmit={(event) => void submit(event)} data-testid="version-save-form">
      <label className="field-label" htmlFor={inputId}>
        {t('versions.saveLabel')}
      </label>
      <div className="inline-field">
        <FieldCheck id={inputId}>
          {(checked) => (
            <input
              {...checked}
              id={inputId}
              className="text-input"
              data-testid="version-save-label"
              value={label}
              required
              maxLength={120}
              placeholder={t('versions.savePlaceholder')}
              onChange={(event) => {
                setSaved(null);
                command.edit(setLabel)(event.target.value);
              }}
            />
          )}
        </FieldCheck>
        <button type="submit" className="primary-button" data-testid="version-save" disabled={command.pending || label.trim() === ''}>
          {t('versions.save')}
        </button>
      </div>
      <FieldCheckMessage forId={inputId} />
      {saved !== null && (
        <p className="saved-note small" role="status" data-testid="version-saved">
          {t(saved.unchanged ? 'versions.unchanged' : 'versions.saved', { label: saved.label })}
        </p>
      )}
      <ErrorText error={command.error} testId="version-save-error" />
    </Form>
  );
}
