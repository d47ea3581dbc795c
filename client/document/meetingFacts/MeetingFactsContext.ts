import { createContext, useContext } from 'react';
import type { MeetingFactTexts } from '../../../shared/meeting-facts.ts';

/**
 * The meeting's facts as its live state last showed them, for the editor's meeting-fact blocks; null where the
 * blocks show their stored words instead (a locked document, whose text is the one voted on or submitted, or no
 * live state yet). Provided by the meeting room around the document it shows.
 */
export const MeetingFactsContext = createContext<MeetingFactTexts | null>(null);

export function useMeetingFacts(): MeetingFactTexts | null {
  return useContext(MeetingFactsContext);
}
