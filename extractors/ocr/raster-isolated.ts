// Page rasters for OCR made in a worker thread that can be killed, with the same wall-clock and
// heap limits as the text layer (pdf-isolated.ts): a page whose render never finishes is cut
// off (raster.timeout), one that blows the heap or kills the thread fails with raster.crashed,
// and in both cases only that document fails. The main thread never runs pdfjs or a decoder
// for OCR, so it stays free to feed the OCR pool while the next page is being decoded.
//
// A RasterSession holds one document in one worker; pages are asked for one at a time (the
// caller asks for page n+1 while page n is recognised: one page ahead, so memory stays flat).
// Closed sessions hand their worker back to a small idle pool; a killed worker is never reused.
import { Worker } from 'node:worker_threads';
import { PdfOpenError, type PdfOpenErrorCode } from '../pdf-errors.js';
import { RasterError, type RasterErrorCode } from './raster-error.js';
import type { RasterResult } from './rasterise.js';

export interface RasterPageOptions {
  /** render resolution when the page is not one image; default 300 */
  dpi?: number;
  suppressRed?: boolean;
  maxPixels?: number;
  /** blur radius in px; default 0.6 on scan images, 0 on rendered pages */
  blur?: number;
  /**
   * How a page that is one full-page image is decoded: 'pdfjs' (default: pdfjs's own decoder, the
   * pixels the OCR snapshots and accuracy tables were measured on) or 'native' (the stream through
   * @napi-rs/canvas: about a second less per page, but its slightly different pixels cost 4 of 207
   * figures on the generated scanned set, see issue 13's note). Any other page is rendered by pdfjs.
   */
  decode?: 'pdfjs' | 'native';
  /** test hook: the worker spins forever on this page, as a hostile PDF could make pdfjs do */
  hangForTests?: boolean;
}

export interface RasterLimits {
  /** wall-clock limit per page (worker start included for the first) */
  timeoutMs: number;
  /** the worker's old-generation heap limit */
  maxHeapMb: number;
  maxPages: number;
  /** idle workers kept for reuse (default 2) */
  keepIdle?: number;
}

/** Messages to and from raster-worker.ts. */
export type RasterRequest =
  | { id: number; op: 'open'; bytes: Uint8Array; maxPages: number }
  | { id: number; op: 'page'; page: number; opts: RasterPageOptions }
  | { id: number; op: 'close' };
export type RasterReply =
  | { id: number; ok: true; raster?: RasterResult; ms?: number }
  | { id: number; ok: false; error: { code: RasterErrorCode | PdfOpenErrorCode | null; message: string } };

const BOOT = new URL('./raster-worker-boot.mjs', import.meta.url);
const IDLE_CLOSE_MS = 30_000;
interface Idle { worker: Worker; heapMb: number; timer: NodeJS.Timeout }
/** workers that said they are loaded (the first message, id 0): the page clock starts after that */
const booted = new WeakMap<Worker, Promise<void>>();
const idle: Idle[] = [];
const live = new Set<Worker>();
let nextId = 1;

function acquire(heapMb: number): Worker {
  const i = idle.findIndex((w) => w.heapMb === heapMb);
  if (i >= 0) {
    const [w] = idle.splice(i, 1);
    clearTimeout(w.timer);
    w.worker.ref();
    return w.worker;
  }
  const worker = new Worker(BOOT, { resourceLimits: { maxOldGenerationSizeMb: heapMb }, stdout: false, stderr: false });
  live.add(worker);
  worker.once('exit', () => {
    live.delete(worker);
    const j = idle.findIndex((w) => w.worker === worker);
    if (j >= 0) { clearTimeout(idle[j].timer); idle.splice(j, 1); }
  });
  worker.on('error', () => {}); // reported through the session's own listener while it is busy
  booted.set(worker, new Promise<void>((resolve, reject) => {
    const onReady = (m: { id: number }) => { if (m.id === 0) { worker.off('message', onReady); resolve(); } };
    worker.on('message', onReady);
    worker.once('exit', (code) => reject(new RasterError('raster.crashed', { detail: `luồng xử lý thoát với mã ${code}` })));
  }));
  booted.get(worker)!.catch(() => undefined);
  return worker;
}

