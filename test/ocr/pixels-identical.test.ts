// The pixel steps of a scanned page (colour → grey with ink measurement, blur, area downscale) were
// specialised for speed. The OCR results must not move at all, so the implementations as they were
// before (kept below as oracles, copied verbatim) must give the same bytes on varied synthetic
// images: odd and tiny sizes, every channel count, red and blue ink. The native JPEG decode is held
// to what drawImage + getImageData give, for whoever next tries to skip a copy there.
// Pure and in memory (no PDF read); about two seconds.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { decodeImageStream, type PageImageStream } from '../../extractors/ocr/embedded-image.js';
import { blurGreyInPlace, downscaleGrey, toGrey, type GreyImage, type InkGrid, type InkRegion } from '../../extractors/ocr/pixels.js';

// ---- oracles: extractors/ocr/pixels.ts and embedded-image.ts as of commit b9e25cf -------------

const CELL = 16;
const FINE = 8;

function oracleToGrey(src: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: 1 | 3 | 4,
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
        else if (b - r > 25 && b - g > 25) { blue![row + ((x / CELL) | 0)]++; fineBlue![frow + ((x / FINE) | 0)]++; }
        else if (grey[p] < 128) fineBlack![frow + ((x / FINE) | 0)]++;
      }
    }
  }
  const ink: InkRegion[] = [];
  if (findInk) {
    ink.push(...oracleRegions(red!, gw, gh, 'red'), ...oracleRegions(blue!, gw, gh, 'blue'));
    return { grey, ink, inkGrid: { cell: FINE, width: fw, height: fh, blue: fineBlue!, black: fineBlack! } };
  }
  return { grey, ink };
}

function oracleRegions(grid: Uint16Array, gw: number, gh: number, colour: InkRegion['colour']): InkRegion[] {
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
    if ((x1 - x0 + 1) * (y1 - y0 + 1) < 12 || pixels < 400) continue;
    out.push({ colour, box: { x: x0 * CELL, y: y0 * CELL, w: (x1 - x0 + 1) * CELL, h: (y1 - y0 + 1) * CELL }, pixels });
  }
  return out;
}

function oracleBlurGreyInPlace(data: Uint8Array, w: number, h: number, radius: number): void {
  const side = Math.exp(-1 / (2 * radius * radius));
  const k1 = Math.round((side / (1 + 2 * side)) * 256);
  const k0 = 256 - 2 * k1;
  for (let y = 0; y < h; y++) {
    const o = y * w;
    let prev = data[o];
    for (let x = 1; x < w - 1; x++) {
      const cur = data[o + x];
      data[o + x] = (prev * k1 + cur * k0 + data[o + x + 1] * k1 + 128) >> 8;
      prev = cur;
    }
  }
  let above = data.slice(0, w);
  let row = new Uint8Array(w);
  for (let y = 1; y < h - 1; y++) {
    const o = y * w;
    row.set(data.subarray(o, o + w));
    for (let x = 0; x < w; x++) data[o + x] = (above[x] * k1 + row[x] * k0 + data[o + x + w] * k1 + 128) >> 8;
    [above, row] = [row, above];
  }
}

function oracleDownscaleGrey(img: GreyImage, factor: number): GreyImage {
  if (factor >= 1) return img;
  const sw = img.width, sh = img.height;
  const w = Math.max(1, Math.round(sw * factor)), h = Math.max(1, Math.round(sh * factor));
  const ONE = 4096;
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
      wt[o * K] += ONE - sum;
    }
    return { start, wt, K };
  };
  const hx = taps(sw, w), hy = taps(sh, h);
  const src = img.data;
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
      rows[ro + x] = (acc + 128) >> 8;
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
      const v = (acc[x] + 32768) >> 16;
      out[oo + x] = Math.min(255, v);
    }
  }
  return { width: w, height: h, data: out, dpi: img.dpi * (w / sw) };
}

/** The DCTDecode path of decodeImageStream before: loadImage, drawImage into a canvas, getImageData. */
async function oracleDecodeJpeg(bytes: Uint8Array, width: number, height: number): Promise<Uint8ClampedArray> {
  const image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return ctx.getImageData(0, 0, width, height).data;
}

// ---- synthetic images ---------------------------------------------------------------------------

/** Deterministic bytes (LCG), so a failure reproduces. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s >>> 24; };
}

/**
 * A page-like colour image: paper-ish noise, dark text strokes, a red disc (seal) and a blue
 * rectangle (received stamp) large enough to make ink regions, plus pure random pixels in a band.
 */
function colourImage(w: number, h: number, channels: 3 | 4, seed: number): Uint8Array {
  const rnd = random(seed);
  const px = new Uint8Array(w * h * channels);
  const cx = w * 0.3, cy = h * 0.6, rr = Math.min(w, h) * 0.22;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    let r = 230 + (rnd() & 15), g = 230 + (rnd() & 15), b = 225 + (rnd() & 15);
    if ((y % 11 < 2 && x % 7 < 5) || (x % 13 === 0 && y % 5 < 3)) { r = g = b = rnd() & 63; } // text
    if ((x - cx) ** 2 + (y - cy) ** 2 < rr * rr && rnd() < 200) { r = 180 + (rnd() & 63); g = rnd() & 127; b = rnd() & 127; } // seal
    if (x > w * 0.55 && x < w * 0.95 && y > h * 0.05 && y < h * 0.35 && rnd() < 180) { r = 60 + (rnd() & 63); g = 50 + (rnd() & 63); b = 130 + (rnd() & 127); } // stamp
    if (y > h * 0.85) { r = rnd(); g = rnd(); b = rnd(); } // anything
    const o = (y * w + x) * channels;
    px[o] = r; px[o + 1] = g; px[o + 2] = b;
    if (channels === 4) px[o + 3] = 255;
  }
  return px;
}

