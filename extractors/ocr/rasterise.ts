// Page and image rasterisation for OCR: greyscale pixels (1 byte per pixel) plus the DPI they
// were produced at. Colour clean-up happens here, before greyscale: red ink (seals, red stamps)
// can be dropped, and blue/violet ink (the "CÔNG VĂN ĐẾN" received stamp) can be measured.
import fs from 'node:fs/promises';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { Box } from '../../model/document.js';
import { TonghopError } from '../../model/errors.js';
import UTIF from 'utif2';

export type { PDFPageProxy };

/** Greyscale raster: `data[y * width + x]`, 0 = black, 255 = white. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
  /** pixels per inch; PDF points = px * 72 / dpi */
  dpi: number;
}

/** Region of coloured ink found during colour separation, in PDF points (top-left origin). */
export interface InkRegion {
  colour: 'red' | 'blue';
  box: Box;
  /** ink pixels in the region */
  pixels: number;
}

/**
 * Per-cell pixel counts (cell × cell px, raster frame): blue/violet ink and other dark ink.
 * Tells a stamp's words from the black text they overlap.
 */
export interface InkGrid { cell: number; width: number; height: number; blue: Uint8Array; black: Uint8Array }

export interface RasterOptions {
  /** default 300 */
  dpi?: number;
  /** white-out pixels where red clearly dominates (seals, red stamps); default true */
  suppressRed?: boolean;
  /** Gaussian-ish blur radius in px (0.6 measured to help on JPEG scans); default 0 = none */
  blur?: number;
  /** use the page's single full-page image directly when there is one; default true */
  useEmbeddedImage?: boolean;
  /** refuse rasters above this many pixels (hostile PDFs); default 60e6 */
  maxPixels?: number;
  /** collect red/blue ink regions; default true */
  findInk?: boolean;
}

export interface RasterResult extends GreyImage {
  /** how the pixels were obtained */
  method: 'render' | 'embedded-image';
  /** page size in PDF points (after the page's /Rotate) */
  pageWidth: number;
  pageHeight: number;
  ink: InkRegion[];
  inkGrid?: InkGrid;
}

export type RasterErrorCode = 'raster.too_large' | 'raster.decode_failed';
/** A page or image that cannot be rendered or decoded for OCR; the message comes from the registry. */
export class RasterError<C extends RasterErrorCode = RasterErrorCode> extends TonghopError<C> {}

const DEFAULT_MAX_PIXELS = 60e6;

/** Renders (or, for a page that is one image, decodes) a page to greyscale. */
export async function rasterisePage(page: PDFPageProxy, opts: RasterOptions = {}): Promise<RasterResult> {
  const dpi = opts.dpi ?? 300;
  const vp1 = page.getViewport({ scale: 1 });
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  let rgba: { data: Uint8Array | Uint8ClampedArray; width: number; height: number; channels: 1 | 3 | 4 } | null = null;
  let outDpi = dpi;
  let method: RasterResult['method'] = 'render';
  if (opts.useEmbeddedImage !== false) {
    const img = await fullPageImage(page, vp1.width, vp1.height);
    if (img && img.width * img.height <= maxPixels) {
      const imgDpi = (img.width / vp1.width) * 72;
      // Only worth it when the image is at a resolution tesseract reads well.
      if (imgDpi >= 150 && imgDpi <= 600 && Math.abs(img.height / vp1.height * 72 - imgDpi) / imgDpi < 0.02) {
        rgba = img;
        outDpi = imgDpi;
        method = 'embedded-image';
      }
    }
  }
  if (!rgba) {
    const vp = page.getViewport({ scale: dpi / 72 });
    const w = Math.ceil(vp.width);
    const h = Math.ceil(vp.height);
    if (w * h > maxPixels) throw new RasterError('raster.too_large', { width: w, height: h });
    rgba = { data: await renderRgba(page, vp, w, h), width: w, height: h, channels: 4 };
  }
  const suppressRed = opts.suppressRed ?? true;
  const { grey, ink, inkGrid } = toGrey(rgba.data, rgba.width, rgba.height, rgba.channels, { suppressRed, findInk: opts.findInk ?? true });
  let out: GreyImage = { width: rgba.width, height: rgba.height, data: grey, dpi: outDpi };
  if (opts.blur && opts.blur > 0) out = blurGrey(out, opts.blur);
  const scale = 72 / outDpi;
  return {
    ...out,
    method,
    pageWidth: vp1.width,
    pageHeight: vp1.height,
    ink: ink.map((r) => ({ ...r, box: { x: r.box.x * scale, y: r.box.y * scale, w: r.box.w * scale, h: r.box.h * scale } })),
    inkGrid,
  };
}

