// OCR results cached as JSON files, keyed by sha256 of (engine + model identity, dpi, options,
// image size and greyscale bytes). Tests use the committed fixtures/ocr-snapshots/ folder so most
// of them never start tesseract; the pipeline can point it at a folder under its data dir.
import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import type { OcrRecogniser, OcrResult, OrientationResult, RecogniseOptions } from './ocr-pool.js';
import { createOcrEngine, engineIdentity, resolveEngine, type OcrEngine, type OcrEngineOptions, type ResolvedEngine } from './engine.js';
import type { GreyImage } from './pixels.js';

export function ocrCacheKey(img: GreyImage, opts: RecogniseOptions, engine: string): string {
  const dpi = Math.round(opts.dpi ?? img.dpi ?? 300);
  const r = opts.rectangle;
  const h = crypto.createHash('sha256');
  h.update(`${engine}\n${dpi}\n${opts.psm ?? 'auto'}\n${r ? `${r.left},${r.top},${r.width},${r.height}` : '-'}\n${img.width}x${img.height}\n`);
  // only a whitelisted read changes the key: every snapshot made before whitelists stays valid
  if (opts.whitelist) h.update(`whitelist:${opts.whitelist}\n`);
  h.update(img.data);
  return h.digest('hex');
}

/** Key of an OSD answer: the OSD engine and model, the image size and its bytes. */
export function orientationCacheKey(img: GreyImage, osdEngine: string): string {
  return crypto.createHash('sha256').update(`${osdEngine}\nosd\n${Math.round(img.dpi)}\n${img.width}x${img.height}\n`).update(img.data).digest('hex');
}

export class OcrCache {
  constructor(readonly dir: string) {}

  file(key: string): string { return path.join(this.dir, `${key}.json`); }

  async get<T = OcrResult>(key: string): Promise<T | null> {
    try {
      return JSON.parse(await fs.readFile(this.file(key), 'utf8')) as T;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      return null; // a corrupt entry is a miss; it is overwritten on the next put
    }
  }

  async put(key: string, result: OcrResult | OrientationResult): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const tmp = `${this.file(key)}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(result));
    await fs.rename(tmp, this.file(key));
  }
}

export interface CachedOcrOptions {
  /** cache folder */
  dir: string;
  /** an existing pool; otherwise one is created on the first miss with `poolOptions` */
  pool?: OcrEngine;
  /** the engine (engine.ts: auto, native, wasm) and its pool settings */
  poolOptions?: OcrEngineOptions;
  /** never write (e.g. tests reading committed snapshots) */
  readOnly?: boolean;
  /** a miss is an error instead of running OCR (tests that must not start workers) */
  offline?: boolean;
}

/** An OcrRecogniser that answers from the cache and starts tesseract only on a miss. */
export class CachedOcr implements OcrRecogniser {
  readonly engine: string;
  /** identity of the OSD pass (orientation); null when its model is missing */
  private readonly osdEngine: string | null;
  /** the engine a miss starts (none when the caller gave its own pool) */
  private readonly resolved: ResolvedEngine | null;
  private readonly cache: OcrCache;
  private pool: OcrEngine | undefined;
  private starting: Promise<OcrEngine> | undefined;
  private ownsPool: boolean;
  hits = 0;
  misses = 0;

  constructor(private readonly opts: CachedOcrOptions) {
    this.cache = new OcrCache(opts.dir);
    this.resolved = opts.pool ? null : resolveEngine(opts.poolOptions?.engine);
    const id = this.resolved ? engineIdentity(this.resolved, opts.poolOptions) : { engine: opts.pool!.engine, osd: opts.pool!.osdEngine };
    this.engine = id.engine;
    this.osdEngine = id.osd;
    this.pool = opts.pool;
    this.ownsPool = !opts.pool;
  }

  /** which engine reads on a miss (engine.ts) */
  get kind(): ResolvedEngine['kind'] { return this.opts.pool?.kind ?? this.resolved!.kind; }

  /** whether tesseract workers exist (false as long as every call was a hit) */
  get started(): boolean { return this.pool !== undefined; }

  async recognise(img: GreyImage, opts: RecogniseOptions = {}): Promise<OcrResult> {
    const key = ocrCacheKey(img, opts, this.engine);
    const hit = await this.cache.get(key);
    if (hit) { this.hits++; return { ...hit, ms: 0 }; }
    this.misses++;
    if (this.opts.offline) throw new Error(`OCR cache miss (${key.slice(0, 12)}) with offline: true`);
    const pool = await this.getPool();
    const res = await pool.recognise(img, opts);
    if (!this.opts.readOnly) await this.cache.put(key, res);
    return res;
  }

  /**
   * The page's OSD answer, from the cache or one OSD pass. Null where the OSD model is missing or
   * the cache is offline and lacks it: the caller then falls back to trial recognitions, which
   * snapshots made before OSD hold.
   */
  async orientation(img: GreyImage): Promise<OrientationResult | null> {
    const osd = this.osdEngine;
    if (!osd) return null;
    const key = orientationCacheKey(img, osd);
    const hit = await this.cache.get<OrientationResult>(key);
    if (hit) { this.hits++; return hit; }
    if (this.opts.offline) return null;
    this.misses++;
    const res = await (await this.getPool()).orientation(img);
    if (res && !this.opts.readOnly) await this.cache.put(key, res);
    return res;
  }

  private async getPool(): Promise<OcrEngine> {
    if (this.pool) return this.pool;
    this.starting ??= createOcrEngine(this.resolved ?? { kind: 'wasm' }, this.opts.poolOptions); // a given pool, terminated: as before, tesseract.js
    this.pool = await this.starting;
    return this.pool;
  }

  /** Terminates the pool if this wrapper created it. */
  async terminate(): Promise<void> {
    if (this.ownsPool && (this.pool || this.starting)) await (this.pool ?? (await this.starting))?.terminate();
    this.pool = undefined;
    this.starting = undefined;
  }
}
