// OCR of one page (PDF page or image) into the shared PageText shape: OCR words as items with
// boxes in PDF points, lines from tesseract's own line segmentation (robust to small skew),
// split where a wide gap separates two columns (the two-column header). Also: blank-page skip,
// 90/180/270 rotation recovery for low-confidence pages, and the received stamp
// ("CÔNG VĂN ĐẾN / Số .. / Ngày ..") set apart so header parsing does not read it.
import type { Box, PageText, TextItem, TextLine } from '../../model/document.js';
import type { LineReread, ReceivedStamp, Rotation, TokenReread } from '../../model/ocr.js';
import { foldVietnamese } from '../text-fold.js';
import { isFigureToken, REREAD_CONFIRMED, tokenConfidenceAfterReread } from '../reread-checks.js';
import type { OcrRecogniser, OcrResult, PxBox } from './ocr-pool.js';
import { blueShare, blurGrey, cropGrey, downscaleGrey, rotateGrey, rotateInkGrid, scaleGrey, type GreyImage, type InkGrid, type InkRegion } from './pixels.js';
import { rasterisePage, type PDFPageProxy, type RasterOptions, type RasterResult } from './rasterise.js';


export interface OcrPageText extends PageText {
  source: 'ocr';
  dpi: number;
  /** clockwise rotation applied to the raster before the final OCR pass; coordinates are upright */
  rotation: Rotation;
  /** mean OCR word confidence 0..1 */
  meanConf: number;
  /** red / blue ink regions (seals, stamps), PDF points, upright */
  ink: InkRegion[];
  receivedStamp: ReceivedStamp | null;
  /** the "Số:" line read a second time (page 1 of an upright scan), or null */
  numberReread?: LineReread | null;
  /** the date line read a second time (page 1 of an upright scan), or null */
  dateReread?: LineReread | null;
  /** doubtful figure tokens read a second time; their confidences in `items` already reflect it */
  figureRereads?: TokenReread[];
  /** true when the page had (almost) no dark pixels and OCR was skipped */
  blank: boolean;
  /** rereadMs: the targeted re-reads (Số, date line, figures), included in ocrMs */
  timings: { rasterMs: number; ocrMs: number; probeMs: number; rereadMs?: number };
}

export interface OcrPageOptions {
  /** raster resolution, default 300 */
  dpi?: number;
  /** blur radius in px before OCR; default 0.6 for embedded scan images, 0 for rendered pages */
  blur?: number;
  /** white-out red ink (seals) before OCR; default true */
  suppressRed?: boolean;
  /** mean confidence under which 90/180/270 rotations are tried; default 0.6; 0 disables */
  rotationProbeBelow?: number;
  /** keep the received stamp's words in items/lines too; default false */
  keepStampText?: boolean;
  /** horizontal gap (points) that splits an OCR line into two lines; default 24 */
  columnGap?: number;
  /** 1-based page number to report (ocrImage); ocrPdfPage uses the page's own */
  page?: number;
  /**
   * resolution of the full-page reading of pages after the first, when the image is finer (the
   * first page, with the header, and the targeted re-reads use the image as it is); default none
   */
  readDpi?: number;
}

/**
 * The resolution above which page `page` is read from a copy reduced to `readDpi` (not the first
 * page, and only a scan finer than readDpi by a fifth); undefined when it is always read as it is.
 */
export function reducedReadAbove(page: number, readDpi: number | undefined): number | undefined {
  return readDpi && page > 1 ? readDpi * 1.2 : undefined;
}

export async function ocrPdfPage(page: PDFPageProxy, pool: OcrRecogniser, opts: OcrPageOptions = {}): Promise<OcrPageText> {
  const t0 = Date.now();
  const probe = await rasterisePage(page, { dpi: opts.dpi ?? 300, suppressRed: opts.suppressRed ?? true, blur: 0 } satisfies RasterOptions);
  let img: GreyImage = probe;
  const blur = opts.blur ?? (probe.method === 'embedded-image' ? 0.6 : 0);
  if (blur > 0) img = blurGrey(img, blur);
  const rasterMs = Date.now() - t0;
  const out = await ocrImage({ ...img, ink: probe.ink, inkGrid: probe.inkGrid }, pool, { ...opts, page: page.pageNumber });
  out.timings.rasterMs = rasterMs;
  return out;
}

