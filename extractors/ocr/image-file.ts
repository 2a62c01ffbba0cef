// Image files (PNG, JPEG, TIFF, binary PGM) decoded to greyscale for OCR, with the DPI their
// metadata declares. PNG/JPEG go through @napi-rs/canvas, TIFF through utif2 (pure JS), PGM by hand.
import fs from 'node:fs/promises';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import UTIF from 'utif2';
import { blurGrey, inkToPoints, toGrey, type GreyImage, type InkGrid, type InkRegion } from './pixels.js';
import { DEFAULT_MAX_PIXELS, RasterError } from './raster-error.js';

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
    return { ...out, inkGrid, ink: inkToPoints(ink, tdpi) };
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
  return { ...out, inkGrid, ink: inkToPoints(ink, dpi) };
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
