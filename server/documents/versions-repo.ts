import type { VersionKind, VersionView } from '../../shared/api.ts';
import type { Db } from '../db/database.ts';
import { newId, nowIso } from '../ids.ts';

export interface VersionRow {
  id: string;
  document_id: string;
  kind: VersionKind;
  label: string;
  motion_id: string | null;
  content_hash: string;
  created_at: string;
  created_by: string | null;
  created_by_name: string | null;
}

const SELECT = `SELECT v.id, v.document_id, v.kind, v.label, v.motion_id, v.content_hash, v.created_at, v.created_by,
                       u.full_name AS created_by_name
                FROM document_versions v LEFT JOIN users u ON u.id = v.created_by`;

export interface NewVersion {
  documentId: string;
  kind: VersionKind;
  label: string;
  motionId: string | null;
  state: Uint8Array;
  hash: string;
  createdBy: string | null;
  /** A `restore` version: the version whose text replaced the text it keeps. */
  restoredVersionId?: string | null;
}

export function presentVersion(r: VersionRow): VersionView {
  return {
    id: r.id,
    documentId: r.document_id,
    kind: r.kind,
    label: r.label,
    motionId: r.motion_id,
    contentHash: r.content_hash,
    createdAt: r.created_at,
    createdBy: r.created_by === null ? null : { id: r.created_by, fullName: r.created_by_name ?? '' },
  };
}

/** A document's versions: each a whole Yjs state, kept for good (a version is never edited or deleted). */
export class Versions {
  constructor(private readonly db: Db) {}

  async insert(v: NewVersion): Promise<VersionView> {
    const id = newId('ver');
    this.db
      .prepare(
        `INSERT INTO document_versions (id, document_id, kind, label, motion_id, state, content_hash, created_by, created_at,
                                        restored_version_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, v.documentId, v.kind, v.label, v.motionId, Buffer.from(v.state), v.hash, v.createdBy, nowIso(), v.restoredVersionId ?? null);
    return (await this.view(id))!;
  }

  /** Newest first. */
  async list(documentId: string): Promise<VersionView[]> {
    const rows = this.db
      .prepare(`${SELECT} WHERE v.document_id = ? ORDER BY v.created_at DESC, v.id DESC`)
      .all(documentId) as VersionRow[];
    return rows.map(presentVersion);
  }

  /** The document's newest version, if any. */
  async latest(documentId: string): Promise<VersionView | undefined> {
    const row = this.db
      .prepare(`${SELECT} WHERE v.document_id = ? ORDER BY v.created_at DESC, v.id DESC LIMIT 1`)
      .get(documentId) as VersionRow | undefined;
    return row && presentVersion(row);
  }

  async view(id: string): Promise<VersionView | undefined> {
    const row = this.db.prepare(`${SELECT} WHERE v.id = ?`).get(id) as VersionRow | undefined;
    return row && presentVersion(row);
  }

  async state(id: string): Promise<Uint8Array | undefined> {
    const row = this.db.prepare('SELECT state FROM document_versions WHERE id = ?').get(id) as { state: Buffer } | undefined;
    return row && new Uint8Array(row.state);
  }
}