/** OCR of a page raster made elsewhere (the raster worker, raster-isolated.ts); `rasterMs` is what making it took. */
export async function ocrRaster(r: RasterResult, pool: OcrRecogniser, opts: OcrPageOptions & { page: number; rasterMs?: number }): Promise<OcrPageText> {
  const out = await ocrImage(r, pool, opts);
  out.timings.rasterMs = opts.rasterMs ?? 0;
  return out;
}

/**
 * OCR of a greyscale image (a rasterised page, or loadImageFile()'s output). `ink`/`inkGrid`
 * (from colour separation) let the received stamp's words be told from black text.
 */
export async function ocrImage(img: GreyImage & { ink?: InkRegion[]; inkGrid?: InkGrid }, pool: OcrRecogniser, opts: OcrPageOptions = {}): Promise<OcrPageText> {
  const ink = img.ink ?? [];
  const pageNo = opts.page ?? 1;
  const dpi = img.dpi;
  const s = 72 / dpi;
  if (isBlank(img)) {
    return { page: pageNo, width: img.width * s, height: img.height * s, source: 'ocr', items: [], lines: [], dpi, rotation: 0, meanConf: 0, ink, receivedStamp: null, blank: true, timings: { rasterMs: 0, ocrMs: 0, probeMs: 0 } };
  }
  const t0 = Date.now();
  // Pages after the first (no header there) are read at `readDpi` when the scan is finer; the
  // first page, and every re-read, use the full image.
  const above = reducedReadAbove(pageNo, opts.readDpi);
  const reduce = above !== undefined && img.dpi > above ? opts.readDpi! / img.dpi : 1;
  const read = async (im: GreyImage): Promise<OcrResult> => {
    if (reduce === 1) return pool.recognise(im, { dpi: im.dpi });
    const small = downscaleGrey(im, reduce);
    return rescaleResult(await pool.recognise(small, { dpi: small.dpi }), im);
  };
  let res = await read(img);
  let ocrMs = Date.now() - t0;
  let probeMs = 0;
  let rotation: Rotation = 0;
  const threshold = opts.rotationProbeBelow ?? 0.6;
  // Tesseract's layout analysis reads a page turned by 90° as vertical text lines, with good
  // confidence; no second pass needed, only the boxes turned upright.
  const vertical = verticalCorrection(res);
  if (vertical && res.conf >= threshold) {
    rotation = vertical;
    res = rotateResult(res, vertical);
  } else if (res.conf < threshold) {
    // Low confidence: upside down (try 180) or vertical text read the wrong way (try 90/270).
    const t1 = Date.now();
    rotation = await orientationOf(img, pool, vertical ? [90, 270] : [0, 180]);
    probeMs = Date.now() - t1;
    if (rotation !== 0) {
      const t2 = Date.now();
      const again = await read(rotateGrey(img, rotation));
      ocrMs += Date.now() - t2;
      if (again.conf > res.conf) res = again;
      else rotation = 0;
    }
  }
  // Doubtful figures read again (upright pages: the raster and the boxes share a frame).
  const t4 = Date.now();
  const figures = rotation === 0 ? await rereadFigures(img, res, pool) : null;
  if (figures) res = figures.res;
  const W = img.width * s, H = img.height * s;
  const upright = rotation === 90 || rotation === 270 ? { w: H, h: W } : { w: W, h: H };
  const inkUp = ink.map((r) => ({ ...r, box: rotateBox(r.box, rotation, W, H) }));
  const text = resultToPageText(res, pageNo, opts.columnGap ?? 24);
  const grid = img.inkGrid ? rotateInkGrid(img.inkGrid, rotation) : undefined;
  const px = dpi / 72;
  const isBlue = grid ? (b: Box) => blueShare(grid, b.x * px, b.y * px, (b.x + b.w) * px, (b.y + b.h) * px) >= 0.35 : undefined;
  const stamp = findReceivedStamp(text.lines, inkUp, isBlue);
  let items = text.items;
  let lines = text.lines;
  if (stamp && !opts.keepStampText) {
    const stampItems = new Set(stamp.lines.flatMap((l) => l.items));
    items = items.filter((i) => !stampItems.has(i));
    lines = lines.flatMap((l) => {
      const rest = l.items.filter((i) => !stampItems.has(i));
      return rest.length === l.items.length ? [l] : rest.length ? [makeLine(rest)] : [];
    });
  }
  const header = pageNo === 1 && rotation === 0;
  const [numberReread, dateReread] = header
    ? await Promise.all([rereadNumberLine(img, lines, pool, upright.h), rereadDateLine(img, lines, pool, upright.h)])
    : [null, null];
  const rereadMs = Date.now() - t4;
  ocrMs += rereadMs;
  return {
    page: pageNo, width: upright.w, height: upright.h, source: 'ocr', items, lines,
    dpi, rotation, meanConf: res.conf, ink: inkUp, receivedStamp: stamp, numberReread, dateReread,
    figureRereads: figures?.rereads.map((r) => ({ ...r, box: { x: r.box.x * s, y: r.box.y * s, w: r.box.w * s, h: r.box.h * s } })) ?? [],
    blank: false, timings: { rasterMs: 0, ocrMs, probeMs, rereadMs },
  };
}

