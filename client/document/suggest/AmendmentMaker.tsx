import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { useEffect, useState } from 'react';
import type { MotionView } from '../../../shared/api.ts';
import { SUGGEST_DELETE, SUGGEST_INSERT, SUGGESTABLE_NODE, SUGGESTED_PARAGRAPH, suggestionAttrsOf } from '../../../shared/editor/suggestion-marks.ts';
import { api, apiPath } from '../../api/http.ts';
import { useCommand } from '../../api/useCommand.ts';
import { useI18n } from '../../i18n.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';

interface Props {
  meetingId: string;
  documentId: string;
  editor: Editor | null;
  motions: readonly MotionView[];
}

interface Listed {
  id: string;
  name: string;
  article: number | null;
  inserted: string;
  deleted: string;
}

const ARTICLE = /^\s*Điều\s+(\d{1,4})\b/u;

/** The suggestions in the editor's text, in order, with the article each sits in (as `shared/suggestions.ts` reads it). */
export function suggestionsOf(doc: PMNode): Listed[] {
  const byId = new Map<string, Listed>();
  let article: number | null = null;
  doc.descendants((block, _pos, parent) => {
    if (!block.isTextblock) return true;
    let plain = '';
    block.forEach((child) => {
      if (child.isText && !child.marks.some((m) => m.type.name === SUGGEST_INSERT)) plain += child.text ?? '';
    });
    const match = ARTICLE.exec(plain);
    if (match) article = Number(match[1]);
    // A paragraph of the body suggested as a whole is listed even while empty.
    const whole = parent === doc && block.type.name === SUGGESTABLE_NODE ? suggestionAttrsOf(block.attrs[SUGGESTED_PARAGRAPH]) : null;
    if (whole && !byId.has(whole.id)) byId.set(whole.id, { id: whole.id, name: whole.name, article, inserted: '', deleted: '' });
    block.forEach((child) => {
      if (!child.isText) return;
      for (const mark of child.marks) {
        const kind = mark.type.name === SUGGEST_INSERT ? 'inserted' : mark.type.name === SUGGEST_DELETE ? 'deleted' : null;
        const attrs = kind && suggestionAttrsOf(mark.attrs);
        if (!kind || !attrs) continue;
        let s = byId.get(attrs.id);
        if (!s) byId.set(attrs.id, (s = { id: attrs.id, name: attrs.name, article, inserted: '', deleted: '' }));
        s[kind] += child.text ?? '';
      }
    });
    return false;
  });
  return [...byId.values()];
}

/** Suggestion id → number of the pending amendment that holds it. */
function pendingOf(motions: readonly MotionView[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of motions) {
    const a = m.amendment;
    if (!a || a.setAside !== null || (m.status === 'closed' && a.settledAt !== null)) continue;
    for (const id of a.suggestionIds) out.set(id, m.number);
  }
  return out;
}

/**
 * "Tạo sửa đổi": the chair or the secretary picks suggestions of the document and makes one amendment of them, a
 * motion the hall then votes on (`server/motions/amendments.ts`). Suggestions already in a pending amendment are
 * shown with its number and cannot be picked again.
 */
export function AmendmentMaker({ meetingId, documentId, editor, motions }: Props) {
  const { t } = useI18n();
  const command = useCommand();
  const [listed, setListed] = useState<Listed[]>([]);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [title, setTitle] = useState('');
  const [made, setMade] = useState<MotionView | null>(null);

  useEffect(() => {
    if (!editor) return;
    const read = () => setListed(suggestionsOf(editor.state.doc));
    read();
    editor.on('update', read);
    return () => {
      editor.off('update', read);
    };
  }, [editor]);

  const pending = pendingOf(motions);
  const available = new Set(listed.filter((s) => !pending.has(s.id)).map((s) => s.id));
  const chosen = [...picked].filter((id) => available.has(id));
  const make = async () => {
    const body = { documentId, suggestionIds: chosen, ...(title.trim() ? { title: title.trim() } : {}) };
    const motion = await command.run(() => api.post<MotionView>(apiPath`/api/meetings/${meetingId}/amendments`, body));
    if (motion) {
      setMade(motion);
      setPicked(new Set());
      setTitle('');
    }
  };

  return (
    <details className="amendment-maker" data-testid="amendment-maker">
      <summary>{t('amendment.makeHeading')}</summary>
      {listed.length === 0 ? (
        <p className="small muted">{t('amendment.none')}</p>
      ) : (
        <>
          <p className="small muted">{t('amendment.pick')}</p>
          <ul className="amendment-picks">
            {listed.map((s) => (
              <li key={s.id}>
                <label>
                  <input
                    type="checkbox"
                    data-testid="amendment-pick"
                    data-suggestion-id={s.id}
                    disabled={pending.has(s.id)}
                    checked={chosen.includes(s.id)}
                    onChange={(event) => {
                      const next = new Set(picked);
                      if (event.target.checked) next.add(s.id);
                      else next.delete(s.id);
                      setPicked(next);
                    }}
                  />{' '}
                  {s.article !== null && <strong>{t('amendment.article', { article: s.article })}: </strong>}
                  {s.deleted && <del>{s.deleted}</del>} {s.inserted && <ins>{s.inserted}</ins>} <span className="muted">({s.name})</span>
                  {pending.has(s.id) && <span className="small muted"> · {t('amendment.inAmendment', { number: pending.get(s.id)! })}</span>}
                </label>
              </li>
            ))}
          </ul>
          <label className="field">
            <span className="small">{t('amendment.titleLabel')}</span>
            <input type="text" maxLength={300} value={title} onChange={(event) => setTitle(event.target.value)} data-testid="amendment-title" />
          </label>
          <div className="form-actions">
            <button type="button" className="primary-button" data-testid="amendment-make" disabled={command.pending || chosen.length === 0} onClick={() => void make()}>
              {t('amendment.make')}
            </button>
          </div>
        </>
      )}
      {made && (
        <p className="small" role="status" data-testid="amendment-made">
          {t('amendment.made', { number: made.number, title: made.title })}
        </p>
      )}
      <ErrorText error={command.error} testId="amendment-make-error" />
    </details>
  );
}
