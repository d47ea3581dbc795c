/**
 * The commented ranges highlighted in the text (a ProseMirror plugin added to the live editor by the comments
 * panel, so that the editor's own extensions stay as they are). The ranges are resolved again from their anchors
 * after every change of the text; a click on a highlighted range tells the panel which thread it belongs to.
 */
import type { Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { CommentAnchor } from '../../shared/comments.ts';
import { rangeOfAnchor } from './anchor.ts';

export interface HighlightThread {
  id: string;
  anchor: CommentAnchor;
}

interface HighlightState {
  threads: readonly HighlightThread[];
  active: string | null;
  /** Thread id → its range now; absent: detached. */
  ranges: ReadonlyMap<string, { from: number; to: number }>;
}

export const commentHighlightKey = new PluginKey<HighlightState>('quorumCommentHighlight');

type Meta = { threads?: readonly HighlightThread[]; active?: string | null; ranges?: ReadonlyMap<string, { from: number; to: number }> };

function sameRanges(a: ReadonlyMap<string, { from: number; to: number }>, b: ReadonlyMap<string, { from: number; to: number }>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, r] of a) {
    const other = b.get(id);
    if (!other || other.from !== r.from || other.to !== r.to) return false;
  }
  return true;
}

export function resolveRanges(state: EditorState, threads: readonly HighlightThread[]): Map<string, { from: number; to: number }> {
  const ranges = new Map<string, { from: number; to: number }>();
  for (const t of threads) {
    const range = rangeOfAnchor(state, t.anchor);
    if (range) ranges.set(t.id, range);
  }
  return ranges;
}

/**
 * The plugin. `onRanges` hears the ranges whenever they change (the panel orders its threads by them and marks the
 * detached ones); `onClick` hears the thread under a click in the text.
 */
export function commentHighlight(options: {
  onRanges(ranges: ReadonlyMap<string, { from: number; to: number }>): void;
  onClick(threadId: string): void;
}): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key: commentHighlightKey,
    state: {
      init: () => ({ threads: [], active: null, ranges: new Map() }),
      apply(tr, value) {
        const meta = tr.getMeta(commentHighlightKey) as Meta | undefined;
        if (!meta) {
          // Until the ranges are resolved again (after this change reached Yjs), they move with the text.
          if (!tr.docChanged) return value;
          const mapped = new Map<string, { from: number; to: number }>();
          for (const [id, r] of value.ranges) {
            const from = tr.mapping.map(r.from, 1);
            const to = tr.mapping.map(r.to, -1);
            if (to > from) mapped.set(id, { from, to });
          }
          return { ...value, ranges: mapped };
        }
        return { ...value, ...meta };
      },
    },
    props: {
      decorations(state) {
        const value = commentHighlightKey.getState(state);
        if (!value || value.ranges.size === 0) return null;
        const decorations: Decoration[] = [];
        for (const [id, r] of value.ranges) {
          decorations.push(
            Decoration.inline(r.from, r.to, {
              class: id === value.active ? 'comment-range comment-range-active' : 'comment-range',
              'data-thread-id': id,
            }),
          );
        }
        return DecorationSet.create(state.doc, decorations);
      },
      handleClick(view, pos) {
        const value = commentHighlightKey.getState(view.state);
        if (!value) return false;
        // The innermost (shortest) range under the click.
        let best: { id: string; size: number } | null = null;
        for (const [id, r] of value.ranges) {
          if (pos >= r.from && pos <= r.to && (!best || r.to - r.from < best.size)) best = { id, size: r.to - r.from };
        }
        if (best) options.onClick(best.id);
        // The click still places the caret (or selects), as it would anywhere in the text.
        return false;
      },
    },
    view() {
      let scheduled = false;
      return {
        update(view, previous) {
          const value = commentHighlightKey.getState(view.state);
          if (!value || (view.state.doc.eq(previous.doc) && value.threads === commentHighlightKey.getState(previous)?.threads)) return;
          if (scheduled) return;
          scheduled = true;
          // After the sync plugin has written this change into Yjs, so that its mapping knows the new nodes.
          queueMicrotask(() => {
            scheduled = false;
            if (view.isDestroyed) return;
            const current = commentHighlightKey.getState(view.state);
            if (!current) return;
            const ranges = resolveRanges(view.state, current.threads);
            if (sameRanges(ranges, current.ranges)) return;
            view.dispatch(view.state.tr.setMeta(commentHighlightKey, { ranges } satisfies Meta).setMeta('addToHistory', false));
            options.onRanges(ranges);
          });
        },
      };
    },
  });
}

/** Tells the plugin the threads to show (resolved ones are left out by the caller) and the one selected. */
export function setHighlight(editor: Editor, threads: readonly HighlightThread[], active: string | null): Map<string, { from: number; to: number }> {
  const ranges = resolveRanges(editor.state, threads);
  if (!editor.isDestroyed) {
    editor.view.dispatch(editor.state.tr.setMeta(commentHighlightKey, { threads, active, ranges } satisfies Meta).setMeta('addToHistory', false));
  }
  return ranges;
}
