import { createPortal } from 'react-dom';
import type { ImportResult } from '../../../shared/api.ts';
import { useI18n } from '../../i18n.tsx';
import { slipsCsv } from './slipsCsv.ts';
import './slips.css';

interface Props {
  accounts: ImportResult['passwords'];
  meetingTitle: string;
}

/**
 * The new accounts' sign-in details, which exist only in this component's memory: the server stores the passwords
 * hashed and returned them once. They can be printed as slips to cut apart and hand out (while this is on the page,
 * printing prints the slips and nothing else: see slips.css) or downloaded as a CSV file.
 */
export function SignInSlips({ accounts, meetingTitle }: Props) {
  const { t } = useI18n();
  const address = `${window.location.origin}/signin`;

  const download = () => {
    const header = [t('slips.fullName'), t('slips.username'), t('slips.password'), t('slips.address')];
    const rows = accounts.map((a) => [a.fullName, a.username, a.password, address]);
    // A byte-order mark so that Excel reads the file as UTF-8 and shows the Vietnamese names.
    const blob = new Blob(['\uFEFF', slipsCsv([header, ...rows])], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = t('slips.fileName');
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <div className="sign-in-slips" data-testid="sign-in-slips">
      <h3 className="subsection-title">{t('slips.title', { count: accounts.length })}</h3>
      <p className="field-hint" data-testid="slips-memory-only">
        {t('slips.memoryOnly')}
      </p>
      <div className="form-actions">
        <button type="button" className="primary-button" data-testid="slips-print" onClick={() => window.print()}>
          {t('slips.print')}
        </button>
        <button type="button" className="secondary-button" data-testid="slips-download" onClick={download}>
          {t('slips.download')}
        </button>
      </div>
      <ul className="password-list" data-testid="import-passwords">
        {accounts.map(({ username, fullName, password }) => (
          <li key={username}>
            <span>{fullName}</span> <code data-testid="import-username">{username}</code>{' '}
            <code className="secret-value" data-testid="import-password">
              {password}
            </code>
          </li>
        ))}
      </ul>
      {createPortal(
        <div className="slip-sheet" data-testid="slip-sheet">
          {accounts.map(({ username, fullName, password }) => (
            <section className="slip" key={username} data-testid="slip">
              <p className="slip-meeting">{meetingTitle}</p>
              <h2 className="slip-heading">{t('slips.heading')}</h2>
              <dl className="slip-details">
                <dt>{t('slips.fullName')}</dt>
                <dd className="slip-name">{fullName}</dd>
                <dt>{t('slips.username')}</dt>
                <dd>
                  <code data-testid="slip-username">{username}</code>
                </dd>
                <dt>{t('slips.password')}</dt>
                <dd>
                  <code data-testid="slip-password">{password}</code>
                </dd>
                <dt>{t('slips.address')}</dt>
                <dd className="slip-address">{address}</dd>
              </dl>
              <p className="slip-advice">{t('slips.advice')}</p>
            </section>
          ))}
        </div>,
        document.body,
      )}
    </div>
  );
}
