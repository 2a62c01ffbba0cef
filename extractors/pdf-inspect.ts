// What the raw bytes of a PDF say, before pdfjs parses anything: truncation (%%EOF), a broken
// xref, image sizes (an image bomb is refused before it is decoded), active content.
// Buffer.indexOf throughout, no big strings: image XObject dictionaries are never compressed.
import type { PdfStructure } from '../model/probe.js';

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
