// `tonghop worker` (issue 16): takes stage jobs from pg-boss until stopped. Any number of these
// run on any number of machines against one PostgreSQL. Each process runs at most
// `concurrency` jobs at once (one limiter over all its stages), keeps a heartbeat row in
// `workers` for `tonghop status`, and on SIGINT/SIGTERM stops fetching, lets the jobs in
// flight finish within the shutdown timeout and hands back (fails for retry) those that do not.
import os from 'node:os';
import crypto from 'node:crypto';
import PQueue from 'p-queue';
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
  private readonly limiter: PQueue;
  private readonly workIds = new Map<string, string[]>();
  private heartbeat: NodeJS.Timeout | null = null;
  private inFlight = 0;
  readonly stats: WorkerStats = { jobs: 0, byResult: { done: 0, failed: 0, skipped: 0, duplicate: 0 }, roundTrips: 0 };
  private ocr: Promise<OcrService | null> | null = null;
  private stopping = false;

  private constructor(private readonly o: WorkerOptions, private readonly pool: PgPool, private readonly boss: PgBoss, private readonly env: JobEnv) {
    this.limiter = new PQueue({ concurrency: o.concurrency });
  }

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
    const options = { includeMetadata: true as const, batchSize: 1, pollingIntervalSeconds: 0.5 };
    for (const s of stages) {
      const ids: string[] = [];
      // one fetch loop per slot, so `concurrency` jobs of one stage (OCR) can run at once; the limiter caps the total
      for (let i = 0; i < this.o.concurrency; i++) {
        ids.push(await this.boss.work<StageJob>(queueOf(s.name), options, ([job]) => this.limiter.add(() => this.handle(job))));
      }
      this.workIds.set(s.name, ids);
    }
    await this.boss.work<StageJob>(DEAD_LETTER, options, ([job]) => this.deadLetter(job));
    this.heartbeat = setInterval(() => { void this.beat(); }, 5000);
    this.heartbeat.unref();
  }

  private async handle(job: PgBoss.JobWithMetadata<StageJob>): Promise<void> {
    this.inFlight++;
    const before = roundTrips.count;
    try {
      const r = await runStageJob(this.env, job.data);
      this.stats.jobs++;
      this.stats.byResult[r]++;
      if (r === 'done') this.wakeNext(job.data.stage);
      if (r === 'done' || r === 'failed') this.o.log?.(`${job.data.documentId} ${job.data.stage}: ${r}`);
    } catch (err) {
      // After the shutdown timeout the job was handed back already; another worker takes it.
      if (!this.stopping) throw err;
      this.o.log?.(`${job.data.documentId} ${job.data.stage}: trả lại hàng đợi (${(err as Error).message})`);
    } finally {
      this.inFlight--;
      this.stats.roundTrips += roundTrips.count - before;
    }
  }

  /** The next stage's job was just committed: wake this process's fetch loop for it instead of waiting for its poll. */
  private wakeNext(stage: string): void {
    const i = STAGES.findIndex((s) => s.name === stage);
    const next = STAGES[i + 1]?.name;
    const ids = next ? this.workIds.get(next) : undefined;
    if (ids?.length) this.boss.notifyWorker(ids[Math.floor(Math.random() * ids.length)]);
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
      [this.id, new Date().toISOString(), this.inFlight, this.stats.jobs]).catch(() => {});
  }

  /** Stops fetching; jobs in flight get `timeoutMs` to finish, the rest are handed back for another worker. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    // pg-boss stops fetching, waits up to timeoutMs for the jobs in flight, then fails the rest
    // back to the queue (retried by another worker). A stage still running then may yet commit:
    // the (document, stage) key keeps that once; it gets a last grace before the pool closes.
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: true });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.limiter.onIdle(), new Promise((r) => { timer = setTimeout(r, Math.min(timeoutMs, 10_000)); })]);
    clearTimeout(timer); // else it holds the process open after the jobs are done
    await this.pool.query('UPDATE workers SET stopped_at = $2, in_flight = 0, done = $3, heartbeat_at = $2 WHERE id = $1',
      [this.id, new Date().toISOString(), this.stats.jobs]).catch(() => {});
    if (this.ocr) await (await this.ocr)?.close();
    for (const s of this.env.scratches) s.close();
    await this.pool.end();
  }
}
