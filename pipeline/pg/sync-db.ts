// A synchronous database over PostgreSQL with the shape of better-sqlite3's (issue 16), so the
// code written for the SQLite store — review UI, accounts, claims, four eyes, periods, follow-up,
// the inbox — runs on the shared store unchanged, SQL still only in its repositories.
//
// How: one worker thread holds one connection (sync-worker.ts). A statement is rewritten once
// (sql-dialect.ts), posted to the worker, and this thread sleeps on a shared flag until the
// reply is there, as better-sqlite3 blocks on its file. One connection per process means one
// statement at a time per process, as with SQLite; several processes (review UIs, CLIs on other
// machines) share the server, which does the locking. Transactions are BEGIN … COMMIT on that
// connection (SAVEPOINTs when nested), as better-sqlite3's db.transaction() does.
//
// The pipeline's own stages do not use this: they run in `tonghop worker` on the job queue.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { TonghopError } from '../../model/errors.js';
import { redactUrl } from './url.js';
import { toPostgres, scriptToPostgres, type PgStatementText } from './sql-dialect.js';
import type { SyncReply, SyncRequest } from './sync-worker.js';

const BOOT = new URL('./sync-worker-boot.mjs', import.meta.url);
/** Longest wait for one statement; PostgreSQL's statement_timeout is the real bound. */
const WAIT_MS = 10 * 60_000;

type Row = Record<string, unknown>;
type Params = unknown[];

/** An error PostgreSQL raised, with its SQLSTATE (23505: unique violation…) and the statement. */
export class PgStatementError extends Error {
  constructor(message: string, readonly code: string | null, readonly sql: string) {
    super(`${message}\n  in: ${sql.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
}

export class PgSyncStatement {
  private plucked = false;
  constructor(private readonly db: PgSyncDb, private readonly stmt: PgStatementText, readonly source: string) {}

  pluck(on = true): this { this.plucked = on; return this; }

  all(...args: Params): unknown[] {
    const r = this.db.request({ op: 'query', text: this.stmt.text, values: this.bind(args) }, this.source);
    return this.plucked ? r.rows.map((row) => row[r.fields[0]]) : r.rows;
  }

  get(...args: Params): unknown {
    return this.all(...args)[0];
  }

  run(...args: Params): Database.RunResult {
    const r = this.db.request({ op: 'query', text: this.stmt.text, values: this.bind(args) }, this.source);
    return { changes: r.rowCount, lastInsertRowid: this.stmt.returnsId && r.rows[0] ? Number(r.rows[0].id) : 0 };
  }

  *iterate(...args: Params): IterableIterator<unknown> {
    yield* this.all(...args);
  }

  columns(): { name: string }[] {
    const r = this.db.request({ op: 'query', text: `SELECT * FROM (${this.stmt.text}) AS q LIMIT 0`, values: this.stmt.params.map(() => null) }, this.source);
    return r.fields.map((name) => ({ name }));
  }

  /** better-sqlite3's binding: an object for @names, values in order for ?; booleans refused as there. */
  private bind(args: Params): unknown[] {
    const named = args.length === 1 && args[0] !== null && typeof args[0] === 'object' && !Buffer.isBuffer(args[0]) && !(args[0] instanceof Uint8Array)
      ? (args[0] as Row) : null;
    const positional = named ? [] : args;
    return this.stmt.params.map((p) => {
      const v = typeof p === 'number' ? positional[p] : named?.[p];
      if (v === undefined) throw new RangeError(`missing value for ${typeof p === 'number' ? `parameter ${p + 1}` : `@${p}`} in: ${this.source.slice(0, 120)}`);
      if (typeof v === 'boolean') throw new TypeError('SQLite3 can only bind numbers, strings, bigints, buffers, and null');
      return typeof v === 'bigint' ? v.toString() : v;
    });
  }
}

export class PgSyncDb {
  readonly dialect = 'postgres' as const;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly cache = new Map<string, PgSyncStatement>();
  private idTables: ReadonlySet<string> = new Set();
  private depth = 0;
  open = true;

  constructor(readonly url: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(BOOT, { workerData: { url, port: port2, flag: this.flag }, transferList: [port2], stdout: false, stderr: false });
    this.worker.unref();
    const ready = this.wait('open');
    if (!ready.ok) {
      void this.worker.terminate();
      throw new TonghopError('database.unreachable', { url: redactUrl(url), detail: ready.message });
    }
    const ids = this.request({ op: 'query', text: "SELECT table_name FROM information_schema.columns WHERE column_name = 'id' AND table_schema = current_schema()", values: [] }, 'tables');
    this.idTables = new Set(ids.rows.map((r) => String(r.table_name)));
  }

  get inTransaction(): boolean { return this.depth > 0; }

  prepare(sql: string): PgSyncStatement {
    let s = this.cache.get(sql);
    if (!s) {
      s = new PgSyncStatement(this, toPostgres(sql, this.idTables), sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  exec(sql: string): this {
    this.request({ op: 'exec', text: scriptToPostgres(sql) }, sql);
    return this;
  }

  /** The SQLite pragmas have no meaning here (the server has its own settings). */
  pragma(_source: string): unknown[] { return []; }

  /** better-sqlite3's transaction(): BEGIN … COMMIT, or a SAVEPOINT inside another; rolled back when fn throws. */
  transaction<A extends unknown[], R>(fn: (...args: A) => R): ((...args: A) => R) & { immediate: (...args: A) => R; deferred: (...args: A) => R; exclusive: (...args: A) => R } {
    const run = (...args: A): R => {
      const sp = `sp${this.depth}`;
      this.exec(this.depth === 0 ? 'BEGIN' : `SAVEPOINT ${sp}`);
      this.depth++;
      try {
        const out = fn(...args);
        this.depth--;
        this.exec(this.depth === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${sp}`);
        return out;
      } catch (err) {
        this.depth--;
        try { this.exec(this.depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${sp}`); } catch { /* the first error is the one to report */ }
        throw err;
      }
    };
    return Object.assign(run, { immediate: run, deferred: run, exclusive: run });
  }

  close(): this {
    if (!this.open) return this;
    this.open = false;
    try { this.request({ op: 'close' }, 'close'); } catch { /* closing anyway */ }
    void this.worker.terminate();
    return this;
  }

  /** Posts one request and sleeps until the worker has answered it. */
  request(req: SyncRequest, source: string): { rows: Row[]; fields: string[]; rowCount: number } {
    if (!this.open && req.op !== 'close') throw new TypeError('The database connection is not open');
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(req);
    const r = this.wait(source);
    if (!r.ok) throw new PgStatementError(r.message, r.code, req.op === 'query' ? req.text : source);
    return r;
  }

  private wait(source: string): SyncReply {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      if (Atomics.wait(this.flag, 0, 0, 1000) !== 'timed-out' || Atomics.load(this.flag, 0) === 1) {
        const msg = receiveMessageOnPort(this.port);
        if (msg) return msg.message as SyncReply;
      }
      if (Date.now() > deadline) throw new TonghopError('database.unreachable', { url: redactUrl(this.url), detail: `no answer to: ${source.slice(0, 80)}` });
    }
  }
}

/** Opens the PostgreSQL store as a synchronous database (migrations applied once, under their lock). */
export function openPgSync(url: string): PgSyncDb {
  return new PgSyncDb(url);
}
