import { useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { useI18n } from '../i18n.tsx';
import { NameForm } from './NameForm.tsx';
import { usePeople } from './usePeople.ts';

interface Props {
  provider: WebsocketProvider;
  name: string;
  onRename(name: string): void;
}

export function Presence({ provider, name, onRename }: Props) {
  const { t } = useI18n();
  const people = usePeople(provider.awareness);
  const [renaming, setRenaming] = useState(false);

  return (
    <section className="presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading" className="side-heading">
        {t('presence.heading', { count: people.length })}
      </h2>
      <ul className="presence-list" data-testid="presence">
        {people.map((person) => (
          <li
            key={person.clientId}
            className="presence-person"
            data-testid="presence-person"
            data-self={person.isSelf ? 'true' : undefined}
          >
            <span className="presence-dot" style={{ backgroundColor: person.color }} aria-hidden="true" />
            <span className="presence-name">{person.name}</span>
            {person.isSelf && <span className="presence-you">{t('presence.you')}</span>}
          </li>
        ))}
      </ul>
      {renaming ? (
        <NameForm
          initialName={name}
          onSave={(next) => {
            onRename(next);
            setRenaming(false);
          }}
          onCancel={() => setRenaming(false)}
        />
      ) : (
        <button type="button" className="link-button" data-testid="change-name" onClick={() => setRenaming(true)}>
          {t('presence.changeName')}
        </button>
      )}
    </section>
  );
}
