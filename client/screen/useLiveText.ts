import type { JSONContent } from '@tiptap/core';
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { collabUrl } from '../document/useCollabDocument.ts';
import { reconnectPolicy } from '../live/reconnect.ts';
import { fragmentJson, TEXT_FIELD } from './yText.ts';

/** How often, at most, the screen redraws a text being typed into: a projector need not follow each keystroke. */
const REDRAW_MS = 300;

/**
 * The live text of a document (the draft under discussion), read only over its sync socket with the stock client,
 * kept in memory only (no device copy: a projector laptop is shared) and announcing no presence, so the drafters
 * see no caret for the hall's screen. Null until the first sync, and for no document.
 */
export function useLiveText(documentId: string | null): JSONContent | null {
  const [content, setContent] = useState<JSONContent | null>(null);
  useEffect(() => {
    if (documentId === null) return;
    const doc = new Y.Doc();
    const reconnect = reconnectPolicy();
    const provider = new WebsocketProvider(collabUrl(), documentId, doc, {
      connect: navigator.onLine,
      shouldReconnect: reconnect.shouldReconnect,
    });
    provider.awareness.setLocalState(null);
    const fragment = doc.getXmlFragment(TEXT_FIELD);
    let timer: number | undefined;
    const redraw = () => {
      timer = undefined;
      setContent(fragmentJson(fragment));
    };
    const onUpdate = () => {
      timer ??= window.setTimeout(redraw, REDRAW_MS);
    };
    const onSync = (synced: boolean) => {
      if (synced) redraw();
    };
    doc.on('update', onUpdate);
    provider.on('sync', onSync);
    return () => {
      window.clearTimeout(timer);
      reconnect.cancel();
      provider.destroy();
      doc.destroy();
      setContent(null);
    };
  }, [documentId]);
  return content;
}
