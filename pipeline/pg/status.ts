// `tonghop status` on PostgreSQL (issue 16): the SQLite report (counts, failures, the inbox),
// made by pipeline/status.ts over the synchronous store, plus the queue per stage (read from
// pg-boss's own table pgboss.job: waiting, retrying, in flight, failed) and each worker's
// heartbeat and jobs in flight (table `workers`).
import type { StatusReport } from '../status.js';
import { statusText } from '../status.js';
import { STAGES } from '../pipeline.js';
import type { Queryable } from './database.js';
import { DEAD_LETTER, QUEUE_PREFIX, WORKER_ALIVE_MS } from './queue.js';

export interface StageQueue { stage: string; waiting: number; retrying: number; active: number; failed: number; completed: number; retries: number }
export interface WorkerInfo { id: string; host: string; pid: number; stages: string; concurrency: number; inFlight: number; done: number; heartbeatAt: string; alive: boolean }
export interface PgStatusReport extends StatusReport { stages: StageQueue[]; workers: WorkerInfo[]; deadLetters: number }


async function stageQueues(db: Queryable): Promise<{ stages: StageQueue[]; deadLetters: number }> {
  const has = (await db.query("SELECT to_regclass('pgboss.job') IS NOT NULL AS ok")).rows[0].ok;
  const rows = has ? (await db.query(`SELECT name, state::text AS state, COUNT(*) AS n, COALESCE(SUM(retry_count), 0) AS retries
    FROM pgboss.job WHERE name LIKE $1 GROUP BY name, state`, [`${QUEUE_PREFIX}%`])).rows : [];
  const by = new Map<string, StageQueue>(STAGES.map((s) => [s.name, { stage: s.name, waiting: 0, retrying: 0, active: 0, failed: 0, completed: 0, retries: 0 }]));
  let deadLetters = 0;
  for (const r of rows) {
    if (r.name === DEAD_LETTER) { if (r.state !== 'completed') deadLetters += r.n; continue; }
    const q = by.get(r.name.slice(QUEUE_PREFIX.length));
    if (!q) continue;
    if (r.state === 'created') q.waiting += r.n;
    else if (r.state === 'retry') q.retrying += r.n;
    else if (r.state === 'active') q.active += r.n;
    else if (r.state === 'failed') q.failed += r.n;
    else if (r.state === 'completed') q.completed += r.n;
    q.retries += Number(r.retries);
  }
  return { stages: [...by.values()], deadLetters };
}

async function workers(db: Queryable): Promise<WorkerInfo[]> {
  // a worker killed without a word stays listed (as silent) for an hour, then drops out
  const { rows } = await db.query('SELECT * FROM workers WHERE stopped_at IS NULL AND heartbeat_at > $1 ORDER BY started_at', [new Date(Date.now() - 3_600_000).toISOString()]);
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id, host: r.host, pid: r.pid, stages: r.stages, concurrency: r.concurrency, inFlight: r.in_flight, done: r.done,
    heartbeatAt: r.heartbeat_at, alive: now - Date.parse(r.heartbeat_at) < WORKER_ALIVE_MS,
  }));
}

/** The store's report (pipeline/status.ts, the same on both stores) with the queue and the workers added. */
export async function pgStatusReport(db: Queryable, base: StatusReport): Promise<PgStatusReport> {
  const q = await stageQueues(db);
  return { ...base, stages: q.stages, deadLetters: q.deadLetters, workers: await workers(db) };
}

export function pgStatusText(r: PgStatusReport): string {
  const lines = ['Hàng đợi theo bước (chờ / thử lại / đang chạy / lỗi hẳn; số lần thử lại):'];
  for (const s of r.stages) lines.push(`  ${s.stage.padEnd(10)} ${s.waiting} / ${s.retrying} / ${s.active} / ${s.failed}; thử lại ${s.retries}`);
  if (r.deadLetters) lines.push(`  Việc hết lượt thử đang chờ ghi lỗi: ${r.deadLetters}`);
  lines.push(`Worker đang chạy: ${r.workers.filter((w) => w.alive).length}`);
  for (const w of r.workers) {
    lines.push(`  ${w.id} (bước ${w.stages}): ${w.inFlight}/${w.concurrency} việc đang chạy, đã xong ${w.done}${w.alive ? '' : `, mất tín hiệu từ ${w.heartbeatAt}`}`);
  }
  return `${statusText(r)}${lines.join('\n')}\n`;
}
