import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { motionIdOf, textOf } from '../../../shared/editor/allowed.ts';
import { formatVoteResult } from '../../../shared/vote-result.ts';
import { useI18n } from '../../i18n.tsx';
import { VOTE_RESULT_LABELS } from './labels.ts';
import { useMotions } from './MotionsContext.ts';
import './voteResult.css';

/**
 * A vote-result block in the editor: the live result while the meeting's motions are at hand, otherwise the
 * sentence the server wrote into the block when the vote closed. The badge above it is the editor's only (it is
 * not printed) and says which motion the block follows and in what state.
 */
export function VoteResultView({ node, selected }: ReactNodeViewProps) {
  const motions = useMotions();
  const { lang } = useI18n();
  const labels = VOTE_RESULT_LABELS[lang];
  // Held to what the schema allows: a peer may have written an object here, which React would refuse to render.
  const motionId = motionIdOf(node.attrs.motionId);
  const text = textOf(node.attrs.text);
  const motion = motions.find((m) => m.id === motionId) ?? null;

  const state = motion ? motion.status : text ? 'recorded' : 'unbound';
  const badge = motion ? labels.state[motion.status] : text ? labels.recorded : labels.unbound;
  const sentence = motion ? formatVoteResult(motion, lang) : text || labels.pending;

  return (
    <NodeViewWrapper
      className={`vote-result${selected ? ' is-selected' : ''}`}
      data-state={state}
      data-outcome={motion?.outcome ?? undefined}
      data-testid="vote-result"
    >
      <div className="vote-result-badge">
        <span className="vote-result-dot" aria-hidden="true" />
        <span className="vote-result-state">{badge}</span>
        {motion && <span className="vote-result-motion">{labels.motion(motion.number, motion.title)}</span>}
      </div>
      <p className="vote-result-text">{sentence}</p>
    </NodeViewWrapper>
  );
}
