import { describe, expect, it } from 'vitest';
import type { DocumentView } from '../../shared/api.ts';
import { docxPath, printPath } from './exportPaths.ts';
import { isRefusedEditsDraft, refusedDrafts } from './refusedEdits.ts';

const view = (id: string, origin: DocumentView['origin']): DocumentView => ({
  ...{ id, meetingId: 'mt', kind: 'NQ', title: id, createdAt: '2023-12-19T04:00:00.000Z', createdBy: null },
  ...{ lock: null, finalisation: null, origin, restore: null },
});

describe('drafts made from refused offline edits', () => {
  const documents = [
    view('nq', null),
    view('mine', { reason: 'refused_edits', documentId: 'nq', userId: 'me' }),
    view('theirs', { reason: 'refused_edits', documentId: 'nq', userId: 'someone' }),
    view('elsewhere', { reason: 'refused_edits', documentId: 'kh', userId: 'me' }),
  ];

  it('[F4] the issued document tells its author about their own draft only', () => {
    expect(refusedDrafts(documents, 'nq', 'me', new Set()).map((d) => d.id)).toEqual(['mine']);
    expect(refusedDrafts(documents, 'kh', 'me', new Set()).map((d) => d.id)).toEqual(['elsewhere']);
    expect(refusedDrafts(documents, 'nq', 'nobody', new Set())).toEqual([]);
  });

  it('[F4] a dismissed notice stays dismissed, by the draft it names', () => {
    expect(refusedDrafts(documents, 'nq', 'me', new Set(['mine']))).toEqual([]);
    expect(refusedDrafts(documents, 'nq', 'me', new Set(['nq']))).toHaveLength(1);
  });

  it('[F5] the documents list can tell such drafts from the others', () => {
    expect(documents.map(isRefusedEditsDraft)).toEqual([false, true, true, true]);
  });
});

describe('export addresses', () => {
  it('[VU2] the current text, or one version by ?version=', () => {
    expect(docxPath('doc:1')).toBe('/api/documents/doc%3A1/export.docx');
    expect(printPath('doc:1')).toBe('/api/documents/doc%3A1/print');
    expect(docxPath('d1', 'v 1')).toBe('/api/documents/d1/export.docx?version=v%201');
    expect(printPath('d1', 'v1')).toBe('/api/documents/d1/print?version=v1');
  });
});
