// Which OCR engine reads the pages: the `tesseract` program installed on the machine (native,
// the fast one) or tesseract.js's WebAssembly build (always there: it ships in node_modules).
// Both use the same Vietnamese model file; their results are cached under different engine
// identities, so a cache never hands one engine's reading to the other.
//
//   auto    native when tesseract 5+ is installed, else WebAssembly (the default)
//   native  tesseract must be installed (`ocr.native_missing` otherwise)
//   wasm    always tesseract.js (results identical on every machine: the test suite's choice)
//
// The choice comes from the config (`ocr.engine`), else from $TONGHOP_OCR_ENGINE, else auto.
import { engineId, OcrError, OcrPool, osdEngineId, type OcrPoolOptions, type OcrRecogniser, type OrientationResult } from './ocr-pool.js';
import { findNativeTesseract, NativeOcrPool, nativeEngineId, nativeOsdEngineId, type NativeTesseract } from './native-tesseract.js';
import type { GreyImage } from './pixels.js';

export const OCR_ENGINE_KINDS = ['auto', 'native', 'wasm'] as const;
export type OcrEngineKind = (typeof OCR_ENGINE_KINDS)[number];

export interface OcrEngineOptions extends OcrPoolOptions {
  /** null/absent: $TONGHOP_OCR_ENGINE, else auto */
  engine?: OcrEngineKind | null;
}

/** A started engine: OcrPool (WebAssembly) or NativeOcrPool. */
export interface OcrEngine extends OcrRecogniser {
  readonly kind: 'wasm' | 'native';
  readonly osdEngine: string | null;
  orientation(img: GreyImage): Promise<OrientationResult | null>;
  terminate(): Promise<void>;
}

export type ResolvedEngine = { kind: 'wasm' } | { kind: 'native'; tesseract: NativeTesseract };

export function requestedEngine(kind?: OcrEngineKind | null): OcrEngineKind {
  const k = kind ?? process.env.TONGHOP_OCR_ENGINE ?? 'auto';
  if (!(OCR_ENGINE_KINDS as readonly string[]).includes(k)) {
    throw new OcrError('ocr.start_failed', { detail: `TONGHOP_OCR_ENGINE="${k}" không hợp lệ (auto, native hoặc wasm)` });
  }
  return k as OcrEngineKind;
}

/** The engine `kind` stands for on this machine; `ocr.native_missing` when native is asked for and absent. */
export function resolveEngine(kind?: OcrEngineKind | null): ResolvedEngine {
  const k = requestedEngine(kind);
  if (k === 'wasm') return { kind: 'wasm' };
  const tesseract = findNativeTesseract();
  if (tesseract) return { kind: 'native', tesseract };
  if (k === 'native') throw new OcrError('ocr.native_missing', { detail: `lệnh "${process.env.TONGHOP_TESSERACT || 'tesseract'}"` });
  return { kind: 'wasm' };
}

/** Identity (cache keys) of the recognition engine and of its OSD pass; throws `ocr.model_missing`. */
export function engineIdentity(e: ResolvedEngine, opts: OcrPoolOptions = {}): { engine: string; osd: string | null } {
  return e.kind === 'native'
    ? { engine: nativeEngineId(e.tesseract, opts.langPath), osd: nativeOsdEngineId(e.tesseract, opts.osdPath) }
    : { engine: engineId(opts.langPath), osd: osdEngineId(opts.osdPath) };
}

export async function createOcrEngine(e: ResolvedEngine, opts: OcrPoolOptions = {}): Promise<OcrEngine> {
  return e.kind === 'native'
    ? new NativeOcrPool({ tesseract: e.tesseract, workers: opts.workers, langPath: opts.langPath, osdPath: opts.osdPath })
    : OcrPool.create(opts);
}
