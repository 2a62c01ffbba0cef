// Pixel operations on greyscale rasters, shared by the page rasteriser (rasterise.ts) and the
// image-file decoder (image-file.ts): colour → grey with red-ink suppression and ink measurement,
// blur, quarter turns, crops, PGM encoding. Pure functions over typed arrays; no I/O.
import type { Box } from '../../model/document.js';

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
        // b - r > 25: violet stamp ink averages b - r ≈ 28; a decoder that smooths chroma (libjpeg's
        // upsampling) leaves few pixels above a stricter bar, and grey text stays near 0 either way
        else if (b - r > 25 && b - g > 25) { blue![row + ((x / CELL) | 0)]++; fineBlue![frow + ((x / FINE) | 0)]++; }
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
  const out = new Uint8Array(img.data);
  blurGreyInPlace(out, img.width, img.height, radius);
  return { ...img, data: out };
}

/**
 * blurGrey on pixels the caller owns, overwritten row by row with two rows of scratch: the same
 * result without two full-page buffers (the raster worker blurs every scanned page).
 */
export function blurGreyInPlace(data: Uint8Array, w: number, h: number, radius: number): void {
  const side = Math.exp(-1 / (2 * radius * radius));
  const k1 = Math.round((side / (1 + 2 * side)) * 256);
  const k0 = 256 - 2 * k1;
  // horizontal: the left neighbour is read before it was overwritten (prev); the right one is untouched yet
  for (let y = 0; y < h; y++) {
    const o = y * w;
    let prev = data[o];
    for (let x = 1; x < w - 1; x++) {
      const cur = data[o + x];
      data[o + x] = (prev * k1 + cur * k0 + data[o + x + 1] * k1 + 128) >> 8;
      prev = cur;
    }
  }
  // vertical: the row above as it was before this pass (above), the row below untouched yet
  let above = data.slice(0, w);
  let row = new Uint8Array(w);
  for (let y = 1; y < h - 1; y++) {
    const o = y * w;
    row.set(data.subarray(o, o + w));
    for (let x = 0; x < w; x++) data[o + x] = (above[x] * k1 + row[x] * k0 + data[o + x + w] * k1 + 128) >> 8;
    [above, row] = [row, above];
  }
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
  const [header, data] = pgmParts(img);
  return Buffer.concat([header, data]);
}

/** A PGM as its header and the pixels themselves (no copy), for writing to a stream in two parts. */
export function pgmParts(img: GreyImage): [Buffer, Buffer] {
  const header = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'ascii');
  return [header, Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength)];
}

/** Ink regions from raster pixels to PDF points at `dpi`. */
export function inkToPoints(ink: InkRegion[], dpi: number): InkRegion[] {
  const s = 72 / dpi;
  return ink.map((r) => ({ ...r, box: { x: r.box.x * s, y: r.box.y * s, w: r.box.w * s, h: r.box.h * s } }));
}

/** Scales up (or down) by `factor` with bilinear interpolation; the DPI scales with it. */
export function scaleGrey(img: GreyImage, factor: number): GreyImage {
  if (factor === 1) return img;
  const w = Math.max(1, Math.round(img.width * factor)), h = Math.max(1, Math.round(img.height * factor));
  const out = new Uint8Array(w * h);
  const src = img.data, sw = img.width, sh = img.height;
  for (let y = 0; y < h; y++) {
    const fy = Math.min(sh - 1, Math.max(0, (y + 0.5) / factor - 0.5));
    const y0 = Math.floor(fy), y1 = Math.min(sh - 1, y0 + 1), dy = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(sw - 1, Math.max(0, (x + 0.5) / factor - 0.5));
      const x0 = Math.floor(fx), x1 = Math.min(sw - 1, x0 + 1), dx = fx - x0;
      const top = src[y0 * sw + x0] * (1 - dx) + src[y0 * sw + x1] * dx;
      const bottom = src[y1 * sw + x0] * (1 - dx) + src[y1 * sw + x1] * dx;
      out[y * w + x] = Math.round(top * (1 - dy) + bottom * dy);
    }
  }
  return { width: w, height: h, data: out, dpi: img.dpi * factor };
}

/**
 * Scales down by `factor` (< 1) with area averaging: every output pixel is the mean of the input
 * area it covers (fractional edges weighted), so thin strokes fade rather than vanish as they
 * would with bilinear sampling. Separable, in fixed point (weights of 1/4096); the DPI scales with it.
 */
export function downscaleGrey(img: GreyImage, factor: number): GreyImage {
  if (factor >= 1) return img;
  const sw = img.width, sh = img.height;
  const w = Math.max(1, Math.round(sw * factor)), h = Math.max(1, Math.round(sh * factor));
  const ONE = 4096;
  /** for each output index: the first input index and K weights (sum ONE), flat */
  const taps = (n: number, out: number) => {
    const step = n / out;
    const K = Math.ceil(step) + 1;
    const start = new Int32Array(out);
    const wt = new Int32Array(out * K);
    for (let o = 0; o < out; o++) {
      const a = o * step, b = Math.min(n, (o + 1) * step);
      const i0 = Math.floor(a), i1 = Math.min(n - 1, Math.ceil(b) - 1);
      start[o] = i0;
      let sum = 0;
      for (let i = i0; i <= i1; i++) {
        const v = Math.round(((Math.min(b, i + 1) - Math.max(a, i)) / (b - a)) * ONE);
        wt[o * K + i - i0] = v;
        sum += v;
      }
      wt[o * K] += ONE - sum; // rounding left over goes to the first tap
    }
    return { start, wt, K };
  };
  const hx = taps(sw, w), hy = taps(sh, h);
  const src = img.data;
  // horizontal pass: rows of w values scaled by 16 (≤ 255·16, fits 16 bits with room)
  const rows = new Uint16Array(w * sh);
  const { start: xs, wt: xw, K: kx } = hx;
  for (let y = 0; y < sh; y++) {
    const so = y * sw, ro = y * w;
    for (let x = 0; x < w; x++) {
      const i0 = so + xs[x], o = x * kx;
      let acc = 0;
      for (let k = 0; k < kx; k++) {
        const wk = xw[o + k];
        if (wk) acc += src[i0 + k] * wk;
      }
      rows[ro + x] = (acc + 128) >> 8; // value·16
    }
  }
  const out = new Uint8Array(w * h);
  const { start: ys, wt: yw, K: ky } = hy;
  const acc = new Int32Array(w);
  for (let y = 0; y < h; y++) {
    acc.fill(0);
    for (let k = 0; k < ky; k++) {
      const wk = yw[y * ky + k];
      if (!wk) continue;
      const r = (ys[y] + k) * w;
      for (let x = 0; x < w; x++) acc[x] += rows[r + x] * wk;
    }
    const oo = y * w;
    for (let x = 0; x < w; x++) {
      const v = (acc[x] + 32768) >> 16; // ·16 and ·4096 undone
      out[oo + x] = Math.min(255, v);
    }
  }
  return { width: w, height: h, data: out, dpi: img.dpi * (w / sw) };
}
