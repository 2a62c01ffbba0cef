// One stage job on PostgreSQL (issue 16): read the document and the artifacts the stage needs,
// run the stage (the same code as on SQLite) against a scratch unit of work, then commit in one
// transaction: the (document, stage) row first, then the stage's artifacts and row changes,
// then the next stage's job. The (document, stage) row is the idempotency key: a job delivered
// twice (a lease that ran out while a slow worker still ran it) commits nothing the second time.
import type { AnyOutcome, AnyStage, StageContext } from '../stage.js';
import type { Config } from '../config.js';
import type { DocumentRow } from '../../model/records.js';
import type { Artifacts, ArtifactName } from '../../model/artifacts.js';
import type { OcrService } from '../stage.js';
import { messageFor } from '../../model/errors.js';
import { inTransaction, type PgPool, type Queryable } from './database.js';
import { PgDocuments } from './documents.js';
import { Scratch, readChildren, writeChildren, writeUpdates, type ScratchChanges } from './unit-of-work.js';
import type { PgContent } from './content.js';
import type { StageJob } from './queue.js';

/** Stages that read the original file (it is fetched into this machine's cache first). */
const FILE_STAGES = new Set(['probe', 'signatures', 'text', 'load']);
/** Stages that read the document's extraction rows from the repository (route counts what waits for review). */
const READS_CHILDREN = new Set(['route']);

export interface JobEnv {
  pool: PgPool;
  cfg: Config;
  content: PgContent;
  stages: readonly AnyStage[];
  ocr: () => Promise<OcrService | null>;
  scratches: Scratch[];
  /** enqueues a stage job inside the given transaction */
  enqueue: (c: Queryable, job: StageJob) => Promise<void>;
}

export type JobResult = 'done' | 'failed' | 'skipped' | 'duplicate';

/**
 * In one round trip: the document and its parent (the load stage compares an attachment with its
 * package), whether this stage is committed and the one before it, and the artifacts it needs.
 */
async function readDocument(db: Queryable, id: string, stage: AnyStage, prev: string): Promise<{ doc?: DocumentRow; rows: DocumentRow[]; ready: boolean; artifacts: Partial<Artifacts> }> {
  const { rows } = await db.query(`SELECT d.*, EXISTS (SELECT 1 FROM stage_runs s WHERE s.document_id = $1 AND s.stage = $2) AS stage_done,
      EXISTS (SELECT 1 FROM stage_runs s WHERE s.document_id = $1 AND s.stage = $3 AND s.status = 'done') AS prev_done,
      CASE WHEN d.id = $1 THEN (SELECT json_object_agg(a.name, a.json) FROM artifacts a WHERE a.document_id = $1 AND a.name = ANY($4)) END AS needed
    FROM documents d WHERE d.id = $1 OR d.id = (SELECT parent_id FROM documents WHERE id = $1)`, [id, stage.name, prev, stage.needs]);
  // ready: this stage not committed yet, the one before it committed (a stale job left over from
  // before `ingest --force` reset the document must not run a stage out of order)
  const main = rows.find((r) => r.id === id);
  const ready = !!main && !main.stage_done && main.prev_done;
  const stored: Record<string, string> = main?.needed ?? {};
  const artifacts = Object.fromEntries(Object.entries(stored).filter(([n]) => stage.needs.includes(n as ArtifactName)).map(([n, j]) => [n, JSON.parse(j)]));
  const clean = rows.map(({ stage_done: _, prev_done: __, needed: ___, ...r }) => r as DocumentRow);
  return { doc: clean.find((r) => r.id === id), rows: clean, ready, artifacts };
}

export async function runStageJob(env: JobEnv, job: StageJob): Promise<JobResult> {
  const idx = env.stages.findIndex((s) => s.name === job.stage);
  if (idx < 0) throw new Error(`unknown stage ${job.stage}`);
  const stage = env.stages[idx];
  const { doc, rows, ready, artifacts } = await readDocument(env.pool, job.documentId, stage, env.stages[idx - 1]?.name ?? 'ingest');
  if (doc?.status !== 'pending' || !ready) return 'skipped'; // finished, failed, committed already, or out of order
  if (FILE_STAGES.has(stage.name)) {
    for (const r of rows) if (r.store_path) r.store_path = await env.content.localPath(env.pool, r.store_path);
  }
  const scratch = env.scratches.pop() ?? Scratch.open();
  try {
    scratch.seedDocuments(rows);
    if (READS_CHILDREN.has(stage.name)) scratch.seedChildren(doc.id, await readChildren(env.pool, doc.id));
    const ctx: StageContext = { cfg: env.cfg, repo: scratch.repo, store: env.content.local, ocr: env.ocr };
    const t0 = performance.now();
    let outcome: AnyOutcome;
    try {
      outcome = await stage.run(ctx, { row: scratch.document(doc.id)!, artifacts });
    } catch (err) {
      // A bug or an unexpected library error: the document fails with the reason, as on SQLite.
      const e = err as Error;
      outcome = { kind: 'failed', code: 'internal.error', message: messageFor('internal.error', { stage: stage.name, detail: e?.message ?? String(err) }) };
    }
    const next = env.stages[idx + 1]?.name ?? null;
    return await commit(env, doc.id, stage.name, performance.now() - t0, outcome, outcome.kind === 'done' ? scratch.changes(doc.id) : null, next, scratch);
  } finally {
    scratch.reset();
    env.scratches.push(scratch);
  }
}

