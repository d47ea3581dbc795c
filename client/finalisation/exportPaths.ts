/** Where the server serves a document's DOCX and its print page: the current text, or one version's (`?version=`). */
import { apiPath } from '../api/http.ts';

const versionQuery = (versionId?: string) => (versionId ? `?version=${encodeURIComponent(versionId)}` : '');

export function docxPath(documentId: string, versionId?: string): string {
  return apiPath`/api/documents/${documentId}/export.docx` + versionQuery(versionId);
}

export function printPath(documentId: string, versionId?: string): string {
  return apiPath`/api/documents/${documentId}/print` + versionQuery(versionId);
}
