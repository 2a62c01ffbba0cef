// Queries about documents on PostgreSQL (issue 16), async, beside the synchronous SQLite
// repository (pipeline/db/documents.repository.ts), which stays as it is. Same tables, same
// row shapes (DocumentRow), so the pure code downstream (stages, exports, report builders)
// gets the same rows from either store.
import type { DocumentRow, DocumentStatus } from '../../model/records.js';
import type { Artifacts } from '../../model/artifacts.js';
import type { Queryable } from './database.js';

export const now = () => new Date().toISOString();

export interface NewDocument {
  id: string; fileName: string; sourcePath: string | null; sha256: string; size: number; storePath: string | null;
  status: DocumentStatus; duplicateOf?: string | null; errorCode?: string | null; error?: string | null; parentId?: string | null;
}

export class PgDocuments {
  constructor(private readonly db: Queryable) {}

  async get(id: string): Promise<DocumentRow | undefined> {
    return (await this.db.query('SELECT * FROM documents WHERE id = $1', [id])).rows[0];
  }

  async findOriginalBySha(sha256: string): Promise<DocumentRow | undefined> {
    return (await this.db.query("SELECT * FROM documents WHERE sha256 = $1 AND status <> 'duplicate'", [sha256])).rows[0];
  }

  async findBySourcePath(sourcePath: string, sha256: string): Promise<DocumentRow | undefined> {
    return (await this.db.query('SELECT * FROM documents WHERE source_path = $1 AND sha256 = $2 ORDER BY received_at LIMIT 1', [sourcePath, sha256])).rows[0];
  }

  /** Inserts a document; false when its id (or its content, for an original) is already there. */
  async insert(d: NewDocument): Promise<boolean> {
    const t = now();
    const r = await this.db.query(`INSERT INTO documents (id, file_name, source_path, sha256, size, store_path, status, duplicate_of, error_code, error, parent_id, received_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) ON CONFLICT DO NOTHING`,
    [d.id, d.fileName, d.sourcePath, d.sha256, d.size, d.storePath, d.status, d.duplicateOf ?? null, d.errorCode ?? null, d.error ?? null, d.parentId ?? null, t]);
    return r.rowCount === 1;
  }

  /**
   * The exactly-once key of a stage's result: records (document, stage) only when it is not
   * recorded yet and the document is still pending. False: nothing else may be written.
   */
  async markStage(id: string, stage: string, status: 'done' | 'failed', ms: number): Promise<boolean> {
    const r = await this.db.query(`INSERT INTO stage_runs (document_id, stage, status, finished_at, ms)
      SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM documents WHERE id = $1 AND status = 'pending')
      ON CONFLICT (document_id, stage) DO NOTHING`, [id, stage, status, now(), Math.round(ms)]);
    return r.rowCount === 1;
  }

  /** Stores a stage's artifacts in one statement. */
  async putArtifacts(id: string, artifacts: Partial<Artifacts>): Promise<void> {
    const entries = Object.entries(artifacts);
    if (entries.length === 0) return;
    await this.db.query(`INSERT INTO artifacts (document_id, name, json) SELECT $1, x.name, x.json FROM unnest($2::text[], $3::text[]) AS x(name, json)
      ON CONFLICT (document_id, name) DO UPDATE SET json = excluded.json`,
    [id, entries.map(([n]) => n), entries.map(([, v]) => JSON.stringify(v ?? null))]);
  }

  async fail(id: string, code: string, message: string): Promise<void> {
    await this.db.query("UPDATE documents SET status = 'failed', error_code = $2, error = $3, updated_at = $4 WHERE id = $1", [id, code, message, now()]);
  }

  /** Documents among `ids` (and the attachments taken in from them) not finished yet. */
  async unfinished(ids: string[]): Promise<number> {
    const { rows } = await this.db.query("SELECT COUNT(*) AS n FROM documents WHERE status = 'pending' AND (id = ANY($1) OR parent_id = ANY($1))", [ids]);
    return rows[0].n;
  }

  async byIds(ids: string[]): Promise<DocumentRow[]> {
    return (await this.db.query('SELECT * FROM documents WHERE id = ANY($1) ORDER BY received_at, id', [ids])).rows;
  }
}
