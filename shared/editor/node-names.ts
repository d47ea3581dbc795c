/**
 * The names of the document's own block types, apart from their TipTap definitions: code that only reads documents
 * (the placeholder check that `shared/api.ts` sizes its schema by, and through it the meeting room) can know them
 * without loading TipTap and ProseMirror, which the browser downloads only when a document opens (SPEC CD3).
 */
export const MEETING_FACT_NODE = 'meetingFact';
export const VOTE_RESULT_NODE = 'voteResult';
