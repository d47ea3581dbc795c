/**
 * The check a request for finalisation meets: every placeholder the text still has must be confirmed by id, or the
 * request is refused with the whole list (`placeholders_remain`), each with its place and the words around it.
 */
import type { ApiError } from '../../shared/api.ts';
import { findPlaceholders, type Placeholder } from '../../shared/editor/placeholders.ts';
import type { MeetingFactTexts } from '../../shared/meeting-facts.ts';
import { AppError } from '../errors.ts';
import { nodeOfState } from './content.ts';

/**
 * The placeholders of `state`, all confirmed, or a refusal listing them. `facts`: the meeting's facts now, for a
 * text whose meeting-fact blocks the request will fill (null when their stored words stand).
 */
export function confirmedPlaceholders(
  state: Uint8Array,
  facts: MeetingFactTexts | null,
  confirmed: readonly string[],
): Placeholder[] {
  const all = findPlaceholders(nodeOfState(state), facts);
  const ids = new Set(confirmed);
  if (all.some((p) => !ids.has(p.id))) {
    const details: ApiError['details'] = { placeholders: all };
    throw new AppError('placeholders_remain', undefined, undefined, { details });
  }
  return all;
}

/** What the audit record keeps of each confirmed placeholder: enough to find it in the version it names. */
export const auditedPlaceholder = (p: Placeholder) => ({
  id: p.id,
  kind: p.kind,
  path: p.path,
  before: p.before,
  after: p.after,
  ...(p.fact !== undefined ? { fact: p.fact } : {}),
  ...(p.motionId !== undefined ? { motionId: p.motionId } : {}),
});
