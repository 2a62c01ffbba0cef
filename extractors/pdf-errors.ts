// The refusals of openPdf, in a module of their own: code that only needs to recognise or
// rebuild them (the isolated-worker client on the main thread) does not load pdfjs, whose
// legacy build installs core-js polyfills in the realm that loads it (pdf-document.ts).
import { TonghopError } from '../model/errors.js';

export type PdfOpenErrorCode = 'pdf.encrypted' | 'pdf.invalid' | 'pdf.empty' | 'pdf.too_many_pages';

/** openPdf refused the file; the message comes from the registry (model/errors.ts). */
export class PdfOpenError<C extends PdfOpenErrorCode = PdfOpenErrorCode> extends TonghopError<C> {}
