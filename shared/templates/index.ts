/**
 * New documents in the official layout of Nghị định 30/2020/NĐ-CP, as editor JSON (see
 * shared/editor/extensions.ts for the nodes). The server turns the result into the document's first Yjs state.
 */
import type { JSONContent } from '@tiptap/core';
import type { DocumentKind } from '../meeting.ts';
import { body, doc } from './blocks.ts';
import { officialHeader } from './header.ts';
import { buildMinutes } from './minutes.ts';
import { buildPlan, buildReport } from './plan-report.ts';
import { buildResolution } from './resolution.ts';
import type { TemplateData } from './types.ts';

export { BLANK, type TemplateData, type TemplateMeeting } from './types.ts';
export { buildMinutes, type MinutesBody } from './minutes.ts';
export { buildResolution, type ResolutionArticle, type ResolutionBody } from './resolution.ts';
export { buildPlan, buildReport } from './plan-report.ts';
export { defaultDocumentTitle, documentSummary, reportingYears } from './summary.ts';

/** The header and its date line, then one empty body paragraph to type in. */
function buildBlank(data: TemplateData): JSONContent {
  return doc([officialHeader(data.meeting), body('')]);
}

export function buildTemplate(kind: DocumentKind, data: TemplateData): JSONContent {
  switch (kind) {
    case 'BB':
      return buildMinutes(data);
    case 'NQ':
      return buildResolution(data);
    case 'KH':
      return buildPlan(data);
    case 'BC':
      return buildReport(data);
    case 'blank':
      return buildBlank(data);
  }
}
