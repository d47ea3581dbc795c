/**
 * One document served by three real processes on one PostgreSQL and one Redis, with stock y-websocket clients
 * spread over them: what the relay's rules (C1–C9, proven on two rooms in one process by server/collab/relay.test.ts)
 * give real processes, including one killed mid-burst and Redis restarted mid-session.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MotionView } from '../../shared/api.ts';
import { ballotKey, PROJECTION } from '../../shared/api.ts';
import { meetingDocumentId } from '../../shared/meeting.ts';
import { contentHash } from '../../server/documents/versions.ts';
import { tokenFor } from '../helpers/api.ts';
import { editorXml, stockClient, typeParagraph, whenSynced, type StockClient } from '../helpers/clients.ts';
import { clustersForEachTest } from '../helpers/cluster.ts';
import { OwnRedis } from '../helpers/redis.ts';
import { motion, open, type VotingMeeting, votingMeeting } from '../helpers/votes.ts';
import { until } from '../helpers/wait.ts';

const installation = clustersForEachTest();
const clients: StockClient[] = [];
let redis: OwnRedis | null = null;
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await redis?.stop();
  redis = null;
});

function client(url: string, docId: string, token: string): StockClient {
  const c = stockClient(url, docId, { token });
  clients.push(c);
  return c;
}

/** The paragraphs of the editor's text, in order. */
function paragraphs(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment('default')
    .toArray()
    .map((p) => (p instanceof Y.XmlElement ? p.toArray().map((t) => (t instanceof Y.XmlText ? t.toString() : '')).join('') : ''));
}

/** Types `count` paragraphs named `prefix-i`, one every `everyMs`, until done or `stop()` says so. */
function typing(c: StockClient, prefix: string, count: number, everyMs: number): { done: Promise<number>; stop(): void } {
  let stopped = false;
  const done = (async () => {
    let i = 0;
    for (; i < count && !stopped; i++) {
      typeParagraph(c.doc, `${prefix}-${i}`);
      await new Promise((r) => setTimeout(r, everyMs));
    }
    return i;
  })();
  return { done, stop: () => (stopped = true) };
}

/** A new client's view of what the installation has stored, through `url`. */
async function storedText(url: string, docId: string, token: string): Promise<StockClient> {
  const fresh = client(url, docId, token);
  await whenSynced(fresh, 10_000);
  return fresh;
}

async function tokens(m: VotingMeeting, who: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of who) out[name] = await tokenFor(m.admin, m.people[name]!.userId, name);
  return out;
}

