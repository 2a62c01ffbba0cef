// probe: what the file is, how many pages, which pages have a usable text layer — and whether
// it is hostile or broken. Cheap byte checks come first (truncation, image sizes, active
// content), before pdfjs parses anything; each refusal has its own stable code. pdfjs itself
// runs in a worker thread that is killed on timeout or when it runs out of heap (pdf-isolated.ts).
import { done, failed, type Stage } from '../stage.js';
import { sniffFileKind, imageDimensions, KIND_MESSAGES } from '../file-kind.js';
import { probePdfIsolated, PdfIsolationError } from '../../extractors/pdf-isolated.js';
import type { PdfProbeOutcome } from '../../extractors/pdf-probe.js';
import type { Finding } from '../../model/document.js';

export interface ProbeResult {
  kind: 'pdf' | 'image';
  pages: number;
  /** 1-based pages whose text layer is usable */
  textPages: number[];
  /** 1-based pages to OCR */
  scanPages: number[];
  /** things worth knowing that do not stop processing (JavaScript, attachments, a repaired xref) */
  findings?: Finding[];
}

/** What the raw bytes of a PDF say, without parsing it. */
export interface PdfStructure {
  /** a `%%EOF` marker in the last 4 KB: the file was not cut short */
  hasEof: boolean;
  /** `startxref` points at an xref table or stream */
  xrefOk: boolean;
  imageCount: number;
  /** the largest image XObject by declared pixels (width × height) */
  largestImage: { width: number; height: number } | null;
  javascript: boolean;
  embeddedFiles: boolean;
}

const MAX_IMAGE_DICTS = 20_000;

/** Scans a PDF's bytes (Buffer.indexOf, no big strings): image XObject dictionaries are never compressed. */
export function inspectPdfBytes(bytes: Buffer): PdfStructure {
  const tail = bytes.subarray(Math.max(0, bytes.length - 4096));
  const hasEof = tail.includes('%%EOF');
  let xrefOk = false;
  const sx = bytes.lastIndexOf('startxref');
  if (sx >= 0) {
    const m = /^startxref\s+(\d+)/.exec(bytes.subarray(sx, sx + 40).toString('latin1'));
    const off = m ? Number(m[1]) : -1;
    if (off >= 0 && off < bytes.length) xrefOk = /^\s*(xref\b|\d+\s+\d+\s+obj\b)/.test(bytes.subarray(off, off + 40).toString('latin1'));
  }
  let imageCount = 0;
  let largestImage: PdfStructure['largestImage'] = null;
  for (let i = bytes.indexOf('/Image'); i >= 0 && imageCount < MAX_IMAGE_DICTS; i = bytes.indexOf('/Image', i + 6)) {
    const next = bytes[i + 6];
    if (next !== undefined && /[A-Za-z0-9]/.test(String.fromCharCode(next))) continue; // /ImageMask, /ImageB, ...
    const before = bytes.subarray(Math.max(0, i - 12), i).toString('latin1');
    if (!/\/Subtype\s*$/.test(before)) continue;
    imageCount++;
    const from = Math.max(0, i - 1024);
    const win = bytes.subarray(from, Math.min(bytes.length, i + 1024)).toString('latin1');
    const w = nearestInt(win, /\/Width\s+(\d+)(?!\s+\d+\s+R)/g, i - from);
    const h = nearestInt(win, /\/Height\s+(\d+)(?!\s+\d+\s+R)/g, i - from);
    if (w != null && h != null && (!largestImage || w * h > largestImage.width * largestImage.height)) largestImage = { width: w, height: h };
  }
  const javascript = hasName(bytes, '/JavaScript') || hasName(bytes, '/JS');
  const embeddedFiles = hasName(bytes, '/EmbeddedFiles') || hasName(bytes, '/EmbeddedFile');
  return { hasEof, xrefOk, imageCount, largestImage, javascript, embeddedFiles };
}

function nearestInt(win: string, re: RegExp, at: number): number | null {
  let best: number | null = null;
  let dist = Infinity;
  for (const m of win.matchAll(re)) {
    const d = Math.abs(m.index! - at);
    if (d < dist) { dist = d; best = Number(m[1]); }
  }
  return best;
}

