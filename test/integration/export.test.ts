import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { VersionView } from '../../shared/api.ts';
import { ApiClient } from '../helpers/api.ts';
import { adopt, finalise } from '../helpers/finalise.ts';
import { serversForEachTest } from '../helpers/servers.ts';
import { votingMeeting, type VotingMeeting } from '../helpers/votes.ts';

const server = serversForEachTest();

/** Downloads with the person's cookie, as the browser's link does. */
async function download(m: VotingMeeting, who: string, path: string): Promise<Response> {
  const client = m.as[who]!;
  return fetch(new URL(path, client.baseUrl), { headers: { cookie: client.cookie ?? '' } });
}

async function documentXml(res: Response): Promise<string> {
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', '_rels/.rels']));
  return strFromU8(files['word/document.xml']!);
}

/** The visible text of a WordprocessingML part, runs joined. */
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe('export', () => {
  it('[EX1] the DOCX of a finalised resolution is a valid package holding the header, its number, the Vietnamese body and the signature block, with no draft mark', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    await adopt(m);
    await finalise(m);
    const res = await download(m, 'khoi', `/api/documents/${m.documentId}/export.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toContain('filename="01-NQ-TTCNL.docx"');
    const text = textOf(await documentXml(res));
    for (const expected of [
      'VIỆN ỨNG DỤNG CÔNG NGHỆ',
      'TRUNG TÂM CÔNG NGHỆ LASER',
      'Số: 01/NQ-TTCNL',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hà Nội, ngày 19 tháng 12 năm 2023',
      'NGHỊ QUYẾT',
      'QUYẾT NGHỊ',
      'Điều 1.',
      'TM. HỘI NGHỊ',
      'CHỦ TỌA',
      'Cung Hồng Kiên',
      'Nơi nhận:',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('DỰ THẢO');
  });

  it('[EX2] every version exports, and anything not finalised is marked DỰ THẢO', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const draft = await download(m, 'dung', `/api/documents/${m.documentId}/export.docx`);
    expect(draft.headers.get('content-disposition')).toContain('DU THAO');
    const files = unzipSync(new Uint8Array(await draft.arrayBuffer()));
    const all = Object.entries(files)
      .filter(([name]) => name.startsWith('word/'))
      .map(([, data]) => strFromU8(data))
      .join('');
    expect(all).toContain('DỰ THẢO');

    await adopt(m);
    await finalise(m);
    const versions = (await m.as.dung!.get<VersionView[]>(`/api/documents/${m.documentId}/versions`)).body;
    const voted = versions.find((v) => v.kind === 'vote')!;
    const final = versions.find((v) => v.kind === 'final')!;
    const old = await download(m, 'dung', `/api/documents/${m.documentId}/export.docx?version=${voted.id}`);
    const oldFiles = unzipSync(new Uint8Array(await old.arrayBuffer()));
    expect(Object.values(oldFiles).map((d) => strFromU8(d)).join('')).toContain('DỰ THẢO');
    expect(textOf(strFromU8(oldFiles['word/document.xml']!))).not.toContain('01/NQ-TTCNL');
    const finalDocx = await download(m, 'dung', `/api/documents/${m.documentId}/export.docx?version=${final.id}`);
    expect(textOf(await documentXml(finalDocx))).toContain('Số: 01/NQ-TTCNL');

    const print = await download(m, 'dung', `/api/documents/${m.documentId}/print?version=${voted.id}`);
    expect(print.headers.get('content-type')).toContain('text/html');
    const html = await print.text();
    expect(html).toMatch(/@page\s*{[^}]*size:\s*A4/);
    expect(html).toContain('DỰ THẢO');
    expect(html).toContain('QUYẾT NGHỊ');
    const finalPrint = await (await download(m, 'dung', `/api/documents/${m.documentId}/print`)).text();
    expect(finalPrint).toContain('Số: 01/NQ-TTCNL');
    expect(finalPrint).not.toContain('DỰ THẢO');
  });

  it('[EX3] exports need read access; a version of another document is not found', async () => {
    const { url } = await server();
    const m = await votingMeeting(url);
    const outsider = new ApiClient(url);
    expect((await fetch(`${url}/api/documents/${m.documentId}/export.docx`)).status).toBe(401);
    expect(outsider.cookie).toBeNull();
    const other = await m.as.ha!.post<{ id: string }>(`/api/meetings/${m.meetingId}/documents`, { kind: 'BB' });
    const version = (await m.as.dung!.post<VersionView>(`/api/documents/${other.body.id}/versions`, { label: 'x' })).body;
    expect((await download(m, 'dung', `/api/documents/${m.documentId}/export.docx?version=${version.id}`)).status).toBe(404);
    expect((await download(m, 'dung', `/api/documents/${m.documentId}/print?version=nope`)).status).toBe(404);
  });
});
