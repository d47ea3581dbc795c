import { useI18n } from '../i18n.tsx';
import { OneTimeSecret } from '../ui/OneTimeSecret.tsx';

interface Props {
  testId: string;
  /** Who got which username (and, on the roster, that they were added). */
  message: string;
  /** The password the server generated, when none was typed: shown this once. */
  password?: string | undefined;
}

/** Said after an account was made for someone: what to tell them. */
export function CreatedAccount({ testId, message, password }: Props) {
  const { t } = useI18n();
  return (
    <div className="success-box" data-testid={testId}>
      <p>{message}</p>
      {password && <OneTimeSecret label={t('account.generatedPassword')} value={password} testId="created-password" />}
    </div>
  );
}
