import type { WebsocketProvider } from 'y-websocket';
import { useI18n } from '../i18n.tsx';
import { usePeople } from './usePeople.ts';

/** Who has this document open right now, from the sync socket's awareness; yourself first. */
export function Presence({ provider }: { provider: WebsocketProvider }) {
  const { t } = useI18n();
  const people = usePeople(provider.awareness);

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
    </section>
  );
}
