import { useState, type FormEvent } from 'react';
import type { CreatedToken, TokenView, UserView } from '../../shared/api.ts';
import { compareVietnameseNames } from '../../shared/names.ts';
import { api, apiPath } from '../api/http.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { useSignedIn } from '../session/SessionProvider.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Field } from '../ui/Field.tsx';
import { OneTimeSecret } from '../ui/OneTimeSecret.tsx';

/** Tokens for programs: an administrator sees and manages any account's, one account at a time. */
export function TokensSection({ users }: { users: UserView[] | undefined }) {
  const { t, lang } = useI18n();
  const session = useSignedIn();
  const [owner, setOwner] = useState(session.user.id);
  const tokens = useApiQuery<TokenView[]>(`/api/tokens?userId=${encodeURIComponent(owner)}`);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const command = useCommand();
  const dateTime = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const result = await command.run(() => api.post<CreatedToken>('/api/tokens', { name, userId: owner }));
    if (!result) return;
    setCreated(result);
    setName('');
    tokens.reload();
  };
  // Reloaded whatever the answer: a token already revoked elsewhere (404) should leave the list too.
  const revoke = async (id: string) => {
    await command.run(() => api.delete(apiPath`/api/tokens/${id}`));
    tokens.reload();
  };

  return (
    <section className="card wide-card" aria-labelledby="tokens-heading" data-testid="tokens">
      <h2 id="tokens-heading" className="section-title">
        {t('tokens.heading')}
      </h2>
      <p className="muted small">{t('tokens.intro')}</p>
      <Field label={t('tokens.owner')}>
        {(id) => (
          <select
            id={id}
            className="text-input"
            data-testid="token-owner"
            value={owner}
            onChange={(event) => {
              setOwner(event.target.value);
              setCreated(null);
            }}
          >
            {(users ?? [session.user])
              .slice()
              .sort((a, b) => compareVietnameseNames(a.fullName, b.fullName))
              .map((user) => (
                <option key={user.id} value={user.id}>
                  {user.fullName} ({user.username})
                </option>
              ))}
          </select>
        )}
      </Field>
      <ErrorText error={tokens.error} />
      {tokens.data?.length === 0 && <p className="muted">{t('tokens.none')}</p>}
      {tokens.data && tokens.data.length > 0 && (
        <ul className="account-list" data-testid="token-list">
          {tokens.data.map((token) => (
            <li key={token.id} className="account-row" data-testid="token">
              <div className="account-who">
                <span className="member-name">{token.name}</span>
                <span className="muted small">
                  {t('tokens.created', { when: dateTime.format(new Date(token.createdAt)) })}
                  {' · '}
                  {token.lastUsedAt
                    ? t('tokens.lastUsed', { when: dateTime.format(new Date(token.lastUsedAt)) })
                    : t('tokens.neverUsed')}
                </span>
              </div>
              <button
                type="button"
                className="danger-button"
                data-testid="revoke-token"
                disabled={command.pending}
                onClick={() => void revoke(token.id)}
              >
                {t('tokens.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="sub-form" onSubmit={create} data-testid="create-token-form">
        <Field label={t('tokens.name')} hint={t('tokens.nameHint')}>
          {(id) => (
            <input
              id={id}
              className="text-input"
              data-testid="token-name"
              value={name}
              maxLength={80}
              required
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary-button" data-testid="create-token" disabled={command.pending}>
            {t('tokens.create')}
          </button>
        </div>
      </form>
      {created && <OneTimeSecret label={t('tokens.secret', { name: created.token.name })} value={created.secret} testId="token-secret" />}
      <ErrorText error={command.error} />
    </section>
  );
}
