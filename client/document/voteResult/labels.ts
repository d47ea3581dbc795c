import type { Lang } from '../../../shared/i18n.ts';
import type { MotionStatus } from '../../../shared/motions.ts';

/** The interface text of vote-result blocks and their toolbar button (kept here, beside the feature). */
export interface VoteResultLabels {
  insert: string;
  /** The button's title when the meeting has no motion to bind a block to. */
  noMotions: string;
  /** The cursor is where a block cannot go (inside the header or a signature block). */
  notHere: string;
  menu: string;
  motion(number: number, title: string): string;
  /** The badge of a block whose motion is live, by the motion's state. */
  state: Record<MotionStatus, string>;
  /** The same, short, beside each motion in the menu. */
  status: Record<MotionStatus, string>;
  /** The badge of a block whose motion is not at hand and that holds the text written when the vote closed. */
  recorded: string;
  /** The same, before any result was written. */
  unbound: string;
  pending: string;
}

export const VOTE_RESULT_LABELS: Record<Lang, VoteResultLabels> = {
  vi: {
    insert: 'Chèn kết quả biểu quyết',
    noMotions: 'Cuộc họp chưa có nội dung biểu quyết nào',
    notHere: 'Không chèn được kết quả biểu quyết vào vị trí này',
    menu: 'Chọn nội dung biểu quyết',
    motion: (number, title) => `${number}. ${title}`,
    state: { draft: 'Chưa biểu quyết', open: 'Đang biểu quyết · cập nhật trực tiếp', closed: 'Đã kết thúc biểu quyết' },
    status: { draft: 'Chưa biểu quyết', open: 'Đang biểu quyết', closed: 'Đã kết thúc' },
    recorded: 'Kết quả đã ghi',
    unbound: 'Kết quả biểu quyết',
    pending: 'Kết quả biểu quyết sẽ được ghi vào đây khi kết thúc biểu quyết.',
  },
  en: {
    insert: 'Insert vote result',
    noMotions: 'This meeting has no motions yet',
    notHere: 'A vote result cannot be inserted here',
    menu: 'Choose a motion',
    motion: (number, title) => `${number}. ${title}`,
    state: { draft: 'Not yet put to the vote', open: 'Voting · updating live', closed: 'Voting closed' },
    status: { draft: 'Not yet voted', open: 'Voting', closed: 'Closed' },
    recorded: 'Recorded result',
    unbound: 'Vote result',
    pending: 'The vote result will be written here when the vote closes.',
  },
};
