import type { ImportRow } from '../../../shared/api.ts';
import { useI18n } from '../../i18n.tsx';

/** Every row of the CSV: what importing would do with it, or the server's reason it cannot be imported. */
export function ImportPreview({ rows }: { rows: ImportRow[] }) {
  const { t } = useI18n();
  const errors = rows.filter((row) => row.error !== null).length;
  return (
    <div className="import-preview">
      <p role="status" data-testid="import-summary">
        {t('import.summary', { valid: rows.length - errors, errors })}
      </p>
      <div className="table-scroll">
        <table className="data-table" data-testid="import-rows">
          <thead>
            <tr>
              <th scope="col">{t('import.line')}</th>
              <th scope="col">{t('account.fullName')}</th>
              <th scope="col">{t('account.username')}</th>
              <th scope="col">{t('roster.role')}</th>
              <th scope="col">{t('roster.unit')}</th>
              <th scope="col">{t('import.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.line}
                data-testid="import-row"
                data-line={row.line}
                data-valid={row.error === null}
                className={row.error ? 'row-error' : undefined}
              >
                <td>{row.line}</td>
                <td>{row.fullName}</td>
                <td>
                  <code>{row.username}</code>
                </td>
                <td>{row.role}</td>
                <td>{row.unit}</td>
                <td data-testid="import-row-outcome">
                  {row.error ? row.error.message : row.action ? t(`import.action.${row.action}`) : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
