import { useMemo, type ReactNode } from 'react';
import type { AmendmentView, VersionContent } from '../../shared/api.ts';
import { apiPath } from '../api/http.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { useI18n } from '../i18n.tsx';
import { screenBlocks, type ScreenBlock } from './textBlocks.ts';

/**
 * A text on the hall's screen, with what it replaces beside it when there is one: an amendment's old and new
 * wording, side by side (issue 16); a whole text (a vote's frozen text, the text the meeting adopted) has none.
 */
export interface TextChange {
  /** What the panel is: "Văn bản biểu quyết: …", "Sửa đổi Điều 2, khoản 1". */
  title: string;
  /** The wording replaced; null for a whole text. */
  oldText: readonly ScreenBlock[] | null;
  newText: readonly ScreenBlock[];
}

export function TextChangePanel({ title, oldText, newText, testId }: TextChange & { testId: string }) {
  const { t } = useI18n();
  return (
    <section className="screen-text" data-testid={testId} aria-label={title}>
      <h3 className="screen-text-title">{title}</h3>
      {oldText ? (
        <div className="screen-text-change">
          <div className="screen-text-old" data-testid={`${testId}-old`}>
            <p className="screen-text-caption">{t('screen.oldText')}</p>
            <Blocks blocks={oldText} />
          </div>
          <div className="screen-text-new" data-testid={`${testId}-new`}>
            <p className="screen-text-caption">{t('screen.newText')}</p>
            <Blocks blocks={newText} />
          </div>
        </div>
      ) : (
        <div className="screen-text-body" data-testid={`${testId}-body`}>
          <Blocks blocks={newText} />
        </div>
      )}
    </section>
  );
}

function Blocks({ blocks }: { blocks: readonly ScreenBlock[] }) {
  return blocks.map((block, index) =>
    block.kind === 'table' ? (
      <table key={index} className="screen-table">
        <tbody>
          {block.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    ) : (
      <p key={index} className={block.heading ? 'screen-line screen-heading' : 'screen-line'} data-align={block.align}>
        {block.runs.length === 0 ? '\u00a0' : block.runs.map((run, r) => <Run key={r} {...run} />)}
      </p>
    ),
  );
}

function Run({ text, bold, italic, underline }: { text: string; bold?: true; italic?: true; underline?: true }) {
  let node: ReactNode = text;
  if (underline) node = <u>{node}</u>;
  if (italic) node = <i>{node}</i>;
  if (bold) node = <b>{node}</b>;
  return node;
}

/** A version's text (a vote's frozen text, an adopted or final text) in the panel, fetched once per version. */
export function VersionTextPanel({ versionId, title, testId }: { versionId: string; title: string; testId: string }) {
  const version = useApiQuery<VersionContent>(apiPath`/api/versions/${versionId}`, { offline: true });
  const content = version.data?.id === versionId ? version.data.content : null;
  const blocks = useMemo(() => (content ? screenBlocks(content) : null), [content]);
  if (!blocks) return null;
  return <TextChangePanel title={title} oldText={null} newText={blocks} testId={testId} />;
}

/** The paragraphs an amendment touches as plain lines, before and after (PJ7). */
export function amendmentChange(amendment: AmendmentView): { oldText: ScreenBlock[]; newText: ScreenBlock[] } {
  const line = (text: string): ScreenBlock => ({ kind: 'paragraph', align: 'left', heading: false, runs: text ? [{ text }] : [] });
  return {
    oldText: amendment.clauses.map((c) => line(c.before)),
    newText: amendment.clauses.map((c) => line(c.after)),
  };
}
