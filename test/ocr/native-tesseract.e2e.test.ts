// The native OCR engine (extractors/ocr/native-tesseract.ts): the installed `tesseract` with
// tonghop's own model. CI installs it (scripts/install-system-deps.sh); where it is missing these
// tests fail, unless TONGHOP_TEST_NATIVE_OCR=skip says so explicitly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPdf } from '../../extractors/pdf-document.js';
import { findNativeTesseract, NativeOcrPool } from '../../extractors/ocr/native-tesseract.js';
import { resolveEngine } from '../../extractors/ocr/engine.js';
import { CachedOcr } from '../../extractors/ocr/ocr-cache.js';
import { ocrImage } from '../../extractors/ocr/ocr-page.js';
import { rasterisePage } from '../../extractors/ocr/rasterise.js';
import { cropGrey, type GreyImage } from '../../extractors/ocr/pixels.js';
import { makeScan } from '../../testkit/generator/make-scans.js';
import { makeSamplePdf, SAMPLE_TRUTH } from './sample-pdf.js';
import { readStampedSample, squash } from './sample-read.js';

const skip = process.env.TONGHOP_TEST_NATIVE_OCR === 'skip';
const d = skip ? describe.skip : describe;

async function scanPage(opts: { seed: number; rotate?: 0 | 90 | 180 | 270; pages?: number; page?: number }): Promise<GreyImage> {
  const doc = await openPdf(await makeScan(await makeSamplePdf(opts.pages ?? 1), { seed: opts.seed, dpi: 300, rotate: opts.rotate ?? 0, stamp: false }));
  const r = await rasterisePage(await doc.getPage(opts.page ?? 1), { dpi: 300 });
  await doc.destroy();
  return r;
}

