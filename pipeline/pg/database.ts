// The PostgreSQL store (issue 16): a pool, the numbered migrations of pipeline/pg/migrations
// applied once, by one process, under an advisory lock (any number of workers may start at the
// same time), and the gazetteer's reference tables, as the SQLite store has them.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { gazetteer } from '../../schemas/gazetteer.js';
import { provincesAsOf, rollupTable } from '../../extractors/province-gazetteer.js';
import { TonghopError } from '../../model/errors.js';
import { redactUrl } from './url.js';

// COUNT(*) and BIGINT columns as numbers (sizes and counts stay far below 2^53), as SQLite gives them.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;
/** Something that runs a query: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** One key for every tonghop process: migrations and the gazetteer load run under it. */
const MIGRATION_LOCK = 7_316_001;

/** Round trips to the server made by this process (every query counts one), for the measurements. */
export const roundTrips = { count: 0 };

export async function openPg(url: string, opts: { max?: number; migrate?: boolean } = {}): Promise<PgPool> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, application_name: 'tonghop' });
  pool.on('error', () => { /* an idle client lost its connection: the pool replaces it */ });
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...a: unknown[]) => unknown;
    (client as { query: unknown }).query = (...a: unknown[]) => { roundTrips.count++; return query(...a); };
  });
  try {
    await pool.query('SELECT 1');
    if (opts.migrate !== false) await migrate(pool);
  } catch (err) {
    await pool.end().catch(() => {});
    if (err instanceof TonghopError) throw err;
    throw new TonghopError('database.unreachable', { url: redactUrl(url), detail: (err as Error).message });
  }
  return pool;
}

/** Runs fn in one transaction on one client; rolled back when it throws. */
export async function inTransaction<T>(pool: PgPool, fn: (c: PgClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}

function migrationFiles(): { version: number; name: string }[] {
  return fs.readdirSync(migrationsDir).filter((f) => /^\d+_.*\.sql$/.test(f)).sort()
    .map((name) => ({ version: Number.parseInt(name, 10), name }));
}

const gazetteerSha = () => crypto.createHash('sha256').update(JSON.stringify(gazetteer)).digest('hex');

/** True when every migration is applied and the gazetteer loaded is current: the common case, no lock taken. */
async function upToDate(pool: PgPool): Promise<boolean> {
  const { rows } = await pool.query(`SELECT to_regclass('schema_migrations') IS NOT NULL AS has,
    to_regclass('reference_versions') IS NOT NULL AS refs`);
  if (!rows[0].has || !rows[0].refs) return false;
  const applied = await pool.query('SELECT version FROM schema_migrations');
  const have = new Set(applied.rows.map((r) => Number(r.version)));
  if (!migrationFiles().every((m) => have.has(m.version))) return false;
  const ref = await pool.query("SELECT sha256 FROM reference_versions WHERE name = 'gazetteer'");
  return ref.rows[0]?.sha256 === gazetteerSha();
}

/** Applies what is missing in one transaction under the advisory lock; a second process waits, then finds nothing to do. */
export async function migrate(pool: PgPool): Promise<void> {
  if (await upToDate(pool)) return;
  await inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set((await c.query('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)));
    for (const m of migrationFiles()) {
      if (applied.has(m.version)) continue;
      await c.query(fs.readFileSync(path.join(migrationsDir, m.name), 'utf8'));
      await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
    }
    await syncGazetteer(c);
  });
}

/** The gazetteer's reference tables (as pipeline/db/gazetteer-tables.ts fills them in SQLite). */
async function syncGazetteer(c: PgClient): Promise<void> {
  const sha = gazetteerSha();
  const have = await c.query("SELECT sha256 FROM reference_versions WHERE name = 'gazetteer'");
  if (have.rows[0]?.sha256 === sha) return;
  const all = [...new Map([...provincesAsOf('2024-12-31'), ...provincesAsOf('2025-01-01'), ...provincesAsOf('2025-07-01'), ...provincesAsOf('9999-12-31')]
    .map((p) => [p.id, p])).values()];
  await c.query('DELETE FROM gazetteer_rollup');
  await c.query('DELETE FROM gazetteer_provinces');
  await c.query('DELETE FROM gazetteer_regions');
  await c.query(`INSERT INTO gazetteer_regions (id, name, sort_order) SELECT * FROM json_to_recordset($1::json) AS x(id text, name text, sort_order int)`,
    [JSON.stringify(gazetteer.regions.map((g) => ({ id: g.id, name: g.name, sort_order: g.order })))]);
  await c.query(`INSERT INTO gazetteer_provinces (id, code, name, full_name, type, region_id, seed_order, sort_order, valid_from, valid_to, predecessors)
    SELECT * FROM json_to_recordset($1::json) AS x(id text, code text, name text, full_name text, type text, region_id text, seed_order int,
      sort_order int, valid_from text, valid_to text, predecessors text)`,
  [JSON.stringify(all.map((u) => ({ id: u.id, code: u.code, name: u.name, full_name: u.fullName, type: u.type, region_id: u.regionId,
    seed_order: u.seedOrder, sort_order: u.order, valid_from: u.validFrom, valid_to: u.validTo, predecessors: u.predecessors.join(',') })))]);
  await c.query(`INSERT INTO gazetteer_rollup (old_code, old_name, new_code, new_name, effective, kind)
    SELECT * FROM json_to_recordset($1::json) AS x(old_code text, old_name text, new_code text, new_name text, effective text, kind text)`,
  [JSON.stringify(rollupTable().map((x) => ({ old_code: x.oldCode, old_name: x.oldName, new_code: x.newCode, new_name: x.newName, effective: x.effective, kind: x.kind })))]);
  await c.query(`INSERT INTO reference_versions (name, sha256, loaded_at) VALUES ('gazetteer', $1, $2)
    ON CONFLICT (name) DO UPDATE SET sha256 = excluded.sha256, loaded_at = excluded.loaded_at`, [sha, new Date().toISOString()]);
}
