import { useState, type FormEvent } from 'react';
import type { DemoAccount, SessionView } from '../../shared/api.ts';
import { api } from '../api/http.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session/SessionProvider.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Field } from '../ui/Field.tsx';
import { DemoAccountList } from './DemoAccountList.tsx';

export function SignInForm() {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const demo = useApiQuery<DemoAccount[]>('/api/demo-accounts');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const command = useCommand();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const session = await command.run(() => api.post<SessionView>('/api/session', { username, password }));
    // The app then leaves this page for `next`.
    if (session) signedIn(session);
  };

  return (
    <>
      <form onSubmit={submit} data-testid="sign-in-form">
        <h1 className="card-title">{t('signIn.title')}</h1>
        <Field label={t('account.username')}>
          {(id) => (
            <input
              id={id}
              className="text-input"
              data-testid="sign-in-username"
              value={username}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              onChange={(event) => setUsername(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('account.password')}>
          {(id) => (
            <input
              id={id}
              type="password"
              className="text-input"
              data-testid="sign-in-password"
              value={password}
              autoComplete="current-password"
              required
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <ErrorText error={command.error} />
        <div className="form-actions">
          <button type="submit" className="primary-button" data-testid="sign-in-submit" disabled={command.pending}>
            {t('signIn.submit')}
          </button>
        </div>
      </form>
      {demo.data && demo.data.length > 0 && (
        <section className="demo-accounts" aria-labelledby="demo-heading">
          <h2 id="demo-heading" className="side-heading">
            {t('demo.heading')}
          </h2>
          <p className="field-hint">{t('demo.pick')}</p>
          <DemoAccountList
            accounts={demo.data}
            onPick={(account) => {
              setUsername(account.username);
              setPassword(account.password);
              command.clearError();
            }}
          />
        </section>
      )}
    </>
  );
}
