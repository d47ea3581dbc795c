import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import type { DemoAccount, SessionView } from '../../shared/api.ts';
import { CurrentPasswordField, UsernameField } from '../account/AccountFields.tsx';
import { answerOf, api } from '../api/http.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session/SessionProvider.tsx';
import { Form } from '../ui/Form.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { bootValue, takeOverBoot } from './boot.ts';
import { DemoAccountList } from './DemoAccountList.tsx';

export function SignInForm() {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const demo = useApiQuery<DemoAccount[]>('/api/demo-accounts');
  // What was typed into the form index.html showed before the app started (boot.ts).
  const [username, setUsername] = useState(() => bootValue('sign-in-username'));
  const [password, setPassword] = useState(() => bootValue('sign-in-password'));
  const command = useCommand();
  const wrapper = useRef<HTMLDivElement>(null);

  const signIn = async (send: () => Promise<SessionView>) => {
    const session = await command.run(send);
    // The app then leaves this page for `next`.
    if (session) signedIn(session);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await signIn(() => api.post<SessionView>('/api/session', { username, password }));
  };

  // Before the browser paints this form, the one index.html showed goes, and a press of its button is not lost.
  useLayoutEffect(() => {
    const boot = takeOverBoot(wrapper.current);
    const submission = boot.submission;
    if (submission) void signIn(() => answerOf<SessionView>(submission));
    else if (boot.queued) wrapper.current?.querySelector('form')?.requestSubmit();
    // Once, when the page first shows the form.
  }, []);

  return (
    <div ref={wrapper}>
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
    </div>
  );
}
