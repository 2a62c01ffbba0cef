// Opening untrusted PDFs with pdfjs-dist (legacy build: the modern one fails on Node 20).
// Eval is off, XFA is off, and callers pass size/page limits from config.
import { createRequire } from 'node:module';
import path from 'node:path';
// before pdfjs: keeps the engine's push and JSON, which pdfjs's core-js replaces (see there)
import { restoreNativeBuiltins } from './pdf-native-builtins.js';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { PdfOpenError } from './pdf-errors.js';

// pdfjs's parsing half ("fake worker": in this thread) is loaded now rather than at the first
// open, so its copy of the polyfills is undone here too; pdfjs uses what it finds in pdfjsWorker.
const PDFJS_CORE: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
const scope = globalThis as { pdfjsWorker?: unknown };
scope.pdfjsWorker ??= await import(PDFJS_CORE);
restoreNativeBuiltins();

const require = createRequire(import.meta.url);
// Folders inside node_modules/pdfjs-dist; pdfjs wants a trailing slash ("Invalid factory url" otherwise).
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
const dir = (name: string) => path.join(pdfjsRoot, name) + path.sep;

export type { PDFDocumentProxy };
// Re-exported for callers that open PDFs anyway; a caller that only recognises the refusals
// imports them from pdf-errors.ts and does not load pdfjs.
export { PdfOpenError, type PdfOpenErrorCode } from './pdf-errors.js';

export interface OpenPdfOptions { maxPages?: number }

/** Opens a PDF from bytes (copied: pdfjs detaches the buffer it is given). */
export async function openPdf(bytes: Uint8Array, opts: OpenPdfOptions = {}): Promise<PDFDocumentProxy> {
  if (bytes.length === 0) throw new PdfOpenError('pdf.empty');
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: dir('standard_fonts'),
    cMapUrl: dir('cmaps'),
    cMapPacked: true,
    wasmUrl: dir('wasm'),
    isEvalSupported: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  } as Parameters<typeof pdfjs.getDocument>[0]);
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (err) {
    const e = err as { name?: string; message?: string };
    if (e?.name === 'PasswordException') {
      throw new PdfOpenError('pdf.encrypted');
    }
    throw new PdfOpenError('pdf.invalid', { detail: e?.message ?? String(err) });
  }
  if (opts.maxPages && doc.numPages > opts.maxPages) {
    await doc.destroy();
    throw new PdfOpenError('pdf.too_many_pages', { pages: doc.numPages, limit: opts.maxPages });
  }
  return doc;
}
