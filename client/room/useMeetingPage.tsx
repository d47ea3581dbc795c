import type { ReactElement } from 'react';
import type { MeetingView } from '../../shared/api.ts';
import type { ApiRequestError } from '../api/http.ts';
import { MessagePage } from '../MessagePage.tsx';
import { useSignedIn } from '../session/SessionProvider.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Loading } from '../ui/Loading.tsx';
import { useLiveMeeting } from './useLiveMeeting.ts';
import type { MotionBallots } from './useMeetingProjection.ts';
import type { MeetingFactTexts } from '../../shared/meeting-facts.ts';

export type MeetingPage =
  | {
      ready: true;
      meeting: MeetingView;
      error: ApiRequestError | null;
      live: boolean;
      ballots: MotionBallots;
      facts: MeetingFactTexts | null;
    }
  /** What to show instead: loading, the error, or "not found" (also once the person is dropped from the roster). */
  | { ready: false; meeting: MeetingView | undefined; fallback: ReactElement };

/**
 * The live meeting a page is about (the room, its settings), or the page to show while there is none: loading,
 * the server's error, or "not found" for a meeting that does not exist or that the person is not in.
 */
export function useMeetingPage(meetingId: string): MeetingPage {
  const session = useSignedIn();
  const { meeting, error, live, ballots, facts } = useLiveMeeting(meetingId, session.user.id);
  // Checked first: the last answer stays in hand after the person is dropped from the roster.
  if (error?.status === 404) {
    return {
      ready: false,
      meeting,
      fallback: <MessagePage testId="not-found" title="notFound.title" body="meeting.notFoundBody" />,
    };
  }
  if (!meeting) {
    const fallback = error ? (
      <main className="page">
        <ErrorText error={error} />
      </main>
    ) : (
      <Loading />
    );
    return { ready: false, meeting, fallback };
  }
  return { ready: true, meeting, error, live, ballots, facts };
}
