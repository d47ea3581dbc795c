import { useEffect, useMemo, useRef } from 'react';
import type { MeetingView } from '../../shared/api.ts';
import type { MeetingFactTexts } from '../../shared/meeting-facts.ts';
import { apiPath } from '../api/http.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import type { ApiRequestError } from '../api/http.ts';
import { useMeetingProjection, type MotionBallots } from './useMeetingProjection.ts';

export interface LiveMeeting {
  /** The HTTP answer with the live state laid over it; permissions and myRole always come from HTTP. */
  meeting: MeetingView | undefined;
  error: ApiRequestError | null;
  live: boolean;
  /** Who has voted on each motion, from the projection (empty until it syncs). */
  ballots: MotionBallots;
  /** The meeting's facts as the minutes word them, from the projection (null until it syncs). */
  facts: MeetingFactTexts | null;
  reload(): void;
}

const NO_BALLOTS: MotionBallots = {};

/**
 * A meeting as the room shows it: first from `GET /api/meetings/:id`, then kept current by the projection.
 * The projection carries no permissions, and the client never works them out itself: when the status, the
 * person's own role or whether delegates only suggest changes live, the meeting is fetched again for the server's new permissions.
 */
export function useLiveMeeting(meetingId: string, myUserId: string): LiveMeeting {
  const query = useApiQuery<MeetingView>(apiPath`/api/meetings/${meetingId}`, { offline: true });
  const projection = useMeetingProjection(meetingId);
  const { state } = projection;

  const projectedKey = state
    ? `${state.info.status}|${state.members.find((m) => m.userId === myUserId)?.role ?? '-'}|${state.info.delegatesSuggest}|${state.info.observersComment}`
    : null;
  const fetchedKey = query.data
    ? `${query.data.status}|${query.data.myRole ?? '-'}|${query.data.delegatesSuggest}|${query.data.observersComment}`
    : null;
  // Once per new projected state, so that a server which answers differently can never cause a loop.
  const refetchedFor = useRef<string | null>(null);
  const { reload } = query;
  useEffect(() => {
    if (projectedKey === null || fetchedKey === null || projectedKey === fetchedKey) return;
    if (refetchedFor.current === projectedKey) return;
    refetchedFor.current = projectedKey;
    reload();
  }, [projectedKey, fetchedKey, reload]);

  // Dropped from the roster while watching: the feed is refused; asking again shows the 404 in the language.
  useEffect(() => {
    if (projection.refused) reload();
  }, [projection.refused, reload]);

  const meeting = useMemo<MeetingView | undefined>(() => {
    if (!query.data) return undefined;
    if (!state) return query.data;
    const { info, quorum, members, documents, motions, comments } = state;
    return { ...query.data, ...info, quorum, members, documents, motions, comments };
  }, [query.data, state]);

  const facts = state?.facts ?? null;
  return { meeting, error: query.error, live: projection.live, ballots: state?.ballots ?? NO_BALLOTS, facts, reload };
}