async function commit(env: JobEnv, id: string, stage: string, ms: number, outcome: AnyOutcome, changes: ScratchChanges | null,
  next: string | null, scratch: Scratch): Promise<JobResult> {
  return inTransaction(env.pool, async (c) => {
    // First, the key: nothing else is written when this (document, stage) is committed already
    // or the document is no longer pending (failed meanwhile by the dead-letter handler).
    const docs = new PgDocuments(c);
    if (!(await docs.markStage(id, stage, outcome.kind === 'done' ? 'done' : 'failed', ms))) return 'duplicate';
    if (outcome.kind === 'failed') {
      await docs.fail(id, outcome.code, outcome.message);
      return 'failed';
    }
    await docs.putArtifacts(id, outcome.artifacts);
    if (changes) await writeChanges(env, c, id, changes, scratch);
    if (next) await env.enqueue(c, { documentId: id, stage: next });
    return 'done';
  });
}

async function writeChanges(env: JobEnv, c: Queryable, id: string, ch: ScratchChanges, scratch: Scratch): Promise<void> {
  const main = ch.updated.find((u) => u.id === id)?.set ?? {};
  const row = scratch.document(id)!;
  const numbers = 'doc_number' in main || 'parent_ref' in main ? [row.doc_number, row.parent_ref ?? null] : [];
  // the number locks first, before any row is written: two loads linking each other then queue on the lock, never deadlock on rows
  await lockNumbers(c, numbers);
  await writeUpdates(c, ch.updated);
  if (ch.children) await writeChildren(c, ch.children.id, ch.children.rows, (t) => scratch.columnsOf(t));
  if (numbers.length) await linkByNumber(c, id, row.doc_number, row.parent_ref ?? null);
  for (const a of ch.added) await takeInAdded(env, c, a, scratch);
}

/**
 * An attachment the stage took in (an edXML package's file): stored where every worker reads
 * originals, inserted (or, when its content is here already, only linked), and sent to probe.
 */
async function takeInAdded(env: JobEnv, c: Queryable, a: DocumentRow, scratch: Scratch): Promise<void> {
  const storePath = a.store_path ? await env.content.adopt(c, a.store_path, a.sha256) : null;
  const ins = await c.query(`INSERT INTO documents (id, file_name, source_path, sha256, size, store_path, status, duplicate_of, error_code, error, parent_id, received_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING`,
  [a.id, a.file_name, a.source_path, a.sha256, a.size, storePath, a.status, a.duplicate_of, a.error_code, a.error, a.parent_id ?? null, a.received_at, a.updated_at]);
  if (ins.rowCount !== 1) {
    if (a.parent_id) await c.query("UPDATE documents SET parent_id = $2 WHERE sha256 = $1 AND status <> 'duplicate' AND parent_id IS NULL AND id <> $2", [a.sha256, a.parent_id]);
    return;
  }
  const ran = scratch.db.prepare('SELECT stage, status, finished_at, ms FROM stage_runs WHERE document_id = ?').all(a.id) as { stage: string; status: string; finished_at: string; ms: number }[];
  for (const r of ran) await c.query('INSERT INTO stage_runs (document_id, stage, status, finished_at, ms) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [a.id, r.stage, r.status, r.finished_at, r.ms]);
  if (a.status === 'pending') await env.enqueue(c, { documentId: a.id, stage: env.stages[0].name });
}

/**
 * DocumentsRepository.linkByNumber on PostgreSQL, where two workers may load the attachment and
 * its main document at the same moment: each has taken a transaction lock on the number first
 * (lockNumbers), so the second to commit always sees the first (READ COMMITTED: each statement
 * reads the latest committed rows).
 */
async function lockNumbers(c: Queryable, numbers: (string | null)[]): Promise<void> {
  for (const n of [...new Set(numbers.filter((x): x is string => !!x))].sort()) {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tonghop.link:${n}`]);
  }
}

async function linkByNumber(c: Queryable, id: string, ownNumber: string | null, parentRef: string | null): Promise<void> {
  if (ownNumber) {
    await c.query("UPDATE documents SET parent_id = $1 WHERE parent_ref = $2 AND parent_id IS NULL AND id <> $1 AND status <> 'duplicate'", [id, ownNumber]);
  }
  if (parentRef) {
    await c.query(`UPDATE documents SET parent_id = p.id FROM (SELECT id FROM documents WHERE doc_number = $2 AND id <> $1
      AND status NOT IN ('failed', 'duplicate') ORDER BY received_at LIMIT 1) p WHERE documents.id = $1 AND documents.parent_id IS NULL`, [id, parentRef]);
  }
}
