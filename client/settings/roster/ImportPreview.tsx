import type { ImportRow } from '../../../shared/api.ts';
import { useI18n } from '../../i18n.tsx';
import './import.css';

interface Props {
  rows: ImportRow[];
  /** Lines of the rows needing a decision that are ticked. */
  ticked: ReadonlySet<number>;
  onTick: (line: number, ticked: boolean) => void;
}

function rowClass(row: ImportRow): string | undefined {
  if (row.error) return 'row-error';
  if (row.confirm?.name) return 'row-conflict';
  if (row.confirm?.role) return 'row-role-change';
  return undefined;
}

/**
 * Every row of the CSV: what importing would do with it, or the server's reason it cannot be imported. A row that
 * changes someone who already exists (their username under another name, a new role) is marked and has its own
 * tick: nothing about an existing person changes unless the person importing says so, row by row.
 */
export function ImportPreview({ rows, ticked, onTick }: Props) {
  const { t } = useI18n();
  const errors = rows.filter((row) => row.error !== null).length;
  const toConfirm = rows.filter((row) => row.confirm !== null).length;
  const unit = (value: string) => value || t('import.noUnit');

  const outcome = (row: ImportRow) => {
    if (row.error) return [row.error.message];
    const lines: string[] = [];
    const { name, role } = row.confirm ?? { name: null, role: null };
    if (name) lines.push(t('import.conflict', { username: row.username, account: name.account, row: name.row }));
    if (role) lines.push(t('import.roleChange', { from: t(`role.${role.from}`), to: t(`role.${role.to}`) }));
    if (row.action === 'update' && row.unitFrom !== null) {
      const units = { from: unit(row.unitFrom), to: unit(row.unit) };
      // Said plainly when the unit is all that changes: no tick is asked for it.
      lines.push(t(role ? 'import.unitChange' : 'import.action.update', units));
    } else if (row.action && row.action !== 'update') {
      lines.push(t(`import.action.${row.action}`));
    }
    return lines;
  };

  return (
    <div className="import-preview">
      <p role="status" data-testid="import-summary">
        {t('import.summary', { valid: rows.length - errors, errors })}
      </p>
      {toConfirm > 0 && (
        <p className="import-to-confirm" data-testid="import-to-confirm">
          {t('import.toConfirm', { count: toConfirm })}
        </p>
      )}
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
              {toConfirm > 0 && <th scope="col">{t('import.decision')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.line}
                data-testid="import-row"
                data-line={row.line}
                data-valid={row.error === null}
                data-conflict={row.confirm?.name ? 'true' : undefined}
                data-role-change={row.confirm?.role ? 'true' : undefined}
                className={rowClass(row)}
              >
                <td>{row.line}</td>
                <td>{row.fullName}</td>
                <td>
                  <code>{row.username}</code>
                  {row.generatedUsername && (
                    <span className="import-generated" data-testid="import-generated">
                      {' '}
                      ({t('import.generated')})
                    </span>
                  )}
                </td>
                <td>{row.role}</td>
                <td>{row.unit}</td>
                <td data-testid="import-row-outcome">
                  {outcome(row).map((line) => (
                    <span key={line} className="import-outcome-line">
                      {line}
                    </span>
                  ))}
                </td>
                {toConfirm > 0 && (
                  <td>
                    {row.confirm && (
                      <label className="import-confirm">
                        <input
                          type="checkbox"
                          data-testid="import-confirm"
                          aria-label={t('import.confirmRow', { line: row.line })}
                          checked={ticked.has(row.line)}
                          onChange={(event) => onTick(row.line, event.target.checked)}
                        />
                        {t('import.decision')}
                      </label>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
