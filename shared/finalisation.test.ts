import { describe, expect, it } from 'vitest';
import type { DocumentView, FinalisationView } from './api.ts';
import { finalisationBlock } from './finalisation.ts';

type Doc = Pick<DocumentView, 'kind' | 'lock' | 'finalisation'>;
const lock = (reason: 'vote' | 'adopted'): Doc['lock'] => ({ reason, motionId: 'v1', motionTitle: 'Thông qua' });
const finalisation = (status: FinalisationView['status']) => ({ status }) as FinalisationView;

describe('what may be put forward for finalisation', () => {
  it('[FN2] an adopted document may; one not adopted, under an open vote, already asked for or final may not, with the reason', () => {
    const cases: [Doc, 'scheduled' | 'in_session' | 'closed', ReturnType<typeof finalisationBlock>][] = [
      [{ kind: 'NQ', lock: lock('adopted'), finalisation: null }, 'in_session', null],
      [{ kind: 'KH', lock: lock('adopted'), finalisation: null }, 'closed', null],
      [{ kind: 'NQ', lock: null, finalisation: null }, 'in_session', 'not_adopted'],
      [{ kind: 'NQ', lock: null, finalisation: null }, 'closed', 'meeting_closed'],
      [{ kind: 'NQ', lock: lock('vote'), finalisation: null }, 'in_session', 'vote_open'],
      [{ kind: 'blank', lock: lock('adopted'), finalisation: null }, 'closed', 'unnumbered'],
      [{ kind: 'NQ', lock: null, finalisation: finalisation('requested') }, 'in_session', 'requested'],
      [{ kind: 'NQ', lock: null, finalisation: finalisation('final') }, 'in_session', 'final'],
    ];
    for (const [doc, status, expected] of cases) expect(finalisationBlock(doc, status), JSON.stringify(doc)).toBe(expected);
  });

  it('[FN3] minutes may once the meeting is closed, or once adopted, but not while a vote on them is open', () => {
    expect(finalisationBlock({ kind: 'BB', lock: null, finalisation: null }, 'in_session')).toBe('meeting_open');
    expect(finalisationBlock({ kind: 'BB', lock: null, finalisation: null }, 'closed')).toBeNull();
    expect(finalisationBlock({ kind: 'BB', lock: lock('adopted'), finalisation: null }, 'in_session')).toBeNull();
    expect(finalisationBlock({ kind: 'BB', lock: lock('vote'), finalisation: null }, 'closed')).toBe('vote_open');
  });
});
