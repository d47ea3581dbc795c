/**
 * The documents' copies this device keeps for offline work (y-indexeddb, one database per document, named
 * `quorum:<documentId>`). Forgotten when someone signs out, so the next person on a shared laptop finds none of
 * the text in the browser's storage.
 */
export const LOCAL_COPY_PREFIX = 'quorum:';

export function localCopyName(documentId: string): string {
  return LOCAL_COPY_PREFIX + documentId;
}

export async function forgetLocalCopies(): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  const databases = await indexedDB.databases();
  await Promise.all(
    databases
      .map((d) => d.name)
      .filter((name): name is string => !!name && name.startsWith(LOCAL_COPY_PREFIX))
      // A copy still open in this page (the editor being unmounted) is deleted once its connection closes.
      .map((name) => new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      })),
  );
}

/** Deletes this device's copy of one document; resolves once it is gone (or could not be deleted). */
export function forgetLocalCopy(documentId: string): Promise<void> {
  if (typeof indexedDB === 'undefined') return Promise.resolve();
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(localCopyName(documentId));
    // "blocked" is not the end: the deletion goes ahead once the editor's own connection has closed.
    request.onsuccess = request.onerror = () => resolve();
  });
}
