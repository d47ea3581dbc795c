import type { JSONContent } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { editorExtensions } from '../../shared/editor/extensions.ts';
import { withVoteResultView } from '../document/voteResult/index.ts';
import { useI18n } from '../i18n.tsx';
import '../document/official.css';

/**
 * A version's text on the same A4 sheet as the editor, by the same schema and the same vote-result view, so it
 * reads exactly like the document did. No Yjs: the JSON is the version, and nothing here can change it.
 */
export function ReadOnlyDocument({ content }: { content: JSONContent }) {
  const { t } = useI18n();
  const editor = useEditor(
    {
      extensions: withVoteResultView(editorExtensions()),
      content,
      editable: false,
      editorProps: {
        attributes: {
          class: 'document-text',
          role: 'document',
          'aria-readonly': 'true',
          'aria-label': t('viewer.text'),
        },
      },
    },
    [content],
  );
  return (
    <div className="doc-columns version-columns">
      <div className="sheet" data-testid="version-sheet" data-editable="false">
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}
