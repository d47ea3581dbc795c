import type { Actor } from '../accounts/users.ts';
import type { Meeting } from '../meetings/repo.ts';
import { can, type Action, type MeetingSubject } from '../policies.ts';
import type { Services } from '../services.ts';
import { fail } from '../errors.ts';

/** 403 unless the policies allow it. */
export function authorize(actor: Actor, action: Action): void {
  if (!can(actor, action)) fail('forbidden');
}

/**
 * Loads a meeting the actor may see. One who may not gets the same 404 as for a meeting that does not exist,
 * so ids of other people's meetings cannot be probed.
 */
export async function loadMeeting(s: Services, actor: Actor, meetingId: string): Promise<{ meeting: Meeting; subject: MeetingSubject }> {
  const meeting = await s.meetings.byId(meetingId);
  if (!meeting) fail('not_found');
  const subject: MeetingSubject = {
    role: await s.meetings.roleOf(meetingId, actor.id),
    status: meeting.status,
    observersComment: meeting.observersComment,
    delegatesSuggest: meeting.delegatesSuggest,
  };
  if (!can(actor, { type: 'meeting.read', meeting: subject })) fail('not_found');
  return { meeting, subject };
}
