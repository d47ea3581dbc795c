/**
 * Deciding on suggestions: the chair or the secretary accepts or rejects them, their author withdraws them. The
 * change is made on the server, to the live document, as the server's own change (`RoomManager.change`): one Yjs
 * transaction, stored and sent to everyone like any edit, and refused while the document is locked. The audit
 * entry names the person who decided and the suggestions (with their authors) it applied to; should it fail to be
 * written, the change is taken back (as a restore is).
 */
import type { SuggestionDecisionRequest, SuggestionDecisionView } from '../../shared/api.ts';
import { decideSuggestions, listSuggestions, type Suggestion } from '../../shared/suggestions.ts';
import type { Actor } from '../accounts/users.ts';
import { fail } from '../errors.ts';
import * as Y from 'yjs';
import { contentOfState, writeContent } from './content.ts';
import type { Services } from '../services.ts';

export type SuggestionVerdict = 'accept' | 'reject' | 'withdraw';

const ACTIONS = {
  accept: 'suggestions.accepted',
  reject: 'suggestions.rejected',
  withdraw: 'suggestions.withdrawn',
} as const;

function chosen(all: Suggestion[], selection: SuggestionDecisionRequest): Suggestion[] {
  if ('ids' in selection) {
    const ids = new Set(selection.ids);
    return all.filter((s) => ids.has(s.id));
  }
  if ('authorId' in selection) return all.filter((s) => s.by === selection.authorId);
  return all.filter((s) => s.article === selection.article);
}

/**
 * Applies `verdict` to the selected suggestions of the document. Authorization of the verdict itself (who may accept
 * or reject) is the route's; withdrawing is checked here, against the text: only the caller's own suggestions.
 */
export async function decideOnSuggestions(
  s: Services,
  actor: Actor,
  documentId: string,
  verdict: SuggestionVerdict,
  selection: SuggestionDecisionRequest,
): Promise<SuggestionDecisionView> {
  const doc = (await s.meetings.document(documentId)) ?? fail('not_found');
  if (doc.lock) fail('document_read_only');
  const rooms = s.rooms ?? fail('internal');
  // A suggestion in a pending amendment is decided by its vote (`server/motions/amendments.ts`).
  const pendingIds = new Set(await s.amendments.pendingSuggestions(doc.id));
  let decided: Suggestion[] = [];
  let before: Uint8Array | null = null;
  await rooms.change(doc.id, (ydoc, locked) => {
    // Checked with the change, synchronously: a lock taken since the check above refuses it too.
    if (locked) fail('document_read_only');
    const selected = chosen(listSuggestions(ydoc), selection);
    if (selected.length === 0) fail('suggestion_not_found');
    if (selected.some((x) => pendingIds.has(x.id))) fail('suggestion_in_amendment');
    if (verdict === 'withdraw' && selected.some((x) => x.by !== actor.id)) fail('not_own_suggestion');
    before = Y.encodeStateAsUpdate(ydoc);
    decideSuggestions(ydoc, new Set(selected.map((x) => x.id)), verdict === 'accept' ? 'accept' : 'reject');
    decided = selected;
  });
  const ids = decided.map((x) => x.id);
  try {
    await s.uow.run(async (tx) => {
      await tx.audit.append({
        actorId: actor.id,
        meetingId: doc.meetingId,
        action: ACTIONS[verdict],
        payload: { documentId: doc.id, suggestionIds: ids, authorIds: [...new Set(decided.map((x) => x.by))] },
      });
    });
  } catch (err) {
    // A change to the text with no record of who made it is taken back, as a restore is.
    const previous = before === null ? null : contentOfState(before);
    if (previous) await rooms.change(doc.id, (ydoc) => writeContent(ydoc, previous)).catch(() => {});
    throw err;
  }
  return { ids };
}
