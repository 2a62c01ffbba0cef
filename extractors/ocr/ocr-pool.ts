// One pool of tesseract.js workers for the whole process. Workers are created once (each loads
// the Vietnamese LSTM model from node_modules; nothing is fetched) and reused; jobs queue
// FIFO and go to whichever worker is idle. Images go in as binary PGM (no PNG round-trip).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import Tesseract from 'tesseract.js';
import { toPgm, type GreyImage } from './pixels.js';
import { TonghopError } from '../../model/errors.js';
import type { Rotation } from '../../model/ocr.js';

const require = createRequire(import.meta.url);

export interface OcrRect { left: number; top: number; width: number; height: number }
/** Pixel box, tesseract's convention (x1/y1 exclusive). */
export interface PxBox { x0: number; y0: number; x1: number; y1: number }

export interface OcrWord { text: string; conf: number; bbox: PxBox }
export interface OcrLine { text: string; conf: number; bbox: PxBox; words: OcrWord[]; block: number }

/** JSON-serialisable OCR output (what the snapshot cache stores). Confidences are 0..1. */
export interface OcrResult {
  width: number;
  height: number;
  dpi: number;
  /** mean word confidence, 0..1 (0 when no words) */
  conf: number;
  text: string;
  lines: OcrLine[];
  /** engine + model identity, e.g. "tesseract.js@7.0.0/vie-best_int-3f2a…/psm3" */
  engine: string;
  /** wall time of the recognition in ms (0 for a cache hit) */
  ms: number;
}

export interface RecogniseOptions {
  dpi?: number;
  rectangle?: OcrRect;
  psm?: PageSegMode;
  /** only these characters may be read (a targeted re-read of a symbol or a number); all when absent */
  whitelist?: string;
}
export type PageSegMode = 'auto' | 'single_block' | 'sparse' | 'single_line';

/** Tesseract's orientation and script detection (OSD) of a page: the clockwise turn that makes it upright. */
export interface OrientationResult {
  rotation: Rotation;
  /** tesseract's orientation confidence (about 10-20 on a clear page, under 2 when it is guessing) */
  conf: number;
}

/** Anything that can OCR an image: OcrPool, or a cache in front of one. */
export interface OcrRecogniser {
  recognise(img: GreyImage, opts?: RecogniseOptions): Promise<OcrResult>;
  /** one OSD pass; null when it cannot be had (no model, no answer, an offline cache without it) */
  orientation?(img: GreyImage): Promise<OrientationResult | null>;
  readonly engine: string;
}

export type OcrErrorCode = 'ocr.model_missing' | 'ocr.native_missing' | 'ocr.start_failed' | 'ocr.start_timeout' | 'ocr.terminated' | 'ocr.failed';
/** The OCR engine could not start or failed; the message comes from the registry (model/errors.ts). */
export class OcrError<C extends OcrErrorCode = OcrErrorCode> extends TonghopError<C> {}

export interface OcrPoolOptions {
  /** default os.availableParallelism() */
  workers?: number;
  /** folder holding vie.traineddata.gz; default @tesseract.js-data/vie/4.0.0_best_int */
  langPath?: string;
  /** per-worker start-up limit; default 30 s */
  startTimeoutMs?: number;
  /** folder holding osd.traineddata.gz; default @tesseract.js-data/osd/4.0.0_best_int */
  osdPath?: string;
}

export interface OcrPoolStats {
  workers: number;
  startMs: number;
  jobs: number;
  failed: number;
  queued: number;
  running: number;
  /** summed recognition time over all jobs */
  busyMs: number;
  /** wall time since the pool was created */
  upMs: number;
}

const PSM_CODE: Record<PageSegMode, string> = { auto: '3', single_block: '6', sparse: '11', single_line: '7' };

let tesseractVersion = 'unknown';
try { tesseractVersion = (require('tesseract.js/package.json') as { version: string }).version; } catch { /* keep unknown */ }

/** Default model folder (plain filesystem path). */
export function defaultLangPath(): string {
  return path.join(path.dirname(require.resolve('@tesseract.js-data/vie/package.json')), '4.0.0_best_int');
}

const modelHashes = new Map<string, string>();

