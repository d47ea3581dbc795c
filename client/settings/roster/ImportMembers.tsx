import { useState, type ChangeEvent } from 'react';
import type { ImportResult } from '../../../shared/api.ts';
import { api, apiPath } from '../../api/http.ts';
import { useCommand } from '../../api/useCommand.ts';
import { useI18n } from '../../i18n.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { Field } from '../../ui/Field.tsx';
import { OneTimeSecret } from '../../ui/OneTimeSecret.tsx';
import { ImportPreview } from './ImportPreview.tsx';

/**
 * Roster from a spreadsheet: paste the CSV or choose the file, see every row with what it would do or why it
 * cannot, then import the valid rows. Nothing changes until the second step.
 */
export function ImportMembers({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const command = useCommand();
  const path = apiPath`/api/meetings/${meetingId}/members/import`;

  const edit = (text: string) => {
    setCsv(text);
    setPreview(null);
  };
  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) edit(await file.text());
  };
  const runPreview = async () => {
    setResult(null);
    const answer = await command.run(() => api.post<ImportResult>(path, { csv, dryRun: true }));
    if (answer) setPreview(answer);
  };
  const runImport = async () => {
    const answer = await command.run(() => api.post<ImportResult>(path, { csv, dryRun: false }));
    if (!answer) return;
    setResult(answer);
    setPreview(null);
    setCsv('');
  };

  const valid = preview?.rows.filter((row) => row.error === null).length ?? 0;
  return (
    <div className="sub-form" data-testid="import-members">
      <Field label={t('import.csv')} hint={t('import.csvHint')}>
        {(id) => (
          <textarea
            id={id}
            className="text-input csv-input"
            data-testid="import-csv"
            rows={6}
            spellCheck={false}
            placeholder={t('import.placeholder')}
            value={csv}
            onChange={(event) => edit(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('import.file')}>
        {(id) => (
          <input
            id={id}
            type="file"
            accept=".csv,text/csv,text/plain"
            data-testid="import-file"
            onChange={(event) => void chooseFile(event)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button
          type="button"
          className="secondary-button"
          data-testid="import-preview"
          disabled={command.pending || csv.trim() === ''}
          onClick={() => void runPreview()}
        >
          {t('import.preview')}
        </button>
      </div>
      <ErrorText error={command.error} />
      {preview && (
        <>
          <ImportPreview rows={preview.rows} />
          <div className="form-actions">
            <button
              type="button"
              className="primary-button"
              data-testid="import-apply"
              disabled={command.pending || valid === 0}
              onClick={() => void runImport()}
            >
              {t('import.apply', { count: valid })}
            </button>
          </div>
        </>
      )}
      {result && (
        <div className="success-box" data-testid="import-done" role="status">
          <p>{t('import.done', { count: result.applied })}</p>
          {result.passwords.length > 0 && (
            <>
              <p className="field-hint">{t('import.passwordsHint')}</p>
              <ul className="password-list" data-testid="import-passwords">
                {result.passwords.map(({ username, password }) => (
                  <li key={username}>
                    <OneTimeSecret label={username} value={password} testId="import-password" />
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
