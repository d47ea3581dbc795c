import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n.tsx';
import { collapseUnchanged, type DiffRow } from './collapse.ts';
import type { BlockChange, Segment } from './diff.ts';

export type DiffMode = 'side' | 'inline';

/**
 * An inserted or deleted stretch: <ins> or <del>, with words around it that only screen readers read ("đã xóa:
 * … (hết phần xóa)"), since most of them say nothing of the elements themselves. The words stand outside the
 * element, so its text is the document's text alone.
 */
function Mark({ op, text }: { op: 'ins' | 'del'; text: string }) {
  const { t } = useI18n();
  return (
    <>
      <span className="diff-sr">{t(op === 'ins' ? 'compare.srInsStart' : 'compare.srDelStart')}</span>
      {op === 'ins' ? <ins>{text}</ins> : <del>{text}</del>}
      <span className="diff-sr">{t(op === 'ins' ? 'compare.srInsEnd' : 'compare.srDelEnd')}</span>
    </>
  );
}

/** A run of words: kept as text, inserted and deleted ones marked. */
function Words({ segments }: { segments: readonly Segment[] }) {
  return (
    <>
      {segments.map((segment, i) => (segment.op === 'same' ? <span key={i}>{segment.text}</span> : <Mark key={i} op={segment.op} text={segment.text} />))}
    </>
  );
}

/** One side of a block: in the "before" column inserted words are left out, in the "after" column deleted ones. */
function blockSide(change: BlockChange, side: 'before' | 'after' | 'both'): ReactNode {
  switch (change.op) {
    case 'same':
      return change.text;
    case 'ins':
      return side === 'before' ? null : <Mark op="ins" text={change.text} />;
    case 'del':
      return side === 'after' ? null : <Mark op="del" text={change.text} />;
    case 'changed': {
      const drop = side === 'before' ? 'ins' : side === 'after' ? 'del' : null;
      return <Words segments={change.segments.filter((s) => s.op !== drop)} />;
    }
  }
}

function Block({ change, side }: { change: BlockChange; side: 'before' | 'after' | 'both' }) {
  const content = blockSide(change, side);
  if (content === null) return <div className="diff-block diff-empty" aria-hidden="true" />;
  return (
    <div className="diff-block" data-kind={change.kind}>
      {content}
    </div>
  );
}

function Row({ row, mode, onExpand }: { row: DiffRow; mode: DiffMode; onExpand(): void }) {
  const { t } = useI18n();
  if (row.op === 'gap') {
    return (
      <div className="diff-row diff-gap">
        <button type="button" className="link-button" data-testid="diff-expand" onClick={onExpand}>
          {t('compare.showUnchanged', { count: row.hidden.length })}
        </button>
      </div>
    );
  }
  const { change } = row;
  return (
    <div className="diff-row" data-op={change.op}>
      {mode === 'side' ? (
        <>
          <Block change={change} side="before" />
          <Block change={change} side="after" />
        </>
      ) : (
        <Block change={change} side="both" />
      )}
    </div>
  );
}

/** The comparison itself, unchanged stretches folded until asked for. */
export function DiffView({ changes, mode }: { changes: readonly BlockChange[]; mode: DiffMode }) {
  const [expanded, setExpanded] = useState(false);
  const rows: DiffRow[] = expanded ? changes.map((change) => ({ op: 'block', change })) : collapseUnchanged(changes);
  return (
    <div className="diff-view" data-testid="version-diff" data-mode={mode}>
      {rows.map((row, i) => (
        <Row key={i} row={row} mode={mode} onExpand={() => setExpanded(true)} />
      ))}
    </div>
  );
}
