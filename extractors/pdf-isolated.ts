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
// A worker that timed out or crashed is never reused.
//
// This module never loads pdfjs itself (its errors come from pdf-errors.ts): pdfjs's polyfills
// would slow the main thread's JSON (pdf-native-builtins.ts), and only the workers need it.
import { Worker } from 'node:worker_threads';
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

const BOOT = new URL('./pdf-worker-boot.mjs', import.meta.url);
const DEFAULT_KEEP_IDLE = 2;
const IDLE_CLOSE_MS = 30_000;

interface Idle { worker: Worker; heapMb: number; timer: NodeJS.Timeout }
/** a job waiting for a worker (the pool is at maxWorkers) */
interface Waiter { heapMb: number; maxWorkers: number; take: (w: Worker) => void }
const idle: Idle[] = [];
const live = new Set<Worker>();
const waiting: Waiter[] = [];
let nextId = 1;

function spawn(heapMb: number): Worker {
  // execArgv []: not the parent's `--import tsx` (~50 MB a thread); the boot file registers lean hooks
  const worker = new Worker(BOOT, { resourceLimits: { maxOldGenerationSizeMb: heapMb }, execArgv: [], stdout: false, stderr: false });
  live.add(worker);
  worker.once('exit', () => {
    live.delete(worker);
    const j = idle.findIndex((w) => w.worker === worker);
    if (j >= 0) { clearTimeout(idle[j].timer); idle.splice(j, 1); }
    serveWaiting(); // a killed worker's place is free
  });
  // an idle worker that dies on its own is dropped by the exit handler; errors then are not ours to report
  worker.on('error', () => {});
  return worker;
}

/** An idle worker with this heap limit, or a new one when the pool has room (making room from an idle worker of another limit). */
function tryAcquire(heapMb: number, maxWorkers: number): Worker | null {
  const i = idle.findIndex((w) => w.heapMb === heapMb);
  if (i >= 0) {
    const [w] = idle.splice(i, 1);
    clearTimeout(w.timer);
    w.worker.ref();
    return w.worker;
  }
  if (live.size >= maxWorkers && idle.length > 0) {
    const [other] = idle.splice(0, 1);
    clearTimeout(other.timer);
    live.delete(other.worker); // counted out now; its exit comes later
    void other.worker.terminate();
  }
  return live.size < maxWorkers ? spawn(heapMb) : null;
}

function acquire(heapMb: number, maxWorkers: number): Promise<Worker> {
  const w = waiting.length === 0 ? tryAcquire(heapMb, maxWorkers) : null;
  if (w) return Promise.resolve(w);
  return new Promise((take) => { waiting.push({ heapMb, maxWorkers, take }); });
}

/** Hands free workers (or room for new ones) to waiting jobs, first come first served. */
function serveWaiting(): void {
  while (waiting.length > 0) {
    const w = tryAcquire(waiting[0].heapMb, waiting[0].maxWorkers);
    if (!w) return;
    waiting.shift()!.take(w);
  }
}

function release(worker: Worker, heapMb: number, keepIdle: number): void {
  if (waiting.length > 0 && waiting[0].heapMb === heapMb) { waiting.shift()!.take(worker); return; }
  if (idle.length >= keepIdle) { void worker.terminate(); return; }
  park(worker, heapMb);
  serveWaiting();
}

/** Keeps a worker idle for reuse: unref'd, and closed after IDLE_CLOSE_MS unused. */
function park(worker: Worker, heapMb: number): void {
  worker.unref();
  const timer = setTimeout(() => {
    const j = idle.findIndex((w) => w.worker === worker);
    if (j >= 0) idle.splice(j, 1);
    void worker.terminate();
  }, IDLE_CLOSE_MS);
  timer.unref();
  idle.push({ worker, heapMb, timer });
}

/**
 * Starts idle workers until `count` are alive (within maxWorkers and keepIdle), so the first
 * documents do not wait for a thread to boot and load pdfjs one after the other.
 */
export function warmPdfWorkers(count: number, opts: IsolationOptions): void {
  const target = Math.min(count, opts.maxWorkers ?? count, opts.keepIdle ?? DEFAULT_KEEP_IDLE);
  while (live.size < target && waiting.length === 0) park(spawn(opts.maxHeapMb), opts.maxHeapMb);
}

const seconds = (ms: number) => (ms / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 });

type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;

/** Jobs run so far, and their milliseconds waiting for a worker and running in one (benches). */
const stats = { jobs: 0, waitMs: 0, runMs: 0 };

export function pdfPoolStats(): Readonly<typeof stats> {
  return { ...stats };
}

async function runJob<T>(req: WithoutId<WorkerRequest>, opts: IsolationOptions, transfer: ArrayBuffer[] = []): Promise<T> {
  const id = nextId++;
  const asked = performance.now();
  const worker = await acquire(opts.maxHeapMb, opts.maxWorkers ?? Number.POSITIVE_INFINITY);
  const started = performance.now();
  stats.jobs++;
  stats.waitMs += started - asked;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void, reuse: boolean) => {
      if (settled) return;
      settled = true;
      stats.runMs += performance.now() - started;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reuse) release(worker, opts.maxHeapMb, opts.keepIdle ?? DEFAULT_KEEP_IDLE);
      else void worker.terminate();
      fn();
    };
    const onMessage = (reply: WorkerReply) => {
      if (reply.id !== id) return;
      if (reply.ok) return finish(() => resolve(reply.result as T), true);
      const e = reply.error;
      finish(() => reject(e.kind === 'open' ? PdfOpenError.restore(e.code, e.message) : new Error(`pdf worker: ${e.message}`)), true);
    };
    const crashed = (why: string) => finish(() => reject(new PdfIsolationError('pdf.parser_crashed', { detail: why })), false);
    const onError = (err: Error & { code?: string }) =>
      crashed(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `vượt giới hạn bộ nhớ ${opts.maxHeapMb} MB` : err.message);
    const onExit = (code: number) => crashed(`luồng xử lý thoát với mã ${code}`);
    const timer = setTimeout(() => finish(() => reject(new PdfIsolationError('pdf.timeout', { seconds: seconds(opts.timeoutMs) })), false), opts.timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ ...req, id }, transfer);
  });
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
  return live.size;
}

/** Stops the idle workers (tests, shutdown). */
export async function closePdfWorkers(): Promise<void> {
  const all = idle.splice(0);
  await Promise.all(all.map((w) => { clearTimeout(w.timer); return w.worker.terminate(); }));
}
