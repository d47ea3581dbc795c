import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Editor } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import { editorExtensions } from '../../shared/editor/extensions.ts';
import { useI18n } from '../i18n.tsx';
import type { Identity } from '../identity.ts';
import type { CollabSession } from './useCollabDocument.ts';
import { withVoteResultView } from './voteResult/index.ts';
import { withMeetingFactView } from './meetingFacts/index.ts';
import { FrozenSuggestions, frozenSuggestionIds, frozenSuggestionsKey } from './suggest/FrozenSuggestions.ts';
import { useMotions } from './voteResult/MotionsContext.ts';
import { Toolbar } from './Toolbar.tsx';
import { Carets } from './Carets.ts';
import { SuggestMode } from './suggest/SuggestMode.ts';
import type { SuggestionAuthor } from './suggest/transform.ts';
import './official.css';

interface Props {
  session: CollabSession;
  identity: Identity;
  /** The server dropped this connection's writes (an observer): the editor does not pretend otherwise. */
  readOnly: boolean;
  /**
   * Frozen by a vote or adopted: like read-only, but it can end while the page is open, so the editor is
   * switched back without being rebuilt (which would lose the undo history and the selection).
   */
  locked: boolean;
  /** Minutes: "Chèn kết quả biểu quyết" is a labelled button. */
  labelledVoteResult: boolean;
  /** Whose suggestions this person's suggest mode writes. */
  author: SuggestionAuthor;
  /** The person may only suggest (a delegate, when the meeting says so): suggest mode is on and stays on. */
  suggestOnly: boolean;
  onEditor?(editor: Editor | null): void;
  status: ReactNode;
  notice: ReactNode;
  aside: ReactNode;
}

/** The editing screen: a sticky bar (toolbar, connection), the page, and the side panel. */
export function DocumentEditor({
  session,
  identity,
  readOnly,
  locked,
  labelledVoteResult,
  author,
  suggestOnly,
  onEditor,
  status,
  notice,
  aside,
}: Props) {
  const { t, lang } = useI18n();
  // Read once when the editor is created; later renames reach the awareness state through useCollabDocument,
  // so the editor is not rebuilt (which would lose the undo history and the selection).
  const initialIdentity = useRef(identity);
  const initialAuthor = useRef(author);
  const [suggestChosen, setSuggestChosen] = useState(false);
  const suggesting = suggestOnly || suggestChosen;

  const editor = useEditor(
    {
      extensions: [
        // The same schema as the server's templates; it leaves undo to Yjs (each person undoes only their own edits).
        // The vote-result block gets its live view here; the schema is the shared one, so documents sync unchanged.
        // So do the meeting facts, from the meeting's live state.
        ...withMeetingFactView(withVoteResultView(editorExtensions())),
        // The suggestions of an amendment being voted on: framed, and local edits to them refused.
        FrozenSuggestions,
        Collaboration.configure({ document: session.ydoc }),
        SuggestMode.configure({ author: initialAuthor.current }),
        Carets.configure({
          provider: session.provider,
          user: { name: initialIdentity.current.name, color: initialIdentity.current.color },
        }),
      ],
    },
    [session],
  );

  useEffect(() => {
    onEditor?.(editor);
    return () => onEditor?.(null);
  }, [editor, onEditor]);

  useEffect(() => {
    editor.storage.suggestMode.enabled = suggesting;
  }, [editor, suggesting]);

  // The frozen suggestions follow the live motions without rebuilding the editor.
  const motions = useMotions();
  const frozenKey = [...frozenSuggestionIds(motions)].sort().join(' ');
  useEffect(() => {
    if (editor.isDestroyed) return;
    const ids = new Set(frozenKey === '' ? [] : frozenKey.split(' '));
    editor.view.dispatch(editor.state.tr.setMeta(frozenSuggestionsKey, { ids, title: t('amendment.frozenHint') }).setMeta('addToHistory', false));
  }, [editor, frozenKey, t]);

  const editable = !readOnly && !locked;
  useEffect(() => {
    editor.setEditable(editable);
  }, [editor, editable]);

  // The label follows the interface language, which can change without rebuilding the editor.
  useEffect(() => {
    editor.setOptions({
      editorProps: {
        attributes: {
          class: 'document-text',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': t('editor.label'),
        },
      },
    });
  }, [editor, t, lang]);

  return (
    <div className="workspace">
      <div className="doc-bar">
        {editable ? (
          <Toolbar
            editor={editor}
            labelledVoteResult={labelledVoteResult}
            suggest={{ on: suggesting, forced: suggestOnly, toggle: () => setSuggestChosen((on) => !on) }}
          />
        ) : (
          <span />
        )}
        {status}
      </div>
      {notice}
      <div className="doc-columns">
        <div className="sheet" data-testid="editor" data-editable={editable} data-suggesting={editable && suggesting}>
          <EditorContent editor={editor} />
        </div>
        <aside className="doc-side">{aside}</aside>
      </div>
    </div>
  );
}
