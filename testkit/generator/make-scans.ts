// Turns born-digital PDFs into scan-like PDFs, deterministically (same input + seed → same
// bytes on the same machine): render each page at 200–300 dpi, skew ±2°, blur, paper noise,
// a red round seal over the signature (last page), sometimes a blue/violet received stamp
// ("CÔNG VĂN ĐẾN / Số: 1234 / Ngày: 03/7/2023") in the emptiest spot near the top of page 1,
// JPEG-encode, and write a PDF whose pages are just those images.
//
// CLI: node --import tsx scripts/make-scans.ts [inDir] [outDir]
//      default fixtures/generated/born-digital → fixtures/generated/scanned, seeded by file name.
//      Every non-PDF file of inDir (ground truth: manifest, per-file JSON) is copied alongside.
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts, ImageData, type SKRSContext2D } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';
import { openPdf } from '../../extractors/pdf-document.js';
import { renderRgba } from '../../extractors/ocr/rasterise.js';
import { mulberry32 } from './prng.js';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fontsReady = false;
function registerFonts(): void {
  if (fontsReady) return;
  GlobalFonts.registerFromPath(path.join(fontDir, 'DejaVuSans-Bold.ttf'), 'ScanSansBold');
  GlobalFonts.registerFromPath(path.join(fontDir, 'DejaVuSans.ttf'), 'ScanSans');
  fontsReady = true;
}

export interface MakeScanOptions {
  seed: number;
  /** scan resolution; default: seeded, 300 for most pages, 200 for some documents */
  dpi?: number;
  /** rotation in degrees (e.g. 1.5, or 90/180/270 for a page fed sideways); default: seeded ±2° */
  rotate?: number;
  /** add the received stamp on page 1; default: seeded (about half of the documents) */
  stamp?: boolean;
  /** add the red seal over the signature on the last page; default true */
  seal?: boolean;
  /** stamp number / date text (defaults "1234" / "03/7/2023") */
  stampNumber?: string;
  stampDate?: string;
}

/** seeded PRNG (mulberry32) */
export const rng = mulberry32;

export async function makeScan(inputPdf: Uint8Array, opts: MakeScanOptions): Promise<Uint8Array> {
  registerFonts();
  const docRand = rng(opts.seed);
  const dpi = opts.dpi ?? (docRand() < 0.75 ? 300 : 200);
  const stamp = opts.stamp ?? docRand() < 0.5;
  const seal = opts.seal ?? true;
  const src = await openPdf(inputPdf);
  const out = new PDFDocument({ autoFirstPage: false, compress: true, info: { CreationDate: new Date(Date.UTC(2023, 6, 3)), Producer: 'tonghop make-scans', Creator: 'tonghop make-scans' } });
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => { out.on('end', () => resolve()); out.on('error', reject); });
  try {
    for (let p = 1; p <= src.numPages; p++) {
      const r = rng(opts.seed * 7919 + p);
      const page = await src.getPage(p);
      const vp1 = page.getViewport({ scale: 1 });
      const vp = page.getViewport({ scale: dpi / 72 });
      const w = Math.ceil(vp.width), h = Math.ceil(vp.height);
      const rgba = await renderRgba(page, vp, w, h);
      page.cleanup();
      const angle = opts.rotate ?? (r() * 4 - 2);
      const jpeg = await scanPage(rgba, w, h, dpi, angle, r, {
        seal: seal && p === src.numPages,
        stamp: stamp && p === 1,
        stampNumber: opts.stampNumber ?? '1234',
        stampDate: opts.stampDate ?? '03/7/2023',
      });
      const quarter = Math.round(((angle % 360) + 360) % 360 / 90) % 2 === 1 && Math.abs(Math.abs(angle % 180) - 90) < 5;
      const [pw, ph] = quarter ? [vp1.height, vp1.width] : [vp1.width, vp1.height];
      out.addPage({ size: [pw, ph], margin: 0 });
      out.image(jpeg, 0, 0, { width: pw, height: ph });
    }
  } finally {
    await src.destroy();
  }
  out.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

interface Extras { seal: boolean; stamp: boolean; stampNumber: string; stampDate: string }

