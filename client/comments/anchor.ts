/**
 * A comment's range as Yjs relative positions in the document's XmlFragment, made from the editor's selection and
 * resolved back to the editor's positions through y-prosemirror's helpers (@tiptap/y-tiptap). The positions name
 * Yjs items, not offsets, so the range follows its text through everyone's edits; a range whose text was deleted
 * resolves empty and the thread shows as detached.
 */
import type { EditorState } from '@tiptap/pm/state';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { CommentAnchor } from '../../shared/comments.ts';

interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Parameters<typeof relativePositionToAbsolutePosition>[3] } | null;
}

function syncOf(state: EditorState): SyncState | null {
  const sync = ySyncPluginKey.getState(state) as SyncState | undefined;
  return sync?.binding ? sync : null;
}

const encode = (rel: Y.RelativePosition) => {
  const bytes = Y.encodeRelativePosition(rel);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
};

function decode(anchor: string): Y.RelativePosition | null {
  try {
    const binary = atob(anchor);
    return Y.decodeRelativePosition(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/**
 * The relative position of `pos`, kept with the character after it (`assoc` 0) or before it (-1), so that what is
 * typed just before a range's start or just after its end stays outside the range. y-prosemirror's own helper keeps
 * every position with the character before it; a position inside a text is made again with the side wanted.
 */
function relativeAt(sync: SyncState, pos: number, assoc: 0 | -1): Y.RelativePosition {
  const rel = absolutePositionToRelativePosition(pos, sync.type, sync.binding!.mapping);
  const absolute = Y.createAbsolutePositionFromRelativePosition(rel, sync.doc);
  if (!absolute || !(absolute.type instanceof Y.XmlText)) return rel;
  return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, assoc);
}

/** The range `from`–`to` (a selection) as a comment's anchor and the text it quotes; null for an empty one. */
export function anchorOfSelection(state: EditorState, from: number, to: number): { anchor: CommentAnchor; quote: string } | null {
  const sync = syncOf(state);
  if (!sync || from >= to) return null;
  const quote = state.doc.textBetween(from, to, ' ', ' ');
  if (quote.trim() === '') return null;
  return {
    anchor: { start: encode(relativeAt(sync, from, 0)), end: encode(relativeAt(sync, to, -1)) },
    quote,
  };
}

/** Where a thread's range is in the editor now; null once its text is gone (detached). */
export function rangeOfAnchor(state: EditorState, anchor: CommentAnchor): { from: number; to: number } | null {
  const sync = syncOf(state);
  if (!sync) return null;
  const start = decode(anchor.start);
  const end = decode(anchor.end);
  if (!start || !end) return null;
  const mapping = sync.binding!.mapping;
  const from = relativePositionToAbsolutePosition(sync.doc, sync.type, start, mapping);
  const to = relativePositionToAbsolutePosition(sync.doc, sync.type, end, mapping);
  if (from === null || to === null || to <= from || to > state.doc.content.size) return null;
  return { from, to };
}
