import type { DemoLoaded } from '../../shared/api.ts';
import { DEFAULT_QUORUM_RULE } from '../../shared/meeting.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { documentUpdateFromJSON } from '../documents/initial-state.ts';
import { fail } from '../errors.ts';
import { emit } from '../events.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { DEMO, DEMO_PASSWORD } from './data.ts';

export { DEMO_PASSWORD };

/**
 * Loads the demo conference (the Laser Technology Centre's 2023 conference, see data.ts): its people as demo
 * accounts, the meeting in session with its roster, and draft documents. Once per installation.
 */
export async function loadDemo(s: Services, actorId: string | null): Promise<DemoLoaded> {
  if (await s.meetings.hasDemo()) fail('demo_loaded');
  // One hash for all: the demo password is public (the sign-in page shows it), so distinct salts protect nothing.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const documents = DEMO.documents.map((d) => ({ ...d, id: newId('d'), update: documentUpdateFromJSON(d.content) }));
  for (const d of documents) await s.store.append(d.id, [d.update]);

  const created: typeof DEMO.people = [];
  const meetingId = await s.uow.run(async (tx) => {
    if (await tx.meetings.hasDemo()) fail('demo_loaded');
    const meeting = await tx.meetings.insert({ ...DEMO.meeting, quorumRule: DEFAULT_QUORUM_RULE }, actorId, true);
    for (const person of DEMO.people) {
      // An existing account with a demo username (the administrator chose "kien") joins as it is.
      let user = await tx.users.byUsername(person.username);
      if (!user) {
        user = await tx.users.insert({ ...person, passwordHash, isDemo: true });
        created.push(person);
      }
      await tx.meetings.addMember(meeting.id, user.id, person.role, person.unit);
    }
    for (const d of documents) await tx.meetings.insertDocument(d.id, meeting.id, d.kind, d.title, actorId);
    // In session, so that checking in and the live quorum can be tried at once.
    await tx.meetings.update(meeting.id, { status: 'in_session' });
    await tx.audit.append({ actorId, meetingId: meeting.id, action: 'demo.loaded', payload: { people: DEMO.people.length } });
    emit(tx, { type: 'meeting.changed', meetingId: meeting.id });
    return meeting.id;
  });
  return {
    meetingId,
    accounts: created.map((p) => ({ username: p.username, fullName: p.fullName, role: p.role, password: DEMO_PASSWORD })),
  };
}