/** What a "Số: 280/BC-SLĐTBXH" line may contain (Vietnamese letters appear only in "Số"). */
export const SYMBOL_CHARS = 'SốỐsoO:0123456789/-.&ABCDEFGHIJKLMNOPQRSTUVWXYZĐabcdefghijklmnopqrstuvwxyzđ';

/**
 * Reads the header's "Số:" line again, alone (single-line mode) and with only the characters
 * a symbol may hold, from the same image: a second opinion on the value that matters most.
 */
async function rereadNumberLine(img: GreyImage, lines: TextLine[], pool: OcrRecogniser, pageHeight: number): Promise<LineReread | null> {
  const line = lines.find((l) => l.box.y < pageHeight * 0.45 && /^s[oóôốồổỗộơ0]\s*[:;.]?\s*\S*\d/i.test(l.text.trim()));
  if (!line) return null;
  const px = img.dpi / 72;
  const pad = line.box.h * 0.35;
  const rectangle = {
    left: Math.max(0, (line.box.x - pad) * px), top: Math.max(0, (line.box.y - pad) * px),
    width: (line.box.w + 2 * pad) * px, height: (line.box.h + 2 * pad) * px,
  };
  const res = await pool.recognise(img, { dpi: img.dpi, rectangle, psm: 'single_line', whitelist: SYMBOL_CHARS });
  const words = res.lines.flatMap((l) => l.words);
  if (!words.length) return null;
  return { box: line.box, text: words.map((w) => w.text).join(' '), conf: Math.min(...words.map((w) => w.conf)) };
}

/** Characters of a date line from "ngày" on ("ngày 29 tháng 6 năm 2023"). */
export const DATE_CHARS = 'ngàythángnămNGÀYTHÁNGNĂM0123456789,./';
/** Characters of a figure ("20.761.960", "22,15%"). */
export const FIGURE_CHARS = '0123456789.,%';
/** Page-read confidence under which a figure token is read again (at or above it, it already counts as sure). */
const FIGURE_REREAD_BELOW = REREAD_CONFIRMED;
/** at most this many figure re-reads per page (a dense table of poor print must not cost a page of OCR per token) */
const MAX_FIGURE_REREADS = 60;

/**
 * A region of the raster (px) read again on its own: cropped with a margin, scaled up to about
 * 450 dpi (a 200-dpi scan's small print gains most), single-line mode, only `whitelist` characters.
 */
async function rereadRegion(img: GreyImage, r: { x: number; y: number; w: number; h: number }, pool: OcrRecogniser, whitelist: string): Promise<string> {
  const padY = r.h * 0.35, padX = r.h * 0.5;
  const crop = cropGrey(img, { left: r.x - padX, top: r.y - padY, width: r.w + 2 * padX, height: r.h + 2 * padY });
  if (crop.width < 4 || crop.height < 4) return '';
  const factor = img.dpi < 250 ? 2 : 1.5;
  const big = scaleGrey(crop, factor);
  const res = await pool.recognise(big, { dpi: big.dpi, psm: 'single_line', whitelist });
  return res.lines.flatMap((l) => l.words).map((w) => w.text).join(' ');
}