interface CanvasLike { getContext(kind: '2d'): { fillStyle: unknown; fillRect(x: number, y: number, w: number, h: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } }
interface CanvasFactoryLike { create(w: number, h: number): { canvas: CanvasLike; context: unknown }; destroy(c: { canvas: CanvasLike; context: unknown }): void }

/**
 * Renders a page to RGBA on a white background. The canvas must come from pdfjs's own canvas
 * factory: pdfjs-dist bundles its own @napi-rs/canvas and polyfills Path2D from it, and a
 * canvas from another copy rejects those paths ("not a valid enum value of type CanvasFillRule").
 */
export async function renderRgba(page: PDFPageProxy, viewport: ReturnType<PDFPageProxy['getViewport']>, w: number, h: number): Promise<Uint8ClampedArray> {
  const factory = (page as unknown as { _transport?: { canvasFactory?: CanvasFactoryLike } })._transport?.canvasFactory;
  if (!factory) throw new RasterError('raster.decode_failed', { detail: 'không có bộ tạo canvas của pdfjs' });
  const pair = factory.create(w, h);
  try {
    const ctx = pair.canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w, h);
    await page.render({ canvas: null, canvasContext: ctx as unknown as CanvasRenderingContext2D, viewport }).promise;
    return ctx.getImageData(0, 0, w, h).data;
  } finally {
    factory.destroy(pair);
  }
}

interface DecodedImage { data: Uint8Array | Uint8ClampedArray; width: number; height: number; channels: 1 | 3 | 4 }

/**
 * If the page draws exactly one image covering the whole page (a scan) and nothing else that
 * paints, returns that image's pixels (pdfjs has decoded it already; no canvas draw needed).
 * Only unrotated, unflipped placements are accepted.
 */
async function fullPageImage(page: PDFPageProxy, pw: number, ph: number): Promise<DecodedImage | null> {
  if (page.rotate % 360 !== 0) return null;
  const ops = await page.getOperatorList();
  const paints = new Set<number>([OPS.fill, OPS.stroke, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.showText, OPS.showSpacedText,
    OPS.nextLineShowText, OPS.nextLineSetSpacingShowText, OPS.paintImageMaskXObject, OPS.paintInlineImageXObject,
    OPS.paintImageXObjectRepeat, OPS.paintInlineImageXObjectGroup, OPS.paintImageMaskXObjectGroup, OPS.shadingFill, OPS.constructPath]);
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  let found: { name: string; ctm: number[] } | null = null;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) ctm = mul(ctm, args as number[]);
    else if (fn === OPS.paintImageXObject) {
      if (found) return null;
      found = { name: args[0] as string, ctm };
    } else if (paints.has(fn)) return null;
  }
  if (!found) return null;
  const [a, b, c, d, e, f] = found.ctm;
  // Image unit square -> page: expect a = pw, d = ph (PDF y-up), no shear, origin at 0,0.
  const tol = 1;
  if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || Math.abs(a - pw) > tol || Math.abs(d - ph) > tol || Math.abs(e) > tol || Math.abs(f) > tol) return null;
  const objs = found.name.startsWith('g_') ? page.commonObjs : page.objs;
  type PdfjsImage = { width: number; height: number; kind?: number; data?: Uint8Array | Uint8ClampedArray } | null;
  let img: PdfjsImage;
  try {
    img = objs.get(found.name) as PdfjsImage;
  } catch {
    return null;
  }
  if (!img?.data) return null; // bitmap-only (browser) or not resolved
  const channels = img.kind === 1 ? null : img.kind === 2 ? 3 : img.kind === 3 ? 4 : null;
  if (!channels) return null; // 1-bpp packed: let the renderer handle it
  if (img.data.length !== img.width * img.height * channels) return null;
  return { data: img.data, width: img.width, height: img.height, channels };
}

