// One config, parsed once with zod and frozen; stages receive it, never read the environment.
import { OCR_ENGINE_KINDS } from '../extractors/ocr/engine.js';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export const ConfigSchema = z.object({
  dbFile: z.string(),
  /** content-addressed copies of every original, and caches */
  dataDir: z.string(),
  limits: z.object({
    maxFileBytes: z.number().int().positive().default(100 * 1024 * 1024),
    maxPages: z.number().int().positive().default(300),
    /** a page image larger than this many pixels is refused (decompression bombs) */
    maxImagePixels: z.number().int().positive().default(60_000_000),
    /** wall-clock limit for one pdfjs job in the isolated worker (probe, or the text layer of a document) */
    parseTimeoutMs: z.number().int().positive().default(60_000),
    /** heap limit of the pdfjs worker thread, in MB */
    parseHeapMb: z.number().int().min(16).default(512),
  }).default({ maxFileBytes: 100 * 1024 * 1024, maxPages: 300, maxImagePixels: 60_000_000, parseTimeoutMs: 60_000, parseHeapMb: 512 }),
  concurrency: z.object({
    /**
     * documents in the text stage at once: pdfjs (text layer, page rasters) runs in worker threads,
     * so this thread only feeds the OCR pool; one document per core keeps every OCR worker busy
     */
    text: z.number().int().positive().default(Math.max(1, os.availableParallelism())),
    /** documents in flight at once (each holds its pages in memory) */
    documents: z.number().int().positive().default(4),
  }).default({ text: Math.max(1, os.availableParallelism()), documents: 4 }),
  ocr: z.object({
    workers: z.number().int().positive().default(Math.max(1, os.availableParallelism())),
    dpi: z.number().int().min(100).max(600).default(300),
    cacheDir: z.string().nullable().default(null),
    /**
     * OCR engine (extractors/ocr/engine.ts): auto = the installed `tesseract` 5+ when there is
     * one, else tesseract.js (WebAssembly); native; wasm. null: $TONGHOP_OCR_ENGINE, else auto.
     */
    engine: z.enum(OCR_ENGINE_KINDS).nullable().default(null),
    /**
     * pages after the first are read at this resolution when the scan is finer (re-reads of
     * symbols, dates and figures still use the full image). null: 200 on the native engine, the
     * scan's own on tesseract.js (its committed snapshots and accuracy baselines are full resolution)
     */
    readDpi: z.number().int().min(100).max(600).nullable().default(null),
  }).default({ workers: Math.max(1, os.availableParallelism()), dpi: 300, cacheDir: null, engine: null, readDpi: null }),
  review: z.object({
    /** a field below this confidence goes to the review queue */
    acceptThreshold: z.number().min(0).max(1).default(0.9),
  }).default({ acceptThreshold: 0.9 }),
  /** folder of trust anchors (CA certificates, PEM or DER) for digital signatures; none is bundled */
  trustDir: z.string().nullable().default(null),
  /**
   * the PostgreSQL store's URL when --db names one (issue 16): openApp then opens it through
   * pipeline/pg/sync-db.ts and dbFile is not used; dataDir is this machine's caches
   */
  pgUrl: z.string().nullable().default(null),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

export function defaultDbFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.TONGHOP_DB || path.join('data', 'tonghop.db');
}

export function makeConfig(input: { dbFile?: string; dataDir?: string } & Partial<Omit<z.input<typeof ConfigSchema>, 'dbFile' | 'dataDir'>> = {}): Config {
  const dbFile = path.resolve(input.dbFile ?? defaultDbFile());
  const dataDir = path.resolve(input.dataDir ?? path.dirname(dbFile));
  const cfg = ConfigSchema.parse({ ...input, dbFile, dataDir });
  return deepFreeze(cfg);
}

/**
 * The local side of a PostgreSQL setup (issue 16): this machine's data folder (the OCR cache,
 * the cache of originals fetched from the database) is ./data, or $TONGHOP_DATA. The database
 * file named in the config is never opened with a PostgreSQL URL.
 */
export function makePgConfig(url: string | null, input: Partial<Omit<z.input<typeof ConfigSchema>, 'dbFile' | 'dataDir' | 'pgUrl'>> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.TONGHOP_DATA || 'data');
  return makeConfig({ ...input, dbFile: path.join(dataDir, 'unused-with-postgres.db'), dataDir, pgUrl: url });
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
