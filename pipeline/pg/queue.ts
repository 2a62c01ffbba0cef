// Stage jobs on pg-boss (issue 16): one queue per pipeline stage (`tonghop-text`, ...), in the
// same PostgreSQL as the documents, so enqueueing the next stage commits in the transaction
// that stores this stage's result. Retries with exponential backoff; a job whose worker died
// (SIGKILL, power loss) comes back when its lease (pg-boss's expiry) runs out; a job out of
// retries goes to the dead-letter queue, whose handler fails its document with a code.
import PgBoss from 'pg-boss';
import type { PgPool, Queryable } from './database.js';

const QUEUE_LOCK = 7_316_002;

export const QUEUE_PREFIX = 'tonghop-';
export const DEAD_LETTER = 'tonghop-dead';
export const queueOf = (stage: string) => `${QUEUE_PREFIX}${stage}`;
/** A worker whose heartbeat (every 5 s) is older than this is taken for gone. */
export const WORKER_ALIVE_MS = 30_000;

export interface StageJob { documentId: string; stage: string }

export interface QueueSettings {
  /** seconds a job may stay active before it is taken to have died (the lease); the longest stage must fit */
  leaseSeconds: number;
  /** retries after the first try (each after retryDelay·2^n seconds, with jitter) */
  retryLimit: number;
  retryDelaySeconds: number;
}

/**
 * Defaults, overridable from the environment so a deployment (or a test) can shorten the lease
 * without a flag on every command that enqueues: TONGHOP_JOB_LEASE_SECONDS, TONGHOP_JOB_RETRIES,
 * TONGHOP_JOB_RETRY_DELAY_SECONDS. The lease must exceed the longest stage (OCR of a 300-page scan).
 */
export function queueSettings(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Math.max(0, Math.floor(Number(v))) : d);
  return {
    leaseSeconds: Math.max(1, num(env.TONGHOP_JOB_LEASE_SECONDS, 30 * 60)),
    retryLimit: num(env.TONGHOP_JOB_RETRIES, 4),
    retryDelaySeconds: num(env.TONGHOP_JOB_RETRY_DELAY_SECONDS, 10),
  };
}

/** Maintenance (expiring dead workers' jobs) runs a few times per lease, at most every minute. */
const maintenanceSeconds = (s: QueueSettings) => Math.max(1, Math.min(60, Math.floor(s.leaseSeconds / 4)));

export async function startBoss(url: string, s: QueueSettings, opts: { supervise: boolean }): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url, schema: 'pgboss', max: 4, application_name: 'tonghop-queue',
    supervise: opts.supervise, schedule: false, migrate: true,
    maintenanceIntervalSeconds: maintenanceSeconds(s),
  });
  boss.on('error', (err) => process.stderr.write(`pg-boss: ${err.message}\n`));
  await boss.start();
  return boss;
}

/**
 * Creates the queues once. Creating a pg-boss queue attaches a partition, and two processes
 * doing it at once deadlock: the creation runs under a session advisory lock, after a cheap
 * check that finds them all there (the common case: a worker starting on a set-up database).
 */
export async function ensureQueues(boss: PgBoss, pool: PgPool, stages: readonly string[], s: QueueSettings): Promise<void> {
  const wanted = [DEAD_LETTER, ...stages.map(queueOf)];
  const current = async () => new Map((await boss.getQueues()).map((q) => [q.name, q]));
  const fits = (q: PgBoss.QueueResult | undefined): boolean => !!q && (q.name === DEAD_LETTER || (q.expireInSeconds === s.leaseSeconds && q.retryLimit === s.retryLimit));
  const first = await current();
  if (wanted.every((n) => fits(first.get(n)))) return;
  const c = await pool.connect();
  try {
    await c.query('SELECT pg_advisory_lock($1)', [QUEUE_LOCK]);
    const have = await current();
    if (!have.has(DEAD_LETTER)) await boss.createQueue(DEAD_LETTER, { name: DEAD_LETTER, policy: 'standard', retryLimit: 2, retryDelay: 5 });
    const options = {
      policy: 'standard' as const, retryLimit: s.retryLimit, retryDelay: s.retryDelaySeconds, retryBackoff: true,
      expireInSeconds: s.leaseSeconds, deadLetter: DEAD_LETTER,
    };
    for (const stage of stages) {
      const name = queueOf(stage);
      const q = have.get(name);
      if (!q) await boss.createQueue(name, { name, ...options });
      else if (!fits(q)) await boss.updateQueue(name, { name, ...options });
    }
  } finally {
    await c.query('SELECT pg_advisory_unlock($1)', [QUEUE_LOCK]).catch(() => {});
    c.release();
  }
}

/** pg-boss running its SQL on our transaction's client: the job exists only if the transaction commits. */
export const onClient = (c: Queryable): PgBoss.Db => ({
  executeSql: async (text: string, values: unknown[]) => c.query(text, values as unknown[]),
});

export async function enqueueStage(boss: PgBoss, c: Queryable, job: StageJob): Promise<void> {
  await boss.send(queueOf(job.stage), job, { db: onClient(c) });
}
