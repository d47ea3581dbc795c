import { useState, type FormEvent } from 'react';
import type { DemoLoaded, UserView } from '../../shared/api.ts';
import { AccountFields, EMPTY_ACCOUNT } from '../account/AccountFields.tsx';
import { api } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session/SessionProvider.tsx';
import { Form } from '../ui/Form.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { DemoAccountList } from './DemoAccountList.tsx';

interface SetupResult {
  user: UserView;
  demo: DemoLoaded | null;
}

/** First run: the first administrator, and optionally the demo conference to try the product with. */
export function SetupForm() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [account, setAccount] = useState(EMPTY_ACCOUNT);
  const [loadDemo, setLoadDemo] = useState(false);
  const [demo, setDemo] = useState<DemoLoaded | null>(null);
  const command = useCommand();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await command.run(() => api.post<SetupResult>('/api/setup', { ...account, loadDemo }));
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
    <Form onSubmit={submit} data-testid="setup-form">
      <h1 className="card-title">{t('setup.title')}</h1>
      <p className="muted">{t('setup.intro')}</p>
      <AccountFields
        value={account}
        onChange={setAccount}
        whose="own"
        testIdPrefix="setup"
        invalidField={command.error?.field}
      />
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
      <FormFooter command={command} submitLabel={t('setup.submit')} submitTestId="setup-submit" />
    </Form>
  );
}
