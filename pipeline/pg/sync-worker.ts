// The thread behind sync-db.ts: one PostgreSQL connection, one request at a time. The calling
// thread posts a request on the port, then sleeps on the shared flag (Atomics.wait); this thread
// runs the query with the async driver, posts the reply and wakes it. The caller thus gets a
// synchronous database, as better-sqlite3 gives it, so the code written for SQLite (review UI,
// accounts, periods, inbox) runs unchanged on PostgreSQL.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import pg from 'pg';
import { migrate, openPg } from './database.js';

export type SyncRequest =
  | { op: 'query'; text: string; values: unknown[] }
  | { op: 'exec'; text: string }
  | { op: 'close' };

export type SyncReply =
  | { ok: true; rows: Record<string, unknown>[]; fields: string[]; rowCount: number }
  | { ok: false; message: string; code: string | null; detail: string | null };

// NUMERIC (AVG, SUM over decimals) as numbers, as SQLite gives them; INT8 is set by database.ts.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => Number(v));

const { url, port, flag } = workerData as { url: string; port: MessagePort; flag: Int32Array };

function reply(r: SyncReply): void {
  port.postMessage(r);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

/** Booleans come back as 1/0: the SQLite code compares flags with numbers. */
function sqliteRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const k in row) if (typeof row[k] === 'boolean') row[k] = row[k] ? 1 : 0;
  return row;
}

/**
 * A failure that leaves the connection unusable (the server restarted or ended this backend, the
 * network dropped): SQLSTATE class 08 or 57P0x, or a socket error (no SQLSTATE, a message about the connection).
 */
export const connectionLost = (e: { code?: string; message?: string }): boolean =>
  e.code ? e.code.startsWith('08') || /^57P0[1-3]$/.test(e.code) : /connection|ECONN|EPIPE|socket/i.test(e.message ?? '');

async function main(): Promise<void> {
  const pool = await openPg(url, { max: 1, migrate: false });
  // The connection is replaced before the next statement once it is lost. The statement that
  // found it lost fails (it may or may not have run: it is never repeated blindly), and so does
  // every later statement of a transaction that was open — its work went with the connection —
  // until the caller's ROLLBACK closes it; only then does a new connection serve statements.
  let client: pg.PoolClient | null = null;
  let lost = false;
  let txOpen = false;
  let txLost = false;
  const markLost = () => { lost = true; if (txOpen) txLost = true; };
  const connection = async (): Promise<pg.PoolClient> => {
    if (client && !lost) return client;
    client?.release(true);
    lost = false;
    const c = await pool.connect();
    c.on('error', markLost);
    client = c;
    return c;
  };
  try {
    await migrate(pool);
    await connection();
  } catch (err) {
    const e = err as Error & { code?: string };
    reply({ ok: false, message: e.message, code: e.code ?? null, detail: null });
    return;
  }
  reply({ ok: true, rows: [], fields: [], rowCount: 0 });
  port.on('message', async (req: SyncRequest) => {
    try {
      if (req.op === 'close') {
        client?.release(lost);
        await pool.end();
        reply({ ok: true, rows: [], fields: [], rowCount: 0 });
        port.close();
        return;
      }
      const top = req.op === 'exec' ? /^\s*(BEGIN|COMMIT|ROLLBACK)\s*;?\s*$/i.exec(req.text)?.[1]?.toUpperCase() : undefined;
      if (txLost) {
        if (top === 'ROLLBACK') { txLost = false; txOpen = false; reply({ ok: true, rows: [], fields: [], rowCount: 0 }); return; }
        reply({ ok: false, message: 'the connection to PostgreSQL was lost inside a transaction; its work was not kept', code: '08003', detail: null });
        return;
      }
      const c = await connection();
      const r = req.op === 'exec' ? await c.query(req.text) : await c.query({ text: req.text, values: req.values });
      if (top) txOpen = top === 'BEGIN';
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      reply({ ok: true, rows: (last?.rows ?? []).map(sqliteRow), fields: (last?.fields ?? []).map((f: pg.FieldDef) => f.name), rowCount: last?.rowCount ?? 0 });
    } catch (err) {
      const e = err as Error & { code?: string; detail?: string };
      if (connectionLost(e)) markLost();
      reply({ ok: false, message: e.message, code: e.code ?? null, detail: e.detail ?? null });
    }
  });
}

if (parentPort) void main();
