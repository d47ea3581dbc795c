import type { MeetingView } from '../../shared/api.ts';
import type { MotionBallots } from '../room/useMeetingProjection.ts';
import { OpenVoteCard } from './OpenVoteCard.tsx';
import { ResultBanner } from './ResultBanner.tsx';

interface Props {
  meeting: MeetingView;
  ballots: MotionBallots;
  myUserId: string;
}

/**
 * Across the top of the room, above every tab on a phone: the votes now open and the last result. A vote is
 * the one thing in the meeting nobody should have to go looking for.
 */
export function VoteStrip({ meeting, ballots, myUserId }: Props) {
  const open = meeting.motions.filter((motion) => motion.status === 'open');
  return (
    <div className="vote-strip" data-testid="vote-strip">
      {open.map((motion) => (
        <OpenVoteCard key={motion.id} meeting={meeting} motion={motion} ballots={ballots} myUserId={myUserId} />
      ))}
      <ResultBanner motions={meeting.motions} />
    </div>
  );
}