describe('one document, three processes', () => {
  it('[C1] stock clients spread over three processes, typing at once, converge to identical text; a caret is seen on the other processes', async () => {
    const [a, b, c] = (await installation()).urls as [string, string, string];
    const m = await votingMeeting(a);
    const t = await tokens(m, ['kien', 'ha', 'dung', 'lan', 'minh']);
    const editors = [
      client(a, m.documentId, t.kien!),
      client(b, m.documentId, t.ha!),
      client(c, m.documentId, t.dung!),
      client(a, m.documentId, t.lan!),
      client(b, m.documentId, t.minh!),
      client(c, m.documentId, t.kien!),
    ];
    await Promise.all(editors.map((e) => whenSynced(e, 10_000)));
    const before = paragraphs(editors[0]!.doc).length;
    const runs = editors.map((e, i) => typing(e, `p${i}`, 40, 5));
    await Promise.all(runs.map((r) => r.done));
    await until(() => editors.every((e) => editorXml(e.doc) === editorXml(editors[0]!.doc)), 15_000);
    expect(paragraphs(editors[0]!.doc)).toHaveLength(before + 6 * 40);
    // And it is what is stored: a new client on any process reads the same.
    expect(editorXml((await storedText(c, m.documentId, t.ha!)).doc)).toBe(editorXml(editors[0]!.doc));

    // Presence: a caret set on A is seen on B and C, and gone from them when its client leaves.
    editors[0]!.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    const id = editors[0]!.doc.clientID;
    await until(() => editors[1]!.provider.awareness.getStates().has(id) && editors[2]!.provider.awareness.getStates().has(id), 5000);
    editors[0]!.provider.disconnect();
    await until(() => !editors[1]!.provider.awareness.getStates().has(id) && !editors[2]!.provider.awareness.getStates().has(id), 5000);
  });

  it('[C21] a process killed (SIGKILL) during a burst loses nothing any client had received; its clients reconnect to another and converge', async () => {
    const cluster = await installation();
    const [a, b, c] = cluster.urls as [string, string, string];
    const m = await votingMeeting(b);
    const t = await tokens(m, ['kien', 'ha', 'dung']);
    const onA = client(a, m.documentId, t.kien!);
    const onB = client(b, m.documentId, t.ha!);
    const watcher = client(c, m.documentId, t.dung!);
    await Promise.all([onA, onB, watcher].map((x) => whenSynced(x, 10_000)));
    // Everything the watcher on C ever had.
    const seen = new Set<string>();
    const look = () => paragraphs(watcher.doc).forEach((p) => seen.add(p));
    watcher.doc.on('update', look);

    const writerA = typing(onA, 'a', 400, 3);
    const writerB = typing(onB, 'b', 400, 3);
    await until(() => [...seen].filter((p) => p.startsWith('a-')).length >= 30, 10_000);
    cluster.processes[0]!.proc.kill('SIGKILL');
    await cluster.processes[0]!.exited;
    await new Promise((r) => setTimeout(r, 300));
    writerA.stop();
    writerB.stop();
    await Promise.all([writerA.done, writerB.done]);
    await until(() => editorXml(watcher.doc) === editorXml(onB.doc), 10_000);
    look();

    // What the installation stored holds everything the watcher ever had, and what B's client typed.
    const stored = new Set(paragraphs((await storedText(c, m.documentId, t.dung!)).doc));
    const missing = [...seen].filter((p) => !stored.has(p));
    expect(missing).toEqual([]);
    for (const p of paragraphs(onB.doc)) expect(stored.has(p)).toBe(true);

    // A's client, pointed at another process as a proxy would send it, brings what A never stored; all converge.
    onA.provider.serverUrl = `${b.replace(/^http/, 'ws')}/collab`;
    onA.provider.connect();
    await until(() => [onA, onB, watcher].every((x) => editorXml(x.doc) === editorXml(onA.doc)), 15_000);
    const typedOnA = paragraphs(onA.doc).filter((p) => p.startsWith('a-'));
    expect(typedOnA.length).toBeGreaterThanOrEqual(30);
    expect(paragraphs(watcher.doc).filter((p) => p.startsWith('a-'))).toEqual(typedOnA);
  });

  it('[C8] a vote opened on A while clients on B and C type: nothing after the answer is applied anywhere, and the stored text is the frozen version', async () => {
    const [a, b, c] = (await installation()).urls as [string, string, string];
    const m = await votingMeeting(a);
    const t = await tokens(m, ['dung', 'lan', 'minh']);
    const onB = client(b, m.documentId, t.dung!);
    const onC = client(c, m.documentId, t.lan!);
    const onA = client(a, m.documentId, t.minh!);
    await Promise.all([onA, onB, onC].map((x) => whenSynced(x, 10_000)));
    const draft = await motion(m);
    const writers = [typing(onB, 'b', 10_000, 4), typing(onC, 'c', 10_000, 4)];
    await new Promise((r) => setTimeout(r, 400));
    const opened: MotionView = await open(m, draft.id);
    // Typing goes on for a while after the answer: none of it may reach anyone or storage.
    await new Promise((r) => setTimeout(r, 800));
    writers.forEach((w) => w.stop());
    await Promise.all(writers.map((w) => w.done));
    await new Promise((r) => setTimeout(r, 800));

    const hash = opened.version!.contentHash;
    for (const url of [a, b, c]) {
      const stored = await storedText(url, m.documentId, t.minh!);
      expect(contentHash(Y.encodeStateAsUpdate(stored.doc))).toBe(hash);
    }
    // The reader on A holds exactly the frozen text: every edit it was sent was in the version.
    expect(contentHash(Y.encodeStateAsUpdate(onA.doc))).toBe(hash);
    // And the writers typed past the freeze: what they hold locally and the server refused is the proof it was tested.
    expect(paragraphs(onB.doc).length + paragraphs(onC.doc).length).toBeGreaterThan(2 * paragraphs(onA.doc).length);
  });

  it('[C22] ballots through different processes: one per person, and every process’s watchers see every ballot live', async () => {
    const [a, b, c] = (await installation()).urls as [string, string, string];
    const m = await votingMeeting(a);
    const t = await tokens(m, ['kien']);
    const live = meetingDocumentId(m.meetingId);
    const watchers = [a, b, c].map((url) => client(url, live, t.kien!));
    await Promise.all(watchers.map((w) => whenSynced(w, 10_000)));
    const draft = await motion(m, { documentId: null, form: 'named' });
    await open(m, draft.id);
    const through = (name: string, url: string) => {
      const session = m.as[name]!;
      return fetch(new URL(`/api/motions/${draft.id}/ballots`, url), {
        method: 'POST',
        headers: { cookie: session.cookie!, 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ choice: 'for' }),
      }).then((r) => r.status);
    };
    // lan votes through every process at once: one is recorded.
    const statuses = await Promise.all([
      through('kien', a),
      through('ha', b),
      through('dung', c),
      through('lan', a),
      through('lan', b),
      through('lan', c),
    ]);
    expect(statuses.slice(0, 3)).toEqual([201, 201, 201]);
    expect(statuses.slice(3).filter((s) => s === 201)).toHaveLength(1);
    for (const w of watchers) {
      await until(() => {
        const ballots = w.doc.getMap(PROJECTION.ballots);
        return ['kien', 'ha', 'dung', 'lan'].every((p) => ballots.has(ballotKey(draft.id, m.people[p]!.userId)));
      }, 5000);
    }
  });

  it('[C23] Redis restarted mid-session: processes reconnect and catch up from the database; clients converge, nothing lost', async () => {
    redis = await OwnRedis.start();
    const [a, b] = (await installation({ processes: 2, redisUrl: redis.url })).urls as [string, string];
    const m = await votingMeeting(a);
    const t = await tokens(m, ['kien', 'ha']);
    const onA = client(a, m.documentId, t.kien!);
    const onB = client(b, m.documentId, t.ha!);
    await Promise.all([onA, onB].map((x) => whenSynced(x, 10_000)));
    typeParagraph(onA.doc, 'trước');
    await until(() => paragraphs(onB.doc).includes('trước'), 5000);

    await redis.stop();
    typeParagraph(onA.doc, 'trong lúc Redis vắng, từ A');
    typeParagraph(onB.doc, 'trong lúc Redis vắng, từ B');
    await new Promise((r) => setTimeout(r, 500));
    await redis.restart();
    typeParagraph(onA.doc, 'sau');
    await until(() => editorXml(onA.doc) === editorXml(onB.doc) && paragraphs(onB.doc).includes('sau'), 15_000);
    for (const p of ['trước', 'trong lúc Redis vắng, từ A', 'trong lúc Redis vắng, từ B', 'sau']) {
      expect(paragraphs(onA.doc)).toContain(p);
    }
    expect(editorXml((await storedText(b, m.documentId, t.ha!)).doc)).toBe(editorXml(onA.doc));
  });
});
