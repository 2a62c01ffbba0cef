// Runs pending documents through the stages. Documents are pulled from the database in
// small batches (memory stays bounded however many files wait), each stage has its own
// p-queue with its own concurrency, and every stage's result is committed before the next.
import PQueue from 'p-queue';
import type { AnyOutcome, AnyStage, StageContext, DocState } from './stage.js';
import { STAGES, checkWiring } from './pipeline.js';
import { messageFor } from '../model/errors.js';

export interface RunProgress { done: number; total: number; id: string; fileName: string; status: string }
export interface RunOptions {
  stages?: readonly AnyStage[];
  onProgress?: (p: RunProgress) => void;
  /** stop taking new documents (SIGINT/SIGTERM); in-flight ones finish */
  signal?: AbortSignal;
}

export async function processPending(ctx: StageContext, opts: RunOptions = {}): Promise<{ processed: number }> {
  const stages = opts.stages ?? STAGES;
  checkWiring(stages);
  const queues = new Map(stages.map((s) => [s.name, new PQueue({ concurrency: stageConcurrency(ctx, s.name) })]));
  const inFlight = new Set<string>();
  const perDoc = Math.max(1, ctx.cfg.concurrency.documents);
  let processed = 0;
  const total = () => processed + inFlight.size + ctx.repo.countPending(inFlight);

  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      if (opts.signal?.aborted) { if (inFlight.size === 0) resolve(); return; }
      const batch = ctx.repo.pending(perDoc - inFlight.size, inFlight);
      if (batch.length === 0 && inFlight.size === 0) { resolve(); return; }
      for (const row of batch) {
        inFlight.add(row.id);
        // Counted before the run starts: a file that kills the process whenever it is opened
        // would otherwise be retried forever after each restart and block the queue.
        if (ctx.repo.beginAttempt(row.id) > MAX_ATTEMPTS) {
          ctx.repo.failStage(row.id, 'runner', 0, 'internal.crash_loop', messageFor('internal.crash_loop', { attempts: MAX_ATTEMPTS }));
        }
        runDocument(ctx, stages, queues, { row, artifacts: ctx.repo.loadArtifacts(row.id) })
          .then(() => {
            inFlight.delete(row.id);
            processed++;
            const after = ctx.repo.get(row.id)!;
            opts.onProgress?.({ done: processed, total: total(), id: row.id, fileName: row.file_name, status: after.status });
            pump();
          }, reject);
      }
    };
    pump();
  });
  return { processed };
}

/** runs started on one document before it is failed as the cause of repeated crashes */
export const MAX_ATTEMPTS = 6;

function stageConcurrency(ctx: StageContext, name: string): number {
  const c = ctx.cfg.concurrency as Record<string, number>;
  return c[name] ?? ctx.cfg.concurrency.documents;
}

async function runDocument(ctx: StageContext, stages: readonly AnyStage[], queues: Map<string, PQueue>, doc: DocState): Promise<void> {
  if (ctx.repo.get(doc.row.id)?.status !== 'pending') return;
  const finished = ctx.repo.stagesDone(doc.row.id);
  for (const stage of stages) {
    if (finished.has(stage.name) && stage.gives.every((g) => g in doc.artifacts)) continue;
    const t0 = performance.now();
    let outcome: AnyOutcome;
    try {
      outcome = await queues.get(stage.name)!.add(() => stage.run(ctx, doc));
    } catch (err) {
      // A bug or an unexpected library error: the document fails with the reason; the run goes on.
      const e = err as Error;
      ctx.repo.failStage(doc.row.id, stage.name, performance.now() - t0, 'internal.error', messageFor('internal.error', { stage: stage.name, detail: e?.message ?? String(err) }));
      return;
    }
    if (outcome.kind === 'failed') {
      ctx.repo.failStage(doc.row.id, stage.name, performance.now() - t0, outcome.code, outcome.message);
      return;
    }
    Object.assign(doc.artifacts, outcome.artifacts);
    ctx.repo.completeStage(doc.row.id, stage.name, performance.now() - t0, outcome.artifacts);
  }
}