/** A PDF name token (`/JS` but not `/JSON`). */
function hasName(bytes: Buffer, name: string): boolean {
  for (let i = bytes.indexOf(name); i >= 0; i = bytes.indexOf(name, i + name.length)) {
    const next = bytes[i + name.length];
    if (next === undefined || !/[A-Za-z0-9_.#-]/.test(String.fromCharCode(next))) return true;
  }
  return false;
}

const mp = (n: number) => `${(n / 1e6).toFixed(0)} triệu điểm ảnh`;

export const probeStage: Stage = {
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
        return failed('image.too_large', `Ảnh ${dim.width}×${dim.height} (${mp(dim.width * dim.height)}) vượt giới hạn ${mp(maxPixels)}.`);
      }
      return done({ probe: { kind: 'image', pages: 1, textPages: [], scanPages: [1] } satisfies ProbeResult });
    }
    if (kind !== 'pdf') {
      if (kind === 'zip' && bytes.includes('word/')) return failed('file.not_pdf', 'Tệp là văn bản Word (DOCX), không phải PDF. Hãy lưu văn bản dưới dạng PDF rồi gửi lại.');
      return failed(KIND_MESSAGES[kind].code, KIND_MESSAGES[kind].message);
    }
    const s = inspectPdfBytes(bytes);
    if (!s.hasEof) {
      return failed('pdf.truncated', 'Tệp PDF bị cắt cụt (thiếu phần cuối tệp): có thể tệp chưa được chép hoặc tải xong. Hãy gửi lại tệp đầy đủ.');
    }
    if (s.largestImage && s.largestImage.width * s.largestImage.height > maxPixels) {
      const { width, height } = s.largestImage;
      return failed('pdf.image_too_large', `Tệp PDF chứa ảnh ${width}×${height} (${mp(width * height)}), vượt giới hạn ${mp(maxPixels)}; không mở để tránh cạn bộ nhớ.`);
    }
    let r: PdfProbeOutcome;
    try {
      r = await probePdfIsolated(bytes, {
        maxPages: ctx.cfg.limits.maxPages,
        checkJavascript: !s.javascript,
        checkAttachments: !s.embeddedFiles,
        checkMarks: s.imageCount === 0,
      }, { timeoutMs: ctx.cfg.limits.parseTimeoutMs, maxHeapMb: ctx.cfg.limits.parseHeapMb, keepIdle: ctx.cfg.concurrency.documents });
    } catch (err) {
      if (err instanceof PdfIsolationError) return failed(err.code, err.message);
      throw err;
    }
    if (r.kind === 'open_error') {
      if (r.code === 'pdf.invalid' && !s.xrefOk) return failed('pdf.bad_xref', `Bảng tham chiếu (xref) của tệp PDF bị hỏng, không khôi phục được (${r.message}).`);
      return failed(r.code, r.message);
    }
    if (r.kind === 'read_error') return failed('pdf.invalid', `Tệp PDF bị hỏng, không đọc được nội dung (${r.message}).`);
    if (r.pages === 0) return failed('pdf.no_pages', 'Tệp PDF không có trang nào.');
    const findings: Finding[] = [];
    if (!s.xrefOk) findings.push({ code: 'pdf.xref_repaired', message: 'Bảng tham chiếu (xref) của tệp PDF bị hỏng; nội dung được đọc lại bằng cách dò toàn bộ tệp. Nên kiểm tra số liệu.' });
    if (s.javascript || r.javascript) findings.push({ code: 'pdf.javascript', message: 'Tệp PDF có mã JavaScript; mã này không được chạy, chỉ đọc nội dung văn bản.' });
    if (s.embeddedFiles || r.attachments) findings.push({ code: 'pdf.embedded_files', message: 'Tệp PDF có tệp đính kèm; các tệp này không được mở hay lưu ra.' });
    if (r.textPages.length === 0 && s.imageCount === 0 && !r.marks) return failed('pdf.no_content', 'Tệp PDF không có chữ và không có hình ảnh nào (trang trắng).');
    return done({ probe: { kind: 'pdf', pages: r.pages, textPages: r.textPages, scanPages: r.scanPages, findings } satisfies ProbeResult });
  },
};
