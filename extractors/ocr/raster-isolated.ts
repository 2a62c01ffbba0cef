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
// whose page it was fails. The pool itself is ../worker-pool.ts; the protocol and errors are here.
import type { Worker } from 'node:worker_threads';
import { WorkerPool, crashDetail, exchange, seconds, type PoolSlot, type WithoutId } from '../worker-pool.js';
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

/** A pooled raster worker: the documents open in it, and its start-up (the worker says id 0 when ready). */
interface Slot extends PoolSlot { docs: Set<number>; booted: Promise<void> }
/**
 * A request running this long (a scanned page takes about a second) no longer counts against
 * maxWorkers: the next document gets a worker of its own instead of waiting for a hostile page's
 * time limit (a minute by default).
 */
const STUCK_MS = 15_000;
const pool = new WorkerPool<Slot>(new URL('./raster-worker-boot.mjs', import.meta.url), (worker) => ({ docs: new Set(), booted: booted(worker) }));
let nextId = 1;
let nextDoc = 1;

function booted(worker: Worker): Promise<void> {
  const ready = new Promise<void>((resolve, reject) => {
    const onReady = (m: { id: number }) => { if (m.id === 0) { worker.off('message', onReady); resolve(); } };
    worker.on('message', onReady);
    worker.once('exit', (code) => reject(new RasterError('raster.crashed', { detail: crashDetail({ exitCode: code }, 0) })));
  });
  ready.catch(() => undefined);
  return ready;
}

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
    const slot = pool.find((s) => s.docs.has(this.doc));
    if (!slot) return;
    slot.docs.delete(this.doc);
    // the worker reads its messages in order; a close cannot hang, so nobody waits for its answer
    slot.worker.postMessage({ op: 'close', doc: this.doc, id: nextId++ } satisfies RasterRequest);
  }

  /** Runs `job` on a pooled worker that has this document open (opening it there first, on a clock of its own). */
  private onWorker<T>(job: (slot: Slot) => Promise<T>): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const { maxHeapMb, maxWorkers = 1, stuckAfterMs = STUCK_MS } = this.limits;
    const prefer = (slot: Slot) => slot.docs.has(this.doc);
    return pool.acquire(maxHeapMb, maxWorkers, { prefer, stuckAfterMs }).then(async (slot) => {
      try {
        if (!slot.docs.has(this.doc)) await this.openIn(slot);
        return await job(slot);
      } finally {
        pool.release(slot, this.limits.keepIdle ?? 2);
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
      pool.kill(slot);
      throw err;
    } finally {
      clearTimeout(timer);
    }
    const copy = new Uint8Array(this.bytes);
    await this.send(slot, { op: 'open', doc: this.doc, bytes: copy, maxPages: this.limits.maxPages }, [copy.buffer as ArrayBuffer]);
    slot.docs.add(this.doc);
  }

  private async send(slot: Slot, req: WithoutId<RasterRequest>, transfer: ArrayBuffer[] = []): Promise<Extract<RasterReply, { ok: true }>> {
    if (this.dead) throw this.dead;
    const { timeoutMs, maxHeapMb } = this.limits;
    const out = await exchange<RasterReply>(slot.worker, { ...req, id: nextId++ }, transfer, timeoutMs);
    if ('reply' in out) {
      if (out.reply.ok) return out.reply;
      throw restore(out.reply.error);
    }
    this.dead = 'timedOut' in out
      ? new RasterError('raster.timeout', { seconds: seconds(timeoutMs) })
      : new RasterError('raster.crashed', { detail: crashDetail(out, maxHeapMb) });
    pool.kill(slot);
    throw this.dead;
  }
}

/** Raster worker threads alive now (busy or idle). */
export function rasterWorkerCount(): number {
  return pool.count();
}

/** Stops the idle raster workers (tests, shutdown). */
export function closeRasterWorkers(): Promise<void> {
  return pool.closeIdle();
}