function release(worker: Worker, heapMb: number, keepIdle: number): void {
  if (idle.length >= keepIdle) { void worker.terminate(); return; }
  worker.unref();
  const timer = setTimeout(() => {
    const j = idle.findIndex((w) => w.worker === worker);
    if (j >= 0) idle.splice(j, 1);
    void worker.terminate();
  }, IDLE_CLOSE_MS);
  timer.unref();
  idle.push({ worker, heapMb, timer });
}

type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;
const seconds = (ms: number) => (ms / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 });

function restore(e: { code: RasterErrorCode | PdfOpenErrorCode | null; message: string }): Error {
  if (e.code?.startsWith('raster.')) return RasterError.restore(e.code as RasterErrorCode, e.message);
  if (e.code?.startsWith('pdf.')) return PdfOpenError.restore(e.code as PdfOpenErrorCode, e.message);
  return new Error(`raster worker: ${e.message}`);
}

/** One document's pages rasterised in one worker, one request at a time. */
export class RasterSession {
  private chain: Promise<unknown> = Promise.resolve();
  private dead: Error | null = null;
  private closed = false;

  private constructor(private readonly worker: Worker, private readonly limits: RasterLimits) {}

  /**
   * Moves a copy of `bytes` into a worker; the first page request waits for it. A new worker's
   * start-up (module loading, slow under tsx on a busy machine) has its own clock of the same
   * length, so the page limit measures the page.
   */
  static open(bytes: Uint8Array, limits: RasterLimits): RasterSession {
    const worker = acquire(limits.maxHeapMb);
    const s = new RasterSession(worker, limits);
    const copy = new Uint8Array(bytes);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RasterError('raster.timeout', { seconds: seconds(limits.timeoutMs) })), limits.timeoutMs);
    });
    s.chain = Promise.race([booted.get(worker)!, late])
      .finally(() => clearTimeout(timer))
      .then(() => s.send({ op: 'open', bytes: copy, maxPages: limits.maxPages }, [copy.buffer as ArrayBuffer]),
        (err: Error) => { s.dead = err; void worker.terminate(); })
      .catch(() => undefined);
    return s;
  }

  /**
   * Greyscale raster of page `pageNo` (1-based), with the worker's own time for it (`ms`).
   * Rejects with raster.timeout / raster.crashed, or the worker's own error.
   */
  page(pageNo: number, opts: RasterPageOptions = {}): Promise<RasterResult & { ms: number }> {
    const run = this.chain.then(() => this.send({ op: 'page', page: pageNo, opts }));
    this.chain = run.catch(() => undefined);
    return run.then((r) => ({ ...r.raster!, ms: r.ms ?? 0 }));
  }

  /** Hands the worker back (or stops it if it was killed); pending pages still finish first. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.chain;
    if (this.dead) return;
    try {
      await this.send({ op: 'close' });
      release(this.worker, this.limits.maxHeapMb, this.limits.keepIdle ?? 2);
    } catch {
      void this.worker.terminate();
    }
  }

  private send(req: WithoutId<RasterRequest>, transfer: ArrayBuffer[] = []): Promise<Extract<RasterReply, { ok: true }>> {
    if (this.dead) return Promise.reject(this.dead);
    const id = nextId++;
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        fn();
      };
      const kill = (err: Error) => finish(() => { this.dead = err; void worker.terminate(); reject(err); });
      const onMessage = (reply: RasterReply) => {
        if (reply.id !== id) return;
        finish(() => (reply.ok ? resolve(reply) : reject(restore(reply.error))));
      };
      const onError = (err: Error & { code?: string }) =>
        kill(new RasterError('raster.crashed', { detail: err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `vượt giới hạn bộ nhớ ${this.limits.maxHeapMb} MB` : err.message }));
      const onExit = (code: number) => kill(new RasterError('raster.crashed', { detail: `luồng xử lý thoát với mã ${code}` }));
      const timer = setTimeout(() => kill(new RasterError('raster.timeout', { seconds: seconds(this.limits.timeoutMs) })), this.limits.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ ...req, id }, transfer);
    });
  }
}

/** Raster worker threads alive now (busy or idle). */
export function rasterWorkerCount(): number {
  return live.size;
}

/** Stops the idle raster workers (tests, shutdown). */
export async function closeRasterWorkers(): Promise<void> {
  const all = idle.splice(0);
  await Promise.all(all.map((w) => { clearTimeout(w.timer); return w.worker.terminate(); }));
}
