import type { AnyExtension } from '@tiptap/core';
import { ReactNodeViewRenderer } from '@tiptap/react';
import { MEETING_FACT_NODE, MeetingFactNode } from '../../../shared/editor/meeting-fact.ts';
import { MeetingFactView } from './MeetingFactView.tsx';

/** The shared node with the browser's live view: same name and schema, so documents sync unchanged. */
export const MeetingFactWithView = MeetingFactNode.extend({
  addNodeView() {
    // An inline view: a span, not the block-level div ReactNodeViewRenderer would wrap it in.
    return ReactNodeViewRenderer(MeetingFactView, { as: 'span' });
  },
});

/** The editor's extension list with the meeting-fact node given its live view, in place (no duplicate names). */
export function withMeetingFactView(extensions: readonly AnyExtension[]): AnyExtension[] {
  return extensions.map((extension) => (extension.name === MEETING_FACT_NODE ? MeetingFactWithView : extension));
}
