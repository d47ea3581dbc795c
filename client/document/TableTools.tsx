import { useEditorState, type Editor } from '@tiptap/react';
import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from '../../shared/editor/allowed.ts';
import { tableAt, tableHasRoomFor } from '../../shared/editor/tables.ts';
import { useI18n } from '../i18n.tsx';
import {
  ColumnAddIcon,
  ColumnDeleteIcon,
  HeaderRowIcon,
  RowAddIcon,
  RowDeleteIcon,
  TableDeleteIcon,
  TableIcon,
} from './icons.tsx';
import { canInsertTable, hasHeaderRow } from './tableState.ts';
import { ToolButton } from './ToolButton.tsx';

/**
 * The toolbar's table buttons: "insert table" (3 × 3 with a header row) wherever a table may go; the buttons that
 * change a table only while the cursor is in one, each disabled when it does not apply (the last row or column
 * cannot be deleted, a full table takes no more, with the reason on hover).
 */
export function TableTools({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const table = tableAt(e.state);
      return {
        canInsert: canInsertTable(e.state),
        inTable: table !== null,
        headerRow: table !== null && hasHeaderRow(table),
        rowsFull: table !== null && !tableHasRoomFor(e.state, 'row'),
        columnsFull: table !== null && !tableHasRoomFor(e.state, 'column'),
        canDeleteRow: e.can().deleteRow(),
        canDeleteColumn: e.can().deleteColumn(),
        canToggleHeader: e.can().toggleHeaderRow(),
      };
    },
  });

  return (
    <>
      <span className="toolbar-separator" aria-hidden="true" />
      <ToolButton
        label="toolbar.insertTable"
        title={state.canInsert ? undefined : t('toolbar.tableNotHere')}
        disabled={!state.canInsert}
        onPress={() => editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
      >
        <TableIcon />
      </ToolButton>
      {state.inTable && (
        <span className="toolbar-group" role="group" aria-label={t('toolbar.tableGroup')} data-testid="toolbar-table">
          <ToolButton
            label="toolbar.addRow"
            title={state.rowsFull ? t('toolbar.tableMaxRows', { count: MAX_TABLE_ROWS }) : undefined}
            disabled={state.rowsFull}
            onPress={() => editor.chain().focus().addRowAfter().run()}
          >
            <RowAddIcon />
          </ToolButton>
          <ToolButton label="toolbar.deleteRow" disabled={!state.canDeleteRow} onPress={() => editor.chain().focus().deleteRow().run()}>
            <RowDeleteIcon />
          </ToolButton>
          <ToolButton
            label="toolbar.addColumn"
            title={state.columnsFull ? t('toolbar.tableMaxColumns', { count: MAX_TABLE_COLUMNS }) : undefined}
            disabled={state.columnsFull}
            onPress={() => editor.chain().focus().addColumnAfter().run()}
          >
            <ColumnAddIcon />
          </ToolButton>
          <ToolButton
            label="toolbar.deleteColumn"
            disabled={!state.canDeleteColumn}
            onPress={() => editor.chain().focus().deleteColumn().run()}
          >
            <ColumnDeleteIcon />
          </ToolButton>
          <ToolButton
            label="toolbar.headerRow"
            active={state.headerRow}
            disabled={!state.canToggleHeader}
            onPress={() => editor.chain().focus().toggleHeaderRow().run()}
          >
            <HeaderRowIcon />
          </ToolButton>
          <ToolButton label="toolbar.deleteTable" onPress={() => editor.chain().focus().deleteTable().run()}>
            <TableDeleteIcon />
          </ToolButton>
        </span>
      )}
    </>
  );
}
