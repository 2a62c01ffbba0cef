// text: the text of every page with positions — the text layer where it is usable,
// OCR for scanned pages (page by page, so mixed PDFs take both paths). The text layer is read
// in the isolated pdfjs worker (pdf-isolated.ts); OCR still renders on this thread.
import { done, failed, type Stage } from '../stage.js';
import type { ProbeResult } from './probe.js';
import type { PageText } from '../../model/document.js';
import { openPdf } from '../../extractors/pdf-document.js';
import { extractTextPagesIsolated, PdfIsolationError } from '../../extractors/pdf-isolated.js';

export const textStage: Stage = {
  name: 'text',
  needs: ['probe'],
  gives: ['pages', 'textSource'],
  async run(ctx, doc) {
    const probe = doc.artifacts.probe as ProbeResult;
    const bytes = ctx.store.read(doc.row.store_path!);
    const pages: PageText[] = [];
    const ocr = probe.scanPages.length ? await ctx.ocr() : null;
    if (probe.scanPages.length && !ocr) {
      return failed('ocr.unavailable', 'Văn bản là bản quét nhưng bộ nhận dạng chữ (OCR) không khởi động được.');
    }
    try {
      if (probe.kind === 'image') {
        pages.push(await ocr!.ocrImageFile(doc.row.store_path!));
      } else {
        // Text-layer pages: all of them in one job in the isolated pdfjs worker.
        const limits = ctx.cfg.limits;
        const textPages = probe.textPages.length
          ? await extractTextPagesIsolated(bytes, probe.textPages, { maxPages: limits.maxPages, timeoutMs: limits.parseTimeoutMs, maxHeapMb: limits.parseHeapMb, keepIdle: ctx.cfg.concurrency.documents })
          : [];
        const byPage = new Map(textPages.map((t) => [t.page, t]));
        // Scanned pages: OCR renders them with pdfjs here, as before.
        const pdf = probe.scanPages.length ? await openPdf(bytes, { maxPages: limits.maxPages }) : null;
        try {
          for (let p = 1; p <= probe.pages; p++) {
            pages.push(byPage.get(p) ?? await ocr!.ocrPdfPage(pdf!, p));
          }
        } finally {
          await pdf?.destroy();
        }
      }
    } catch (err) {
      if (err instanceof PdfIsolationError) return failed(err.code, err.message);
      // OCR and raster errors carry a stable code (ocr.model_missing, raster.too_large, ...).
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && /^(ocr|raster|image)\./.test(code)) return failed(code, (err as Error).message);
      throw err;
    }
    if (pages.every((p) => p.lines.length === 0)) {
      return failed('pdf.no_content', 'Văn bản không có chữ nào đọc được (không có lớp chữ, ảnh quét trống).');
    }
    const textSource = probe.scanPages.length === 0 ? 'text' : probe.textPages.length === 0 ? 'ocr' : 'mixed';
    return done({ pages, textSource });
  },
};