async function scanPage(rgba: Uint8ClampedArray, w: number, h: number, dpi: number, angle: number, r: () => number, extras: Extras): Promise<Buffer> {
  const px = dpi / 72; // pixels per point
  const pageCanvas = createCanvas(w, h);
  const pctx = pageCanvas.getContext('2d');
  pctx.putImageData(new ImageData(rgba, w, h), 0, 0);
  // Marks go onto the page before skew (they are on the paper).
  const ink = darkMap(rgba, w, h);
  if (extras.stamp) drawReceivedStamp(pctx, ink, w, h, px, r, extras);
  if (extras.seal) drawSeal(pctx, ink, w, h, px, r);
  // Skew / rotate on a white scanner bed.
  const quarter = Math.abs(Math.abs(angle % 180) - 90) < 5;
  const [ow, oh] = quarter ? [h, w] : [w, h];
  const canvas = createCanvas(ow, oh);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, ow, oh);
  ctx.translate(ow / 2, oh / 2);
  ctx.rotate((angle * Math.PI) / 180);
  ctx.drawImage(pageCanvas, -w / 2, -h / 2);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  const img = ctx.getImageData(0, 0, ow, oh);
  degrade(img.data, ow, oh, r);
  ctx.putImageData(img, 0, 0);
  const quality = 70 + Math.floor(r() * 16);
  return canvas.encode('jpeg', quality);
}

/** Dark-pixel counts on a 1/8 grid, for placing marks. */
interface DarkMap { gw: number; gh: number; cell: number; counts: Uint16Array }
function darkMap(rgba: Uint8ClampedArray, w: number, h: number): DarkMap {
  const cell = 8;
  const gw = Math.ceil(w / cell), gh = Math.ceil(h / cell);
  const counts = new Uint16Array(gw * gh);
  for (let y = 0; y < h; y += 2) {
    const row = ((y / cell) | 0) * gw;
    for (let x = 0; x < w; x += 2) {
      const s = (y * w + x) * 4;
      if (rgba[s] + rgba[s + 1] + rgba[s + 2] < 384) counts[row + ((x / cell) | 0)]++;
    }
  }
  return { gw, gh, cell, counts };
}
function darkIn(m: DarkMap, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  const gx0 = Math.max(0, Math.floor(x0 / m.cell)), gx1 = Math.min(m.gw - 1, Math.floor(x1 / m.cell));
  const gy0 = Math.max(0, Math.floor(y0 / m.cell)), gy1 = Math.min(m.gh - 1, Math.floor(y1 / m.cell));
  for (let gy = gy0; gy <= gy1; gy++) for (let gx = gx0; gx <= gx1; gx++) n += m.counts[gy * m.gw + gx];
  return n;
}

function drawReceivedStamp(ctx: SKRSContext2D, ink: DarkMap, w: number, h: number, px: number, r: () => number, e: Extras): void {
  const sw = Math.round(132 * px), sh = Math.round(50 * px);
  // emptiest spot in the top 40 %; if none is empty, anywhere on the page (higher is better), so
  // the stamp lands on text only when the page has no room (the ground truth stays readable).
  let best = { x: Math.round(w * 0.08), y: Math.round(h * 0.02), score: Infinity };
  const step = Math.round(10 * px);
  const jitter = r();
  for (const maxY of [h * 0.4, h * 0.97]) {
    for (let y = Math.round(h * 0.005); y + sh < maxY; y += step) {
      for (let x = Math.round(w * 0.02); x + sw < w * 0.98; x += step) {
        const score = darkIn(ink, x - 2 * px, y - 2 * px, x + sw + 2 * px, y + sh + 2 * px) + (x + y) * 1e-6 * (1 + jitter);
        if (score < best.score) best = { x, y, score };
      }
    }
    if (best.score < 1) break;
  }
  ctx.save();
  ctx.translate(best.x + sw / 2, best.y + sh / 2);
  ctx.rotate(((r() * 6 - 3) * Math.PI) / 180);
  ctx.globalCompositeOperation = 'multiply';
  const colour = r() < 0.5 ? 'rgba(40,50,190,0.85)' : 'rgba(100,40,170,0.85)';
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 1.6 * px;
  ctx.strokeRect(-sw / 2, -sh / 2, sw, sh);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = `${Math.round(11 * px)}px ScanSansBold`;
  ctx.fillText('CÔNG VĂN ĐẾN', 0, -sh / 2 + 10 * px);
  ctx.textAlign = 'left';
  ctx.font = `${Math.round(9.5 * px)}px ScanSans`;
  ctx.fillText(`Số: ${e.stampNumber}`, -sw / 2 + 8 * px, -sh / 2 + 25 * px);
  ctx.fillText(`Ngày: ${e.stampDate}`, -sw / 2 + 8 * px, -sh / 2 + 39 * px);
  ctx.restore();
}

