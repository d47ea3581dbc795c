import { getSchema } from '@tiptap/core';
import { Node as PMNode } from '@tiptap/pm/model';
import { EditorState, NodeSelection, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import type { MotionView } from '../../../shared/api.ts';
import { editorExtensions, editorSchema } from '../../../shared/editor/extensions.ts';
import { DEFAULT_QUORUM_RULE } from '../../../shared/meeting.ts';
import { decide } from '../../../shared/motions.ts';
import { canInsertVoteResult, placeVoteResult, voteResultContent, voteResultPlaceholder } from './insert.ts';
import { VoteResultWithView, withVoteResultView } from './index.ts';
import { MeetingFactWithView, withMeetingFactView } from '../meetingFacts/index.ts';

const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

const doc = PMNode.fromJSON(editorSchema(), {
  type: 'doc',
  content: [
    {
      type: 'columns',
      attrs: { kind: 'header' },
      content: [
        { type: 'column', content: [p('TRUNG TÂM CÔNG NGHỆ LASER')] },
        { type: 'column', content: [p('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')] },
      ],
    },
    p('Kết quả biểu quyết:'),
    { type: 'blockquote', content: [p('Trích dẫn')] },
    { type: 'voteResult', attrs: { motionId: 'm1', text: '' } },
  ],
});

/** The position inside the first text block whose text starts with `text`. */
function posIn(text: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found < 0 && node.isTextblock && node.textContent.startsWith(text)) found = pos + 2;
    return found < 0;
  });
  return found;
}

const at = (pos: number) => EditorState.create({ doc, selection: TextSelection.create(doc, pos) });

describe('inserting a vote-result block', () => {
  it('[V9] fits in the body and in a quotation, not in the header or signature columns', () => {
    expect(canInsertVoteResult(at(posIn('Kết quả')))).toBe(true);
    expect(canInsertVoteResult(at(posIn('Trích')))).toBe(true);
    expect(canInsertVoteResult(at(posIn('TRUNG TÂM')))).toBe(false);
    expect(canInsertVoteResult(at(posIn('CỘNG HÒA')))).toBe(false);
  });

  it('[V9] fits beside a selected block', () => {
    let blockPos = -1;
    doc.forEach((node, offset) => {
      if (node.type.name === 'voteResult') blockPos = offset;
    });
    expect(canInsertVoteResult(EditorState.create({ doc, selection: NodeSelection.create(doc, blockPos) }))).toBe(
      true,
    );
  });

  it('[V9] a block for a closed motion starts with its final text; one for an open motion empty', () => {
    const base = {
      id: 'm7',
      meetingId: 'x',
      number: 7,
      title: 'Thông qua Kế hoạch năm 2024',
      description: '',
      documentId: null,
      documentTitle: null,
      documentKind: 'KH',
      form: 'named',
      rule: 'present_majority',
      quorumRule: DEFAULT_QUORUM_RULE,
      durationSeconds: null,
      outcome: null,
      revoteOf: null,
      revotedBy: null,
      createdAt: '',
      openedAt: null,
      closesAt: null,
      closedAt: null,
      version: null,
      members: 25,
      present: 23,
      voted: 23,
      amendment: null,
    } satisfies Partial<MotionView>;
    const tally = { for: 23, against: 0, abstain: 0 };
    const open: MotionView = { ...base, status: 'open', tally, decision: null };
    const decision = decide('present_majority', DEFAULT_QUORUM_RULE, tally, { members: 25, present: 23 });
    const closed: MotionView = { ...base, status: 'closed', outcome: decision.outcome, tally, decision };
    expect(voteResultContent(open)).toEqual({ type: 'voteResult', attrs: { motionId: 'm7', text: '' } });
    expect(voteResultContent(closed)).toEqual({
      type: 'voteResult',
      attrs: {
        motionId: 'm7',
        text:
          'Kết quả biểu quyết: 23/23 đại biểu có mặt lúc mở biểu quyết tán thành (100,0%), 00 không tán thành (0,0%), ' +
          '00 không biểu quyết (0,0%). Kế hoạch được thông qua.',
      },
    });
  });
});

