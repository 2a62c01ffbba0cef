// The pdfjs half of the probe stage: open the PDF, count text-layer characters per page, look
// for JavaScript, attachments and (for text-less files) anything drawn at all. Runs wherever it
// is called from; the pipeline calls it inside the isolated worker (pdf-isolated.ts).
// pdf-document.ts first: it keeps the native JSON.stringify across pdfjs's load
import { openPdf, PdfOpenError, type PdfOpenErrorCode } from './pdf-document.js';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { MIN_TEXT_CHARS, pageTextOf, textLayerChars } from './page-text.js';
import type { PageText } from '../model/document.js';

export interface PdfProbeInput {
  maxPages: number;
  /** ask pdfjs for JavaScript actions (skipped when the byte scan already found some) */
  checkJavascript: boolean;
  /** ask pdfjs for attachments (skipped when the byte scan already found some) */
  checkAttachments: boolean;
  /** when no page has text, look for drawing operators (only worth it when the file has no image) */
  checkMarks: boolean;
  /**
   * also return the positioned text of every text-layer page, from the same read: the text
   * stage then needs no second pass over the file (the pipeline asks; tests may not)
   */
  withText?: boolean;
}

export type PdfProbeOutcome =
  | {
    kind: 'ok'; pages: number; textPages: number[]; scanPages: number[]; javascript: boolean; attachments: boolean; /** null: not checked */ marks: boolean | null;
    /** with `withText`: the text of each of `textPages`, in that order */
    texts?: PageText[];
  }
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
    const texts: PageText[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const isText = textLayerChars(content) >= MIN_TEXT_CHARS;
      (isText ? textPages : scanPages).push(p);
      if (isText && input.withText) texts.push(pageTextOf(page, p, content));
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
    return { kind: 'ok', pages: pdf.numPages, textPages, scanPages, javascript, attachments, marks, ...(input.withText ? { texts } : {}) };
  } catch (err) {
    return { kind: 'read_error', message: (err as Error).message };
  } finally {
    await pdf.destroy();
  }
}
