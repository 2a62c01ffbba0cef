// `tonghop ingest` on PostgreSQL (issue 16): each file is hashed, stored where every worker can
// read it, recorded, and its first stage job enqueued, all in one transaction per file (a crash
// leaves a file either wholly taken in or not at all); then the command waits until the workers
// have finished its documents, with progress on stderr. The same ids, duplicate rule and
// size limit as pipeline/intake.ts, so both stores give the same documents.
import fs from 'node:fs';
import path from 'node:path';
import type PgBoss from 'pg-boss';
import type { Config } from '../config.js';
import { sha256Of } from '../content-store.js';
import { sniffFileKind } from '../file-kind.js';
import { collectFiles, ingestSummary, type IngestSummary } from '../ingest.js';
import type { Progress } from '../progress.js';
import type { IntakeOutcome } from '../intake.js';
import { messageFor } from '../../model/errors.js';
import { STAGES } from '../pipeline.js';
import { inTransaction, type PgClient, type PgPool } from './database.js';
import { PgDocuments } from './documents.js';
import type { PgContent } from './content.js';
import { enqueueStage, WORKER_ALIVE_MS } from './queue.js';

const EXT: Record<string, string> = { pdf: '.pdf', png: '.png', jpeg: '.jpg', tiff: '.tif' };

export interface PgIntake { pool: PgPool; boss: PgBoss; cfg: Config; content: PgContent }

async function firstJob(x: PgIntake, c: PgClient, id: string): Promise<void> {
  await c.query("INSERT INTO stage_runs (document_id, stage, status, finished_at, ms) VALUES ($1, 'ingest', 'done', $2, 0) ON CONFLICT DO NOTHING", [id, new Date().toISOString()]);
  await enqueueStage(x.boss, c, { documentId: id, stage: STAGES[0].name });
}

async function tooLarge(x: PgIntake, c: PgClient, abs: string, size: number): Promise<IntakeOutcome> {
  const docs = new PgDocuments(c);
  const sha = sha256Of(Buffer.from(`${abs}:${size}:${fs.statSync(abs).mtimeMs}`)); // not read: too large to trust in memory
  const id = `x${sha.slice(0, 15)}`;
  if (await docs.get(id)) return { kind: 'known', id };
  const message = messageFor('file.too_large', { size: (size / 1048576).toFixed(1), limit: (x.cfg.limits.maxFileBytes / 1048576).toFixed(0) });
  await docs.insert({ id, fileName: path.basename(abs), sourcePath: abs, sha256: sha, size, storePath: null, status: 'failed', errorCode: 'file.too_large', error: message });
  return { kind: 'rejected', id, code: 'file.too_large', message };
}

export interface PgTakeInOptions {
  /** record a same-path, same-content file again as a duplicate (the inbox service does, as with pipeline/intake.ts; `ingest` re-runs do not) */
  recordRepeats?: boolean;
  /** runs in the file's transaction once its document is recorded (the inbox service writes its inbox entry there) */
  within?: (c: PgClient, o: IntakeOutcome) => Promise<void>;
}

/** Takes one file in: known, duplicate, rejected or new (stored, recorded, probe enqueued). */
export async function pgTakeIn(x: PgIntake, filePath: string, opts: PgTakeInOptions = {}): Promise<IntakeOutcome> {
  const abs = path.resolve(filePath);
  const size = fs.statSync(abs).size;
  const bytes = size > x.cfg.limits.maxFileBytes ? null : fs.readFileSync(abs);
  const sha = bytes ? sha256Of(bytes) : '';
  const record = async (c: PgClient): Promise<IntakeOutcome> => {
    if (!bytes) return tooLarge(x, c, abs, size);
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tonghop.sha:${sha}`]); // two ingests of one content: one original
    const docs = new PgDocuments(c);
    const same = opts.recordRepeats ? undefined : await docs.findBySourcePath(abs, sha);
    if (same) return { kind: 'known', id: same.id };
    const fileName = path.basename(abs);
    const original = await docs.findOriginalBySha(sha);
    if (original) {
      let n = 1;
      while (!(await docs.insert({ id: `${sha.slice(0, 12)}-d${n}`, fileName, sourcePath: abs, sha256: sha, size, storePath: original.store_path, status: 'duplicate', duplicateOf: original.id }))) n++;
      const id = `${sha.slice(0, 12)}-d${n}`;
      await c.query("INSERT INTO stage_runs (document_id, stage, status, finished_at, ms) VALUES ($1, 'ingest', 'done', $2, 0)", [id, new Date().toISOString()]);
      return { kind: 'duplicate', id, of: original.id };
    }
    const id = sha.slice(0, 16);
    const storePath = await x.content.put(c, bytes, sha, EXT[sniffFileKind(bytes.subarray(0, 1024))] ?? '.bin');
    await docs.insert({ id, fileName, sourcePath: abs, sha256: sha, size, storePath, status: 'pending' });
    await firstJob(x, c, id);
    return { kind: 'new', id };
  };
  return inTransaction(x.pool, async (c) => {
    const o = await record(c);
    await opts.within?.(c, o);
    return o;
  });
}

/** `--force`: forget a document's stages and send it through the pipeline again. */
async function reprocess(x: PgIntake, id: string): Promise<void> {
  await inTransaction(x.pool, async (c) => {
    const r = await c.query("UPDATE documents SET status = 'pending', error_code = NULL, error = NULL, attempts = 0, updated_at = $2 WHERE id = $1 AND status <> 'duplicate'", [id, new Date().toISOString()]);
    if (r.rowCount !== 1) return;
    await c.query('DELETE FROM stage_runs WHERE document_id = $1', [id]);
    await c.query('DELETE FROM artifacts WHERE document_id = $1', [id]);
    await firstJob(x, c, id);
  });
}

/** Whether some `tonghop worker` has beaten its heart in the last 30 seconds. */
export async function workersAlive(pool: PgPool): Promise<boolean> {
  const since = new Date(Date.now() - WORKER_ALIVE_MS).toISOString();
  const { rows } = await pool.query('SELECT COUNT(*) AS n FROM workers WHERE stopped_at IS NULL AND heartbeat_at > $1', [since]);
  return rows[0].n > 0;
}

export async function pgIngest(x: PgIntake, paths: string[], opts: { force?: boolean; wait?: boolean; progress?: Progress | null } = {}): Promise<IngestSummary> {
  const t0 = Date.now();
  const files = collectFiles(paths);
  const outcomes: IntakeOutcome[] = [];
  for (const f of files) outcomes.push(await pgTakeIn(x, f));
  if (opts.force) for (const o of outcomes) if (o.kind === 'known') await reprocess(x, o.id);
  const ids = [...new Set(outcomes.map((o) => o.id))];
  const docs = new PgDocuments(x.pool);
  if (opts.wait !== false) {
    if (!(await workersAlive(x.pool))) process.stderr.write('Chưa thấy tonghop worker nào đang chạy với cơ sở dữ liệu này: các văn bản chờ trong hàng đợi đến khi có worker nhận việc.\n');
    const total = await docs.unfinished(ids);
    opts.progress?.start(total);
    for (let left = total; left > 0;) {
      await new Promise((r) => setTimeout(r, 500));
      const now = await docs.unfinished(ids);
      if (now !== left) opts.progress?.update(Math.max(0, total - now), Math.max(total, now), `còn ${now} văn bản chờ`);
      left = now;
    }
    opts.progress?.stop();
  }
  return ingestSummary(files.length, outcomes, await docs.byIds(ids), t0);
}
