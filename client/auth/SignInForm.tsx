import { useState, type FormEvent } from 'react';
import type { DemoAccount, SessionView } from '../../shared/api.ts';
import { CurrentPasswordField, UsernameField } from '../account/AccountFields.tsx';
import { api } from '../api/http.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session/SessionProvider.tsx';
import { Form } from '../ui/Form.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
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
      <Form onSubmit={submit} data-testid="sign-in-form">
        <h1 className="card-title">{t('signIn.title')}</h1>
        <UsernameField value={username} onChange={setUsername} whose="own" hint={false} testId="sign-in-username" />
        <CurrentPasswordField value={password} onChange={setPassword} testId="sign-in-password" />
        <FormFooter command={command} submitLabel={t('signIn.submit')} submitTestId="sign-in-submit" />
      </Form>
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
