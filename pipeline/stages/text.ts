// text: the text of every page with positions — the text layer where it is usable,
// OCR for scanned pages (page by page, so mixed PDFs take both paths). The text layer is read
// in the isolated pdfjs worker (pdf-isolated.ts); scanned pages are rasterised in the isolated
// raster worker (extractors/ocr/raster-isolated.ts) by the OCR service.
import { defineStage, done, failed } from '../stage.js';
import type { ReadPage } from '../../model/ocr.js';
import type { TextSource } from '../../model/artifacts.js';
import { extractTextPagesIsolated } from '../../extractors/pdf-isolated.js';
import { pdfIsolation, takeTextLayer } from './text-handoff.js';
import { TonghopError } from '../../model/errors.js';
import { readOffice } from '../../extractors/office/index.js';
import { layoutBlocks } from '../../extractors/office/layout.js';
import { envelopeBlocks, parseEdxml, DEFAULT_EDXML_LIMITS } from '../../extractors/edxml.js';

export const textStage = defineStage({
  name: 'text',
  needs: ['probe'],
  gives: ['pages', 'textSource'],
  async run(ctx, doc) {
    const { probe } = doc.artifacts;
    const bytes = ctx.store.read(doc.row.store_path!);
    const pages: ReadPage[] = [];
    const ocr = probe.scanPages.length ? await ctx.ocr() : null;
    if (probe.scanPages.length && !ocr) {
      return failed('ocr.unavailable');
    }
    try {
      if (probe.kind === 'edxml') {
        // the package's own page: its envelope's header written out (attachments are documents of their own)
        return done({ pages: layoutBlocks(envelopeBlocks(parseEdxml(bytes, DEFAULT_EDXML_LIMITS, { attachments: false }))), textSource: 'text' });
      }
      if (probe.kind === 'docx' || probe.kind === 'xlsx' || probe.kind === 'doc') {
        // Word and Excel: paragraphs, tables and sheets laid out as pages (extractors/office)
        // read by the probe of this run (text-handoff.ts); a resumed run reads the file again
        return done({ pages: takeTextLayer(doc.row, probe.textPages) ?? await readOffice(probe.kind, bytes), textSource: 'text' });
      }
      if (probe.kind === 'image') {
        pages.push(await ocr!.ocrImageFile(doc.row.store_path!));
      } else {
        // Text-layer pages: all of them in one job in the isolated pdfjs worker.
        const limits = ctx.cfg.limits;
        // Normally the probe's job read them already (text-handoff.ts); a resumed run reads them here.
        const textPages = takeTextLayer(doc.row, probe.textPages) ?? (probe.textPages.length
          ? await extractTextPagesIsolated(bytes, probe.textPages, { maxPages: limits.maxPages, ...pdfIsolation(ctx.cfg) })
          : []);
        const byPage = new Map(textPages.map((t) => [t.page, t]));
        // Scanned pages: rasterised in the isolated raster worker, recognised by the OCR pool.
        const ocrPages = probe.scanPages.length ? await ocr!.ocrPdfPages(bytes, probe.scanPages) : [];
        for (const o of ocrPages) byPage.set(o.page, o);
        for (let p = 1; p <= probe.pages; p++) {
          const page = byPage.get(p);
          if (page) pages.push(page);
        }
      }
    } catch (err) {
      // Expected failures (pdf.timeout, ocr.model_missing, raster.too_large, ...) are TonghopErrors
      // with a registered code; anything else is a bug for the runner to record.
      if (err instanceof TonghopError) return failed(err);
      throw err;
    }
    if (pages.every((p) => p.lines.length === 0)) {
      return failed('pdf.no_content');
    }
    const textSource: TextSource = probe.scanPages.length === 0 ? 'text' : probe.textPages.length === 0 ? 'ocr' : 'mixed';
    return done({ pages, textSource });
  },
});