d('native tesseract engine', () => {
  const tesseract = findNativeTesseract();
  let pool: NativeOcrPool;
  beforeAll(() => {
    if (!tesseract) throw new Error('tesseract 5+ is not installed (apt-get install tesseract-ocr); TONGHOP_TEST_NATIVE_OCR=skip skips these tests');
    pool = new NativeOcrPool({ tesseract, workers: 2 });
  });
  afterAll(async () => { await pool?.terminate(); });

  it('is found and named apart from the WebAssembly engine', () => {
    expect(tesseract!.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pool.engine).toMatch(/^tesseract@\d+\.\d+\.\d+\/vie-4\.0\.0_best_int-[0-9a-f]{12}\/lstm$/);
    expect(pool.osdEngine).toMatch(/^tesseract@.*\/osd-[0-9a-f]{12}$/);
  });

  it('reads number, date and figures of a scanned page, boxes in the page frame', async () => {
    const page = await readStampedSample(pool);
    expect(page.numberReread?.text).toContain('280/BC-SLĐTBXH');
    expect(page.receivedStamp?.number).toBe('1234');
  });

  it('reads a rectangle in the full image\'s coordinates', async () => {
    const img = await scanPage({ seed: 2 });
    const whole = await pool.recognise(img);
    const line = whole.lines.find((l) => l.text.includes('280/'))!;
    const pad = 20;
    const rectangle = { left: line.bbox.x0 - pad, top: line.bbox.y0 - pad, width: line.bbox.x1 - line.bbox.x0 + 2 * pad, height: line.bbox.y1 - line.bbox.y0 + 2 * pad };
    const r = await pool.recognise(img, { rectangle, psm: 'single_line' });
    expect(squash(r.lines.map((l) => l.text).join(' '))).toContain(squash(SAMPLE_TRUTH.docNumber));
    expect(Math.abs(r.lines[0].bbox.y0 - line.bbox.y0)).toBeLessThan(6);
    expect(r.width).toBe(img.width);
  });

  it('sends re-reads asked together with the same settings to one process, with the answers each would get alone', async () => {
    const img = await scanPage({ seed: 5 });
    const whole = await pool.recognise(img);
    const figures = whole.lines.flatMap((l) => l.words).filter((w) => /^\d[\d.,%]*$/.test(w.text)).slice(0, 6);
    expect(figures.length).toBeGreaterThanOrEqual(4);
    const crops = figures.map((w) => cropGrey(img, { left: w.bbox.x0 - 10, top: w.bbox.y0 - 10, width: w.bbox.x1 - w.bbox.x0 + 20, height: w.bbox.y1 - w.bbox.y0 + 20 }));
    const opts = { psm: 'single_line' as const, whitelist: '0123456789.,%' };
    const before = pool.stats();
    const together = await Promise.all(crops.map((c) => pool.recognise(c, opts)));
    const after = pool.stats();
    expect(after.jobs - before.jobs).toBe(crops.length);
    expect(after.processes - before.processes).toBe(1);
    const alone = [];
    for (const c of crops) alone.push(await pool.recognise(c, opts));
    expect(together.map((r) => r.lines.map((l) => l.text).join(' '))).toEqual(alone.map((r) => r.lines.map((l) => l.text).join(' ')));
    expect(together.map((r) => r.lines.map((l) => l.text).join(' '))).toEqual(figures.map((w) => w.text));
  });

  it('turns a page scanned upside down with one OSD pass', async () => {
    const img = await scanPage({ seed: 4, rotate: 180 });
    expect(await pool.orientation(img)).toMatchObject({ rotation: 180 });
    const page = await ocrImage(img, pool);
    expect(page.rotation).toBe(180);
  });

  it('kills a job past its time limit with ocr.failed, and goes on reading', async () => {
    const img = await scanPage({ seed: 6 });
    const slow = new NativeOcrPool({ tesseract: tesseract!, workers: 1, jobTimeoutMs: 50 });
    try {
      await expect(slow.recognise(img)).rejects.toMatchObject({ code: 'ocr.failed', message: expect.stringContaining('giây') });
    } finally {
      await slow.terminate();
    }
    expect((await pool.recognise(cropGrey(img, { left: 0, top: 0, width: img.width, height: 600 }))).lines.length).toBeGreaterThan(0);
  });

  it('reads pages after the first at readDpi and gives boxes in the full image', async () => {
    const img = await scanPage({ seed: 7, pages: 2, page: 2 });
    const full = await ocrImage(img, pool, { page: 1 });
    const reduced = await ocrImage(img, pool, { page: 2, readDpi: 200 });
    expect(reduced.dpi).toBe(img.dpi);
    const a = full.lines.find((l) => l.text.includes(SAMPLE_TRUTH.figure));
    const b = reduced.lines.find((l) => l.text.includes(SAMPLE_TRUTH.figure));
    expect(a && b).toBeTruthy();
    expect(Math.abs(a!.box.y - b!.box.y)).toBeLessThan(3);
    expect(Math.abs(a!.box.x - b!.box.x)).toBeLessThan(3);
  });

  it('auto picks it; wasm and a missing program are honoured', () => {
    expect(resolveEngine('auto').kind).toBe('native');
    expect(resolveEngine('wasm').kind).toBe('wasm');
    const saved = process.env.TONGHOP_TESSERACT;
    process.env.TONGHOP_TESSERACT = '/nonexistent/tesseract';
    try {
      expect(resolveEngine('auto').kind).toBe('wasm');
      expect(() => resolveEngine('native')).toThrow(expect.objectContaining({ code: 'ocr.native_missing' }));
    } finally {
      if (saved === undefined) delete process.env.TONGHOP_TESSERACT; else process.env.TONGHOP_TESSERACT = saved;
    }
  });

  it('caches its readings under its own identity, apart from tesseract.js snapshots', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-native-cache-'));
    try {
      const img = cropGrey(await scanPage({ seed: 8 }), { left: 0, top: 0, width: 2480, height: 700 });
      const a = new CachedOcr({ dir, poolOptions: { engine: 'native', workers: 1 } });
      const first = await a.recognise(img);
      expect(a.kind).toBe('native');
      expect(first.engine).toBe(pool.engine);
      const again = await a.recognise(img);
      expect(a.hits).toBe(1);
      expect(again.text).toBe(first.text);
      await a.terminate();
      const w = new CachedOcr({ dir, offline: true, poolOptions: { engine: 'wasm' } });
      await expect(w.recognise(img)).rejects.toThrow(/cache miss/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