/** The header's date line ("Hà Giang, ngày 29 tháng 6 năm 2023") read again from "ngày" on. */
async function rereadDateLine(img: GreyImage, lines: TextLine[], pool: OcrRecogniser, pageHeight: number): Promise<LineReread | null> {
  const line = lines.find((l) => l.box.y < pageHeight * 0.45 && /th\S{0,2}ng\s*\d{1,2}\s*,?\s*n\S{0,2}m\s*\d{4}/.test(foldVietnamese(l.text)));
  if (!line) return null;
  const start = line.items.findIndex((i) => /^ng\S{0,2}y$/.test(foldVietnamese(i.str)));
  const items = start >= 0 ? line.items.slice(start) : line.items;
  const px = img.dpi / 72;
  const x0 = Math.min(...items.map((i) => i.box.x)), y0 = Math.min(...items.map((i) => i.box.y));
  const x1 = Math.max(...items.map((i) => i.box.x + i.box.w)), y1 = Math.max(...items.map((i) => i.box.y + i.box.h));
  const text = await rereadRegion(img, { x: x0 * px, y: y0 * px, w: (x1 - x0) * px, h: (y1 - y0) * px }, pool, DATE_CHARS);
  if (!text) return null;
  return { box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, text, conf: 0 };
}

/**
 * Every figure token the page read was not sure of, read again alone; the token's confidence
 * becomes what the two reads together say (extractors/reread-checks.ts). Boxes stay in pixels.
 */
async function rereadFigures(img: GreyImage, res: OcrResult, pool: OcrRecogniser): Promise<{ res: OcrResult; rereads: TokenReread[] }> {
  const doubtful = res.lines.flatMap((l) => l.words).filter((w) => w.conf < FIGURE_REREAD_BELOW && isFigureToken(w.text)).slice(0, MAX_FIGURE_REREADS);
  if (!doubtful.length) return { res, rereads: [] };
  const again = await Promise.all(doubtful.map((w) =>
    rereadRegion(img, { x: w.bbox.x0, y: w.bbox.y0, w: w.bbox.x1 - w.bbox.x0, h: w.bbox.y1 - w.bbox.y0 }, pool, FIGURE_CHARS)));
  const rereads: TokenReread[] = doubtful.map((w, i) => ({
    box: { x: w.bbox.x0, y: w.bbox.y0, w: w.bbox.x1 - w.bbox.x0, h: w.bbox.y1 - w.bbox.y0 }, text: w.text, conf: w.conf, reread: again[i],
  }));
  const conf = new Map(doubtful.map((w, i) => [w, tokenConfidenceAfterReread(rereads[i])]));
  const lines = res.lines.map((l) => {
    if (!l.words.some((w) => conf.has(w))) return l;
    const words = l.words.map((w) => (conf.has(w) ? { ...w, conf: conf.get(w)! } : w));
    return { ...l, words, conf: Math.min(...words.map((w) => w.conf)) };
  });
  return { res: { ...res, lines }, rereads };
}

/** Converts an OCR result (pixels) into PageText (points); lines split at wide gaps. */
export function resultToPageText(res: OcrResult, pageNo: number, columnGap = 24): PageText {
  const s = 72 / res.dpi;
  const items: TextItem[] = [];
  const lines: TextLine[] = [];
  for (const line of res.lines) {
    let current: TextItem[] = [];
    let prevRight = -Infinity;
    for (const w of line.words) {
      const item: TextItem = { str: w.text, box: { x: w.bbox.x0 * s, y: w.bbox.y0 * s, w: (w.bbox.x1 - w.bbox.x0) * s, h: (w.bbox.y1 - w.bbox.y0) * s }, conf: w.conf };
      items.push(item);
      if (current.length && item.box.x - prevRight > columnGap) { lines.push(makeLine(current)); current = []; }
      current.push(item);
      prevRight = item.box.x + item.box.w;
    }
    if (current.length) lines.push(makeLine(current));
  }
  return { page: pageNo, width: res.width * s, height: res.height * s, source: 'ocr', items, lines };
}

function makeLine(items: TextItem[]): TextLine {
  const x0 = Math.min(...items.map((i) => i.box.x)), y0 = Math.min(...items.map((i) => i.box.y));
  const x1 = Math.max(...items.map((i) => i.box.x + i.box.w)), y1 = Math.max(...items.map((i) => i.box.y + i.box.h));
  return { text: items.map((i) => i.str).join(' '), box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, items, conf: Math.min(...items.map((i) => i.conf)) };
}

/** Fewer than 0.05 % dark pixels (sampled): nothing to read. */
export function isBlank(img: GreyImage): boolean {
  let dark = 0, seen = 0;
  const step = 3;
  for (let y = 0; y < img.height; y += step) {
    const o = y * img.width;
    for (let x = 0; x < img.width; x += step) { seen++; if (img.data[o + x] < 128) dark++; }
  }
  return dark < seen * 0.0005;
}