function drawSeal(ctx: SKRSContext2D, ink: DarkMap, w: number, _h: number, px: number, r: () => number): void {
  // Signature block: the lowest ink in the right half of the page.
  let bottom = -1;
  for (let gy = ink.gh - 1; gy >= 0 && bottom < 0; gy--) {
    let n = 0;
    for (let gx = Math.floor(ink.gw / 2); gx < ink.gw; gx++) n += ink.counts[gy * ink.gw + gx];
    if (n > 4) bottom = gy * ink.cell;
  }
  if (bottom < 0) return;
  let x0 = w, x1 = 0;
  for (let gy = Math.max(0, Math.floor((bottom - 120 * px) / ink.cell)); gy * ink.cell <= bottom; gy++) {
    for (let gx = Math.floor(ink.gw / 2); gx < ink.gw; gx++) if (ink.counts[gy * ink.gw + gx] > 0) { x0 = Math.min(x0, gx * ink.cell); x1 = Math.max(x1, gx * ink.cell); }
  }
  const radius = (44 + r() * 8) * px;
  const cx = x0 + (x1 - x0) * (0.25 + r() * 0.2);
  const cy = bottom - (55 + r() * 25) * px;
  ctx.save();
  ctx.globalCompositeOperation = 'multiply';
  ctx.translate(cx, cy);
  ctx.rotate(r() * Math.PI * 2);
  const colour = 'rgba(215,35,45,0.8)';
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 2.4 * px;
  ctx.beginPath(); ctx.arc(0, 0, radius, 0, Math.PI * 2); ctx.stroke();
  ctx.lineWidth = 1 * px;
  ctx.beginPath(); ctx.arc(0, 0, radius * 0.68, 0, Math.PI * 2); ctx.stroke();
  // star
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const a = (i * Math.PI) / 5 - Math.PI / 2;
    const rr = i % 2 === 0 ? radius * 0.28 : radius * 0.11;
    if (i === 0) ctx.moveTo(Math.cos(a) * rr, Math.sin(a) * rr); else ctx.lineTo(Math.cos(a) * rr, Math.sin(a) * rr);
  }
  ctx.closePath(); ctx.fill();
  // text around the ring
  const text = 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI * TỈNH HÀ GIANG * ';
  ctx.font = `${Math.round(8 * px)}px ScanSansBold`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const a = (i / chars.length) * Math.PI * 2;
    ctx.save();
    ctx.rotate(a);
    ctx.fillText(chars[i], 0, -radius * 0.84);
    ctx.restore();
  }
  ctx.restore();
}

/** Slight blur, toner/paper unevenness and sensor noise. */
function degrade(d: Uint8ClampedArray, w: number, h: number, r: () => number): void {
  // 3-tap horizontal + vertical blur (≈0.5 px) per channel
  const tmp = new Uint8ClampedArray(d.length);
  const k1 = 45, k0 = 256 - 2 * k1;
  const row = w * 4;
  for (let y = 0; y < h; y++) {
    const o = y * row;
    for (let x = 0; x < row; x++) {
      const i = o + x;
      const l = x >= 4 ? d[i - 4] : d[i], rr = x < row - 4 ? d[i + 4] : d[i];
      tmp[i] = (l * k1 + d[i] * k0 + rr * k1) >> 8;
    }
  }
  for (let y = 0; y < h; y++) {
    const o = y * row;
    for (let x = 0; x < row; x++) {
      const i = o + x;
      const u = y > 0 ? tmp[i - row] : tmp[i], dn = y < h - 1 ? tmp[i + row] : tmp[i];
      d[i] = (u * k1 + tmp[i] * k0 + dn * k1) >> 8;
    }
  }
  // paper tone + noise: a cheap approximately-Gaussian value per pixel (sum of 2 uniforms)
  const tone = 236 + Math.floor(r() * 14);
  const amp = 5 + r() * 7;
  let s = Math.floor(r() * 2 ** 31) | 1;
  for (let i = 0; i < d.length; i += 4) {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    const n = (((s & 0xffff) + ((s >>> 16) & 0xffff)) / 65536 - 1) * amp;
    for (let c = 0; c < 3; c++) {
      const v = d[i + c];
      d[i + c] = (v * tone) / 255 + n;
    }
  }
}

/** Seed from a file name, so each fixture gets its own stable variation. */
export function seedFromName(name: string): number {
  return crypto.createHash('sha256').update(name).digest().readUInt32BE(0);
}
