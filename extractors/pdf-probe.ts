// The pdfjs half of the probe stage: open the PDF, count text-layer characters per page, look
// for JavaScript, attachments and (for text-less files) anything drawn at all. Runs wherever it
// is called from; the pipeline calls it inside the isolated worker (pdf-isolated.ts).
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf, PdfOpenError, type PdfOpenErrorCode } from './pdf-document.js';
import { MIN_TEXT_CHARS } from './page-text.js';

export interface PdfProbeInput {
  maxPages: number;
  /** ask pdfjs for JavaScript actions (skipped when the byte scan already found some) */
  checkJavascript: boolean;
  /** ask pdfjs for attachments (skipped when the byte scan already found some) */
  checkAttachments: boolean;
  /** when no page has text, look for drawing operators (only worth it when the file has no image) */
  checkMarks: boolean;
}

export type PdfProbeOutcome =
  | { kind: 'ok'; pages: number; textPages: number[]; scanPages: number[]; javascript: boolean; attachments: boolean; /** null: not checked */ marks: boolean | null }
  /** openPdf refused the file (PdfOpenError) */
  | { kind: 'open_error'; code: PdfOpenErrorCode; message: string }
  /** the file opened but reading its pages failed */
  | { kind: 'read_error'; message: string };

/** Operators that put something visible on a page (images, paths, text, shadings). */
const MARKING_OPS = new Set<number>([
  OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintInlineImageXObjectGroup,
  OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObjectGroup, OPS.paintImageMaskXObjectRepeat, OPS.paintSolidColorImageMask,
  OPS.fill, OPS.eoFill, OPS.stroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeStroke, OPS.closeFillStroke, OPS.closeEOFillStroke,
  OPS.constructPath, OPS.shadingFill, OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText,
].filter((x): x is number => typeof x === 'number'));

export async function probePdfBytes(bytes: Uint8Array, input: PdfProbeInput): Promise<PdfProbeOutcome> {
  let pdf: Awaited<ReturnType<typeof openPdf>>;
  try {
    pdf = await openPdf(bytes, { maxPages: input.maxPages });
  } catch (err) {
    if (err instanceof PdfOpenError) return { kind: 'open_error', code: err.code, message: err.message };
    throw err;
  }
  try {
    if (pdf.numPages === 0) return { kind: 'ok', pages: 0, textPages: [], scanPages: [], javascript: false, attachments: false, marks: null };
    const javascript = input.checkJavascript && !!(await pdf.getJSActions().catch(() => null));
    const attachments = input.checkAttachments && !!(await pdf.getAttachments().catch(() => null));
    const textPages: number[] = [];
    const scanPages: number[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const chars = content.items.reduce((n, it) => n + ('str' in it ? it.str.replace(/\s/g, '').length : 0), 0);
      (chars >= MIN_TEXT_CHARS ? textPages : scanPages).push(p);
      page.cleanup();
    }
    // No text layer and no image anywhere: only look at drawing operators when that is the case
    // (cheap for blank pages; scans always have an image and skip this).
    let marks: boolean | null = null;
    if (textPages.length === 0 && input.checkMarks) {
      marks = false;
      for (let p = 1; p <= pdf.numPages && !marks; p++) {
        const page = await pdf.getPage(p);
        const ops = await page.getOperatorList();
        marks = ops.fnArray.some((fn) => MARKING_OPS.has(fn));
        page.cleanup();
      }
    }
    return { kind: 'ok', pages: pdf.numPages, textPages, scanPages, javascript, attachments, marks };
  } catch (err) {
    return { kind: 'read_error', message: (err as Error).message };
  } finally {
    await pdf.destroy();
  }
}
