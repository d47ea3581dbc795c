import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  exportQuery,
  finalisationRequest,
  saveVersionRequest,
  suggestionDecisionRequest,
  type DocumentDetail,
  type DocumentView,
  type VersionContent,
  type VersionView,
} from '../../../shared/api.ts';
import type { Actor } from '../../accounts/users.ts';
import { contentOfState } from '../../documents/content.ts';
import { cancelFinalisation, confirmFinalisation, requestFinalisation } from '../../documents/finalisation-commands.ts';
import { restoreVersion, saveVersion } from '../../documents/version-commands.ts';
import { decideOnSuggestions } from '../../documents/suggestion-commands.ts';
import { documentDocx } from '../../export/docx.ts';
import { PRINT_CSP, printHtml } from '../../export/print.ts';
import { can, type MeetingSubject } from '../../policies.ts';
import type { Services } from '../../services.ts';
import type { WorkQueue } from '../../work-queue.ts';
import { requireActor } from '../auth.ts';
import { fail } from '../../errors.ts';
import { parse } from '../errors.ts';
import { perPersonPerMinute } from '../rate-limits.ts';
import { authorize, loadMeeting } from '../guard.ts';
import { presentVersion } from '../../documents/present-version.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });
const suggestionParams = z.object({ id: z.string().min(1).max(64), verdict: z.enum(['accept', 'reject', 'withdraw']) });

/** The document and the caller's standing in its meeting; 404 when the caller cannot see the meeting. */
export async function loadDocument(s: Services, actor: Actor, documentId: string): Promise<{ doc: DocumentView; subject: MeetingSubject }> {
  const doc = await s.meetings.document(documentId) ?? fail('not_found');
  const { subject } = await loadMeeting(s, actor, doc.meetingId);
  authorize(actor, { type: 'document.read', meeting: subject });
  return { doc, subject };
}

/** A locked document is read-only for everyone, as the sync socket makes it. */
function detailOf(actor: Actor, doc: DocumentView, subject: MeetingSubject): DocumentDetail {
  const writes = can(actor, { type: 'document.write', meeting: subject }) && doc.lock === null;
  return { ...doc, access: writes ? 'write' : 'read' };
}

/**
 * The text to export: a version's, or the document's as it is now. Only the final version, or a finalised
 * document's text, is exported without the DRAFT mark.
 */
export async function exportSource(s: Services, doc: DocumentView, versionId: string | undefined) {
  if (versionId !== undefined) {
    const version = await s.versions.view(versionId);
    if (!version || version.documentId !== doc.id) fail('not_found');
    return { state: await s.versions.state(versionId) ?? fail('not_found'), draft: version.kind !== 'final' };
  }
  const state = await (s.rooms ?? fail('internal')).snapshot(doc.id);
  return { state, draft: doc.finalisation?.status !== 'final' };
}