/** The first 12 hex digits of a model file's sha256, read once per file: cache keys name the model. */
export function modelHash(file: string): string {
  let h = modelHashes.get(file);
  if (!h) {
    h = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12);
    modelHashes.set(file, h);
  }
  return h;
}

/** Folder of osd.traineddata.gz (tesseract's legacy orientation model; the LSTM models cannot do OSD). */
export function defaultOsdPath(): string {
  return path.join(path.dirname(require.resolve('@tesseract.js-data/osd/package.json')), '4.0.0_best_int');
}

/** Identity of the OSD engine and model (cache keys); null when the model is absent. */
export function osdEngineId(osdPath = defaultOsdPath()): string | null {
  const file = path.join(osdPath, 'osd.traineddata.gz');
  if (!fs.existsSync(file)) return null;
  return `tesseract.js@${tesseractVersion}/osd-${modelHash(file)}`;
}

/**
 * Identity of engine + model (+ the settings that change output), used in cache keys.
 * Throws `ocr.model_missing` when the traineddata is absent.
 */
export function engineId(langPath = defaultLangPath()): string {
  return `tesseract.js@${tesseractVersion}/vie-${path.basename(langPath)}-${vieModelHash(langPath)}/lstm`;
}

/** modelHash of `<langPath>/vie.traineddata.gz` (both engines read that file); `ocr.model_missing` when it is absent. */
export function vieModelHash(langPath = defaultLangPath()): string {
  const file = path.join(langPath, 'vie.traineddata.gz');
  if (!modelHashes.has(file) && !fs.existsSync(file)) throw new OcrError('ocr.model_missing', { file });
  return modelHash(file);
}

interface Job {
  img: GreyImage;
  opts: RecogniseOptions;
  resolve: (r: OcrResult) => void;
  reject: (e: unknown) => void;
}

export class OcrPool implements OcrRecogniser {
  private readonly idle: Tesseract.Worker[];
  private readonly queue: Job[] = [];
  private running = 0;
  private jobs = 0;
  private failed = 0;
  private busyMs = 0;
  private closed = false;
  private readonly created = Date.now();
  /** the character whitelist each worker was last set to ('' = every character) */
  private readonly whitelists = new Map<Tesseract.Worker, string>();
  /** the OSD worker, started on the first orientation() and closed when unused for a while */
  private osd: Promise<Tesseract.Worker> | null = null;
  private osdChain: Promise<unknown> = Promise.resolve();
  private osdIdle: NodeJS.Timeout | undefined;

  private constructor(private readonly all: Tesseract.Worker[], readonly engine: string, private readonly startMs: number,
    private readonly osdPath: string) {
    this.idle = [...all];
  }

  readonly kind = 'wasm' as const;

  /** identity of this pool's OSD pass (cache keys); null when the osd model is missing */
  get osdEngine(): string | null { return osdEngineId(this.osdPath); }

  static async create(opts: OcrPoolOptions = {}): Promise<OcrPool> {
    const t0 = Date.now();
    const langPath = opts.langPath ?? defaultLangPath();
    const engine = engineId(langPath); // throws ocr.model_missing before any worker starts
    const n = Math.max(1, Math.floor(opts.workers ?? os.availableParallelism()));
    const timeout = opts.startTimeoutMs ?? 30_000;
    const started = await Promise.allSettled(Array.from({ length: n }, () => startWorker(langPath, timeout)));
    const ok = started.filter((s): s is PromiseFulfilledResult<Tesseract.Worker> => s.status === 'fulfilled').map((s) => s.value);
    const bad = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (bad) {
      await Promise.allSettled(ok.map((w) => w.terminate()));
      throw bad.reason;
    }
    return new OcrPool(ok, engine, Date.now() - t0, opts.osdPath ?? defaultOsdPath());
  }

