// Page rasterisation for OCR: greyscale pixels (1 byte per pixel) plus the DPI they were
// produced at, either rendered by pdfjs or taken from the page's one full-page image (a scan).
// Colour clean-up (pixels.ts) happens before greyscale: red ink (seals, red stamps) can be
// dropped, and blue/violet ink (the "CÔNG VĂN ĐẾN" received stamp) can be measured.
// Image files are decoded in image-file.ts.
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { blurGreyInPlace, inkToPoints, toGrey, type GreyImage, type InkGrid, type InkRegion } from './pixels.js';
import { DEFAULT_MAX_PIXELS, RasterError } from './raster-error.js';
import type { DecodedImage } from './embedded-image.js';

export type { PDFPageProxy };

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
  /** how the pixels were obtained: rendered by pdfjs, the page's image as pdfjs decoded it, or decoded natively from its stream */
  method: 'render' | 'embedded-image' | 'native-image';
  /** page size in PDF points (after the page's /Rotate) */
  pageWidth: number;
  pageHeight: number;
  ink: InkRegion[];
  inkGrid?: InkGrid;
}

/** Renders (or, for a page that is one image, decodes) a page to greyscale. */
export async function rasterisePage(page: PDFPageProxy, opts: RasterOptions = {}): Promise<RasterResult> {
  const dpi = opts.dpi ?? 300;
  const vp1 = page.getViewport({ scale: 1 });
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  let rgba: DecodedImage | null = null;
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
  return finishRaster(rgba, outDpi, method, vp1.width, vp1.height, opts);
}

/** Decoded page pixels → greyscale with ink regions (and the blur, when asked), the shape OCR takes. */
export function finishRaster(rgba: DecodedImage, dpi: number, method: RasterResult['method'], pageWidth: number, pageHeight: number,
  opts: Pick<RasterOptions, 'suppressRed' | 'findInk' | 'blur'>): RasterResult {
  const suppressRed = opts.suppressRed ?? true;
  const { grey, ink, inkGrid } = toGrey(rgba.data, rgba.width, rgba.height, rgba.channels, { suppressRed, findInk: opts.findInk ?? true });
  // `grey` is new here: blurred where it lies, no second page-sized buffer
  if (opts.blur && opts.blur > 0) blurGreyInPlace(grey, rgba.width, rgba.height, opts.blur);
  return { width: rgba.width, height: rgba.height, data: grey, dpi, method, pageWidth, pageHeight, ink: inkToPoints(ink, dpi), inkGrid };
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
