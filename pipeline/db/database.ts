// Opens the SQLite file and applies numbered migrations (pipeline/db/migrations/NNN_*.sql) once each.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TonghopError } from '../../model/errors.js';

export type Db = Database.Database;

/**
 * True when `db` is the PostgreSQL store behind the same shape (pipeline/pg/sync-db.ts's
 * PgSyncDb says so in `dialect`; better-sqlite3 has no such property): the few places whose SQL
 * cannot be the same on both stores (search, a read-only snapshot) ask this.
 */
export const isPostgresDb = (db: Db): boolean => (db as unknown as { dialect?: string }).dialect === 'postgres';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export function openDatabase(file: string, opts: { readonly?: boolean } = {}): Db {
  if (opts.readonly) {
    if (!fs.existsSync(file)) throw new TonghopError('database.not_found', { file });
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('query_only = ON');
    return db;
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const files = fs.readdirSync(migrationsDir).filter((f) => /^\d+_.*\.sql$/.test(f)).sort();
  for (const f of files) {
    const version = Number.parseInt(f, 10);
    if (applied.has(version)) continue;
    const sql = fs.readFileSync(path.join(migrationsDir, f), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(version, f, new Date().toISOString());
    })();
  }
}
