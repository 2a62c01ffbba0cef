// The inbox service (`tonghop watch`, `tonghop start`) on PostgreSQL (issue 16): a ready file is
// taken in as `tonghop ingest` takes it (pgTakeIn: original stored in the database or the shared
// --store folder, document recorded, first stage job enqueued on pg-boss) and its inbox entry is
// written IN THE SAME TRANSACTION, so a crash (SIGKILL, power loss) leaves a file either wholly
// taken in, entry included, or not at all: on restart it is taken in then, never twice.
//
// Two connections, on purpose: intake is async (the pool, because pg-boss enqueues through an
// async client inside our transaction), while the rest of the inbox bookkeeping (settling,
// planned and finished moves, file_events) is the SQLite InboxRepository running unchanged on
// the synchronous store (app.db = PgSyncDb). Only the entry's first row is written here, with
// the same columns and event InboxRepository.addEntry writes.
//
// A file leaves the inbox when its document is final, as with SQLite: the workers write the
// document's status; the service reads it (InboxRepository.settled, polled) and moves the file:
// accepted / needs_review → archive, duplicate → archive/duplicates, failed → quarantine with the
// workers' code and Vietnamese reason. One watcher per database: a session advisory lock on the
// synchronous connection (freed by the server when the process dies).
import os from 'node:os';
import type { App } from '../app.js';
import type { Db } from '../db/database.js';
import type { IntakeOutcome } from '../intake.js';
import type { QueueIntake } from '../inbox/service.js';
import type { Lock } from '../inbox/lock.js';
import { STAGES } from '../pipeline.js';
import { TonghopError } from '../../model/errors.js';
import { openPg, type PgClient, type PgPool } from './database.js';
import { PgContent } from './content.js';
import { pgTakeIn, workersAlive, type PgIntake } from './intake.js';
import { ensureQueues, queueSettings, startBoss } from './queue.js';
import { redactUrl } from './url.js';

/** The key of the one-watcher-per-database lock (7_316_001: migrations, 7_316_002: queue creation). */
const WATCH_LOCK = 7_316_003;
const WATCHER_NAME = 'tonghop-watch ';

/** The inbox entry of a file just taken in (InboxRepository.addEntry's row and event), on the intake transaction. */
async function addEntryOn(c: PgClient, file: string, seen: { size: number; mtimeMs: number }, o: IntakeOutcome): Promise<void> {
  const sha = ((await c.query('SELECT sha256 FROM documents WHERE id = $1', [o.id])).rows[0]?.sha256 as string | undefined) ?? null;
  const t = new Date().toISOString();
  const r = await c.query(`INSERT INTO inbox_files (path, entry_kind, sha256, size, mtime_ms, document_id, state, reason_code, reason, taken_at, updated_at)
    VALUES ($1, 'file', $2, $3, $4, $5, 'waiting', NULL, NULL, $6, $6) RETURNING id`, [file, sha, seen.size, seen.mtimeMs, o.id, t]);
  await c.query("INSERT INTO file_events (document_id, event, from_path, to_path, detail, at) VALUES ($1, 'inbox.taken', $2, NULL, $3, $4)",
    [o.id, file, JSON.stringify({ entry: Number(r.rows[0].id), kind: 'file', sha256: sha }), t]);
}

/**
 * Makes this process the only inbox watcher of the database. The holder names itself in
 * application_name (host:pid), so a refused second watcher can say who holds the lock.
 */
export function lockInbox(db: Db, url: string): Lock {
  const where = redactUrl(url);
  db.prepare("SELECT set_config('application_name', ?, false)").get(`${WATCHER_NAME}${os.hostname()}:${process.pid}`);
  const got = db.prepare('SELECT pg_try_advisory_lock(?) AS ok').get(WATCH_LOCK) as { ok: number };
  if (!got.ok) {
    const holder = db.prepare(`SELECT a.application_name AS name, a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.classid = 0 AND l.objid = ? AND l.granted LIMIT 1`).get(WATCH_LOCK) as { name: string; pid: number } | undefined;
    const name = holder?.name ?? '';
    throw new TonghopError('inbox.locked', { pid: name.startsWith(WATCHER_NAME) ? name.slice(WATCHER_NAME.length) : String(holder?.pid ?? '?'), file: where });
  }
  let held = true;
  return {
    file: where,
    release: () => {
      if (!held) return;
      held = false;
      try { db.prepare('SELECT pg_advisory_unlock(?) AS ok').get(WATCH_LOCK); } catch { /* the connection is gone: so is the lock */ }
    },
  };
}

export class PgInboxIntake implements QueueIntake {
  private constructor(private readonly x: PgIntake, private readonly app: App, private readonly url: string) {}

  /** The pool and pg-boss (sending only, no supervision: the workers maintain the queue), queues created if missing. */
  static async open(app: App, opts: { storeDir?: string | null } = {}): Promise<PgInboxIntake> {
    const url = app.cfg.pgUrl;
    if (!url) throw new Error('PgInboxIntake needs a PostgreSQL config');
    const pool: PgPool = await openPg(url, { max: 2 });
    try {
      const settings = queueSettings();
      const boss = await startBoss(url, settings, { supervise: false });
      try {
        await ensureQueues(boss, pool, STAGES.map((s) => s.name), settings);
      } catch (err) {
        await boss.stop({ graceful: false, close: true }).catch(() => {});
        throw err;
      }
      return new PgInboxIntake({ pool, boss, cfg: app.cfg, content: PgContent.at(app.cfg.dataDir, opts.storeDir ?? null) }, app, url);
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
  }

  takeIn(file: string, seen: { size: number; mtimeMs: number }): Promise<IntakeOutcome> {
    return pgTakeIn(this.x, file, { recordRepeats: true, within: (c, o) => addEntryOn(c, file, seen, o) });
  }

  lock(): Lock { return lockInbox(this.app.db, this.url); }

  workersAlive(): Promise<boolean> { return workersAlive(this.x.pool); }

  async close(): Promise<void> {
    await this.x.boss.stop({ graceful: false, close: true }).catch(() => {});
    await this.x.pool.end().catch(() => {});
  }
}
