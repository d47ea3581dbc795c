import { Extension } from '@tiptap/core';
import type { Mark, Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { AddMarkStep, AttrStep, RemoveMarkStep, ReplaceAroundStep, ReplaceStep } from '@tiptap/pm/transform';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { MotionView } from '../../../shared/api.ts';
import { SUGGEST_DELETE, SUGGEST_INSERT, SUGGESTABLE_NODE, SUGGESTED_PARAGRAPH } from '../../../shared/editor/suggestion-marks.ts';
import './frozen.css';

/**
 * The partial freeze of an amendment vote, in the editor: the suggestions of amendments being voted on (from the
 * meeting's live motions) are shown framed, and a local change that would touch them is refused before it is applied
 * (the server would hold it back anyway: `server/collab/freeze-gate.ts`). Remote changes always pass.
 */
interface FrozenState {
  ids: ReadonlySet<string>;
  title: string;
  decorations: DecorationSet;
}

export const frozenSuggestionsKey = new PluginKey<FrozenState>('frozenSuggestions');

/** The suggestion ids frozen now: those of amendments whose vote is open, or whose outcome is being applied. */
export function frozenSuggestionIds(motions: readonly MotionView[]): Set<string> {
  const ids = new Set<string>();
  for (const m of motions) if (m.amendment?.frozen) for (const id of m.amendment.suggestionIds) ids.add(id);
  return ids;
}

function frozenIdOf(marks: readonly Mark[], ids: ReadonlySet<string>): string | null {
  for (const mark of marks) {
    if (mark.type.name !== SUGGEST_INSERT && mark.type.name !== SUGGEST_DELETE) continue;
    const id = (mark.attrs as { id?: unknown }).id;
    if (typeof id === 'string' && ids.has(id)) return id;
  }
  return null;
}

/** Whether `node` is a paragraph suggested as a whole under a frozen id (the whole paragraph is frozen, SG10). */
function frozenParagraph(node: PMNode, ids: ReadonlySet<string>): boolean {
  if (node.type.name !== SUGGESTABLE_NODE) return false;
  const id = (node.attrs[SUGGESTED_PARAGRAPH] as { id?: unknown } | null)?.id;
  return typeof id === 'string' && ids.has(id);
}

/** Whether content to be inserted carries a frozen id (a paragraph or text of a suggestion being voted on). */
function carriesFrozen(content: { descendants(f: (node: PMNode) => boolean): void }, ids: ReadonlySet<string>): boolean {
  let found = false;
  content.descendants((node) => {
    if (frozenParagraph(node, ids) || (node.isText && frozenIdOf(node.marks, ids) !== null)) found = true;
    return !found;
  });
  return found;
}

function decorationsOf(doc: PMNode, ids: ReadonlySet<string>, title: string): DecorationSet {
  if (ids.size === 0) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (frozenParagraph(node, ids)) decorations.push(Decoration.node(pos, pos + node.nodeSize, { class: 'suggestion-frozen', title }));
    if (node.isText && frozenIdOf(node.marks, ids) !== null) {
      decorations.push(Decoration.inline(pos, pos + node.nodeSize, { class: 'suggestion-frozen', title }));
    }
    return true;
  });
  return DecorationSet.create(doc, decorations);
}

/** Whether text carrying a frozen id lies within `from`–`to` of `doc`. */
function frozenWithin(doc: PMNode, from: number, to: number, ids: ReadonlySet<string>): boolean {
  let found = false;
  doc.nodesBetween(from, to, (node) => {
    if (found) return false;
    if (frozenParagraph(node, ids) || (node.isText && frozenIdOf(node.marks, ids) !== null)) found = true;
    return !found;
  });
  return found;
}

/** Whether a local transaction would change, remove or cut into frozen text. */
export function touchesFrozen(tr: Transaction, ids: ReadonlySet<string>): boolean {
  if (ids.size === 0 || !tr.docChanged) return false;
  return tr.steps.some((step, i) => {
    const doc = tr.docs[i]!;
    if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) return frozenWithin(doc, step.from, step.to, ids);
    if (step instanceof AttrStep) return frozenWithin(doc, step.pos, step.pos + 1, ids);
    if ((step instanceof ReplaceStep || step instanceof ReplaceAroundStep) && carriesFrozen(step.slice.content, ids)) return true;
    let touched = false;
    step.getMap().forEach((oldStart, oldEnd) => {
      if (touched) return;
      if (oldEnd > oldStart) {
        touched = frozenWithin(doc, oldStart, oldEnd, ids);
        return;
      }
      // A pure insertion: refused inside a frozen paragraph, or between two characters of one frozen suggestion.
      const $pos = doc.resolve(oldStart);
      if (frozenParagraph($pos.parent, ids)) {
        touched = true;
        return;
      }
      const before = $pos.nodeBefore?.isText ? frozenIdOf($pos.nodeBefore.marks, ids) : null;
      const after = $pos.nodeAfter?.isText ? frozenIdOf($pos.nodeAfter.marks, ids) : null;
      touched = before !== null && before === after;
    });
    return touched;
  });
}

export const FrozenSuggestions = Extension.create({
  name: 'frozenSuggestions',

  addProseMirrorPlugins() {
    return [
      new Plugin<FrozenState>({
        key: frozenSuggestionsKey,
        state: {
          init: (_config, state) => ({ ids: new Set(), title: '', decorations: decorationsOf(state.doc, new Set(), '') }),
          apply: (tr, value, _old, state: EditorState) => {
            const next = tr.getMeta(frozenSuggestionsKey) as { ids: ReadonlySet<string>; title: string } | undefined;
            if (next) return { ...next, decorations: decorationsOf(state.doc, next.ids, next.title) };
            if (!tr.docChanged || value.ids.size === 0) return value;
            return { ...value, decorations: decorationsOf(state.doc, value.ids, value.title) };
          },
        },
        props: {
          decorations: (state) => frozenSuggestionsKey.getState(state)?.decorations ?? DecorationSet.empty,
        },
        filterTransaction: (tr, state) => {
          const frozen = frozenSuggestionsKey.getState(state);
          if (!frozen || frozen.ids.size === 0) return true;
          // What y-prosemirror applies from the shared document (others' edits, undo) has happened already.
          if (tr.getMeta(ySyncPluginKey) !== undefined) return true;
          return !touchesFrozen(tr, frozen.ids);
        },
      }),
    ];
  },
});