/** `01-NQ-TTCNL.docx` when final; the title with "DU THAO" otherwise. ASCII fallback plus the UTF-8 name. */
export function attachmentName(doc: DocumentView, draft: boolean, suffix = ''): string {
  const base = !draft && doc.finalisation?.number ? doc.finalisation.number.replaceAll('/', '-') : `${doc.title} - DỰ THẢO`;
  const name = `${base}${suffix}.docx`;
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export interface DocumentRouteOptions {
  versionSavesPerMinute: number;
  exportsPerMinute: number;
  /** Exports run through this bounded queue: each one holds the main thread for a while. */
  exports: WorkQueue;
}

export function documentRoutes(app: FastifyInstance, s: Services, options: DocumentRouteOptions): void {
  const exportLimit = perPersonPerMinute(options.exportsPerMinute);
  app.get('/api/documents/:id', async (req): Promise<DocumentDetail> => {
    const actor = requireActor(req);
    const { doc, subject } = await loadDocument(s, actor, parse(idParams, req.params).id);
    return detailOf(actor, doc, subject);
  });

  app.get('/api/documents/:id/versions', async (req): Promise<VersionView[]> => {
    const actor = requireActor(req);
    const { doc } = await loadDocument(s, actor, parse(idParams, req.params).id);
    return (await s.versions.list(doc.id)).map(presentVersion);
  });

  app.post('/api/documents/:id/versions', { config: perPersonPerMinute(options.versionSavesPerMinute) }, async (req, reply) => {
    const actor = requireActor(req);
    const { doc, subject } = await loadDocument(s, actor, parse(idParams, req.params).id);
    authorize(actor, { type: 'document.write', meeting: subject });
    const { label } = parse(saveVersionRequest, req.body);
    const { version, created } = await saveVersion(s, actor, doc.id, label);
    // The same text as the latest version is not stored again: that version is the answer.
    return reply.code(created ? 201 : 200).send(version);
  });

  app.get('/api/versions/:id', async (req): Promise<VersionContent> => {
    const actor = requireActor(req);
    const version = await s.versions.view(parse(idParams, req.params).id) ?? fail('not_found');
    await loadDocument(s, actor, version.documentId);
    return { ...presentVersion(version), content: contentOfState(await s.versions.state(version.id) ?? fail('not_found')) };
  });

  // A restore keeps the text it replaces as a version: limited like saving one.
  app.post('/api/versions/:id/restore', { config: perPersonPerMinute(options.versionSavesPerMinute) }, async (req) => {
    const actor = requireActor(req);
    const version = await s.versions.view(parse(idParams, req.params).id) ?? fail('not_found');
    const { subject } = await loadDocument(s, actor, version.documentId);
    authorize(actor, { type: 'document.write', meeting: subject });
    return restoreVersion(s, actor, version.id);
  });

  // Accept or reject (chair, secretary) or withdraw (the author, own suggestions only) suggestions in the text.
  app.post('/api/documents/:id/suggestions/:verdict', async (req) => {
    const actor = requireActor(req);
    const { id, verdict } = parse(suggestionParams, req.params);
    const { doc, subject } = await loadDocument(s, actor, id);
    authorize(actor, verdict === 'withdraw' ? { type: 'document.write', meeting: subject } : { type: 'suggestion.decide', meeting: subject });
    return decideOnSuggestions(s, actor, doc.id, verdict, parse(suggestionDecisionRequest, req.body));
  });

  app.post('/api/documents/:id/finalisation', async (req): Promise<DocumentDetail> => {
    const actor = requireActor(req);
    const { doc, subject } = await loadDocument(s, actor, parse(idParams, req.params).id);
    authorize(actor, { type: 'finalisation.request', meeting: subject });
    const { confirmPlaceholders } = parse(finalisationRequest, req.body);
    return detailOf(actor, await requestFinalisation(s, actor, doc.id, confirmPlaceholders), subject);
  });

  app.post('/api/documents/:id/finalisation/confirm', async (req): Promise<DocumentDetail> => {
    const actor = requireActor(req);
    const { doc, subject } = await loadDocument(s, actor, parse(idParams, req.params).id);
    authorize(actor, { type: 'finalisation.confirm', meeting: subject });
    return detailOf(actor, await confirmFinalisation(s, actor, doc.id), subject);
  });

  app.delete('/api/documents/:id/finalisation', async (req): Promise<DocumentDetail> => {
    const actor = requireActor(req);
    const { doc, subject } = await loadDocument(s, actor, parse(idParams, req.params).id);
    // A chair declines, the secretary withdraws; nobody else has a say.
    const chair = can(actor, { type: 'finalisation.confirm', meeting: subject });
    if (!chair) authorize(actor, { type: 'finalisation.request', meeting: subject });
    return detailOf(actor, await cancelFinalisation(s, actor, doc.id, chair ? 'declined' : 'withdrawn'), subject);
  });

  app.get('/api/documents/:id/export.docx', { config: exportLimit }, async (req, reply) => {
    const actor = requireActor(req);
    const { doc } = await loadDocument(s, actor, parse(idParams, req.params).id);
    const { version } = parse(exportQuery, req.query);
    const file = await options.exports.run(async () => {
      const { state, draft } = await exportSource(s, doc, version);
      return { draft, bytes: await documentDocx({ content: contentOfState(state), kind: doc.kind, title: doc.title, draft }) };
    });
    const draft = file.draft;
    return reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', attachmentName(doc, draft))
      .header('cache-control', 'no-store')
      .send(file.bytes);
  });

  app.get('/api/documents/:id/print', { config: exportLimit }, async (req, reply) => {
    const actor = requireActor(req);
    const { doc } = await loadDocument(s, actor, parse(idParams, req.params).id);
    const { version } = parse(exportQuery, req.query);
    const html = await options.exports.run(async () => {
      const { state, draft } = await exportSource(s, doc, version);
      return printHtml({ content: contentOfState(state), kind: doc.kind, title: doc.title, draft });
    });
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      // Replaces the app's policy: this page runs nothing but its own print button, allowed by hash.
      .header('content-security-policy', PRINT_CSP)
      .send(html);
  });
}
