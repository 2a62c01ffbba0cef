// `tonghop worker` (issue 16): takes stage jobs from pg-boss until stopped. Any number of these
// run on any number of machines against one PostgreSQL. Each process runs `concurrency` slots;
// a slot takes a job only when it is free (pg-boss `fetch`, one stage queue after another, the
// later stages first so a started document is finished before a new one is begun), runs it,
// then completes or fails it. No job waits claimed behind a busy slot while another worker sits
// idle: with one fetch loop per stage (pg-boss `work`), a busy one-slot worker held up to one
// job of every stage. A heartbeat row in `workers` feeds `tonghop status`; on SIGINT/SIGTERM it
// stops fetching, lets the jobs in flight finish within the shutdown timeout and hands back
// (fails for retry) those that do not.
import os from 'node:os';
import crypto from 'node:crypto';
import type PgBoss from 'pg-boss';
import type { Config } from '../config.js';
import type { AnyStage, OcrService } from '../stage.js';
import { STAGES } from '../pipeline.js';
import { messageFor } from '../../model/errors.js';
import { inTransaction, openPg, roundTrips, type PgPool } from './database.js';
import { PgDocuments } from './documents.js';
import { PgContent } from './content.js';
import { DEAD_LETTER, enqueueStage, ensureQueues, queueOf, startBoss, type QueueSettings, type StageJob } from './queue.js';
import { runStageJob, type JobEnv, type JobResult } from './stage-job.js';
import { finishedWithin } from '../wait.js';

/** How long an idle slot waits before looking at the queues again (a job this process enqueues wakes it at once). */
export const POLL_MS = 500;

export interface WorkerOptions {
  url: string;
  cfg: Config;
  settings: QueueSettings;
  concurrency: number;
  /** stage names this process takes (default: all) */
  stages?: readonly string[];
  /** shared originals folder (--store); null: originals in the database */
  storeDir: string | null;
  log?: (line: string) => void;
}

export interface WorkerStats { jobs: number; byResult: Record<JobResult, number>; roundTrips: number }

export class StageWorker {
  readonly id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  private heartbeat: NodeJS.Timeout | null = null;
  /** jobs being run, by id: their queue, and whether pg-boss has been told how they ended (or that they were handed back) */
  private readonly running = new Map<string, { queue: string; settled: boolean }>();
  private slots: Promise<void>[] = [];
  /** resolves the idle slots' waits early */
  private wakers = new Set<() => void>();
  readonly stats: WorkerStats = { jobs: 0, byResult: { done: 0, failed: 0, skipped: 0, duplicate: 0 }, roundTrips: 0 };
  private ocr: Promise<OcrService | null> | null = null;
  private stopping = false;

  private constructor(private readonly o: WorkerOptions, private readonly pool: PgPool, private readonly boss: PgBoss, private readonly env: JobEnv) {}

  static async start(o: WorkerOptions): Promise<StageWorker> {
    const pool = await openPg(o.url, { max: o.concurrency + 2 });
    const boss = await startBoss(o.url, o.settings, { supervise: true });
    await ensureQueues(boss, pool, STAGES.map((s) => s.name), o.settings);
    const env: JobEnv = {
      pool, cfg: o.cfg, content: PgContent.at(o.cfg.dataDir, o.storeDir), stages: STAGES, scratches: [],
      ocr: () => w.lazyOcr(),
      enqueue: (c, job) => enqueueStage(boss, c, job),
    };
    const w = new StageWorker(o, pool, boss, env);
    await w.register();
    return w;
  }

  private lazyOcr(): Promise<OcrService | null> {
    // imported on first use: a worker that never meets a scan never loads tesseract
    this.ocr ??= import('../ocr-service.js').then((m) => m.createOcrService(this.o.cfg));
    return this.ocr;
  }

  private selected(): AnyStage[] {
    const want = this.o.stages?.length ? new Set(this.o.stages) : null;
    return STAGES.filter((s) => !want || want.has(s.name));
  }

