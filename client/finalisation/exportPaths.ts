/** Where the server serves a document's DOCX and its print page: the current text, or one version's (`?version=`). */
import { apiPath } from '../api/http.ts';

const versionQuery = (versionId?: string) => (versionId ? `?version=${encodeURIComponent(versionId)}` : '');

export function docxPath(documentId: string, versionId?: string): string {
  return apiPath`/api/documents/${documentId}/export.docx` + versionQuery(versionId);
}

/** The current text with its comments as Word comments (never a version's: comments are on the live text). */
export function commentsDocxPath(documentId: string): string {
  return apiPath`/api/documents/${documentId}/export-comments.docx`;
}

export function printPath(documentId: string, versionId?: string): string {
  return apiPath`/api/documents/${documentId}/print` + versionQuery(versionId);
}
