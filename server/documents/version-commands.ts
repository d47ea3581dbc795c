/**
 * Named versions: saved by hand, and restored. A restore writes the old text into the live document as a new
 * change, after keeping the text it replaces as a version of its own: history is only ever added to.
 */
import * as Y from 'yjs';
import type { DocumentView, RestoreView, VersionView } from '../../shared/api.ts';
import type { Actor } from '../accounts/users.ts';
import { fail } from '../errors.ts';
import type { Services } from '../services.ts';
import { contentOfState, writeContent } from './content.ts';
import { contentHash } from './versions.ts';

function roomsOf(s: Services): NonNullable<Services['rooms']> {
  return s.rooms ?? fail('internal');
}

function documentOf(s: Services, documentId: string): DocumentView {
  return s.meetings.document(documentId) ?? fail('not_found');
}

/**
 * Saves the text as it is now under `label`. The same text as the document's latest version (by content hash) is
 * not stored a second time: that version is returned, `created` false. A version is a whole copy of the text.
 */
export async function saveVersion(
  s: Services,
  actor: Actor,
  documentId: string,
  label: string,
): Promise<{ version: VersionView; created: boolean }> {
  const doc = documentOf(s, documentId);
  const state = await roomsOf(s).snapshot(documentId);
  const hash = contentHash(state);
  return s.db.transaction(() => {
    const latest = s.versions.latest(documentId);
    if (latest?.contentHash === hash) return { version: latest, created: false };
    const version = s.versions.insert({ documentId, kind: 'manual', label, motionId: null, state, hash, createdBy: actor.id });
    s.audit.append({
      actorId: actor.id,
      meetingId: doc.meetingId,
      action: 'version.saved',
      payload: { versionId: version.id, documentId, label, contentHash: hash },
    });
    return { version, created: true };
  })();
}

export async function restoreVersion(s: Services, actor: Actor, versionId: string): Promise<RestoreView> {
  const restored = s.versions.view(versionId) ?? fail('not_found');
  const doc = documentOf(s, restored.documentId);
  if (doc.lock) fail('document_read_only');
  const content = contentOfState(s.versions.state(versionId) ?? fail('not_found'));
  const taken: { before?: VersionView } = {};
  await roomsOf(s).change(doc.id, (ydoc, locked) => {
    // Checked again here, synchronously with the change: a vote may have frozen the text since the check above,
    // and the server's own changes pass a lock.
    if (locked || s.meetings.document(doc.id)?.lock) fail('document_read_only');
    const state = Y.encodeStateAsUpdate(ydoc);
    const hash = contentHash(state);
    s.db.transaction(() => {
      const before = s.versions.insert({
        documentId: doc.id,
        kind: 'restore',
        label: `Trước khi khôi phục “${restored.label}”`,
        motionId: null,
        state,
        hash,
        createdBy: actor.id,
        restoredVersionId: restored.id,
      });
      s.audit.append({
        actorId: actor.id,
        meetingId: doc.meetingId,
        action: 'version.restored',
        payload: { documentId: doc.id, versionId, contentHash: restored.contentHash, replacedVersionId: before.id, replacedHash: hash },
      });
      taken.before = before;
    })();
    writeContent(ydoc, content);
  });
  // Everyone in the meeting learns of it from the live list (the document's `restore`), the notice with it.
  await s.projection?.publish(doc.meetingId);
  return { restored, before: taken.before ?? fail('internal') };
}
