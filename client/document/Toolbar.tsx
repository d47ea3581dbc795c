import type { ReactNode } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';
import type { MessageKey } from '../../shared/i18n.ts';
import { useI18n } from '../i18n.tsx';
import {
  AlignCenterIcon,
  AlignJustifyIcon,
  AlignLeftIcon,
  AlignRightIcon,
  BoldIcon,
  BulletListIcon,
  ItalicIcon,
  OrderedListIcon,
  RedoIcon,
  UnderlineIcon,
  UndoIcon,
} from './icons.tsx';
import { TableTools } from './TableTools.tsx';
import { ToolButton } from './ToolButton.tsx';
import { InsertVoteResult } from './voteResult/InsertVoteResult.tsx';

type Block = 'paragraph' | 'heading1' | 'heading2' | 'heading3';
const BLOCKS: readonly Block[] = ['paragraph', 'heading1', 'heading2', 'heading3'];
const HEADING_LEVEL = { heading1: 1, heading2: 2, heading3: 3 } as const;

function currentBlock(editor: Editor): Block {
  for (const level of [1, 2, 3] as const) {
    if (editor.isActive('heading', { level })) return `heading${level}`;
  }
  return 'paragraph';
}

type Align = 'left' | 'center' | 'right' | 'justify';
const ALIGNS: readonly { align: Align; label: MessageKey; Icon: () => ReactNode }[] = [
  { align: 'left', label: 'toolbar.alignLeft', Icon: AlignLeftIcon },
  { align: 'center', label: 'toolbar.alignCenter', Icon: AlignCenterIcon },
  { align: 'right', label: 'toolbar.alignRight', Icon: AlignRightIcon },
  { align: 'justify', label: 'toolbar.alignJustify', Icon: AlignJustifyIcon },
];

/** A paragraph without an alignment of its own is justified (the official layout's body text); a heading is not. */
function currentAlign(editor: Editor): Align | null {
  const explicit = ALIGNS.find(({ align }) => editor.isActive({ textAlign: align }));
  if (explicit) return explicit.align;
  return editor.isActive('paragraph') ? 'justify' : null;
}

function setBlock(editor: Editor, block: Block): void {
  const chain = editor.chain().focus();
  if (block === 'paragraph') chain.setParagraph().run();
  else chain.setHeading({ level: HEADING_LEVEL[block] }).run();
}

export interface SuggestToggle {
  on: boolean;
  /** The person may only suggest: the button shows the mode, and cannot turn it off. */
  forced: boolean;
  toggle(): void;
}

export function Toolbar({
  editor,
  labelledVoteResult = false,
  suggest,
}: {
  editor: Editor;
  labelledVoteResult?: boolean;
  suggest?: SuggestToggle;
}) {
  const { t } = useI18n();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      block: currentBlock(e),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      align: currentAlign(e),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });

  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <select
        className="toolbar-select"
        aria-label={t('toolbar.blockType')}
        data-testid="toolbar-block-type"
        value={state.block}
        onChange={(event) => setBlock(editor, event.target.value as Block)}
      >
        {BLOCKS.map((block) => (
          <option key={block} value={block}>
            {t(`toolbar.${block}`)}
          </option>
        ))}
      </select>
      <span className="toolbar-separator" aria-hidden="true" />
      <ToolButton label="toolbar.bold" active={state.bold} onPress={() => editor.chain().focus().toggleBold().run()}>
        <BoldIcon />
      </ToolButton>
      <ToolButton label="toolbar.italic" active={state.italic} onPress={() => editor.chain().focus().toggleItalic().run()}>
        <ItalicIcon />
      </ToolButton>
      <ToolButton
        label="toolbar.underline"
        active={state.underline}
        onPress={() => editor.chain().focus().toggleUnderline().run()}
      >
        <UnderlineIcon />
      </ToolButton>
      <span className="toolbar-separator" aria-hidden="true" />
      <ToolButton
        label="toolbar.bulletList"
        active={state.bulletList}
        onPress={() => editor.chain().focus().toggleBulletList().run()}
      >
        <BulletListIcon />
      </ToolButton>
      <ToolButton
        label="toolbar.orderedList"
        active={state.orderedList}
        onPress={() => editor.chain().focus().toggleOrderedList().run()}
      >
        <OrderedListIcon />
      </ToolButton>
      <TableTools editor={editor} />
      <span className="toolbar-separator" aria-hidden="true" />
      {ALIGNS.map(({ align, label, Icon }) => (
        <ToolButton
          key={align}
          label={label}
          active={state.align === align}
          onPress={() => editor.chain().focus().setTextAlign(align).run()}
        >
          <Icon />
        </ToolButton>
      ))}
      <span className="toolbar-separator" aria-hidden="true" />
      <ToolButton label="toolbar.undo" disabled={!state.canUndo} onPress={() => editor.chain().focus().undo().run()}>
        <UndoIcon />
      </ToolButton>
      <ToolButton label="toolbar.redo" disabled={!state.canRedo} onPress={() => editor.chain().focus().redo().run()}>
        <RedoIcon />
      </ToolButton>
      <InsertVoteResult editor={editor} labelled={labelledVoteResult} />
      {suggest && (
        <>
          <span className="toolbar-separator" aria-hidden="true" />
          <button
            type="button"
            className="toolbar-suggest"
            aria-pressed={suggest.on}
            disabled={suggest.forced}
            title={t(suggest.forced ? 'toolbar.suggestOnly' : suggest.on ? 'toolbar.suggestOn' : 'toolbar.suggest')}
            data-testid="toolbar-suggest"
            onClick={() => {
              suggest.toggle();
              editor.commands.focus();
            }}
          >
            {t('toolbar.suggest')}
          </button>
        </>
      )}
    </div>
  );
}
