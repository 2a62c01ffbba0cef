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
  if (!opts.findInk) {
    greyOnly(src, grey, n, channels, suppress);
    return { grey, ink: [] };
  }
  const counts = countInk(src, grey, width, height, channels, suppress);
  const ink = [...regions(counts.red, counts.gw, counts.gh, 'red'), ...regions(counts.blue, counts.gw, counts.gh, 'blue')];
  return { grey, ink, inkGrid: counts.grid };
}

/** Pixels whose red clearly dominates green and blue (a seal, red signatures). */
const isRedInk = (r: number, g: number, b: number) => r - g > 50 && r - b > 35;
// b - r > 25: violet stamp ink averages b - r ≈ 28; a decoder that smooths chroma (libjpeg's
// upsampling) leaves few pixels above a stricter bar, and grey text stays near 0 either way
const isBlueInk = (r: number, g: number, b: number) => b - r > 25 && b - g > 25;
const luma = (r: number, g: number, b: number) => (r * 77 + g * 150 + b * 29) >> 8;

/** toGrey without ink counting: its own loop, so the per-pixel work is the luma alone. */
function greyOnly(src: Uint8Array | Uint8ClampedArray, grey: Uint8Array, n: number, channels: 3 | 4, suppress: boolean): void {
  for (let p = 0, s = 0; p < n; p++, s += channels) {
    const r = src[s], g = src[s + 1], b = src[s + 2];
    grey[p] = suppress && isRedInk(r, g, b) ? 255 : luma(r, g, b);
  }
}

/** Ink counts of one raster: red and blue per CELL-px cell, blue and other dark ink per FINE-px cell. */
interface InkCounts { gw: number; fw: number; red: Uint16Array; blue: Uint16Array; fineBlue: Uint8Array; fineBlack: Uint8Array }

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Grey pixels plus ink counts. Pixels are read as one 32-bit word each (r in the low byte): straight
 * from RGBA bytes through a view when they are aligned (the usual case: decoded scans and canvas
 * data), else packed one row at a time into a scratch row.
 */
function countInk(src: Uint8Array | Uint8ClampedArray, grey: Uint8Array, width: number, height: number, channels: 3 | 4, suppress: boolean) {
  const gw = Math.ceil(width / CELL), gh = Math.ceil(height / CELL);
  const fw = Math.ceil(width / FINE), fh = Math.ceil(height / FINE);
  const c: InkCounts = { gw, fw, red: new Uint16Array(gw * gh), blue: new Uint16Array(gw * gh), fineBlue: new Uint8Array(fw * fh), fineBlack: new Uint8Array(fw * fh) };
  const n = width * height;
  const direct = channels === 4 && LITTLE_ENDIAN && src.byteOffset % 4 === 0 && src.length >= n * 4;
  const words = direct ? new Int32Array(src.buffer, src.byteOffset, n) : new Int32Array(width);
  for (let y = 0; y < height; y++) {
    if (direct) inkRow(words, y * width, grey, y, width, suppress, c);
    else {
      for (let x = 0, s = y * width * channels; x < width; x++, s += channels) words[x] = src[s] | (src[s + 1] << 8) | (src[s + 2] << 16);
      inkRow(words, 0, grey, y, width, suppress, c);
    }
  }
  return { red: c.red, blue: c.blue, gw, gh, grid: { cell: FINE, width: fw, height: fh, blue: c.fineBlue, black: c.fineBlack } as InkGrid };
}

/**
 * One row: grey pixels from words[at…at+width) into grey row y, ink counted. Most pixels are paper
 * or black text, where red minus blue lies in [-25, 35] and neither ink test can hold: one unsigned
 * compare sends only the coloured pixels to the ink tests (this loop sees every pixel of every
 * scanned page).
 */
