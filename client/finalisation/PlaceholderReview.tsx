import { useId } from 'react';
import type { Editor } from '@tiptap/core';
import type { Placeholder } from '../../shared/editor/placeholders.ts';
import { FACT_BLANKS } from '../../shared/meeting-facts.ts';
import { BLANK } from '../../shared/templates/types.ts';
import { useI18n } from '../i18n.tsx';
import { showPlaceholder } from './usePlaceholders.ts';

interface Props {
  placeholders: readonly Placeholder[];
  /** The ids ticked as blank on purpose (ticks of placeholders no longer there are ignored). */
  ticked: ReadonlySet<string>;
  onTick(id: string, ticked: boolean): void;
  editor: Editor | null;
  /** The server refused a list it no longer matched: this one is newer. */
  changed: boolean;
}

/** What stands in place of the gap in its context line. */
function gapWords(p: Placeholder): string {
  if (p.kind === 'meetingFact') return p.fact ? FACT_BLANKS[p.fact] : BLANK;
  return BLANK;
}

/**
 * The secretary's check before submitting a text for issue: each gap it still has, in reading order, with the
 * words around it, a link that takes the editor to it, and a box to say it is left blank on purpose.
 */
export function PlaceholderReview({ placeholders, ticked, onTick, editor, changed }: Props) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className="placeholder-review" aria-labelledby={headingId} data-testid="placeholder-review">
      <h3 id={headingId} className="placeholder-heading">
        {t('placeholders.heading', { count: placeholders.length })}
      </h3>
      <p className="small muted">{t('placeholders.intro')}</p>
      {changed && (
        <p className="small placeholder-changed" role="status">
          {t('placeholders.changed')}
        </p>
      )}
      <ol className="placeholder-list">
        {placeholders.map((p) => (
          <li key={p.id} className="placeholder-item" data-testid="placeholder" data-id={p.id} data-kind={p.kind}>
            <span className="placeholder-kind">{t(`placeholders.kind.${p.kind}`)}</span>
            <span className="placeholder-context">
              {p.kind === 'voteResult' ? (
                <mark>{t('placeholders.kind.voteResult')}</mark>
              ) : (
                <>
                  {p.before}
                  <mark>{gapWords(p)}</mark>
                  {p.after}
                </>
              )}
            </span>
            <span className="placeholder-actions">
              <a
                href={`#${p.id}`}
                className="placeholder-show"
                data-testid="placeholder-show"
                onClick={(event) => {
                  event.preventDefault();
                  if (editor) showPlaceholder(editor, p);
                }}
              >
                {t('placeholders.show')}
              </a>
              <label className="placeholder-confirm">
                <input
                  type="checkbox"
                  data-testid="placeholder-confirm"
                  checked={ticked.has(p.id)}
                  onChange={(event) => onTick(p.id, event.target.checked)}
                />
                {t('placeholders.confirm')}
              </label>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
