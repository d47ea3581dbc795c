import type { Command } from '@tiptap/pm/state';

/**
 * Enter inside a ruled line ("TRUNG TÂM CÔNG NGHỆ | LASER"): the rule belongs under the lower half. A plain
 * split copies every attribute to both halves, which would draw two rules; a split at the very end is left to
 * the default command, where the rule attribute's keepOnSplit: false already keeps it off the new line.
 */
export const splitRuledParagraph: Command = (state, dispatch) => {
  const { $from, $to } = state.selection;
  const paragraph = $from.parent;
  if (paragraph.type.name !== 'paragraph' || !paragraph.attrs.rule || !$from.sameParent($to)) return false;
  if ($to.parentOffset === paragraph.content.size) return false;
  if (dispatch) {
    const tr = state.tr.deleteSelection();
    const start = tr.mapping.map($from.before());
    tr.setNodeMarkup(start, undefined, { ...paragraph.attrs, rule: null });
    tr.split(tr.mapping.map($from.pos), 1, [{ type: paragraph.type, attrs: paragraph.attrs }]);
    dispatch(tr.scrollIntoView());
  }
  return true;
};
