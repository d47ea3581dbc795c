/**
 * An amendment vote on one document served by several processes: the partial freeze reaches every process's room
 * (the opening's `document.lock` event), and its lifting after the outcome asks every process's held-back peers again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MotionView } from '../../shared/api.ts';
import { SUGGEST_INSERT } from '../../shared/editor/suggestion-marks.ts';
import { tokenFor } from '../helpers/api.ts';
import { stockClient, whenSynced, type StockClient } from '../helpers/clients.ts';
import { clustersForEachTest } from '../helpers/cluster.ts';
import { open, votingMeeting } from '../helpers/votes.ts';

const installation = clustersForEachTest();
const clients: StockClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

function client(url: string, docId: string, token: string): StockClient {
  const c = stockClient(url, docId, { token });
  clients.push(c);
  return c;
}

function paragraphs(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment('default')
    .toArray()
    .map((p) => (p instanceof Y.XmlElement ? p.toArray().map((t) => (t instanceof Y.XmlText ? t.toString().replace(/<[^>]+>/g, '') : '')).join('') : ''));
}

function lastText(doc: Y.Doc, fromEnd: number): Y.XmlText {
  const fragment = doc.getXmlFragment('default');
  return (fragment.get(fragment.length - fromEnd) as Y.XmlElement).get(0) as Y.XmlText;
}

describe('an amendment vote on several processes', () => {
  it('[AM2] opened on A: an edit inside its suggestion on B is held back there, edits elsewhere on C reach everyone; adopted, B’s edit comes back and all converge', async () => {
    const [a, b, c] = (await installation()).urls as [string, string, string];
    const m = await votingMeeting(a);
    const token = async (who: string) => tokenFor(m.admin, m.people[who]!.userId, who);
    const onB = client(b, m.documentId, await token('dung'));
    const onC = client(c, m.documentId, await token('lan'));
    const onA = client(a, m.documentId, await token('minh'));
    await Promise.all([onA, onB, onC].map((x) => whenSynced(x, 10_000)));

    const mark = { id: 'sIns', by: m.people.lan!.userId, name: 'Phạm Thị Lan', at: '2026-12-03T08:00:00.000Z' };
    onC.doc.transact(() => {
      const fragment = onC.doc.getXmlFragment('default');
      for (const runs of [[['Điều 8. Nhiệm vụ', {}]], [['1. Tổ chức thực hiện ', {}], ['trong quý I ', { [SUGGEST_INSERT]: mark }], ['năm 2024.', {}]], [['Điều 9. Kinh phí', {}]]] as [
        string,
        Record<string, unknown>,
      ][][]) {
        const text = new Y.XmlText();
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [text]);
        fragment.insert(fragment.length, [p]);
        let at = 0;
        for (const [s, attrs] of runs) {
          text.insert(at, s, attrs);
          at += s.length;
        }
      }
    });
    await expect.poll(() => paragraphs(onB.doc).at(-2), { timeout: 10_000 }).toBe('1. Tổ chức thực hiện trong quý I năm 2024.');

    const made = await m.as.ha!.post<MotionView>(`/api/meetings/${m.meetingId}/amendments`, { documentId: m.documentId, suggestionIds: ['sIns'] });
    expect(made.status).toBe(201);
    await open(m, made.body.id);

    // On B, inside the frozen suggestion: held back there (A's reader never sees it).
    await new Promise((r) => setTimeout(r, 300));
    lastText(onB.doc, 2).insert('1. Tổ chức thực hiện trong'.length, ' hết', { [SUGGEST_INSERT]: mark });
    // On C, elsewhere: through, to A and B.
    lastText(onC.doc, 1).insert('Điều 9. Kinh phí'.length, ' năm 2024', {});
    await expect.poll(() => paragraphs(onA.doc).at(-1), { timeout: 10_000 }).toBe('Điều 9. Kinh phí năm 2024');
    await expect.poll(() => paragraphs(onB.doc).at(-1), { timeout: 10_000 }).toBe('Điều 9. Kinh phí năm 2024');
    await new Promise((r) => setTimeout(r, 500));
    expect(paragraphs(onA.doc).at(-2)).toBe('1. Tổ chức thực hiện trong quý I năm 2024.');

    for (const who of ['kien', 'ha', 'dung', 'lan']) {
      expect((await m.as[who]!.post(`/api/motions/${made.body.id}/ballots`, { choice: 'for' })).status).toBe(201);
    }
    const closed = (await m.as.kien!.post<MotionView>(`/api/motions/${made.body.id}/close`)).body;
    expect(closed.outcome).toBe('adopted');
    // B's held edit comes back after the outcome, merged into the adopted text, on every process.
    for (const x of [onA, onB, onC]) {
      await expect.poll(() => paragraphs(x.doc).at(-2), { timeout: 10_000 }).toBe('1. Tổ chức thực hiện trong hết quý I năm 2024.');
    }
    expect(paragraphs(onA.doc)).toEqual(paragraphs(onB.doc));
    expect(paragraphs(onC.doc)).toEqual(paragraphs(onB.doc));
  });
});
