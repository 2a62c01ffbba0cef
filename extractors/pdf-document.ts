// Opening untrusted PDFs with pdfjs-dist (legacy build: the modern one fails on Node 20).
// Eval is off, XFA is off, and callers pass size/page limits from config.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { TonghopError } from '../model/errors.js';

const require = createRequire(import.meta.url);
// Folders inside node_modules/pdfjs-dist; pdfjs wants a trailing slash ("Invalid factory url" otherwise).
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
const dir = (name: string) => path.join(pdfjsRoot, name) + path.sep;

export type { PDFDocumentProxy };
export type PdfOpenErrorCode = 'pdf.encrypted' | 'pdf.invalid' | 'pdf.empty' | 'pdf.too_many_pages';

/** openPdf refused the file; the message comes from the registry (model/errors.ts). */
export class PdfOpenError<C extends PdfOpenErrorCode = PdfOpenErrorCode> extends TonghopError<C> {}

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