describe('the editor extensions with the live view', () => {
  it('[V9] replace the shared node in place: same names, same order, same schema', () => {
    const shared = editorExtensions();
    const client = withVoteResultView(shared);
    expect(client.map((e) => e.name)).toEqual(shared.map((e) => e.name));
    expect(client.filter((e) => e === VoteResultWithView)).toHaveLength(1);
    const schema = getSchema(client);
    expect(Object.keys(schema.nodes)).toEqual(Object.keys(editorSchema().nodes));
    expect(schema.nodes.voteResult!.spec.attrs).toEqual(editorSchema().nodes.voteResult!.spec.attrs);
    expect(schema.nodes.voteResult!.spec.atom).toBe(true);
  });
});

describe('where a vote result goes', () => {
  const minutes = (extra: object[] = []) =>
    PMNode.fromJSON(editorSchema(), {
      type: 'doc',
      content: [
        p('Nội dung: …'),
        { type: 'paragraph', content: [{ type: 'text', text: 'Kết quả biểu quyết: ', marks: [{ type: 'bold' }] }, { type: 'text', text: '…' }] },
        p('Hội nghị kết thúc.'),
        ...extra,
      ],
    });
  const block = (motionId: string) => ({ type: 'voteResult', attrs: { motionId, text: '' } });
  const names = (d: PMNode) => {
    const out: string[] = [];
    d.forEach((n) => out.push(n.type.name === 'voteResult' ? `vote:${n.attrs.motionId as string}` : n.textContent));
    return out;
  };

  it('[VR1] replaces the template’s "Kết quả biểu quyết: …" line, wherever the cursor is, and a second goes under the first', () => {
    const d = minutes();
    const state = EditorState.create({ doc: d, selection: TextSelection.create(d, 2) });
    const first = placeVoteResult(state, block('m1'));
    expect(first).not.toBeNull();
    const afterFirst = state.apply(first!);
    expect(names(afterFirst.doc)).toEqual(['Nội dung: …', 'vote:m1', 'Hội nghị kết thúc.']);
    const second = placeVoteResult(afterFirst, block('m2'));
    expect(names(afterFirst.apply(second!).doc)).toEqual(['Nội dung: …', 'vote:m1', 'vote:m2', 'Hội nghị kết thúc.']);
  });

  it('[VR1] without that line: at the cursor (null here), and under a selected result rather than over it', () => {
    const d = PMNode.fromJSON(editorSchema(), { type: 'doc', content: [p('Điều 1.'), block('m1'), p('Điều 2.')] });
    expect(placeVoteResult(EditorState.create({ doc: d, selection: TextSelection.create(d, 2) }), block('m2'))).toBeNull();
    const onBlock = EditorState.create({ doc: d, selection: NodeSelection.create(d, d.child(0).nodeSize) });
    expect(names(onBlock.apply(placeVoteResult(onBlock, block('m2'))!).doc)).toEqual(['Điều 1.', 'vote:m1', 'vote:m2', 'Điều 2.']);
    // A line that says more than the label and the blank is the drafters' text, not the template's placeholder.
    expect(voteResultPlaceholder(PMNode.fromJSON(editorSchema(), { type: 'doc', content: [p('Kết quả biểu quyết: … (xem phụ lục)')] }))).toBeNull();
  });
});

describe('the editor extensions with the meeting facts’ live view', () => {
  it('[MF4] replace the shared node in place, inline, with the same schema', () => {
    const shared = editorExtensions();
    const client = withMeetingFactView(withVoteResultView(shared));
    expect(client.map((e) => e.name)).toEqual(shared.map((e) => e.name));
    expect(client.filter((e) => e === MeetingFactWithView)).toHaveLength(1);
    const schema = getSchema(client);
    expect(schema.nodes.meetingFact!.spec.attrs).toEqual(editorSchema().nodes.meetingFact!.spec.attrs);
    expect(schema.nodes.meetingFact!.isInline).toBe(true);
  });
});
