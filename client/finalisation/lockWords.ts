/**
 * What the lock banner says, strongest lock first: issued for good (with its number), waiting for the chair to
 * confirm issuing, under a vote, adopted. Pure, so that each wording is tested without rendering.
 */
import type { DocumentLock, FinalisationView, MotionView } from '../../shared/api.ts';
import type { MessageKey } from '../../shared/i18n.ts';

export interface Words {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface LockWords {
  title: Words;
  /** A second, smaller line; a bare string is the motion's title as the server gave it. */
  detail: Words | string | null;
}

export function lockWords(
  lock: DocumentLock,
  finalisation: FinalisationView | null,
  motions: readonly MotionView[],
): LockWords {
  if (lock.reason === 'final') {
    const number = finalisation?.number ?? null;
    return {
      title: number ? { key: 'lock.final', params: { number } } : { key: 'lock.finalUnnumbered' },
      detail: { key: 'lock.finalDetail' },
    };
  }
  if (lock.reason === 'finalising') {
    const name = finalisation?.requestedBy.fullName;
    return {
      title: { key: 'lock.finalising' },
      detail: name ? { key: 'lock.finalisingDetail', params: { name } } : null,
    };
  }
  const number = motions.find((each) => each.id === lock.motionId)?.number;
  const title: Words =
    lock.reason === 'vote'
      ? { key: 'lock.vote' }
      : number !== undefined
        ? { key: 'lock.adopted', params: { number } }
        : { key: 'lock.adoptedUnnumbered' };
  const detail: Words | string | null =
    number !== undefined ? { key: 'lock.motion', params: { number, title: lock.motionTitle ?? '' } } : lock.motionTitle;
  return { title, detail };
}
