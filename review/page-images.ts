// Page images for the item view: one PNG per (original, page, dpi), rendered once and cached
// under <dataDir>/review-cache/. Files are found by the document's stored original only (the
// caller passes a documents row, never a path from a request), and only inside the content
// store's folders: a row that names any other file (a tampered database) serves nothing.
import { messageFor } from '../model/errors.js';
import { isPgStorePath, parsePgStorePath } from '../pipeline/pg/content.js';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createCanvas, loadImage, ImageData } from '@napi-rs/canvas';
import { openPdf } from '../extractors/pdf-document.js';
import { renderRgba } from '../extractors/ocr/rasterise.js';
import { readDpi, loadImageBytes } from '../extractors/ocr/image-file.js';
import type { DocumentRow } from '../model/records.js';

/** Size of the page in PDF points (the unit of field boxes) and of the PNG in pixels. */
export interface PageImageMeta { file: string; widthPt: number; heightPt: number; widthPx: number; heightPx: number; dpi: number }

export type PageImageResult = { ok: true; meta: PageImageMeta } | { ok: false; code: string; message: string };

/** 110 dpi: a 1240 px wide A4 page, sharp at 100 % and readable zoomed to 300 %. */
export const REVIEW_DPI = 110;
const MAX_PIXELS = 20_000_000;

/**
 * Where originals may be read. SQLite: the content store <dataDir>/store. PostgreSQL (issue 16):
 * a `pg:<sha256><ext>` original is fetched from the database into this machine's cache
 * (`fetch`, PgSyncContentStore.localPath), an absolute path must lie in the shared --store folder.
 */
export interface OriginalsAt {
  roots: string[];
  fetch?: (storePath: string) => string;
}

export class PageImages {
  private readonly inFlight = new Map<string, Promise<PageImageResult>>();
  private readonly roots: string[];

  private readonly at: OriginalsAt;

  /** `at`: a folder is SQLite's content store */
  constructor(private readonly cacheDir: string, at: OriginalsAt | string) {
    this.at = typeof at === 'string' ? { roots: [at] } : at;
    this.roots = this.at.roots.map((r) => path.resolve(r) + path.sep);
  }

  /** The original's file on this machine, only when it lies inside one of the store's folders. */
  originalPath(doc: DocumentRow): string | null {
    if (!doc.store_path) return null;
    let stored = doc.store_path;
    if (isPgStorePath(stored)) {
      // content-addressed: a `pg:` path must name the document's own sha256
      if (!this.at.fetch || parsePgStorePath(stored)?.sha256 !== doc.sha256) return null;
      try {
        stored = this.at.fetch(stored);
      } catch {
        return null; // not in the database (any more): the page says the original is missing
      }
    }
    const abs = path.resolve(stored);
    return this.roots.some((root) => abs.startsWith(root)) && fs.existsSync(abs) ? abs : null;
  }

  async page(doc: DocumentRow, page: number, dpi = REVIEW_DPI): Promise<PageImageResult> {
    if (!Number.isInteger(page) || page < 1 || (doc.pages != null && page > doc.pages)) {
      return { ok: false, code: 'page.out_of_range', message: messageFor('page.out_of_range', { page }) };
    }
    const key = `${doc.sha256}-p${page}-${dpi}`;
    const file = path.join(this.cacheDir, `${key}.png`);
    const metaFile = path.join(this.cacheDir, `${key}.json`);
    if (fs.existsSync(file) && fs.existsSync(metaFile)) {
      return { ok: true, meta: { ...(JSON.parse(fs.readFileSync(metaFile, 'utf8')) as PageImageMeta), file } };
    }
    let p = this.inFlight.get(key);
    if (!p) {
      p = this.render(doc, page, dpi, file, metaFile).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, p);
    }
    return p;
  }

  private async render(doc: DocumentRow, page: number, dpi: number, file: string, metaFile: string): Promise<PageImageResult> {
    const src = this.originalPath(doc);
    if (!src) return { ok: false, code: 'original.missing', message: messageFor('original.missing') };
    const bytes = fs.readFileSync(src);
    let png: Buffer;
    let meta: Omit<PageImageMeta, 'file'>;
    try {
      if (bytes.subarray(0, 1024).toString('latin1').includes('%PDF-')) ({ png, meta } = await renderPdfPage(bytes, page, dpi));
      else ({ png, meta } = await renderImage(bytes, page, dpi));
    } catch (err) {
      return { ok: false, code: 'page.render_failed', message: messageFor('page.render_failed', { page, detail: (err as Error).message }) };
    }
    fs.mkdirSync(this.cacheDir, { recursive: true });
    writeAtomic(file, png);
    writeAtomic(metaFile, Buffer.from(JSON.stringify(meta)));
    return { ok: true, meta: { ...meta, file } };
  }
}

