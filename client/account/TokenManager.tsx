import { useState, type FormEvent } from 'react';
import type { CreatedToken, TokenView } from '../../shared/api.ts';
import { api, apiPath } from '../api/http.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Form } from '../ui/Form.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { OneTimeSecret } from '../ui/OneTimeSecret.tsx';
import { SelectField } from '../ui/SelectField.tsx';
import { TextField } from '../ui/TextField.tsx';
import { formatInstant } from '../ui/when.ts';

/** How long a new token works: a program that runs for a season rarely needs one that never ends. */
type Lifetime = '30' | '90' | '365' | 'never';

/**
 * One account's API tokens: each with when it was made, last used and ends, revoking, and a new one whose secret
 * is shown once. Used by the account's owner (their account page) and by administrators (for any account).
 */
export function TokenManager({ ownerId }: { ownerId: string }) {
  const { t, lang } = useI18n();
  const tokens = useApiQuery<TokenView[]>(`/api/tokens?userId=${encodeURIComponent(ownerId)}`);
  const [name, setName] = useState('');
  const [lifetime, setLifetime] = useState<Lifetime>('90');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const command = useCommand();
  const revoking = useCommand();
  const when = (iso: string) => formatInstant(iso, lang);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const expiresInDays = lifetime === 'never' ? undefined : Number(lifetime);
    const result = await command.run(() => api.post<CreatedToken>('/api/tokens', { name, userId: ownerId, expiresInDays }));
    if (!result) return;
    setCreated(result);
    setName('');
    tokens.reload();
  };
  // Reloaded whatever the answer: a token already revoked elsewhere (404) should leave the list too.
  const revoke = async (id: string) => {
    await revoking.run(() => api.delete(apiPath`/api/tokens/${id}`));
    tokens.reload();
  };

  return (
    <>
      <ErrorText error={tokens.error} />
      {tokens.data?.length === 0 && <p className="muted">{t('tokens.none')}</p>}
      {tokens.data && tokens.data.length > 0 && (
        <ul className="account-list" data-testid="token-list">
          {tokens.data.map((token) => (
            <li key={token.id} className="account-row" data-testid="token" data-name={token.name}>
              <div className="account-who">
                <span className="member-name">{token.name}</span>
                <span className="muted small">
                  {t('tokens.created', { when: when(token.createdAt) })}
                  {' · '}
                  {token.lastUsedAt
                    ? t('tokens.lastUsed', { when: when(token.lastUsedAt) })
                    : t('tokens.neverUsed')}
                  {' · '}
                  {token.expiresAt
                    ? t('tokens.expires', { when: when(token.expiresAt) })
                    : t('tokens.noExpiry')}
                </span>
              </div>
              <button
                type="button"
                className="danger-button"
                data-testid="revoke-token"
                disabled={revoking.pending}
                onClick={() => void revoke(token.id)}
              >
                {t('tokens.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorText error={revoking.error} />
      <Form className="sub-form" onSubmit={create} data-testid="create-token-form">
        <TextField
          label={t('tokens.name')}
          hint={t('tokens.nameHint')}
          value={name}
          onChange={setName}
          testId="token-name"
          maxLength={80}
          required
        />
        <SelectField<Lifetime>
          label={t('tokens.lifetime')}
          value={lifetime}
          onChange={setLifetime}
          testId="token-lifetime"
          options={[
            { value: '30', label: t('tokens.days', { days: 30 }) },
            { value: '90', label: t('tokens.days', { days: 90 }) },
            { value: '365', label: t('tokens.oneYear') },
            { value: 'never', label: t('tokens.never') },
          ]}
        />
        <FormFooter command={command} submitLabel={t('tokens.create')} submitTestId="create-token" />
      </Form>
      {created && (
        <OneTimeSecret label={t('tokens.secret', { name: created.token.name })} value={created.secret} testId="token-secret" />
      )}
    </>
  );
}
