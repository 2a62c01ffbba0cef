// Page rasters for OCR made in a worker thread that can be killed, with the same wall-clock and
// heap limits as the text layer (pdf-isolated.ts): a page whose render never finishes is cut
// off (raster.timeout), one that blows the heap or kills the thread fails with raster.crashed,
// and in both cases only that document fails. The main thread never runs pdfjs or a decoder
// for OCR, so it stays free to feed the OCR pool while the next page is being decoded.
//
// A RasterSession is one document; its pages are asked for one at a time (the caller asks for
// page n+1 while page n is recognised: one page ahead, so memory stays flat). Sessions share a
// small pool of workers (`maxWorkers`, default 1): a worker holds every document that has used
// it open and takes page requests from all of them, first come first served. One worker per
// document cost a whole pdfjs thread each (~100 MB loaded, ~200 MB after a few scanned pages,
// which the allocator keeps), and rastering is a quarter of OCR's time per page, so one worker
// keeps two OCR workers fed. A request's clock starts when a worker takes it, not while it
// waits, and a request stuck for 15 s stops counting against the limit (STUCK_MS), so a hostile
// page does not hold up the other documents. A worker that timed out or crashed is killed and
// never reused: its other documents are opened again in the next worker they get; the document
// whose page it was fails.
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
  /**
   * Decode natively (as 'native') only an image finer than this many dpi, pdfjs otherwise: for
   * pages that are read from a copy averaged down to a lower resolution (ocr-page.ts, readDpi),
   * where the two decoders' rounding differences are averaged away.
   */
  nativeAboveDpi?: number;
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
  /** raster workers alive at once, busy or idle (default 1); a page beyond that waits for one */
  maxWorkers?: number;
  /** a request running this long no longer counts against maxWorkers (default STUCK_MS) */
  stuckAfterMs?: number;
}

/** Messages to and from raster-worker.ts; `doc` names a session's document inside the worker. */
export type RasterRequest =
  | { id: number; op: 'open'; doc: number; bytes: Uint8Array; maxPages: number }
  | { id: number; op: 'page'; doc: number; page: number; opts: RasterPageOptions }
  | { id: number; op: 'close'; doc: number };
export type RasterReply =
  | { id: number; ok: true; raster?: RasterResult; ms?: number }
  | { id: number; ok: false; error: { code: RasterErrorCode | PdfOpenErrorCode | null; message: string } };

const BOOT = new URL('./raster-worker-boot.mjs', import.meta.url);
const IDLE_CLOSE_MS = 30_000;

/** A live worker: the documents open in it, whether a request runs (since when), its idle timer. */
interface Slot { worker: Worker; heapMb: number; docs: Set<number>; busy: boolean; since: number; booted: Promise<void>; idleTimer?: NodeJS.Timeout }
/**
 * A request running this long (a scanned page takes about a second) no longer counts against
 * maxWorkers: the next document gets a worker of its own instead of waiting for a hostile page's
 * time limit (a minute by default).
 */
const STUCK_MS = 15_000;
let repump: NodeJS.Timeout | undefined;
/** A request waiting for a worker. */
interface Task { session: RasterSession; take: (slot: Slot) => void }
const slots: Slot[] = [];
const waiting: Task[] = [];
let nextId = 1;
let nextDoc = 1;

function spawn(heapMb: number): Slot {
  // execArgv []: a worker would take the parent's flags, `--import tsx` included (~50 MB a
  // thread); from the source tree the boot file registers its own lean hooks instead
  const worker = new Worker(BOOT, { resourceLimits: { maxOldGenerationSizeMb: heapMb }, execArgv: [], stdout: false, stderr: false });
  const slot: Slot = { worker, heapMb, docs: new Set(), busy: false, since: 0, booted: Promise.resolve() };
  slots.push(slot);
  worker.once('exit', () => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    clearTimeout(slot.idleTimer);
    pump(); // a waiting request may start a worker now
  });
  worker.on('error', () => {}); // reported through the request's own listener while it is busy
  slot.booted = new Promise<void>((resolve, reject) => {
    const onReady = (m: { id: number }) => { if (m.id === 0) { worker.off('message', onReady); resolve(); } };
    worker.on('message', onReady);
    worker.once('exit', (code) => reject(new RasterError('raster.crashed', { detail: `luồng xử lý thoát với mã ${code}` })));
  });
  slot.booted.catch(() => undefined);
  return slot;
}

/** Stops a worker for good (timeout, crash): it leaves the pool at once, before its thread exits. */
function kill(slot: Slot): void {
  const i = slots.indexOf(slot);
  if (i >= 0) slots.splice(i, 1);
  clearTimeout(slot.idleTimer);
  void slot.worker.terminate();
}

/** Hands free workers to waiting requests: an idle worker holding the document first, then any idle one, then a new one. */
function pump(): void {
  while (waiting.length) {
    const task = waiting[0];
    const { maxHeapMb, maxWorkers = 1, stuckAfterMs = STUCK_MS } = task.session.limits;
    const free = slots.filter((s) => !s.busy && s.heapMb === maxHeapMb);
    let slot = free.find((s) => s.docs.has(task.session.doc)) ?? free[0];
    const stuck = slots.filter((s) => s.busy && Date.now() - s.since > stuckAfterMs).length;
    if (!slot && slots.length - stuck >= maxWorkers) {
      // an idle worker of another heap size gives way; otherwise wait for one to finish (or to be stuck)
      const other = slots.find((s) => !s.busy && s.heapMb !== maxHeapMb);
      if (!other) {
        if (!repump) repump = setTimeout(() => { repump = undefined; pump(); }, stuckAfterMs).unref();
        return;
      }
      kill(other);
    }
    slot ??= spawn(maxHeapMb);
    waiting.shift();
    slot.busy = true;
    slot.since = Date.now();
    clearTimeout(slot.idleTimer);
    slot.worker.ref();
    task.take(slot);
  }
}