/** OSD confidence from which its answer is taken (clear pages measure 12-20; a guess, under 2). */
export const OSD_MIN_CONF = 2;

/**
 * Which of `candidates` (clockwise turns) makes the page upright: one OSD pass when the
 * recogniser has it and is sure of one of them, otherwise trial recognitions (probeRotation).
 */
export async function orientationOf(img: GreyImage, pool: OcrRecogniser, candidates: Rotation[]): Promise<Rotation> {
  const osd = pool.orientation ? await pool.orientation(img).catch(() => null) : null;
  if (osd && osd.conf >= OSD_MIN_CONF && candidates.includes(osd.rotation)) return osd.rotation;
  return probeRotation(img, pool, candidates);
}

/**
 * Which clockwise rotation makes the text upright: OCR a central square in the four
 * orientations and keep the one with the most confident long words. Runs only on pages whose
 * first pass was poor, so upright pages pay nothing.
 */
export async function probeRotation(img: GreyImage, pool: OcrRecogniser, rotations: Rotation[] = [0, 90, 180, 270]): Promise<Rotation> {
  const side = Math.round(Math.min(img.width, img.height) * 0.5);
  const crop = cropGrey(img, { left: (img.width - side) / 2, top: (img.height - side) / 2, width: side, height: side });
  const results = await Promise.all(rotations.map((r) => pool.recognise(rotateGrey(crop, r), { dpi: img.dpi })));
  const scores = results.map(scoreResult);
  let best = 0;
  for (let i = 1; i < rotations.length; i++) if (scores[i] > scores[best]) best = i;
  const base = rotations.indexOf(0) >= 0 ? scores[rotations.indexOf(0)] : 0;
  return rotations[best] !== 0 && scores[best] > base * 1.5 + 1 ? rotations[best] : 0;
}

function scoreResult(r: OcrResult): number {
  let s = 0;
  for (const l of r.lines) for (const w of l.words) if (w.conf > 0.6 && /[\p{L}\p{N}]{3,}/u.test(w.text)) s += w.conf;
  return s;
}

/**
 * If most words are taller than wide, the page was read as vertical text: returns the clockwise
 * rotation that makes it upright (90 when text runs bottom-to-top, 270 when top-to-bottom).
 */
export function verticalCorrection(res: OcrResult): Rotation | 0 {
  let tall = 0, wide = 0, down = 0, up = 0;
  for (const line of res.lines) {
    for (const w of line.words) {
      if ([...w.text].length < 3) continue;
      const bw = w.bbox.x1 - w.bbox.x0, bh = w.bbox.y1 - w.bbox.y0;
      if (bh > bw * 1.2) tall++; else if (bw > bh * 1.2) wide++;
    }
    for (let i = 1; i < line.words.length; i++) {
      const d = line.words[i].bbox.y0 - line.words[i - 1].bbox.y0;
      if (d > 0) down++; else if (d < 0) up++;
    }
  }
  if (tall < 5 || tall < wide * 3) return 0;
  return down >= up ? 270 : 90;
}

/** A result read from a scaled copy of `full`, in `full`'s pixels. */
export function rescaleResult(res: OcrResult, full: { width: number; height: number; dpi: number }): OcrResult {
  const kx = full.width / res.width, ky = full.height / res.height;
  const box = (b: PxBox): PxBox => ({ x0: Math.round(b.x0 * kx), y0: Math.round(b.y0 * ky), x1: Math.round(b.x1 * kx), y1: Math.round(b.y1 * ky) });
  return { ...mapBoxes(res, box), width: full.width, height: full.height, dpi: full.dpi };
}

/** The result with every line and word box passed through `f`. */
function mapBoxes(res: OcrResult, f: (b: PxBox) => PxBox): OcrResult {
  return { ...res, lines: res.lines.map((l) => ({ ...l, bbox: f(l.bbox), words: l.words.map((w) => ({ ...w, bbox: f(w.bbox) })) })) };
}