async function renderPdfPage(bytes: Buffer, pageNo: number, dpi: number): Promise<{ png: Buffer; meta: Omit<PageImageMeta, 'file'> }> {
  const pdf = await openPdf(bytes);
  try {
    if (pageNo > pdf.numPages) throw new Error(`chỉ có ${pdf.numPages} trang`);
    const page = await pdf.getPage(pageNo);
    const vp1 = page.getViewport({ scale: 1 });
    let scale = dpi / 72;
    if (vp1.width * vp1.height * scale * scale > MAX_PIXELS) scale = Math.sqrt(MAX_PIXELS / (vp1.width * vp1.height));
    const vp = page.getViewport({ scale });
    const w = Math.ceil(vp.width), h = Math.ceil(vp.height);
    const rgba = await renderRgba(page, vp, w, h);
    return { png: encodePng(rgba, w, h), meta: { widthPt: vp1.width, heightPt: vp1.height, widthPx: w, heightPx: h, dpi: scale * 72 } };
  } finally {
    await pdf.destroy();
  }
}

/** An image original is one page; its boxes are in points at the file's own dpi (300 when unstated), as OCR read it. */
async function renderImage(bytes: Buffer, pageNo: number, dpi: number): Promise<{ png: Buffer; meta: Omit<PageImageMeta, 'file'> }> {
  if (pageNo !== 1) throw new Error('ảnh chỉ có 1 trang');
  const isTiff = (bytes[0] === 0x49 && bytes[1] === 0x49) || (bytes[0] === 0x4d && bytes[1] === 0x4d);
  // TIFF: the canvas cannot decode it; show the same greyscale page the OCR read.
  const grey = isTiff ? await loadImageBytes(bytes, { suppressRed: false }) : null;
  const img = grey ? greyCanvas(grey) : await loadImage(bytes);
  const srcDpi = grey ? grey.dpi : readDpi(bytes) ?? 300;
  const widthPt = (img.width * 72) / srcDpi, heightPt = (img.height * 72) / srcDpi;
  let scale = dpi / srcDpi;
  if (img.width * img.height * scale * scale > MAX_PIXELS) scale = Math.sqrt(MAX_PIXELS / (img.width * img.height));
  const w = Math.max(1, Math.round(img.width * scale)), h = Math.max(1, Math.round(img.height * scale));
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(img, 0, 0, w, h);
  return { png: await canvas.encode('png'), meta: { widthPt, heightPt, widthPx: w, heightPx: h, dpi: (w * 72) / widthPt } };
}

function greyCanvas(g: { width: number; height: number; data: Uint8Array }) {
  const rgba = new Uint8ClampedArray(g.width * g.height * 4);
  for (let i = 0; i < g.data.length; i++) { rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = g.data[i]; rgba[4 * i + 3] = 255; }
  const c = createCanvas(g.width, g.height);
  c.getContext('2d').putImageData(new ImageData(rgba, g.width, g.height), 0, 0);
  return c;
}

function encodePng(rgba: Uint8ClampedArray, w: number, h: number): Buffer {
  const canvas = createCanvas(w, h);
  canvas.getContext('2d').putImageData(new ImageData(rgba, w, h), 0, 0);
  return canvas.toBuffer('image/png');
}

function writeAtomic(file: string, data: Buffer): void {
  const tmp = `${file}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
