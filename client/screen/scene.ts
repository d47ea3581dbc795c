/**
 * What the hall's screen shows, decided from the meeting's live state alone (no clock, no local choice), so every
 * projector in the hall, and one reloaded mid-vote, shows the same thing (SPEC PJ2):
 *
 * - a vote is open: that vote (the one opened last, if the chair opened several);
 * - else the result of the last vote, as the room's banner shows it (`bannerMotion`), until the chair moves on:
 *   opens another vote, repeats this one, or prepares the next motion;
 * - else the meeting itself: its order of business, the next motion prepared, and the text under discussion (the
 *   draft that motion puts to the vote, live) or else the text settled last.
 */
import type { DocumentView, MotionView } from '../../shared/api.ts';
import { bannerMotion } from '../motions/ResultBanner.tsx';

/** A text the meeting has settled: adopted by a vote, or finalised (with its number). */
export interface SettledText {
  documentId: string;
  title: string;
  /** The version holding the text: the one voted on, or the final one. */
  versionId: string;
  /** The official number once final (`01/NQ-TTCNL`). */
  number: string | null;
  /** The vote that adopted it, when there was one (minutes are finalised without a vote). */
  motion: MotionView | null;
}

export type Scene =
  | { kind: 'vote'; motion: MotionView; alsoOpen: number }
  | { kind: 'result'; motion: MotionView; settled: SettledText | null }
  | { kind: 'overview'; next: MotionView | null; discussed: DocumentView | null; settled: SettledText | null };

const later = (a: string | null, b: string | null) => (a ?? '') > (b ?? '');

export function projectorScene(motions: readonly MotionView[], documents: readonly DocumentView[]): Scene {
  const open = motions.filter((m) => m.status === 'open');
  if (open.length > 0) {
    const shown = open.reduce((a, b) => (later(b.openedAt, a.openedAt) || (b.openedAt === a.openedAt && b.number > a.number) ? b : a));
    return { kind: 'vote', motion: shown, alsoOpen: open.length - 1 };
  }
  const drafts = motions.filter((m) => m.status === 'draft');
  const result = bannerMotion(motions);
  // Preparing the next motion after the result is the desk moving on; the room's banner stays (RB3), the hall's
  // screen turns to what comes next.
  if (result && !drafts.some((m) => later(m.createdAt, result.closedAt))) {
    return { kind: 'result', motion: result, settled: settledBy(result, documents) };
  }
  const next = drafts.reduce<MotionView | null>((a, b) => (a === null || b.number > a.number ? b : a), null);
  // The draft the next vote is on is what the hall is discussing; one already locked (adopted, being finalised)
  // is not a draft any more.
  const discussed = documents.find((d) => d.id === next?.documentId && d.lock === null) ?? null;
  return { kind: 'overview', next, discussed, settled: lastSettled(motions, documents) };
}

/** The text a result adopted (the version voted on, or the final one if it has been finalised since). */
function settledBy(motion: MotionView, documents: readonly DocumentView[]): SettledText | null {
  if (motion.outcome !== 'adopted' || motion.documentId === null || motion.version === null) return null;
  // An amendment adopts a change to a text, not the text: its result shows the change (PJ7).
  if (motion.amendment) return null;
  const document = documents.find((d) => d.id === motion.documentId);
  const final = document?.finalisation?.status === 'final' ? document.finalisation : null;
  return {
    documentId: motion.documentId,
    title: document?.title ?? motion.documentTitle ?? '',
    versionId: final?.versionId ?? motion.version.id,
    number: final?.number ?? null,
    motion,
  };
}

/** The text settled last: adopted by the newest vote, or finalised most recently, whichever came later. */
export function lastSettled(motions: readonly MotionView[], documents: readonly DocumentView[]): SettledText | null {
  let best: { text: SettledText; at: string } | null = null;
  const consider = (text: SettledText | null, at: string | null) => {
    if (text && at !== null && (best === null || at > best.at)) best = { text, at };
  };
  for (const motion of motions) {
    if (motion.status === 'closed') consider(settledBy(motion, documents), motion.closedAt);
  }
  for (const document of documents) {
    const final = document.finalisation;
    if (final?.status !== 'final') continue;
    const motion = motions.find((m) => m.documentId === document.id && m.outcome === 'adopted') ?? null;
    consider(
      { documentId: document.id, title: document.title, versionId: final.versionId, number: final.number, motion },
      final.confirmedAt,
    );
  }
  return (best as { text: SettledText } | null)?.text ?? null;
}
