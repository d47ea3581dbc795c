import type { JSONContent } from '@tiptap/core';
import type { DocumentKind } from '../../shared/meeting.ts';

export interface ExportInput {
  /** `{ type: 'doc', content: [...] }` in the editor schema (shared/editor/extensions.ts). */
  content: JSONContent;
  kind: DocumentKind;
  /** The document's title, for <title> and the DOCX core properties. */
  title: string;
  /** Anything not finalised: marked "DỰ THẢO". */
  draft: boolean;
}
