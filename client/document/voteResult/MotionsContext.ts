import { createContext, useContext } from 'react';
import type { MotionView } from '../../../shared/api.ts';

/**
 * The meeting's motions as the live projection last showed them, for the editor's vote-result blocks and the
 * toolbar that inserts them. Provided by the meeting room around the document it shows.
 */
export const MotionsContext = createContext<readonly MotionView[]>([]);

export function useMotions(): readonly MotionView[] {
  return useContext(MotionsContext);
}
