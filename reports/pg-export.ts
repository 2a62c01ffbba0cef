// `tonghop export documents` from the PostgreSQL store (issue 16). The export holds every
// document in memory on either store, so here the documents and their extraction rows are
// copied, in one read-only snapshot, into an in-memory SQLite with the same schema, and the
// export itself is the SQLite one (reports/export-documents.ts): the same JSON and CSV, field
// for field, with no second copy of the row-to-JSON mapping to keep in step.
import type { PgPool } from '../pipeline/pg/database.js';
import { CHILD_TABLES, Scratch, orderOf } from '../pipeline/pg/unit-of-work.js';
import { exportDocuments, exportDocumentsCsv, type ExportedDocument } from './export-documents.js';

async function snapshot(pool: PgPool): Promise<Scratch> {
  const s = Scratch.open();
  const c = await pool.connect();
  try {
    await c.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    s.load('documents', (await c.query('SELECT * FROM documents ORDER BY received_at, id')).rows);
    for (const t of CHILD_TABLES) s.load(t, (await c.query(`SELECT * FROM ${t} ORDER BY ${orderOf(t)}`)).rows);
    await c.query('COMMIT');
    return s;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    s.close();
    throw err;
  } finally {
    c.release();
  }
}

export async function pgExportDocuments(pool: PgPool): Promise<{ documents: ExportedDocument[] }> {
  const s = await snapshot(pool);
  try { return exportDocuments(s.repo); } finally { s.close(); }
}

export async function pgExportDocumentsCsv(pool: PgPool): Promise<string> {
  const s = await snapshot(pool);
  try { return exportDocumentsCsv(s.repo); } finally { s.close(); }
}
