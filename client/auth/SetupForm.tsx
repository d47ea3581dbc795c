import { useState, type FormEvent } from 'react';
import type { DemoLoaded, UserView } from '../../shared/api.ts';
import { api } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session/SessionProvider.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Field } from '../ui/Field.tsx';
import { DemoAccountList } from './DemoAccountList.tsx';

interface SetupResult {
  user: UserView;
  demo: DemoLoaded | null;
}

/** First run: the first administrator, and optionally the demo conference to try the product with. */
export function SetupForm() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [fullName, setFullName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [loadDemo, setLoadDemo] = useState(false);
  const [demo, setDemo] = useState<DemoLoaded | null>(null);
  const command = useCommand();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await command.run(() =>
      api.post<SetupResult>('/api/setup', { fullName, username, password, loadDemo }),
    );
    if (!result) return;
    // The server signed the new administrator in; with a demo, its accounts are shown before going on.
    if (result.demo) setDemo(result.demo);
    else await refresh();
  };

  if (demo) {
    return (
      <section data-testid="setup-done">
        <h1 className="card-title">{t('setup.doneTitle')}</h1>
        <p>{t('setup.demoLoaded')}</p>
        <DemoAccountList accounts={demo.accounts} />
        <div className="form-actions">
          <button
            type="button"
            className="primary-button"
            data-testid="setup-continue"
            // Signed in from here on: the app leaves the sign-in page for the meetings, the demo among them.
            onClick={() => void refresh()}
          >
            {t('setup.continue')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <form onSubmit={submit} data-testid="setup-form">
      <h1 className="card-title">{t('setup.title')}</h1>
      <p className="muted">{t('setup.intro')}</p>
      <Field label={t('account.fullName')}>
        {(id) => (
          <input
            id={id}
            className="text-input"
            data-testid="setup-full-name"
            value={fullName}
            autoComplete="name"
            required
            onChange={(event) => setFullName(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('account.username')} hint={t('account.usernameHint')}>
        {(id) => (
          <input
            id={id}
            className="text-input"
            data-testid="setup-username"
            value={username}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            onChange={(event) => setUsername(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('account.password')} hint={t('account.passwordHint')}>
        {(id) => (
          <input
            id={id}
            type="password"
            className="text-input"
            data-testid="setup-password"
            value={password}
            autoComplete="new-password"
            minLength={8}
            required
            onChange={(event) => setPassword(event.target.value)}
          />
        )}
      </Field>
      <label className="check-field">
        <input
          type="checkbox"
          data-testid="setup-load-demo"
          checked={loadDemo}
          onChange={(event) => setLoadDemo(event.target.checked)}
        />
        <span>
          {t('setup.loadDemo')}
          <span className="field-hint">{t('setup.loadDemoHint')}</span>
        </span>
      </label>
      <ErrorText error={command.error} />
      <div className="form-actions">
        <button type="submit" className="primary-button" data-testid="setup-submit" disabled={command.pending}>
          {t('setup.submit')}
        </button>
      </div>
    </form>
  );
}
