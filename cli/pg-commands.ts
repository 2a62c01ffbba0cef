// The commands that run on a PostgreSQL `--db` (issue 16): ingest (enqueue, wait for the
// workers), status (with the queue per stage and the workers), export documents, report, query
// (in a read-only transaction). main.ts and report.ts send a command here when --db is a
// postgres:// URL; the SQLite path is not touched. Other commands refuse a PostgreSQL URL with
// usage.not_on_postgres.
import fs from 'node:fs';
import path from 'node:path';
import { makePgConfig, type Config } from '../pipeline/config.js';
import { TonghopError } from '../model/errors.js';
import { openPg, type PgPool } from '../pipeline/pg/database.js';
import { toCsv } from '../reports/csv.js';
import type { ReportFormat, ReportName } from '../reports/report-bundle.js';
import type { Selection } from '../reports/selection.js';
import { formatTable } from './query.js';

/** The config of a command on PostgreSQL: this machine's caches under ./data or $TONGHOP_DATA (makePgConfig). */
export function pgConfig(opts: { trustDir?: string | null; ocrCache?: string | null; ocrWorkers?: number; url?: string } = {}): Config {
  const ocr = { ...(opts.ocrCache ? { cacheDir: path.resolve(opts.ocrCache) } : {}), ...(opts.ocrWorkers ? { workers: opts.ocrWorkers } : {}) };
  return makePgConfig(opts.url ?? null, { trustDir: opts.trustDir ?? null, ocr });
}

async function withPool<T>(url: string, fn: (pool: PgPool) => Promise<T>): Promise<T> {
  const pool = await openPg(url, { max: 3 });
  try { return await fn(pool); } finally { await pool.end(); }
}

function write(data: string | Uint8Array, out?: string): void {
  if (out) {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, data);
  } else process.stdout.write(data);
}

export async function pgIngestCommand(url: string, cfg: Config, paths: string[], o: { force?: boolean; json?: boolean; store?: string; wait?: boolean }): Promise<void> {
  const { pgIngest } = await import('../pipeline/pg/intake.js');
  const { summaryText } = await import('../pipeline/ingest.js');
  const { makeProgress } = await import('../pipeline/progress.js');
  const { startBoss, ensureQueues, queueSettings } = await import('../pipeline/pg/queue.js');
  const { PgContent } = await import('../pipeline/pg/content.js');
  const { STAGES } = await import('../pipeline/pipeline.js');
  await withPool(url, async (pool) => {
    const settings = queueSettings();
    const boss = await startBoss(url, settings, { supervise: false });
    try {
      await ensureQueues(boss, pool, STAGES.map((s) => s.name), settings);
      const summary = await pgIngest({ pool, boss, cfg, content: PgContent.at(cfg.dataDir, o.store ?? null) }, paths,
        { force: o.force, wait: o.wait, progress: makeProgress() });
      process.stdout.write(o.json ? `${JSON.stringify(summary, null, 2)}\n` : summaryText(summary));
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
  });
}

export async function pgStatusCommand(url: string, o: { json?: boolean }): Promise<void> {
  const { pgStatusReport, pgStatusText } = await import('../pipeline/pg/status.js');
  await withPool(url, async (pool) => {
    const r = await pgStatusReport(pool);
    process.stdout.write(o.json ? `${JSON.stringify(r, null, 2)}\n` : pgStatusText(r));
  });
}

export async function pgExportCommand(url: string, o: { format: string; out?: string }): Promise<void> {
  const { pgExportDocuments, pgExportDocumentsCsv } = await import('../reports/pg-export.js');
  await withPool(url, async (pool) => {
    write(o.format === 'csv' ? await pgExportDocumentsCsv(pool) : `${JSON.stringify(await pgExportDocuments(pool), null, 2)}\n`, o.out);
  });
}

export async function pgReportCommand(url: string, name: ReportName, selection: Selection, o: { format: ReportFormat; out?: string }): Promise<void> {
  const { buildPgReport } = await import('../reports/pg-reports.js');
  const { renderReport } = await import('../reports/report.js');
  await withPool(url, async (pool) => {
    const data = await renderReport(await buildPgReport(pool, name, selection), o.format);
    if (typeof data !== 'string' && !o.out && process.stdout.isTTY) throw new TonghopError('usage.binary_to_stdout', { format: o.format });
    write(data, o.out);
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