  private async register(): Promise<void> {
    const stages = this.selected();
    await this.pool.query('DELETE FROM workers WHERE heartbeat_at < $1', [new Date(Date.now() - 7 * 86_400_000).toISOString()]); // a week of history
    await this.pool.query(`INSERT INTO workers (id, host, pid, stages, concurrency, started_at, heartbeat_at) VALUES ($1, $2, $3, $4, $5, $6, $6)`,
      [this.id, os.hostname(), process.pid, stages.map((s) => s.name).join(','), this.o.concurrency, new Date().toISOString()]);
    // later stages first: a document under way is finished before the next one is started
    const queues = stages.map((s) => queueOf(s.name)).reverse();
    for (let i = 0; i < this.o.concurrency; i++) this.slots.push(this.slot(queues));
    await this.boss.work<StageJob>(DEAD_LETTER, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: POLL_MS / 1000 }, ([job]) => this.deadLetter(job));
    this.heartbeat = setInterval(() => { void this.beat(); }, 5000);
    this.heartbeat.unref();
  }

  /** One slot: takes a job when free, runs it, completes or fails it; waits a poll when every queue is empty. */
  private async slot(queues: readonly string[]): Promise<void> {
    while (!this.stopping) {
      let taken: { queue: string; job: PgBoss.JobWithMetadata<StageJob> } | null = null;
      try {
        for (const queue of queues) {
          if (this.stopping) break;
          const [job] = await this.boss.fetch<StageJob>(queue, { includeMetadata: true, batchSize: 1 });
          if (job) { taken = { queue, job }; break; }
        }
      } catch (err) {
        this.o.log?.(`lấy việc từ hàng đợi: ${(err as Error).message}`);
      }
      if (taken) await this.run(taken.queue, taken.job);
      else if (!this.stopping) await this.idle(POLL_MS);
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => { clearTimeout(timer); this.wakers.delete(done); resolve(); };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  private wake(): void {
    for (const w of [...this.wakers]) w();
  }

  /**
   * Runs a taken job and completes it, or fails it (pg-boss retries it with backoff, then sends
   * it to the dead letter). A job still running at its lease is failed then, so another worker
   * may take it; the slot stays with it until it ends (never more than `concurrency` at once).
   */
  private async run(queue: string, job: PgBoss.JobWithMetadata<StageJob>): Promise<void> {
    const entry = { queue, settled: false };
    this.running.set(job.id, entry);
    /** pg-boss hears how a job ended once: true for the first word (run's end, its lease, or stop()) */
    const first = (): boolean => {
      if (entry.settled) return false;
      entry.settled = true;
      return true;
    };
    // the job's own lease as pg-boss stored it (the queue's setting when a row lacks it)
    const leaseMs = Math.max(1, Number(job.expireInSeconds) || this.o.settings.leaseSeconds) * 1000;
    const lease = setTimeout(() => {
      if (first()) void this.boss.fail(queue, job.id, { message: `handler execution exceeded ${leaseMs}ms` }).catch(() => undefined);
    }, leaseMs);
    try {
      await this.handle(job);
      if (first()) await this.boss.complete(queue, job.id);
    } catch (err) {
      const message = (err as Error)?.message ?? String(err);
      if (first()) await this.boss.fail(queue, job.id, { message }).catch(() => undefined);
      // handed back already (lease or shutdown): another worker takes it
      else this.o.log?.(`${job.data.documentId} ${job.data.stage}: trả lại hàng đợi (${message})`);
    } finally {
      clearTimeout(lease);
      this.running.delete(job.id);
    }
  }

  private async handle(job: PgBoss.JobWithMetadata<StageJob>): Promise<void> {
    const before = roundTrips.count;
    try {
      const r = await runStageJob(this.env, job.data);
      this.stats.jobs++;
      this.stats.byResult[r]++;
      if (r === 'done') this.wake(); // the next stage's job was just committed: an idle slot takes it now, not at its next poll
      if (r === 'done' || r === 'failed') this.o.log?.(`${job.data.documentId} ${job.data.stage}: ${r}`);
    } finally {
      this.stats.roundTrips += roundTrips.count - before;
    }
  }

  /** A job out of retries (or whose workers kept dying): its document fails with a code and a reason. */
  private async deadLetter(job: PgBoss.JobWithMetadata<StageJob>): Promise<void> {
    const { documentId, stage } = job.data;
    const attempts = this.o.settings.retryLimit + 1;
    const detail = JSON.stringify(job.output ?? {});
    const timedOut = /timeout/i.test(detail);
    const [code, message] = timedOut
      ? ['internal.crash_loop', messageFor('internal.crash_loop', { attempts })] as const
      : ['internal.retries_exhausted', messageFor('internal.retries_exhausted', { stage, attempts, detail: detail.slice(0, 300) })] as const;
    await inTransaction(this.pool, async (c) => {
      const docs = new PgDocuments(c);
      if (await docs.markStage(documentId, stage, 'failed', 0)) await docs.fail(documentId, code, message);
    });
    this.o.log?.(`${documentId} ${stage}: ${code}`);
  }

  private async beat(): Promise<void> {
    await this.pool.query('UPDATE workers SET heartbeat_at = $2, in_flight = $3, done = $4 WHERE id = $1',
      [this.id, new Date().toISOString(), this.running.size, this.stats.jobs]).catch(() => {});
  }

  /** Stops fetching; jobs in flight get `timeoutMs` to finish, the rest are handed back for another worker. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.wake();
    if (this.heartbeat) clearInterval(this.heartbeat);
    const slots = Promise.all(this.slots);
    await finishedWithin(slots, timeoutMs);
    // Jobs still running are handed back (failed for retry, taken by another worker). A stage
    // still running then may yet commit: the (document, stage) key keeps that once; it gets a
    // last grace before the pool closes.
    const left = [...this.running].filter(([, e]) => !e.settled);
    for (const [id, e] of left) {
      e.settled = true;
      await this.boss.fail(e.queue, id, { message: 'worker stopped while the job ran' }).catch(() => undefined);
    }
    await this.boss.stop({ graceful: true, wait: true, timeout: Math.max(1000, Math.min(timeoutMs, 10_000)), close: true });
    if (left.length) await finishedWithin(slots, Math.min(timeoutMs, 10_000));
    await this.pool.query('UPDATE workers SET stopped_at = $2, in_flight = 0, done = $3, heartbeat_at = $2 WHERE id = $1',
      [this.id, new Date().toISOString(), this.stats.jobs]).catch(() => {});
    if (this.ocr) await (await this.ocr)?.close();
    for (const s of this.env.scratches) s.close();
    await this.pool.end();
  }
}