function mul(m: number[], n: number[]): number[] {
  return [
    n[0] * m[0] + n[1] * m[2], n[0] * m[1] + n[1] * m[3],
    n[2] * m[0] + n[3] * m[2], n[2] * m[1] + n[3] * m[3],
    n[4] * m[0] + n[5] * m[2] + m[4], n[4] * m[1] + n[5] * m[3] + m[5],
  ];
}

const CELL = 16; // px, grid for ink regions
const FINE = 8; // px, grid for per-word ink colour (counts ≤ 64 fit a byte)

/**
 * Colour pixels → greyscale (luma). With `suppressRed`, pixels where red clearly dominates green
 * and blue become white. With `findInk`, red and blue/violet ink is counted on a coarse grid and
 * returned as connected regions (px), so callers can tell stamps from text.
 */
export function toGrey(src: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: 1 | 3 | 4,
  opts: { suppressRed?: boolean; findInk?: boolean } = {}): { grey: Uint8Array; ink: InkRegion[]; inkGrid?: InkGrid } {
  const n = width * height;
  const grey = new Uint8Array(n);
  if (channels === 1) { grey.set(src.subarray(0, n)); return { grey, ink: [] }; }
  const suppress = opts.suppressRed ?? false;
  const findInk = opts.findInk ?? false;
  const gw = Math.ceil(width / CELL);
  const gh = Math.ceil(height / CELL);
  const red = findInk ? new Uint16Array(gw * gh) : null;
  const blue = findInk ? new Uint16Array(gw * gh) : null;
  const fw = Math.ceil(width / FINE), fh = Math.ceil(height / FINE);
  const fineBlue = findInk ? new Uint8Array(fw * fh) : null;
  const fineBlack = findInk ? new Uint8Array(fw * fh) : null;
  for (let y = 0, p = 0, s = 0; y < height; y++) {
    const row = ((y / CELL) | 0) * gw;
    const frow = ((y / FINE) | 0) * fw;
    for (let x = 0; x < width; x++, p++, s += channels) {
      const r = src[s], g = src[s + 1], b = src[s + 2];
      const isRed = r - g > 50 && r - b > 35;
      if (isRed && suppress) { grey[p] = 255; }
      else grey[p] = (r * 77 + g * 150 + b * 29) >> 8;
      if (findInk) {
        if (isRed) red![row + ((x / CELL) | 0)]++;
        else if (b - r > 40 && b - g > 25) { blue![row + ((x / CELL) | 0)]++; fineBlue![frow + ((x / FINE) | 0)]++; }
        else if (grey[p] < 128) fineBlack![frow + ((x / FINE) | 0)]++;
      }
    }
  }
  const ink: InkRegion[] = [];
  if (findInk) {
    ink.push(...regions(red!, gw, gh, 'red'), ...regions(blue!, gw, gh, 'blue'));
    return { grey, ink, inkGrid: { cell: FINE, width: fw, height: fh, blue: fineBlue!, black: fineBlack! } };
  }
  return { grey, ink };
}