  /**
   * One OSD pass over the page (tesseract's DetectOS, as `tesseract --psm 0`): ~0.5 s of one core
   * on a 300-dpi page, against two to four trial recognitions. It needs tesseract's legacy engine
   * and the osd model, which the LSTM-only workers lack, so it has a worker of its own (~80 MB),
   * started on the first call (only pages read with low confidence ask) and closed after a minute
   * unused. One pass at a time. Null when the model is missing or tesseract gives no answer.
   */
  orientation(img: GreyImage): Promise<OrientationResult | null> {
    if (this.closed) return Promise.reject(new OcrError('ocr.terminated'));
    const run = this.osdChain.then(async (): Promise<OrientationResult | null> => {
      clearTimeout(this.osdIdle);
      if (!osdEngineId(this.osdPath)) return null;
      this.osd ??= startOsdWorker(this.osdPath, 30_000);
      const worker = await this.osd;
      await worker.setParameters({ user_defined_dpi: String(Math.round(img.dpi)) } as Partial<Tesseract.WorkerParams>);
      const { data } = await worker.detect(toPgm(img));
      const rotation = data.orientation_degrees;
      return rotation === 0 || rotation === 90 || rotation === 180 || rotation === 270 ? { rotation, conf: data.orientation_confidence ?? 0 } : null;
    });
    this.osdChain = run.catch(() => undefined).finally(() => {
      if (this.closed || !this.osd) return;
      this.osdIdle = setTimeout(() => { void this.stopOsd(); }, 60_000);
      this.osdIdle.unref();
    });
    return run.catch(() => null);
  }

  private async stopOsd(): Promise<void> {
    clearTimeout(this.osdIdle);
    const osd = this.osd;
    this.osd = null;
    await osd?.then((w) => w.terminate(), () => undefined);
  }

  /** OCR one greyscale image. `dpi` defaults to the image's own. Word boxes are image pixels. */
  recognise(img: GreyImage, opts: RecogniseOptions = {}): Promise<OcrResult> {
    if (this.closed) return Promise.reject(new OcrError('ocr.terminated'));
    return new Promise((resolve, reject) => {
      this.queue.push({ img, opts, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.running++;
      void this.run(worker, job).finally(() => {
        this.running--;
        if (!this.closed) this.idle.push(worker);
        this.pump();
      });
    }
  }

  private async run(worker: Tesseract.Worker, job: Job): Promise<void> {
    const t0 = Date.now();
    const dpi = Math.round(job.opts.dpi ?? job.img.dpi ?? 300);
    const params: Record<string, unknown> = {
      user_defined_dpi: String(dpi),
      tessedit_pageseg_mode: PSM_CODE[job.opts.psm ?? 'auto'],
    };
    if (job.opts.rectangle) params.rectangle = clampRect(job.opts.rectangle, job.img);
    try {
      // The whitelist is a worker setting, not a per-call one: set it, and reset it for the next job.
      const whitelist = job.opts.whitelist ?? '';
      if ((this.whitelists.get(worker) ?? '') !== whitelist) {
        await worker.setParameters({ tessedit_char_whitelist: whitelist } as Partial<Tesseract.WorkerParams>);
        this.whitelists.set(worker, whitelist);
      }
      const res = await worker.recognize(toPgm(job.img), params as Partial<Tesseract.RecognizeOptions>, { text: true, blocks: true });
      const ms = Date.now() - t0;
      this.busyMs += ms;
      this.jobs++;
      const suffix = (job.opts.psm && job.opts.psm !== 'auto' ? `/psm-${job.opts.psm}` : '') + (job.opts.whitelist ? '/whitelist' : '');
      job.resolve(convert(res.data, job.img, dpi, this.engine + suffix, ms));
    } catch (err) {
      this.failed++;
      job.reject(new OcrError('ocr.failed', { detail: err instanceof Error ? err.message : String(err) }));
    }
  }

  stats(): OcrPoolStats {
    return {
      workers: this.all.length, startMs: this.startMs, jobs: this.jobs, failed: this.failed,
      queued: this.queue.length, running: this.running, busyMs: this.busyMs, upMs: Date.now() - this.created,
    };
  }

  /** Rejects queued jobs, waits for nothing running to be cut short, terminates the workers. */
  async terminate(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new OcrError('ocr.terminated'));
    await Promise.allSettled([...this.all.map((w) => w.terminate()), this.stopOsd()]);
  }
}

/** A rectangle cut to the image (whole pixels, at least one). */
export function clampRect(r: OcrRect, img: GreyImage): OcrRect {
  const left = Math.max(0, Math.min(img.width - 1, Math.round(r.left)));
  const top = Math.max(0, Math.min(img.height - 1, Math.round(r.top)));
  return { left, top, width: Math.max(1, Math.min(img.width - left, Math.round(r.width))), height: Math.max(1, Math.min(img.height - top, Math.round(r.height))) };
}

async function startWorker(langPath: string, timeoutMs: number): Promise<Tesseract.Worker> {
  let timer: NodeJS.Timeout | undefined;
  let failure: unknown;
  const starting = Tesseract.createWorker('vie', Tesseract.OEM.LSTM_ONLY, {
    langPath,
    gzip: true,
    cacheMethod: 'none',
    // Without a handler a bad model kills the process; with one the promise may never settle,
    // hence the timeout below.
    errorHandler: (e: unknown) => { failure = e; },
  });
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OcrError('ocr.start_timeout',
      { seconds: Math.round(timeoutMs / 1000), detail: failure ? String(failure) : 'không có thông báo lỗi' })), timeoutMs);
  });
  try {
    const worker = await Promise.race([starting, timeout]);
    // tesseract's own diagnostics ("Detected 341 diacritics") would otherwise go to stdout.
    await worker.setParameters({ debug_file: '/dev/null' } as unknown as Partial<Tesseract.WorkerParams>);
    return worker;
  } catch (err) {
    if (err instanceof OcrError) {
      // a late start must not leak a worker thread
      void starting.then((w) => w.terminate(), () => undefined);
      throw err;
    }
    throw new OcrError('ocr.start_failed', { detail: err instanceof Error ? err.message : String(err) });
  } finally {
    clearTimeout(timer);
  }
}