/** Pixel boxes of a result turned with the raster (clockwise). */
export function rotateResult(res: OcrResult, rotation: Rotation): OcrResult {
  const turn = (b: PxBox): PxBox => {
    const r = rotateBox({ x: b.x0, y: b.y0, w: b.x1 - b.x0, h: b.y1 - b.y0 }, rotation, res.width, res.height);
    return { x0: r.x, y0: r.y, x1: r.x + r.w, y1: r.y + r.h };
  };
  const swap = rotation === 90 || rotation === 270;
  return { ...mapBoxes(res, turn), width: swap ? res.height : res.width, height: swap ? res.width : res.height };
}

/** A box in the raster's frame → the frame after rotating the raster clockwise. */
export function rotateBox(b: Box, rotation: Rotation, W: number, H: number): Box {
  switch (rotation) {
    case 90: return { x: H - (b.y + b.h), y: b.x, w: b.h, h: b.w };
    case 180: return { x: W - (b.x + b.w), y: H - (b.y + b.h), w: b.w, h: b.h };
    case 270: return { x: b.y, y: W - (b.x + b.w), w: b.h, h: b.w };
    default: return b;
  }
}

const STAMP_LINE = /^(so|ngay|chuyen|luu|den|ky hieu)\b/;
const STAMP_TITLE = /c[oô0]ng\s*v[aă]n\s*d[eê]n|\bv[aă]n\s*d[eê]n\b|\bcv\s*den\b/;

/**
 * The received stamp: a "CÔNG VĂN ĐẾN" title line plus the "Số"/"Ngày"/"Chuyển" lines under it,
 * or any text inside a blue/violet ink region that contains such a title.
 */
export function findReceivedStamp(lines: TextLine[], ink: InkRegion[], isBlue?: (b: Box) => boolean): ReceivedStamp | null {
  const titleIdx = lines.findIndex((l) => STAMP_TITLE.test(foldVietnamese(l.text)));
  if (titleIdx < 0) return null;
  const title = lines[titleIdx];
  const centre = (b: Box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
  const inside = (b: Box, r: Box, m = 4) => { const c = centre(b); return c.x >= r.x - m && c.x <= r.x + r.w + m && c.y >= r.y - m && c.y <= r.y + r.h + m; };
  const region = ink.find((r) => r.colour === 'blue' && inside(title.box, r.box));
  let member: TextLine[];
  let box: Box;
  let by: ReceivedStamp['by'];
  if (region) {
    // word level: tesseract may glue a stamp word to a neighbouring text line
    box = region.box;
    // With per-word colour: the stamp is the blue words in the region (a black "Số: 280/..." under
    // the stamp stays the document's). Without it: lines that read like stamp lines.
    member = lines.flatMap((l) => {
      const its = l.items.filter((i) => inside(i.box, region.box) && (!isBlue || isBlue(i.box)));
      if (!its.length) return [];
      if (isBlue) return [its.length === l.items.length ? l : makeLine(its)];
      const part = its.length === l.items.length ? l : makeLine(its);
      return STAMP_TITLE.test(foldVietnamese(part.text)) || STAMP_LINE.test(foldVietnamese(part.text)) ? [part] : [];
    });
    by = 'blue-ink';
  } else {
    // Lines below the title, overlapping its column, within a few line heights.
    const lh = Math.max(8, title.box.h);
    member = [title];
    let bottom = title.box.y + title.box.h;
    for (const l of lines) {
      if (l === title || l.box.y < title.box.y) continue;
      const overlapX = Math.min(l.box.x + l.box.w, title.box.x + title.box.w + lh * 3) - Math.max(l.box.x, title.box.x - lh * 3);
      if (overlapX <= 0 || l.box.y - bottom > lh * 1.6) continue;
      if (!STAMP_LINE.test(foldVietnamese(l.text))) continue;
      member.push(l);
      bottom = Math.max(bottom, l.box.y + l.box.h);
    }
    const x0 = Math.min(...member.map((l) => l.box.x)), y0 = Math.min(...member.map((l) => l.box.y));
    const x1 = Math.max(...member.map((l) => l.box.x + l.box.w)), y1 = Math.max(...member.map((l) => l.box.y + l.box.h));
    box = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
    by = 'text';
  }
  const numLine = member.find((l) => /^so\b/.test(foldVietnamese(l.text)));
  const dateLine = member.find((l) => /^ngay\b/.test(foldVietnamese(l.text)));
  const after = (l: TextLine | undefined) => l ? l.text.replace(/^\S+\s*[:.]?\s*/, '').trim() || null : null;
  return { box, lines: member, number: after(numLine), date: after(dateLine), by };
}
