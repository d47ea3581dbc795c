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
import { presentVersion } from './present-version.ts';
import type { Version } from './versions-repo.ts';
import { contentHash } from './versions.ts';

function roomsOf(s: Services): NonNullable<Services['rooms']> {
  return s.rooms ?? fail('internal');
}

async function documentOf(s: Services, documentId: string): Promise<DocumentView> {
  return (await s.meetings.document(documentId)) ?? fail('not_found');
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
  const doc = await documentOf(s, documentId);
  const state = await roomsOf(s).snapshot(documentId);
  const hash = contentHash(state);
  return await s.uow.run(async (tx) => {
    const latest = await tx.versions.latest(documentId);
    if (latest?.contentHash === hash) return { version: presentVersion(latest), created: false };
    const version = await tx.versions.insert({ documentId, kind: 'manual', label, motionId: null, state, hash, createdBy: actor.id });
    await tx.audit.append({
      actorId: actor.id,
      meetingId: doc.meetingId,
      action: 'version.saved',
      payload: { versionId: version.id, documentId, label, contentHash: hash },
    });
    return { version: presentVersion(version), created: true };
  });
}

export async function restoreVersion(s: Services, actor: Actor, versionId: string): Promise<RestoreView> {
  const restored = (await s.versions.view(versionId)) ?? fail('not_found');
  const doc = await documentOf(s, restored.documentId);
  if (doc.lock) fail('document_read_only');
  const content = contentOfState((await s.versions.state(versionId)) ?? fail('not_found'));
  // The room's lock is the database's, set before any lock commits (a vote or a finalisation freezes the room
  // first): checked here, synchronously with the change, it also covers a lock taken since the check above. The
  // change itself is Yjs work only; the text it replaced is recorded after it.
  let state: Uint8Array | null = null;
  await roomsOf(s).change(doc.id, (ydoc, locked) => {
    if (locked) fail('document_read_only');
    state = Y.encodeStateAsUpdate(ydoc);
    writeContent(ydoc, content);
  });
  const replaced: Uint8Array = state ?? fail('internal');
  const hash = contentHash(replaced);
  let before: Version;
  try {
    before = await s.uow.run(async (tx) => {
      const before = await tx.versions.insert({
        documentId: doc.id,
        kind: 'restore',
        label: `Trước khi khôi phục “${restored.label}”`,
        motionId: null,
        state: replaced,
        hash,
        createdBy: actor.id,
        restoredVersionId: restored.id,
      });
      await tx.audit.append({
        actorId: actor.id,
        meetingId: doc.meetingId,
        action: 'version.restored',
        payload: { documentId: doc.id, versionId, contentHash: restored.contentHash, replacedVersionId: before.id, replacedHash: hash },
      });
      return before;
    });
  } catch (err) {
    // History is only added to: without a record of the text it replaced, the restore is taken back.
    const previous = contentOfState(replaced);
    await roomsOf(s).change(doc.id, (ydoc) => writeContent(ydoc, previous)).catch(() => {});
    throw err;
  }
  // Everyone in the meeting learns of it from the live list (the document's `restore`), the notice with it.
  await s.projection?.publish(doc.meetingId);
  return { restored: presentVersion(restored), before: presentVersion(before) };
}