/** A worker with tesseract's legacy engine and the osd model (what detect() needs); the same start-up limit as the OCR workers. */
async function startOsdWorker(osdPath: string, timeoutMs: number): Promise<Tesseract.Worker> {
  let timer: NodeJS.Timeout | undefined;
  const starting = Tesseract.createWorker('osd', Tesseract.OEM.TESSERACT_ONLY, {
    langPath: osdPath, gzip: true, cacheMethod: 'none', legacyCore: true, legacyLang: true, errorHandler: () => undefined,
  });
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('OSD worker start timed out')), timeoutMs); });
  try {
    const worker = await Promise.race([starting, timeout]);
    await worker.setParameters({ debug_file: '/dev/null' } as unknown as Partial<Tesseract.WorkerParams>);
    return worker;
  } catch (err) {
    void starting.then((w) => w.terminate(), () => undefined);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

function bbox(b: Tesseract.Bbox): PxBox { return { x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 }; }

/** tesseract's words of one line (confidence 0–100) as an OcrLine: text NFC and trimmed, empty words dropped; null when none is left. */
export function ocrLine(raw: readonly { text: string; confidence: number; bbox: PxBox }[], bbox: PxBox, block: number): OcrLine | null {
  const words: OcrWord[] = [];
  for (const w of raw) {
    const text = w.text.normalize('NFC').trim();
    if (text) words.push({ text, conf: Math.max(0, Math.min(1, w.confidence / 100)), bbox: w.bbox });
  }
  if (!words.length) return null;
  return { text: words.map((w) => w.text).join(' '), conf: Math.min(...words.map((w) => w.conf)), bbox, words, block };
}

/** Mean word confidence of a page's lines, 0..1 (0 when there are no words). */
export function meanWordConf(lines: readonly OcrLine[]): number {
  let sum = 0, count = 0;
  for (const l of lines) for (const w of l.words) { sum += w.conf; count++; }
  return count ? sum / count : 0;
}

function convert(page: Tesseract.Page, img: GreyImage, dpi: number, engine: string, ms: number): OcrResult {
  const lines: OcrLine[] = [];
  (page.blocks ?? []).forEach((block, bi) => {
    for (const para of block.paragraphs) for (const line of para.lines) {
      const l = ocrLine(line.words.map((w) => ({ text: w.text, confidence: w.confidence, bbox: bbox(w.bbox) })), bbox(line.bbox), bi);
      if (l) lines.push(l);
    }
  });
  return { width: img.width, height: img.height, dpi, conf: meanWordConf(lines), text: (page.text ?? '').normalize('NFC'), lines, engine, ms };
}
