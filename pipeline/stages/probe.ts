// probe: what the file is, how many pages, which pages have a usable text layer — and whether
// it is hostile or broken. Cheap byte checks come first (truncation, image sizes, active
// content), before pdfjs parses anything; each refusal has its own stable code. pdfjs itself
// runs in a worker thread that is killed on timeout or when it runs out of heap (pdf-isolated.ts).
import { defineStage, done, failed } from '../stage.js';
import { sniffFileKind, imageDimensions, kindRefusal } from '../file-kind.js';
import { probePdfIsolated, warmPdfWorkers } from '../../extractors/pdf-isolated.js';
import { keepTextLayer, pdfIsolation } from './text-handoff.js';
import { TonghopError } from '../../model/errors.js';
import type { PdfProbeOutcome } from '../../extractors/pdf-probe.js';
import type { Finding } from '../../model/document.js';
import type { ProbeResult } from '../../model/probe.js';
import { inspectPdfBytes } from '../../extractors/pdf-inspect.js';
import { officeKindOf, readOffice } from '../../extractors/office/index.js';
import { looksLikeEdxml, parseEdxml } from '../../extractors/edxml.js';
import { takeInAttachments } from '../edxml-intake.js';
import type { StageContext } from '../stage.js';
import type { DocumentRow } from '../../model/records.js';

const mp = (n: number) => `${(n / 1e6).toFixed(0)} triệu điểm ảnh`;

/**
 * An edXML package: the envelope is parsed (no entities; every attachment's base64 checked and
 * bounded), then each attachment is taken in as a document of its own, linked to this one.
 * The package itself is read as one page: its envelope's header (text stage).
 */
function probeEdxml(ctx: StageContext, row: DocumentRow, bytes: Buffer) {
  try {
    const envelope = parseEdxml(bytes);
    const attachments = takeInAttachments(ctx, row, envelope.attachments);
    return done({ probe: { kind: 'edxml', pages: 1, textPages: [1], scanPages: [], attachments } satisfies ProbeResult });
  } catch (err) {
    if (err instanceof TonghopError) return failed(err); // xml.*, edxml.*
    throw err;
  }
}

/**
 * A Word or Excel file: its kind from its parts, and its pages read once here, so a hostile or
 * broken file (zip bomb, path entries, XML entities) fails at the probe with its own code; the
 * pages go on to the text stage of the same run (text-handoff.ts).
 */
async function probeOffice(row: DocumentRow, bytes: Buffer, kind: 'zip' | 'ole') {
  try {
    const office = officeKindOf(bytes);
    if (!office) return failed(kindRefusal(kind));
    const pages = await readOffice(office, bytes);
    if (pages.every((p) => p.lines.length === 0)) return failed('pdf.no_content');
    keepTextLayer(row, pages);
    const all = pages.map((p) => p.page);
    return done({ probe: { kind: office, pages: pages.length, textPages: all, scanPages: [] } satisfies ProbeResult });
  } catch (err) {
    if (err instanceof TonghopError) return failed(err); // office.*, xml.*
    throw err;
  }
}

export const probeStage = defineStage({
  name: 'probe',
  needs: [],
  gives: ['probe'],
  async run(ctx, doc) {
    const bytes = ctx.store.read(doc.row.store_path!);
    const kind = sniffFileKind(bytes.subarray(0, 1024));
    const maxPixels = ctx.cfg.limits.maxImagePixels;
    if (kind === 'png' || kind === 'jpeg' || kind === 'tiff') {
      const dim = imageDimensions(bytes);
      if (dim && dim.width * dim.height > maxPixels) {
        return failed('image.too_large', { width: dim.width, height: dim.height, pixels: mp(dim.width * dim.height), limit: mp(maxPixels) });
      }
      return done({ probe: { kind: 'image', pages: 1, textPages: [], scanPages: [1] } satisfies ProbeResult });
    }
    if (kind === 'zip' || kind === 'ole') return probeOffice(doc.row, bytes, kind);
    if ((kind === 'xml' || kind === 'unknown') && looksLikeEdxml(bytes)) return probeEdxml(ctx, doc.row, bytes);
    if (kind !== 'pdf') {
      return failed(kindRefusal(kind));
    }
    const s = inspectPdfBytes(bytes);
    if (!s.hasEof) {
      return failed('pdf.truncated');
    }
    if (s.largestImage && s.largestImage.width * s.largestImage.height > maxPixels) {
      const { width, height } = s.largestImage;
      return failed('pdf.image_too_large', { width, height, pixels: mp(width * height), limit: mp(maxPixels) });
    }
    let r: PdfProbeOutcome;
    const isolation = pdfIsolation(ctx.cfg);
    // the next documents' workers boot while this one is read; no more than there are documents waiting
    warmPdfWorkers(Math.min(isolation.maxWorkers ?? 1, ctx.repo.countPending()), isolation);
    try {
      // the text layer comes back from the same read (withText) and goes to the text stage
      r = await probePdfIsolated(bytes, {
        maxPages: ctx.cfg.limits.maxPages,
        checkJavascript: !s.javascript,
        checkAttachments: !s.embeddedFiles,
        checkMarks: s.imageCount === 0,
        withText: true,
      }, isolation);
    } catch (err) {
      if (err instanceof TonghopError) return failed(err); // pdf.timeout, pdf.parser_crashed
      throw err;
    }
    if (r.kind === 'open_error') {
      if (r.code === 'pdf.invalid' && !s.xrefOk) return failed('pdf.bad_xref');
      return failed(TonghopError.restore(r.code, r.message)); // rendered from the registry in the worker
    }
    if (r.kind === 'read_error') return failed('pdf.invalid', { detail: r.message });
    if (r.pages === 0) return failed('pdf.no_pages');
    const findings: Finding[] = [];
    if (!s.xrefOk) findings.push({ code: 'pdf.xref_repaired', message: 'Bảng tham chiếu (xref) của tệp PDF bị hỏng; nội dung được đọc lại bằng cách dò toàn bộ tệp. Nên kiểm tra số liệu.' });
    if (s.javascript || r.javascript) findings.push({ code: 'pdf.javascript', severity: 'info', message: 'Tệp PDF có mã JavaScript; mã này không được chạy, chỉ đọc nội dung văn bản.' });
    if (s.embeddedFiles || r.attachments) findings.push({ code: 'pdf.embedded_files', severity: 'info', message: 'Tệp PDF có tệp đính kèm; các tệp này không được mở hay lưu ra.' });
    if (r.textPages.length === 0 && s.imageCount === 0 && !r.marks) return failed('pdf.no_content');
    if (r.texts) keepTextLayer(doc.row, r.texts);
    return done({ probe: { kind: 'pdf', pages: r.pages, textPages: r.textPages, scanPages: r.scanPages, findings } satisfies ProbeResult });
  },
});
