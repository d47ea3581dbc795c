import type { DemoAccount } from '../../shared/api.ts';
import { compareVietnameseNames } from '../../shared/names.ts';
import { ROLES } from '../../shared/meeting.ts';
import { useI18n } from '../i18n.tsx';

interface Props {
  accounts: DemoAccount[];
  /** With it, each account is a button that fills the sign-in form; without, a plain list to note down. */
  onPick?(account: DemoAccount): void;
}

/** The demo conference's accounts, chair first, then the secretary, delegates and observers, each in roster order. */
export function DemoAccountList({ accounts, onPick }: Props) {
  const { t } = useI18n();
  const sorted = [...accounts].sort(
    (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || compareVietnameseNames(a.fullName, b.fullName),
  );
  return (
    <ul className="demo-list" data-testid="demo-accounts">
      {sorted.map((account) => {
        const body = (
          <>
            <span className="demo-name">{account.fullName}</span>
            <span className="demo-role">{t(`role.${account.role}`)}</span>
            <span className="demo-credentials">
              <code data-testid="demo-username">{account.username}</code>
              {' / '}
              <code data-testid="demo-password">{account.password}</code>
            </span>
          </>
        );
        return (
          <li key={account.username} data-testid="demo-account" data-username={account.username}>
            {onPick ? (
              <button type="button" className="demo-account-button" onClick={() => onPick(account)}>
                {body}
              </button>
            ) : (
              <div className="demo-account">{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