/** A request done: the worker goes back to the pool (closed after a while unused, or at once beyond keepIdle). */
function release(slot: Slot, keepIdle: number): void {
  slot.busy = false;
  if (!slots.includes(slot)) { pump(); return; }
  if (waiting.length) { pump(); return; }
  slot.worker.unref();
  if (slots.filter((s) => !s.busy).length > keepIdle) { kill(slot); return; }
  slot.idleTimer = setTimeout(() => { if (!slot.busy) kill(slot); }, IDLE_CLOSE_MS);
  slot.idleTimer.unref();
}

type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;
const seconds = (ms: number) => (ms / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 });

function restore(e: { code: RasterErrorCode | PdfOpenErrorCode | null; message: string }): Error {
  if (e.code?.startsWith('raster.')) return RasterError.restore(e.code as RasterErrorCode, e.message);
  if (e.code?.startsWith('pdf.')) return PdfOpenError.restore(e.code as PdfOpenErrorCode, e.message);
  return new Error(`raster worker: ${e.message}`);
}

/** One document's pages rasterised in the shared raster workers, one request at a time. */
export class RasterSession {
  private chain: Promise<unknown> = Promise.resolve();
  private dead: Error | null = null;
  private closed = false;
  readonly doc = nextDoc++;

  private constructor(private readonly bytes: Uint8Array, readonly limits: RasterLimits) {}

  /**
   * A document to rasterise; nothing starts until its first page is asked for. The caller must
   * not change `bytes` while the session is open (each worker that serves it gets its own copy).
   */
  static open(bytes: Uint8Array, limits: RasterLimits): RasterSession {
    return new RasterSession(bytes, limits);
  }

  /**
   * Greyscale raster of page `pageNo` (1-based), with the worker's own time for it (`ms`).
   * Rejects with raster.timeout / raster.crashed, or the worker's own error.
   */
  page(pageNo: number, opts: RasterPageOptions = {}): Promise<RasterResult & { ms: number }> {
    const run = this.chain.then(() => this.onWorker((slot) => this.send(slot, { op: 'page', doc: this.doc, page: pageNo, opts })));
    this.chain = run.catch(() => undefined);
    return run.then((r) => ({ ...r.raster!, ms: r.ms ?? 0 }));
  }

  /** Forgets the document in the worker that holds it; pending pages still finish first. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.chain;
    const slot = slots.find((s) => s.docs.has(this.doc));
    if (!slot) return;
    slot.docs.delete(this.doc);
    // the worker reads its messages in order; a close cannot hang, so nobody waits for its answer
    slot.worker.postMessage({ op: 'close', doc: this.doc, id: nextId++ } satisfies RasterRequest);
  }

  /** Runs `job` on a pooled worker that has this document open (opening it there first, on a clock of its own). */
  private onWorker<T>(job: (slot: Slot) => Promise<T>): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise<Slot>((take) => { waiting.push({ session: this, take }); pump(); }).then(async (slot) => {
      try {
        if (!slot.docs.has(this.doc)) await this.openIn(slot);
        return await job(slot);
      } finally {
        release(slot, this.limits.keepIdle ?? 2);
      }
    });
  }

  /** Waits for a new worker to load (its own clock of `timeoutMs`: start-up is not the page's time), then moves a copy of the bytes in. */
  private async openIn(slot: Slot): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RasterError('raster.timeout', { seconds: seconds(this.limits.timeoutMs) })), this.limits.timeoutMs);
    });
    try {
      await Promise.race([slot.booted, late]);
    } catch (err) {
      this.dead = err as Error;
      kill(slot);
      throw err;
    } finally {
      clearTimeout(timer);
    }
    const copy = new Uint8Array(this.bytes);
    await this.send(slot, { op: 'open', doc: this.doc, bytes: copy, maxPages: this.limits.maxPages }, [copy.buffer as ArrayBuffer]);
    slot.docs.add(this.doc);
  }

  private send(slot: Slot, req: WithoutId<RasterRequest>, transfer: ArrayBuffer[] = []): Promise<Extract<RasterReply, { ok: true }>> {
    if (this.dead) return Promise.reject(this.dead);
    const id = nextId++;
    const { worker } = slot;
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
      const fail = (err: Error) => finish(() => { this.dead = err; kill(slot); reject(err); });
      const onMessage = (reply: RasterReply) => {
        if (reply.id !== id) return;
        finish(() => (reply.ok ? resolve(reply) : reject(restore(reply.error))));
      };
      const onError = (err: Error & { code?: string }) =>
        fail(new RasterError('raster.crashed', { detail: err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `vượt giới hạn bộ nhớ ${this.limits.maxHeapMb} MB` : err.message }));
      const onExit = (code: number) => fail(new RasterError('raster.crashed', { detail: `luồng xử lý thoát với mã ${code}` }));
      const timer = setTimeout(() => fail(new RasterError('raster.timeout', { seconds: seconds(this.limits.timeoutMs) })), this.limits.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ ...req, id }, transfer);
    });
  }
}

/** Raster worker threads alive now (busy or idle). */
export function rasterWorkerCount(): number {
  return slots.length;
}

/** Stops the idle raster workers (tests, shutdown). */
export async function closeRasterWorkers(): Promise<void> {
  const idle = slots.filter((s) => !s.busy);
  for (const s of idle) { const i = slots.indexOf(s); if (i >= 0) slots.splice(i, 1); clearTimeout(s.idleTimer); }
  await Promise.all(idle.map((s) => s.worker.terminate()));
}