const greyImage = (w: number, h: number, seed: number): Uint8Array => Uint8Array.from({ length: w * h }, random(seed));

const SIZES: Array<[number, number]> = [
  [1, 1], [1, 7], [7, 1], [2, 2], [2, 9], [3, 3], [4, 5], [5, 4], [6, 11], [7, 7], [8, 8], [9, 16],
  [15, 17], [16, 16], [17, 33], [31, 2], [63, 65], [64, 48], [101, 77], [129, 250], [250, 129], [333, 401],
];

const same = (a: ArrayLike<number>, b: ArrayLike<number>) => Buffer.from(Uint8Array.from(a)).equals(Buffer.from(Uint8Array.from(b)));

describe('pixel steps give the same bytes as before', () => {
  it('toGrey: grey, ink regions and ink grid, for 1, 3 and 4 channels and every option', () => {
    let seed = 1;
    for (const [w, h] of SIZES) for (const channels of [1, 3, 4] as const) {
      const src = channels === 1 ? greyImage(w, h, seed++) : colourImage(w, h, channels, seed++);
      for (const suppressRed of [false, true]) for (const findInk of [false, true]) {
        const want = oracleToGrey(src, w, h, channels, { suppressRed, findInk });
        const got = toGrey(src, w, h, channels, { suppressRed, findInk });
        expect(same(got.grey, want.grey)).toBe(true);
        expect(got.ink).toEqual(want.ink);
        expect(got.inkGrid).toEqual(want.inkGrid);
      }
    }
    // the test images do make regions of both colours, so the ink comparison means something
    const big = colourImage(333, 401, 4, 99);
    const ink = oracleToGrey(big, 333, 401, 4, { findInk: true }).ink;
    expect(ink.some((r) => r.colour === 'red') && ink.some((r) => r.colour === 'blue')).toBe(true);
  });

  it('toGrey: RGBA pixels at an unaligned offset and in a Uint8ClampedArray', () => {
    const w = 45, h = 37;
    const px = colourImage(w, h, 4, 5);
    const shifted = new Uint8Array(px.length + 3).subarray(3);
    shifted.set(px);
    const clamped = new Uint8ClampedArray(px);
    const want = oracleToGrey(px, w, h, 4, { suppressRed: true, findInk: true });
    for (const src of [shifted, clamped]) {
      const got = toGrey(src, w, h, 4, { suppressRed: true, findInk: true });
      expect(same(got.grey, want.grey)).toBe(true);
      expect(got.ink).toEqual(want.ink);
      expect(got.inkGrid).toEqual(want.inkGrid);
    }
  });

  it('blurGreyInPlace at radius 0.6 and 1.2 (and 0.2, 0.4, 4), edges included', () => {
    let seed = 3;
    for (const [w, h] of SIZES) for (const radius of [0.2, 0.4, 0.6, 1.2, 4]) {
      const data = greyImage(w, h, seed++);
      const want = new Uint8Array(data);
      oracleBlurGreyInPlace(want, w, h, radius);
      blurGreyInPlace(data, w, h, radius);
      expect(same(data, want)).toBe(true);
    }
  });

  it('downscaleGrey at 2/3, 0.5, 0.37 and others: bytes, size and dpi', () => {
    let seed = 11;
    for (const [w, h] of SIZES) for (const factor of [2 / 3, 0.5, 0.37, 0.25, 0.9, 0.999, 0.1]) {
      const img: GreyImage = { width: w, height: h, dpi: 300, data: greyImage(w, h, seed++) };
      const want = oracleDownscaleGrey(img, factor);
      const got = downscaleGrey(img, factor);
      expect([got.width, got.height, got.dpi]).toEqual([want.width, want.height, want.dpi]);
      expect(same(got.data, want.data)).toBe(true);
    }
    // white stays white, black stays black (the clamp at 255)
    for (const v of [0, 255]) {
      const img: GreyImage = { width: 37, height: 29, dpi: 300, data: new Uint8Array(37 * 29).fill(v) };
      expect(same(downscaleGrey(img, 2 / 3).data, oracleDownscaleGrey(img, 2 / 3).data)).toBe(true);
    }
  });

  it('decodeImageStream (DCTDecode): the same RGBA as drawing the decoded JPEG into a canvas', async () => {
    for (const [w, h] of [[1, 1], [17, 9], [160, 227]]) {
      const canvas = createCanvas(w, h);
      const ctx = canvas.getContext('2d');
      const img = ctx.createImageData(w, h);
      img.data.set(colourImage(w, h, 4, w * h));
      ctx.putImageData(img, 0, 0);
      const bytes = new Uint8Array(canvas.encodeSync('jpeg', 80));
      const stream: PageImageStream = { filter: 'DCTDecode', bytes, width: w, height: h, bitsPerComponent: 8, colourSpace: 'DeviceRGB', inverted: false, pageWidth: w, pageHeight: h };
      const got = await decodeImageStream(stream);
      expect(got).not.toBeNull();
      expect([got!.width, got!.height, got!.channels]).toEqual([w, h, 4]);
      expect(same(got!.data, await oracleDecodeJpeg(bytes, w, h))).toBe(true);
      expect(await decodeImageStream({ ...stream, width: w + 1 })).toBeNull(); // size must match the dictionary
    }
  });
});
