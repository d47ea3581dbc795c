import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DROPPED_CELLS, HOSTILE_MARKERS, writeHostileDocument } from '../../shared/editor/testing.ts';
import { ApiClient, seedMeeting, setupAdmin, tokenFor } from '../helpers/api.ts';
import { stockClientsForEachTest, whenSynced } from '../helpers/clients.ts';
import { serversForEachTest } from '../helpers/servers.ts';

const server = serversForEachTest();
const stockClient = stockClientsForEachTest();

describe('a document written by a hostile peer', () => {
  it('[SEC7] exports to the print view and the DOCX with none of the values outside the schema’s, and its text intact', async () => {
    const { url } = await server();
    const admin = await setupAdmin(url);
    const { documentId, people } = await seedMeeting(admin, { document: 'blank', inSession: true });
    // A delegate's own client, writing attributes no editor would, straight into the shared Yjs document.
    const peer = stockClient(url, documentId!, { token: await tokenFor(admin, people.dung!.userId) });
    await whenSynced(peer);
    writeHostileDocument(peer.doc);
    const dung = new ApiClient(url);
    await dung.signIn('dung', people.dung!.password);
    const download = (path: string) => fetch(`${url}/api/documents/${documentId}/${path}`, { headers: { cookie: dung.cookie! } });

    // The update reaches the server a moment after the peer wrote it.
    let html = '';
    await expect
      .poll(async () => (html = await (await download('print')).text()), { timeout: 5000 })
      .toContain('Liên kết hợp lệ');
    // The page's own stylesheet positions its toolbar: what the document made of is the body after it.
    const body = html.slice(html.indexOf('</style>'));
    expect(body).toContain('Đoạn văn có căn lề độc hại');
    expect(body).toContain('Mục một');
    // The table's cells within bounds are printed; those out of them are no cells (SEC11).
    expect(body).toContain('<th colspan="2">');
    expect(body).toContain('Tỷ lệ hoàn thành');
    for (const dropped of DROPPED_CELLS) expect(body, dropped).not.toContain(dropped);
    for (const marker of HOSTILE_MARKERS) expect(body, marker).not.toContain(marker);
    expect(body).not.toMatch(/<ol [^>]*start=/);

    const docx = await download('export.docx');
    expect(docx.status).toBe(200);
    const parts = unzipSync(new Uint8Array(await docx.arrayBuffer()));
    const xml = Object.entries(parts)
      .filter(([name]) => name.endsWith('.xml') || name.endsWith('.rels'))
      .map(([, data]) => strFromU8(data))
      .join('\n');
    expect(xml).toContain('Đoạn văn có căn lề độc hại');
    for (const marker of HOSTILE_MARKERS) expect(xml, marker).not.toContain(marker);
  });
});