/** Connected components of grid cells with enough ink (8-neighbour, one empty cell bridged). */
function regions(grid: Uint16Array, gw: number, gh: number, colour: InkRegion['colour']): InkRegion[] {
  const minCell = (CELL * CELL) / 16;
  const seen = new Uint8Array(gw * gh);
  const out: InkRegion[] = [];
  for (let i = 0; i < grid.length; i++) {
    if (seen[i] || grid[i] < minCell) continue;
    let x0 = gw, y0 = gh, x1 = 0, y1 = 0, pixels = 0;
    const queue = [i];
    seen[i] = 1;
    while (queue.length) {
      const k = queue.pop()!;
      const kx = k % gw, ky = (k / gw) | 0;
      x0 = Math.min(x0, kx); x1 = Math.max(x1, kx); y0 = Math.min(y0, ky); y1 = Math.max(y1, ky);
      pixels += grid[k];
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) {
        const nx = kx + dx, ny = ky + dy;
        if (nx < 0 || ny < 0 || nx >= gw || ny >= gh) continue;
        const j = ny * gw + nx;
        if (!seen[j] && grid[j] >= minCell) { seen[j] = 1; queue.push(j); }
      }
    }
    // ignore specks (a few cells): stamps and seals are large
    if ((x1 - x0 + 1) * (y1 - y0 + 1) < 12 || pixels < 400) continue;
    out.push({ colour, box: { x: x0 * CELL, y: y0 * CELL, w: (x1 - x0 + 1) * CELL, h: (y1 - y0 + 1) * CELL }, pixels });
  }
  return out;
}

/** The grid turned with its raster (clockwise quarter turns). */
export function rotateInkGrid(g: InkGrid, degrees: 0 | 90 | 180 | 270): InkGrid {
  if (degrees === 0) return g;
  const b = rotateGrey({ width: g.width, height: g.height, data: g.blue, dpi: 1 }, degrees);
  const k = rotateGrey({ width: g.width, height: g.height, data: g.black, dpi: 1 }, degrees);
  return { cell: g.cell, width: b.width, height: b.height, blue: b.data, black: k.data };
}

/** Share of blue/violet among the dark pixels inside a pixel box (0 when no ink). */
export function blueShare(g: InkGrid, x0: number, y0: number, x1: number, y1: number): number {
  let blue = 0, black = 0;
  const gx0 = Math.max(0, Math.floor(x0 / g.cell)), gx1 = Math.min(g.width - 1, Math.floor((x1 - 1) / g.cell));
  const gy0 = Math.max(0, Math.floor(y0 / g.cell)), gy1 = Math.min(g.height - 1, Math.floor((y1 - 1) / g.cell));
  for (let gy = gy0; gy <= gy1; gy++) for (let gx = gx0; gx <= gx1; gx++) { blue += g.blue[gy * g.width + gx]; black += g.black[gy * g.width + gx]; }
  return blue + black ? blue / (blue + black) : 0;
}

/** Separable 3-tap blur with a Gaussian weight for `radius` (sigma in px). */
export function blurGrey(img: GreyImage, radius: number): GreyImage {
  const { width: w, height: h, data } = img;
  const side = Math.exp(-1 / (2 * radius * radius));
  const k1 = Math.round((side / (1 + 2 * side)) * 256);
  const k0 = 256 - 2 * k1;
  const tmp = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const o = y * w;
    tmp[o] = data[o];
    tmp[o + w - 1] = data[o + w - 1];
    for (let x = 1; x < w - 1; x++) tmp[o + x] = (data[o + x - 1] * k1 + data[o + x] * k0 + data[o + x + 1] * k1 + 128) >> 8;
  }
  const out = new Uint8Array(w * h);
  out.set(tmp.subarray(0, w));
  out.set(tmp.subarray((h - 1) * w), (h - 1) * w);
  for (let y = 1; y < h - 1; y++) {
    const o = y * w;
    for (let x = 0; x < w; x++) out[o + x] = (tmp[o + x - w] * k1 + tmp[o + x] * k0 + tmp[o + x + w] * k1 + 128) >> 8;
  }
  return { ...img, data: out };
}

/** Rotates clockwise by a multiple of 90°. */
export function rotateGrey(img: GreyImage, degrees: 0 | 90 | 180 | 270): GreyImage {
  const { width: w, height: h, data } = img;
  if (degrees === 0) return img;
  const out = new Uint8Array(w * h);
  if (degrees === 180) {
    for (let i = 0, n = w * h; i < n; i++) out[n - 1 - i] = data[i];
    return { ...img, data: out };
  }
  // 90° clockwise: new (x', y') = (h - 1 - y, x); 270°: (y, w - 1 - x)
  const nw = h;
  for (let y = 0; y < h; y++) {
    const o = y * w;
    if (degrees === 90) for (let x = 0; x < w; x++) out[x * nw + (h - 1 - y)] = data[o + x];
    else for (let x = 0; x < w; x++) out[(w - 1 - x) * nw + y] = data[o + x];
  }
  return { width: h, height: w, data: out, dpi: img.dpi };
}