function inkRow(words: Int32Array, at: number, grey: Uint8Array, y: number, width: number, suppress: boolean, c: InkCounts): void {
  const { red, blue, fineBlue, fineBlack } = c;
  const row = ((y / CELL) | 0) * c.gw, frow = ((y / FINE) | 0) * c.fw;
  for (let x = 0, p = y * width, q = at; x < width; x++, p++, q++) {
    const w = words[q];
    const r = w & 255, g = (w >> 8) & 255, b = (w >> 16) & 255;
    const v = luma(r, g, b);
    grey[p] = v;
    if ((r - b + 25) >>> 0 <= 60) { // -25 ≤ r - b ≤ 35: neither red (r - b > 35) nor blue (b - r > 25)
      if (v < 128) fineBlack[frow + ((x / FINE) | 0)]++;
    } else if (isRedInk(r, g, b)) {
      red[row + ((x / CELL) | 0)]++;
      if (suppress) grey[p] = 255;
    } else if (isBlueInk(r, g, b)) {
      blue[row + ((x / CELL) | 0)]++;
      fineBlue[frow + ((x / FINE) | 0)]++;
    } else if (v < 128) fineBlack[frow + ((x / FINE) | 0)]++;
  }
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
 * blurGrey on pixels the caller owns. The horizontal pass, then the vertical one over its result,
 * each leaving the first and last sample alone, in integer arithmetic:
 * ((left + right) · k1 + centre · k0 + 128) >> 8 with 2·k1 + k0 = 256.
 */
export function blurGreyInPlace(data: Uint8Array, w: number, h: number, radius: number): void {
  const side = Math.exp(-1 / (2 * radius * radius));
  const k1 = Math.round((side / (1 + 2 * side)) * 256);
  const k0 = 256 - 2 * k1;
  if (h >= 3 && LITTLE_ENDIAN) blurFourAtATime(data, w, h, k1, k0);
  else blurPlain(data, w, h, k1, k0);
}

/** Both passes written plainly, row by row with two rows of scratch (short rasters, big-endian machines). */
function blurPlain(data: Uint8Array, w: number, h: number, k1: number, k0: number): void {
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

const EVEN_BYTES = 0x00ff00ff;

/**
 * Four pixels of the 3-tap blur at once, each a byte of a 32-bit word (a, b, c: left/centre/right
 * or above/centre/below). Even and odd bytes go through apart in two 16-bit lanes of a word:
 * (a + c) · k1 + b · k0 + 128 ≤ 255 · 256 + 128 < 2^16, so a lane never carries into the next and
 * every lane holds exactly the plain sum; `Math.imul` and `| 0` keep it in 32-bit integers.
 */
function blur4(a: number, b: number, c: number, k1: number, k0: number): number {
  const even = (Math.imul((a & EVEN_BYTES) + (c & EVEN_BYTES), k1) + Math.imul(b & EVEN_BYTES, k0) + 0x00800080) | 0;
  const odd = (Math.imul(((a >>> 8) & EVEN_BYTES) + ((c >>> 8) & EVEN_BYTES), k1) + Math.imul((b >>> 8) & EVEN_BYTES, k0) + 0x00800080) | 0;
  return ((even >>> 8) & EVEN_BYTES) | (odd & ~EVEN_BYTES);
}

/**
 * The blur in one sweep, four pixels a word (blur4; the raster worker blurs every scanned page and
 * this halves its time). Rows are copied into word-aligned scratch (a row of the page starts at any
 * byte); each row is blurred horizontally into a ring of three rows just before the vertical pass
 * needs it as the row below, and the vertical result is copied back. Little-endian: byte x of a
 * word is its low byte when x is the leftmost pixel.
 */
function blurFourAtATime(data: Uint8Array, w: number, h: number, k1: number, k0: number): void {
  const words = (w + 3) >> 2, stride = words * 4;
  const ringBytes = new Uint8Array(3 * stride), ring = new Uint32Array(ringBytes.buffer); // rows y-1, y, y+1 at (row % 3)
  const inBytes = new Uint8Array(stride + 4), input = new Uint32Array(inBytes.buffer); // one spare word past the row
  const outBytes = new Uint8Array(stride), output = new Uint32Array(outBytes.buffer);
  const horizontal = (y: number) => {
    inBytes.set(data.subarray(y * w, y * w + w));
    const at = (y % 3) * words;
    for (let i = 0, prev = 0, cur = input[0]; i < words; i++) {
      const next = input[i + 1];
      // the word's pixels shifted one to the right (left neighbours) and one to the left (right ones)
      ring[at + i] = blur4((cur << 8) | (prev >>> 24), cur, (cur >>> 8) | (next << 24), k1, k0);
      prev = cur;
      cur = next;
    }
    ringBytes[at * 4] = inBytes[0]; // the first and last column keep their value
    ringBytes[at * 4 + w - 1] = inBytes[w - 1];
  };
  const copyBack = (y: number, from: Uint8Array, at: number) => data.set(from.subarray(at, at + w), y * w);
  horizontal(0);
  horizontal(1);
  copyBack(0, ringBytes, 0); // the first row is not blurred vertically
  for (let y = 1; y < h - 1; y++) {
    horizontal(y + 1); // still unblurred in data: rows are written back one behind
    const up = ((y - 1) % 3) * words, mid = (y % 3) * words, down = ((y + 1) % 3) * words;
    for (let i = 0; i < words; i++) output[i] = blur4(ring[up + i], ring[mid + i], ring[down + i], k1, k0);
    copyBack(y, outBytes, 0);
  }
  copyBack(h - 1, ringBytes, ((h - 1) % 3) * stride); // nor is the last
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
 * The horizontal pass keeps only the source rows the current output row needs (a ring of K + 1
 * rows), not a whole intermediate page: the same sums, with far less memory traffic.
 */
export function downscaleGrey(img: GreyImage, factor: number): GreyImage {
  if (factor >= 1) return img;
  const sw = img.width, sh = img.height;
  const w = Math.max(1, Math.round(sw * factor)), h = Math.max(1, Math.round(sh * factor));
  const across = areaTaps(sw, w), down = areaTaps(sh, h);
  const src = img.data;
  const out = new Uint8Array(w * h);
  const ky = down.K, slots = ky + 1; // the rows the output row needs, and one made ahead (rows come in pairs)
  const ring = new Uint16Array(slots * w); // source row r, scaled across (value·16), at (r % slots) · w
  const at = (r: number) => (r % slots) * w;
  const acc = ky > 3 ? new Int32Array(w) : null;
  const areaRows = across.K === 2 ? areaRows2 : across.K === 3 ? areaRows3 : areaRowsK;
  for (let y = 0, done = -1; y < h; y++) {
    const first = down.start[y];
    while (done < first + ky - 1) {
      const r0 = done + 1, r1 = Math.min(sh - 1, done + 2);
      areaRows(src, r0 * sw, r1 * sw, across, ring, at(r0), at(r1), w);
      done = r1;
    }
    if (ky === 1) areaColumn1(ring, at(first), down.wt[y], out, y * w, w);
    else if (ky === 2) areaColumn2(ring, at(first), at(first + 1), down.wt[2 * y], down.wt[2 * y + 1], out, y * w, w);
    else if (ky === 3) areaColumn3(ring, at(first), at(first + 1), at(first + 2), down.wt, y, out, w);
    else areaColumnK(ring, first, slots, down.wt, y, acc!, out, w);
  }
  return { width: w, height: h, data: out, dpi: img.dpi * (w / sw) };
}

/** Area weights of one axis: output o = Σ_k wt[o·K + k] · input[start[o] + k] / ONE. */
interface AreaTaps { start: Int32Array; wt: Int32Array; K: number }

const AREA_ONE = 4096;

/**
 * For each output index the input indices it covers and their weights (sum ONE; the rounding left
 * over goes to the first tap). K is the most taps any output has; outputs with fewer get zero
 * weights, on inputs that exist: near the end the start moves back and the weights with it, so a
 * row needs no bounds test or zero-weight branch per tap.
 */
function areaTaps(n: number, out: number): AreaTaps {
  const step = n / out;
  const span = (o: number) => {
    const a = o * step, b = Math.min(n, (o + 1) * step);
    return { a, b, i0: Math.floor(a), i1: Math.min(n - 1, Math.ceil(b) - 1) };
  };
  let K = 1;
  for (let o = 0; o < out; o++) { const { i0, i1 } = span(o); K = Math.max(K, i1 - i0 + 1); }
  const start = new Int32Array(out);
  const wt = new Int32Array(out * K);
  for (let o = 0; o < out; o++) {
    const { a, b, i0, i1 } = span(o);
    start[o] = Math.min(i0, n - K);
    const at = o * K + i0 - start[o];
    let sum = 0;
    for (let i = i0; i <= i1; i++) {
      const v = Math.round(((Math.min(b, i + 1) - Math.max(a, i)) / (b - a)) * AREA_ONE);
      wt[at + i - i0] = v;
      sum += v;
    }
    wt[at] += AREA_ONE - sum;
  }
  return { start, wt, K };
}

/**
 * Two source rows (src from s0 and s1) scaled across into dst at d0 and d1 (value·16, ≤ 255·16: fits
 * 16 bits); s1 = s0 and d1 = d0 for a single row. Two rows a call share the loads of each output's
 * taps (a third faster), and two and three taps (factors down to 1/2 and 1/3: the common cases)
 * are written out without an inner loop, each its own function so it is compiled for its one case.
 */
type AreaRows = (src: Uint8Array, s0: number, s1: number, t: AreaTaps, dst: Uint16Array, d0: number, d1: number, w: number) => void;

const areaRows2: AreaRows = (src, s0, s1, { start, wt }, dst, d0, d1, w) => {
  for (let x = 0; x < w; x++) {
    const i = start[x], a = wt[2 * x], b = wt[2 * x + 1];
    dst[d0 + x] = (src[s0 + i] * a + src[s0 + i + 1] * b + 128) >> 8;
    dst[d1 + x] = (src[s1 + i] * a + src[s1 + i + 1] * b + 128) >> 8;
  }
};

const areaRows3: AreaRows = (src, s0, s1, { start, wt }, dst, d0, d1, w) => {
  for (let x = 0; x < w; x++) {
    const i = start[x], a = wt[3 * x], b = wt[3 * x + 1], c = wt[3 * x + 2];
    dst[d0 + x] = (src[s0 + i] * a + src[s0 + i + 1] * b + src[s0 + i + 2] * c + 128) >> 8;
    dst[d1 + x] = (src[s1 + i] * a + src[s1 + i + 1] * b + src[s1 + i + 2] * c + 128) >> 8;
  }
};

const areaRowsK: AreaRows = (src, s0, s1, { start, wt, K }, dst, d0, d1, w) => {
  for (let x = 0; x < w; x++) {
    const o = x * K;
    let acc0 = 0, acc1 = 0;
    for (let k = 0, i = start[x]; k < K; k++, i++) {
      acc0 += src[s0 + i] * wt[o + k];
      acc1 += src[s1 + i] * wt[o + k];
    }
    dst[d0 + x] = (acc0 + 128) >> 8;
    dst[d1 + x] = (acc1 + 128) >> 8;
  }
};

// Output rows from the scaled-across rows: (Σ row·weight + 32768) >> 16 undoes ·16 and ·4096.

function areaColumn1(ring: Uint16Array, r0: number, w0: number, out: Uint8Array, oo: number, w: number): void {
  for (let x = 0; x < w; x++) out[oo + x] = Math.min(255, (ring[r0 + x] * w0 + 32768) >> 16);
}

function areaColumn2(ring: Uint16Array, r0: number, r1: number, w0: number, w1: number, out: Uint8Array, oo: number, w: number): void {
  for (let x = 0; x < w; x++) out[oo + x] = Math.min(255, (ring[r0 + x] * w0 + ring[r1 + x] * w1 + 32768) >> 16);
}

function areaColumn3(ring: Uint16Array, r0: number, r1: number, r2: number, wt: Int32Array, y: number, out: Uint8Array, w: number): void {
  const w0 = wt[3 * y], w1 = wt[3 * y + 1], w2 = wt[3 * y + 2];
  for (let x = 0, oo = y * w; x < w; x++) out[oo + x] = Math.min(255, (ring[r0 + x] * w0 + ring[r1 + x] * w1 + ring[r2 + x] * w2 + 32768) >> 16);
}

function areaColumnK(ring: Uint16Array, first: number, slots: number, wt: Int32Array, y: number, acc: Int32Array, out: Uint8Array, w: number): void {
  const K = slots - 1;
  acc.fill(0);
  for (let k = 0; k < K; k++) {
    const wk = wt[y * K + k], r = ((first + k) % slots) * w;
    for (let x = 0; x < w; x++) acc[x] += ring[r + x] * wk;
  }
  for (let x = 0, oo = y * w; x < w; x++) out[oo + x] = Math.min(255, (acc[x] + 32768) >> 16);
}
