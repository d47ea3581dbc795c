import { afterEach } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface StockClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: () => string;
  /** Close codes this client's socket was closed with, in order. */
  closeCodes: number[];
  destroy(): void;
}

/** The stock y-websocket client, as the browser app uses it, against `baseUrl` (http://host:port). */
export function stockClient(
  baseUrl: string,
  docId: string,
  opts: { connect?: boolean; token?: string } = {},
): StockClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, docId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    connect: opts.connect ?? true,
    maxBackoffTime: 300,
    // Node has BroadcastChannel: without this, clients in one test process would sync with each other directly
    // and hide what the server did or did not relay.
    disableBc: true,
    params: opts.token ? { token: opts.token } : {},
  });
  const closeCodes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  return {
    doc,
    provider,
    text: () => doc.getText('t').toString(),
    closeCodes,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * `stockClient`, each one destroyed after the test that made it. Call once per file, after the file's own
 * `afterEach` that stops its servers: vitest runs later-registered `afterEach` hooks first, so the clients go
 * before their server does and never see it vanish.
 */
export function stockClientsForEachTest(): typeof stockClient {
  const made: StockClient[] = [];
  afterEach(() => {
    for (const c of made.splice(0)) c.destroy();
  });
  return (baseUrl, docId, opts) => {
    const c = stockClient(baseUrl, docId, opts);
    made.push(c);
    return c;
  };
}

export function whenSynced(client: StockClient, timeoutMs = 5000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('client did not sync')), timeoutMs);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      client.provider.off('sync', onSync);
      resolve();
    };
    client.provider.on('sync', onSync);
  });
}

/** A paragraph typed at the end of the editor's text, the way TipTap writes one into the shared XML. */
export function typeParagraph(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment('default');
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [p]);
}

/** The editor's text as the shared XML, to compare replicas. */
export const editorXml = (doc: Y.Doc): string => doc.getXmlFragment('default').toString();
