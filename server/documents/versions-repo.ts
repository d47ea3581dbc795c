import type { Kysely } from 'kysely';
import type { PersonRef, VersionKind } from '../../shared/api.ts';
import type { Schema } from '../db/schema.ts';
import { newId, nowIso } from '../ids.ts';

/** A kept version of a document, without its state (read apart with `state`). */
export interface Version {
  id: string;
  documentId: string;
  kind: VersionKind;
  label: string;
  motionId: string | null;
  contentHash: string;
  createdAt: string;
  createdBy: PersonRef | null;
}

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

/** The columns a version is read from, with its author's name. */
export interface VersionColumns {
  id: string;
  document_id: string;
  kind: string;
  label: string;
  motion_id: string | null;
  content_hash: string;
  created_at: string;
  created_by: string | null;
  created_by_name: string | null;
}

export function versionOf(r: VersionColumns): Version {
  return {
    id: r.id,
    documentId: r.document_id,
    kind: r.kind as VersionKind,
    label: r.label,
    motionId: r.motion_id,
    contentHash: r.content_hash,
    createdAt: r.created_at,
    createdBy: r.created_by === null ? null : { id: r.created_by, fullName: r.created_by_name ?? '' },
  };
}

/** A document's versions: each a whole Yjs state, kept for good (a version is never edited or deleted). */
export class Versions {
  constructor(private readonly db: Kysely<Schema>) {}

  private select() {
    return this.db
      .selectFrom('document_versions as v')
      .leftJoin('users as u', 'u.id', 'v.created_by')
      .select([
        'v.id',
        'v.document_id',
        'v.kind',
        'v.label',
        'v.motion_id',
        'v.content_hash',
        'v.created_at',
        'v.created_by',
        'u.full_name as created_by_name',
      ]);
  }

  async insert(v: NewVersion): Promise<Version> {
    const id = newId('ver');
    await this.db
      .insertInto('document_versions')
      .values({
        id,
        document_id: v.documentId,
        kind: v.kind,
        label: v.label,
        motion_id: v.motionId,
        state: Buffer.from(v.state.buffer, v.state.byteOffset, v.state.byteLength),
        content_hash: v.hash,
        created_by: v.createdBy,
        created_at: nowIso(),
        restored_version_id: v.restoredVersionId ?? null,
      })
      .execute();
    return (await this.view(id))!;
  }

  /** Newest first. */
  async list(documentId: string): Promise<Version[]> {
    const rows = await this.select().where('v.document_id', '=', documentId).orderBy('v.created_at', 'desc').orderBy('v.id', 'desc').execute();
    return rows.map(versionOf);
  }

  /** The document's newest version, if any. */
  async latest(documentId: string): Promise<Version | undefined> {
    const row = await this.select()
      .where('v.document_id', '=', documentId)
      .orderBy('v.created_at', 'desc')
      .orderBy('v.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && versionOf(row);
  }

  async view(id: string): Promise<Version | undefined> {
    const row = await this.select().where('v.id', '=', id).executeTakeFirst();
    return row && versionOf(row);
  }

  async state(id: string): Promise<Uint8Array | undefined> {
    const row = await this.db.selectFrom('document_versions').select('state').where('id', '=', id).executeTakeFirst();
    return row && new Uint8Array(row.state);
  }
}