/** Crops a rectangle (px), clamped to the image. */
export function cropGrey(img: GreyImage, r: { left: number; top: number; width: number; height: number }): GreyImage {
  const left = Math.max(0, Math.floor(r.left)), top = Math.max(0, Math.floor(r.top));
  const width = Math.min(img.width - left, Math.ceil(r.width)), height = Math.min(img.height - top, Math.ceil(r.height));
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) out.set(img.data.subarray((top + y) * img.width + left, (top + y) * img.width + left + width), y * width);
  return { width, height, data: out, dpi: img.dpi };
}

/** Binary PGM (P5): what tesseract.js reads fastest (no PNG encode/decode). */
export function toPgm(img: GreyImage): Buffer {
  const header = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'ascii');
  const out = Buffer.allocUnsafe(header.length + img.data.length);
  header.copy(out, 0);
  out.set(img.data, header.length);
  return out;
}

/** Loads a PNG, JPEG (or binary PGM) file as greyscale. DPI from the file's metadata, else 300. */
export async function loadImageFile(file: string, opts: { suppressRed?: boolean; blur?: number; defaultDpi?: number; maxPixels?: number } = {}): Promise<GreyImage & { ink: InkRegion[]; inkGrid?: InkGrid }> {
  const bytes = await fs.readFile(file);
  return loadImageBytes(bytes, opts);
}

export async function loadImageBytes(bytes: Buffer, opts: { suppressRed?: boolean; blur?: number; defaultDpi?: number; maxPixels?: number } = {}): Promise<GreyImage & { ink: InkRegion[]; inkGrid?: InkGrid }> {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  const dpi = readDpi(bytes) ?? opts.defaultDpi ?? 300;
  if (bytes[0] === 0x50 && bytes[1] === 0x35) {
    const pgm = parsePgm(bytes);
    if (pgm.width * pgm.height > maxPixels) throw new RasterError('raster.too_large', { width: pgm.width, height: pgm.height });
    let out: GreyImage = { ...pgm, dpi };
    if (opts.blur) out = blurGrey(out, opts.blur);
    return { ...out, ink: [] };
  }
  if (isTiff(bytes)) {
    const t = decodeTiff(bytes, maxPixels);
    const { grey, ink, inkGrid } = toGrey(t.rgba, t.width, t.height, 4, { suppressRed: opts.suppressRed ?? true, findInk: true });
    const tdpi = t.dpi ?? opts.defaultDpi ?? 300;
    let out: GreyImage = { width: t.width, height: t.height, data: grey, dpi: tdpi };
    if (opts.blur) out = blurGrey(out, opts.blur);
    const st = 72 / tdpi;
    return { ...out, inkGrid, ink: ink.map((r) => ({ ...r, box: { x: r.box.x * st, y: r.box.y * st, w: r.box.w * st, h: r.box.h * st } })) };
  }
  let image: Awaited<ReturnType<typeof loadImage>>;
  try {
    image = await loadImage(bytes);
  } catch (err) {
    throw new RasterError('raster.decode_failed', { detail: (err as Error).message });
  }
  const w = image.width, h = image.height;
  if (w * h > maxPixels) throw new RasterError('raster.too_large', { width: w, height: h });
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(image, 0, 0);
  const { grey, ink, inkGrid } = toGrey(ctx.getImageData(0, 0, w, h).data, w, h, 4, { suppressRed: opts.suppressRed ?? true, findInk: true });
  let out: GreyImage = { width: w, height: h, data: grey, dpi };
  if (opts.blur) out = blurGrey(out, opts.blur);
  const s = 72 / dpi;
  return { ...out, inkGrid, ink: ink.map((r) => ({ ...r, box: { x: r.box.x * s, y: r.box.y * s, w: r.box.w * s, h: r.box.h * s } })) };
}

