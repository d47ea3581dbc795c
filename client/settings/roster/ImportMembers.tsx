import { useState, type ChangeEvent } from 'react';
import type { ImportRefusal, ImportResult, ImportRow } from '../../../shared/api.ts';
import { api, apiPath, ApiRequestError } from '../../api/http.ts';
import { useCommand } from '../../api/useCommand.ts';
import { useI18n } from '../../i18n.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { Field } from '../../ui/Field.tsx';
import { ImportPreview } from './ImportPreview.tsx';
import { SignInSlips } from './SignInSlips.tsx';

interface Preview {
  rows: ImportRow[];
  blocked: ImportResult['blocked'];
}

/**
 * Roster from a spreadsheet: paste the CSV or choose the file, see every row with what it would do or why it
 * cannot, tick the rows that change people who already exist, then import. Nothing changes until the second step,
 * and the import carries exactly the changes that were ticked or left out, so that the server can refuse it whole
 * if what it would do is no longer what was shown.
 */
export function ImportMembers({ meetingId, meetingTitle }: { meetingId: string; meetingTitle: string }) {
  const { t } = useI18n();
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const [result, setResult] = useState<ImportResult | null>(null);
  const command = useCommand();
  const path = apiPath`/api/meetings/${meetingId}/members/import`;

  const show = (next: Preview | null) => {
    setPreview(next);
    setTicked(new Set());
  };
  const edit = (text: string) => {
    setCsv(text);
    show(null);
  };
  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) edit(await file.text());
  };
  const tick = (line: number, on: boolean) =>
    setTicked((current) => {
      const next = new Set(current);
      if (on) next.add(line);
      else next.delete(line);
      return next;
    });
  const runPreview = async () => {
    setResult(null);
    const answer = await command.run(() => api.post<ImportResult>(path, { csv, dryRun: true }));
    if (answer) show({ rows: answer.rows, blocked: answer.blocked });
  };
  const runImport = async () => {
    if (!preview) return;
    const decisions = preview.rows.flatMap((row) => (row.confirm ? [{ ...row.confirm, accept: ticked.has(row.line) }] : []));
    let standsNow: Preview | null = null;
    const answer = await command.run(async () => {
      try {
        return await api.post<ImportResult>(path, { csv, dryRun: false, decisions });
      } catch (failure) {
        if (failure instanceof ApiRequestError) standsNow = afterRefusal(preview, failure);
        throw failure;
      }
    });
    if (!answer) {
      // Refused whole: the rows as they stand now (a vote opened, the roster moved), to look at and decide again.
      if (standsNow) show(standsNow);
      return;
    }
    setResult(answer);
    show(null);
    setCsv('');
  };

  const applies = (row: ImportRow) => row.error === null && row.action !== 'unchanged' && (!row.confirm || ticked.has(row.line));
  const applicable = preview?.rows.filter(applies).length ?? 0;
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
            accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
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
          <ImportPreview rows={preview.rows} ticked={ticked} onTick={tick} />
          {preview.blocked && (
            <p className="form-error" role="alert" data-testid="import-blocked" data-code={preview.blocked.code}>
              {preview.blocked.message}
            </p>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="primary-button"
              data-testid="import-apply"
              disabled={command.pending || applicable === 0 || preview.blocked !== null}
              onClick={() => void runImport()}
            >
              {t('import.apply', { count: applicable })}
            </button>
          </div>
        </>
      )}
      {result && (
        <div className="success-box" data-testid="import-done" role="status">
          <p>{t('import.done', { count: result.applied })}</p>
          {result.passwords.length > 0 && <SignInSlips accounts={result.passwords} meetingTitle={meetingTitle} />}
        </div>
      )}
    </div>
  );
}

/** What a refusal of the import says about how it stands now: fresh rows to decide again, or a vote now open. */
function afterRefusal(shown: Preview, failure: ApiRequestError): Preview | null {
  if (failure.code === 'import_vote_open') return { rows: shown.rows, blocked: failure.body };
  const refusal = failure.body as Partial<ImportRefusal>;
  if (failure.code === 'import_unconfirmed' && Array.isArray(refusal.rows)) return { rows: refusal.rows, blocked: null };
  return null;
}
