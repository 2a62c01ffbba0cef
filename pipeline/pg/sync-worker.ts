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

async function main(): Promise<void> {
  let client: pg.PoolClient;
  const pool = await openPg(url, { max: 1, migrate: false });
  try {
    await migrate(pool);
    client = await pool.connect();
  } catch (err) {
    const e = err as Error & { code?: string };
    reply({ ok: false, message: e.message, code: e.code ?? null, detail: null });
    return;
  }
  reply({ ok: true, rows: [], fields: [], rowCount: 0 });
  port.on('message', async (req: SyncRequest) => {
    try {
      if (req.op === 'close') {
        client.release();
        await pool.end();
        reply({ ok: true, rows: [], fields: [], rowCount: 0 });
        port.close();
        return;
      }
      const r = req.op === 'exec' ? await client.query(req.text) : await client.query({ text: req.text, values: req.values });
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      reply({ ok: true, rows: (last?.rows ?? []).map(sqliteRow), fields: (last?.fields ?? []).map((f: pg.FieldDef) => f.name), rowCount: last?.rowCount ?? 0 });
    } catch (err) {
      const e = err as Error & { code?: string; detail?: string };
      reply({ ok: false, message: e.message, code: e.code ?? null, detail: e.detail ?? null });
    }
  });
}

if (parentPort) void main();
