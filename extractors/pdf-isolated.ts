// pdfjs on untrusted PDFs, in a worker thread that can be killed: a file that makes pdfjs hang
// is cut off after `timeoutMs` (worker.terminate()), one that blows up memory hits the worker's
// heap limit and takes down only the worker. Either way the caller gets a PdfIsolationError
// (pdf.timeout / pdf.parser_crashed) and the service carries on.
//
// Workers are reused: a finished job hands its worker back to a small idle pool (unref'd, so it
// never keeps the process alive, and closed after a while unused), so a document costs no
// thread start-up once the pool is warm; warmPdfWorkers starts them before the first job needs
// one. With `maxWorkers`, jobs beyond that many wait for a worker (their time limit starts when
// they get one), so a burst of documents does not start a thread (and a pdfjs) per document.
// A worker that timed out or crashed is never reused, and counts against maxWorkers until its
// thread has exited. The pool itself is worker-pool.ts; the protocol and errors are here.
//
// This module never loads pdfjs itself (its errors come from pdf-errors.ts): pdfjs's polyfills
// would slow the main thread's JSON (pdf-native-builtins.ts), and only the workers need it.
import { WorkerPool, crashDetail, exchange, seconds, type WithoutId } from './worker-pool.js';
import { PdfOpenError, type PdfOpenErrorCode } from './pdf-errors.js';
import { TonghopError } from '../model/errors.js';
import type { PdfProbeInput, PdfProbeOutcome } from './pdf-probe.js';
import type { PageText } from '../model/document.js';

export type PdfIsolationErrorCode = 'pdf.timeout' | 'pdf.parser_crashed';

/** The pdfjs worker was cut off (timeout) or died (crash, heap); the file alone fails. */
export class PdfIsolationError<C extends PdfIsolationErrorCode = PdfIsolationErrorCode> extends TonghopError<C> {}

export interface IsolationOptions {
  /** wall-clock limit for the whole job, worker start included */
  timeoutMs: number;
  /** the worker's old-generation heap limit (resourceLimits.maxOldGenerationSizeMb) */
  maxHeapMb: number;
  /** idle workers kept for reuse (default 2): as many as jobs run at once, or workers are re-spawned */
  keepIdle?: number;
  /** workers alive at once, busy or idle; a job beyond that waits for one (default: no limit) */
  maxWorkers?: number;
}

/** Messages to and from the worker (pdf-worker.ts). */
export type WorkerRequest =
  | { id: number; op: 'probe'; bytes: Uint8Array; input: PdfProbeInput }
  | { id: number; op: 'text'; bytes: Uint8Array; pages: number[]; maxPages: number }
  | { id: number; op: 'crash'; how: 'exit' | 'oom' };

export type WorkerReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { kind: 'open'; code: PdfOpenErrorCode; message: string } | { kind: 'other'; message: string } };

const DEFAULT_KEEP_IDLE = 2;
const pool = new WorkerPool(new URL('./pdf-worker-boot.mjs', import.meta.url));
let nextId = 1;

/**
 * Starts idle workers until `count` are alive (within maxWorkers and keepIdle), so the first
 * documents do not wait for a thread to boot and load pdfjs one after the other.
 */
export function warmPdfWorkers(count: number, opts: IsolationOptions): void {
  pool.warm(Math.min(count, opts.maxWorkers ?? count, opts.keepIdle ?? DEFAULT_KEEP_IDLE), opts.maxHeapMb);
}

/** Jobs run so far, and their milliseconds waiting for a worker and running in one (benches). */
const stats = { jobs: 0, waitMs: 0, runMs: 0 };

export function pdfPoolStats(): Readonly<typeof stats> {
  return { ...stats };
}

async function runJob<T>(req: WithoutId<WorkerRequest>, opts: IsolationOptions, transfer: ArrayBuffer[] = []): Promise<T> {
  const asked = performance.now();
  const slot = await pool.acquire(opts.maxHeapMb, opts.maxWorkers ?? Number.POSITIVE_INFINITY);
  const started = performance.now();
  stats.jobs++;
  stats.waitMs += started - asked;
  const out = await exchange<WorkerReply>(slot.worker, { ...req, id: nextId++ }, transfer, opts.timeoutMs);
  stats.runMs += performance.now() - started;
  if (!('reply' in out)) {
    pool.kill(slot, { untilExit: true }); // it counts against maxWorkers until its thread is gone
    if ('timedOut' in out) throw new PdfIsolationError('pdf.timeout', { seconds: seconds(opts.timeoutMs) });
    throw new PdfIsolationError('pdf.parser_crashed', { detail: crashDetail(out, opts.maxHeapMb) });
  }
  pool.release(slot, opts.keepIdle ?? DEFAULT_KEEP_IDLE);
  const { reply } = out;
  if (reply.ok) return reply.result as T;
  const e = reply.error;
  throw e.kind === 'open' ? PdfOpenError.restore(e.code, e.message) : new Error(`pdf worker: ${e.message}`);
}

/** A private copy of the bytes whose buffer can be moved to the worker. */
function transferable(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** The pdfjs part of the probe stage (extractors/pdf-probe.ts), in the worker. */
export function probePdfIsolated(bytes: Uint8Array, input: PdfProbeInput, opts: IsolationOptions): Promise<PdfProbeOutcome> {
  const copy = transferable(bytes);
  return runJob<PdfProbeOutcome>({ op: 'probe', bytes: copy, input }, opts, [copy.buffer as ArrayBuffer]);
}

/** extractPageText for `pages` (1-based, in that order), in the worker; throws PdfOpenError as openPdf does. */
export function extractTextPagesIsolated(bytes: Uint8Array, pages: number[], opts: IsolationOptions & { maxPages: number }): Promise<PageText[]> {
  const copy = transferable(bytes);
  return runJob<PageText[]>({ op: 'text', bytes: copy, pages, maxPages: opts.maxPages }, opts, [copy.buffer as ArrayBuffer]);
}

/** Test hook: makes a worker exit or run out of heap mid-job. */
export function crashPdfWorkerForTests(how: 'exit' | 'oom', opts: IsolationOptions): Promise<never> {
  return runJob<never>({ op: 'crash', how }, opts);
}

/** Worker threads alive now (busy or idle). */
export function pdfWorkerCount(): number {
  return pool.count();
}

/** Stops the idle workers (tests, shutdown). */
export function closePdfWorkers(): Promise<void> {
  return pool.closeIdle();
}
