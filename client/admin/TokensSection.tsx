import { useState } from 'react';
import type { UserView } from '../../shared/api.ts';
import { compareVietnameseNames } from '../../shared/names.ts';
import { TokenManager } from '../account/TokenManager.tsx';
import { useI18n } from '../i18n.tsx';
import { useSignedIn } from '../session/SessionProvider.tsx';
import { Section } from '../ui/Section.tsx';
import { SelectField } from '../ui/SelectField.tsx';

/** Tokens for programs: an administrator sees and manages any account's, one account at a time. */
export function TokensSection({ users }: { users: UserView[] | undefined }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const [owner, setOwner] = useState(session.user.id);

  return (
    <Section title={t('tokens.heading')} testId="tokens">
      <p className="muted small">{t('tokens.intro')}</p>
      <SelectField
        label={t('tokens.owner')}
        value={owner}
        onChange={setOwner}
        testId="token-owner"
        options={(users ?? [session.user])
          .slice()
          .sort((a, b) => compareVietnameseNames(a.fullName, b.fullName))
          .map((user) => ({ value: user.id, label: `${user.fullName} (${user.username})` }))}
      />
      {/* Keyed by the owner: another account's list starts afresh, without the last one's secret. */}
      <TokenManager key={owner} ownerId={owner} />
    </Section>
  );
}