/** First page of a TIFF (utif2, pure JS): size checked before any pixel is decoded. */
function decodeTiff(bytes: Buffer, maxPixels: number): { width: number; height: number; rgba: Uint8Array; dpi: number | undefined } {
  let ifd: UTIF.IFD;
  try {
    ifd = UTIF.decode(bytes)[0];
  } catch (err) {
    throw new RasterError('raster.decode_failed', { detail: `TIFF: ${(err as Error).message}` });
  }
  const tag = (t: string) => (ifd?.[t] as number[] | undefined)?.[0];
  const width = tag('t256') ?? 0, height = tag('t257') ?? 0;
  if (!ifd || !width || !height) throw new RasterError('raster.decode_failed', { detail: 'tệp TIFF không có trang ảnh nào' });
  if (width * height > maxPixels) throw new RasterError('raster.too_large', { width, height });
  try {
    UTIF.decodeImage(bytes, ifd);
    const rgba = UTIF.toRGBA8(ifd);
    // XResolution (282) with ResolutionUnit (296) 2 = inch, 3 = cm
    const xres = tag('t282');
    const unit = tag('t296') ?? 2;
    const dpi = xres && xres > 30 ? Math.round(unit === 3 ? xres * 2.54 : xres) : undefined;
    return { width, height, rgba, dpi };
  } catch (err) {
    throw new RasterError('raster.decode_failed', { detail: `TIFF: ${(err as Error).message}` });
  }
}

function isTiff(b: Buffer): boolean {
  return (b[0] === 0x49 && b[1] === 0x49 && b[2] === 42 && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 42);
}

function parsePgm(b: Buffer): { width: number; height: number; data: Uint8Array } {
  // P5 <ws> width <ws> height <ws> maxval <single ws> data; comments (#...) allowed in the header
  const fields: number[] = [];
  let i = 2;
  while (fields.length < 3 && i < b.length) {
    while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
    if (b[i] === 0x23) { while (i < b.length && b[i] !== 0x0a) i++; continue; }
    let v = 0;
    while (i < b.length && b[i] >= 0x30 && b[i] <= 0x39) v = v * 10 + (b[i++] - 0x30);
    fields.push(v);
  }
  i++;
  const [width, height, max] = fields;
  if (!width || !height || max !== 255 || b.length - i < width * height) throw new RasterError('raster.decode_failed', { detail: 'tệp PGM không hợp lệ' });
  return { width, height, data: new Uint8Array(b.buffer, b.byteOffset + i, width * height).slice() };
}

/** DPI from PNG pHYs or JPEG JFIF density; undefined if absent or implausible. */
export function readDpi(b: Buffer): number | undefined {
  const plausible = (v: number) => (v >= 50 && v <= 2400 ? Math.round(v) : undefined);
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47) {
    let off = 8;
    while (off + 12 <= b.length) {
      const len = b.readUInt32BE(off);
      const type = b.toString('ascii', off + 4, off + 8);
      if (type === 'pHYs' && len >= 9) {
        const ppuX = b.readUInt32BE(off + 8);
        const unit = b[off + 16];
        return unit === 1 ? plausible(ppuX * 0.0254) : undefined;
      }
      if (type === 'IDAT' || type === 'IEND') return undefined;
      off += 12 + len;
    }
    return undefined;
  }
  if (b.length > 20 && b[0] === 0xff && b[1] === 0xd8) {
    let off = 2;
    while (off + 4 < b.length && b[off] === 0xff) {
      const marker = b[off + 1];
      const len = b.readUInt16BE(off + 2);
      if (marker === 0xe0 && b.toString('ascii', off + 4, off + 9) === 'JFIF\0') {
        const unit = b[off + 11];
        const xd = b.readUInt16BE(off + 12);
        if (unit === 1) return plausible(xd);
        if (unit === 2) return plausible(xd * 2.54);
        return undefined;
      }
      if (marker === 0xda) break;
      off += 2 + len;
    }
  }
  return undefined;
}
