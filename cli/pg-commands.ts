// The commands that have their own asynchronous form on a PostgreSQL `--db` (issue 16): ingest
// (enqueue, wait for the workers), status (with the queue per stage and the workers) and query
// (in a read-only transaction). main.ts sends them here when --db is a postgres:// URL; the
// SQLite path is not touched. The commands that read and decide (report, export, period,
// follow-up, reconcile, user, review) run their SQLite code over the synchronous store
// (pipeline/pg/sync-db.ts, `ctx.config({ postgres: true })`), as do watch and search with their
// own PostgreSQL parts (pipeline/pg/inbox-intake.ts, pg/search.repository.ts).
import path from 'node:path';
import { makePgConfig, type Config } from '../pipeline/config.js';
import { TonghopError } from '../model/errors.js';
import { openPg, type PgPool } from '../pipeline/pg/database.js';
import { toCsv } from '../reports/csv.js';
import type { IngestSummary } from '../pipeline/ingest.js';
import { formatTable } from './query.js';
import type { StatusReport } from '../pipeline/status.js';

/** The config of a command on PostgreSQL: this machine's caches under ./data or $TONGHOP_DATA (makePgConfig). */
export function pgConfig(opts: { trustDir?: string | null; ocrCache?: string | null; ocrWorkers?: number } = {}): Config {
  const ocr = { ...(opts.ocrCache ? { cacheDir: path.resolve(opts.ocrCache) } : {}), ...(opts.ocrWorkers ? { workers: opts.ocrWorkers } : {}) };
  return makePgConfig(null, { trustDir: opts.trustDir ?? null, ocr });
}

async function withPool<T>(url: string, fn: (pool: PgPool) => Promise<T>): Promise<T> {
  const pool = await openPg(url, { max: 3 });
  try { return await fn(pool); } finally { await pool.end(); }
}

/** Takes files in on the queue and (unless wait is false) waits until the workers have finished them. */
export async function pgIngestFiles(url: string, cfg: Config, paths: string[], o: { force?: boolean; store?: string; wait?: boolean; progress?: boolean }): Promise<IngestSummary> {
  const { pgIngest } = await import('../pipeline/pg/intake.js');
  const { makeProgress } = await import('../pipeline/progress.js');
  const { startBoss, ensureQueues, queueSettings } = await import('../pipeline/pg/queue.js');
  const { PgContent } = await import('../pipeline/pg/content.js');
  const { STAGES } = await import('../pipeline/pipeline.js');
  return withPool(url, async (pool) => {
    const settings = queueSettings();
    const boss = await startBoss(url, settings, { supervise: false });
    try {
      await ensureQueues(boss, pool, STAGES.map((s) => s.name), settings);
      return await pgIngest({ pool, boss, cfg, content: PgContent.at(cfg.dataDir, o.store ?? null) }, paths,
        { force: o.force, wait: o.wait, progress: o.progress === false ? null : makeProgress() });
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
  });
}

export async function pgIngestCommand(url: string, cfg: Config, paths: string[], o: { force?: boolean; json?: boolean; store?: string; wait?: boolean }): Promise<void> {
  const { summaryText } = await import('../pipeline/ingest.js');
  const summary = await pgIngestFiles(url, cfg, paths, o);
  process.stdout.write(o.json ? `${JSON.stringify(summary, null, 2)}\n` : summaryText(summary));
}

export async function pgStatusCommand(url: string, base: StatusReport, o: { json?: boolean }): Promise<void> {
  const { pgStatusReport, pgStatusText } = await import('../pipeline/pg/status.js');
  await withPool(url, async (pool) => {
    const r = await pgStatusReport(pool, base);
    process.stdout.write(o.json ? `${JSON.stringify(r, null, 2)}\n` : pgStatusText(r));
  });
}

/** Read-only SQL: one statement (extended protocol refuses several) in a READ ONLY transaction, rolled back. */
export async function pgQueryCommand(url: string, sql: string, format: 'table' | 'csv' | 'json'): Promise<string> {
  return withPool(url, async (pool) => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN TRANSACTION READ ONLY');
      let res: { rows: Record<string, unknown>[]; fields: { name: string }[] };
      try {
        res = await c.query({ text: sql, queryMode: 'extended' } as never);
      } catch (err) {
        const e = err as Error & { code?: string };
        if (e.code === '25006') throw new TonghopError('usage.read_only_query'); // read_only_sql_transaction
        throw new TonghopError('usage.bad_query', { detail: e.message });
      }
      const cols = (res.fields ?? []).map((f) => f.name);
      if (cols.length === 0) throw new TonghopError('usage.read_only_query'); // not a reading statement
      if (format === 'json') return `${JSON.stringify(res.rows, null, 2)}\n`;
      if (format === 'csv') return toCsv(cols, res.rows.map((r) => cols.map((k) => r[k] as string)));
      return formatTable(cols, res.rows.map((r) => cols.map((k) => (r[k] == null ? '' : String(r[k])))));
    } finally {
      await c.query('ROLLBACK').catch(() => {});
      c.release();
    }
  });
}
