/**
 * Keeps the meeting-fact blocks of a meeting's documents saying what the meeting knows now: a check-in, a roster
 * change or the closing rewrites the stored `text` of every block whose fact changed, so an export, a copy or the
 * document opened outside its meeting says the current value. Written on the Yjs tree the editor binds to, as the
 * vote results are (vote-results.ts).
 */
import * as Y from 'yjs';
import { MEETING_FACT_NODE } from '../../shared/editor/meeting-fact.ts';
import type { MeetingFactTexts } from '../../shared/meeting-facts.ts';
import { MEETING_FACTS } from '../../shared/meeting-facts.ts';
import type { Logger } from '../collab/peer.ts';
import { COLLABORATION_FIELD } from './initial-state.ts';

/**
 * Sets `text` on every meeting-fact block, at any depth, whose fact is known and which does not already say it;
 * returns how many changed. One transaction: inside the server's own change it joins that transaction, and a
 * document with nothing to change is not written at all.
 */
export function fillMeetingFacts(doc: Y.Doc, facts: MeetingFactTexts): number {
  const fragment = doc.getXmlFragment(COLLABORATION_FIELD);
  const stale: [Y.XmlElement, string][] = [];
  for (const node of fragment.createTreeWalker((n) => n instanceof Y.XmlElement && n.nodeName === MEETING_FACT_NODE)) {
    const element = node as Y.XmlElement;
    const fact = MEETING_FACTS.find((f) => f === element.getAttribute('fact'));
    if (fact && element.getAttribute('text') !== facts[fact]) stale.push([element, facts[fact]]);
  }
  if (stale.length > 0) {
    doc.transact(() => {
      for (const [element, text] of stale) element.setAttribute('text', text);
    });
  }
  return stale.length;
}

export interface MeetingFactsWriterOptions {
  /** The meeting's unlocked documents now: a locked text (voted on, adopted, submitted, final) is never changed. */
  documentsOf(meetingId: string): Promise<readonly string[]>;
  /** The facts now, read when the write happens (not when it was asked for), so a burst ends on its last state. */
  factsOf(meetingId: string): Promise<MeetingFactTexts | null>;
  /** The server's own change of a document; `locked` is its room's lock at that instant. */
  change(docId: string, fn: (doc: Y.Doc, locked: boolean) => void): Promise<void>;
  log: Logger;
  /** How long a change waits for others to join it: 47 check-ins in a second make one write per document. */
  delayMs: number;
}

/** Coalesces fact changes per meeting: at most one pass over its documents per `delayMs`, on the latest facts. */
export class MeetingFactsWriter {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly options: MeetingFactsWriterOptions) {}

  /** The meeting's facts changed: its documents will say so within `delayMs` (and one pass). */
  changed(meetingId: string): void {
    if (this.pending.has(meetingId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(meetingId);
      // After a pass still running for this meeting: two passes never write the same document at once.
      const previous = this.running.get(meetingId) ?? Promise.resolve();
      const run = previous
        .then(() => this.write(meetingId))
        // The server may be closing under a pass (its database gone): logged, never an unhandled rejection.
        .catch((err: unknown) => this.options.log.error({ meetingId, err: String(err) }, 'could not write the meeting facts'));
      this.running.set(meetingId, run);
      void run.finally(() => {
        if (this.running.get(meetingId) === run) this.running.delete(meetingId);
      });
    }, this.options.delayMs);
    timer.unref();
    this.pending.set(meetingId, timer);
  }

  /** Resolves once nothing is waiting or being written (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0 || this.running.size > 0) {
      await Promise.all([...this.running.values()]);
      if (this.pending.size > 0) await new Promise((r) => setTimeout(r, this.options.delayMs));
    }
  }

  stop(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private async write(meetingId: string): Promise<void> {
    const facts = await this.options.factsOf(meetingId);
    if (!facts) return;
    for (const docId of await this.options.documentsOf(meetingId)) {
      await this.options
        // Checked again inside the change: a vote or a request may have frozen the text since the list was read.
        .change(docId, (doc, locked) => {
          if (!locked) fillMeetingFacts(doc, facts);
        })
        .catch((err: unknown) => this.options.log.error({ docId, err: String(err) }, 'could not write the meeting facts'));
    }
  }
}
