// probe: what the file is, how many pages, which pages have a usable text layer.
import { done, failed, type Stage } from '../stage.js';
import { sniffFileKind, KIND_MESSAGES } from '../file-kind.js';
import { openPdf, PdfOpenError } from '../../extractors/pdf-document.js';
import { MIN_TEXT_CHARS } from '../../extractors/page-text.js';

export interface ProbeResult {
  kind: 'pdf' | 'image';
  pages: number;
  /** 1-based pages whose text layer is usable */
  textPages: number[];
  /** 1-based pages to OCR */
  scanPages: number[];
}

export const probeStage: Stage = {
  name: 'probe',
  needs: [],
  gives: ['probe'],
  async run(ctx, doc) {
    const bytes = ctx.store.read(doc.row.store_path!);
    const kind = sniffFileKind(bytes.subarray(0, 1024));
    if (kind === 'png' || kind === 'jpeg' || kind === 'tiff') {
      return done({ probe: { kind: 'image', pages: 1, textPages: [], scanPages: [1] } satisfies ProbeResult });
    }
    if (kind !== 'pdf') return failed(KIND_MESSAGES[kind].code, KIND_MESSAGES[kind].message);
    let pdf;
    try {
      pdf = await openPdf(bytes, { maxPages: ctx.cfg.limits.maxPages });
    } catch (err) {
      if (err instanceof PdfOpenError) return failed(err.code, err.message);
      throw err;
    }
    try {
      if (pdf.numPages === 0) return failed('pdf.no_pages', 'Tệp PDF không có trang nào.');
      const textPages: number[] = [];
      const scanPages: number[] = [];
      for (let p = 1; p <= pdf.numPages; p++) {
        const page = await pdf.getPage(p);
        const content = await page.getTextContent();
        const chars = content.items.reduce((n, it) => n + ('str' in it ? it.str.replace(/\s/g, '').length : 0), 0);
        (chars >= MIN_TEXT_CHARS ? textPages : scanPages).push(p);
        page.cleanup();
      }
      return done({ probe: { kind: 'pdf', pages: pdf.numPages, textPages, scanPages } satisfies ProbeResult });
    } catch (err) {
      return failed('pdf.invalid', `Tệp PDF bị hỏng, không đọc được nội dung (${(err as Error).message}).`);
    } finally {
      await pdf.destroy();
    }
  },
};
