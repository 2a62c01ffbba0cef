// Snapshot path: OCR results of a scanned sample page are committed in fixtures/ocr-snapshots/,
// so these tests never start tesseract. Regenerate with UPDATE_OCR_SNAPSHOTS=1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPdf } from '../../extractors/pdf-document.js';
import { CachedOcr, OcrCache, ocrCacheKey, orientationCacheKey } from '../../extractors/ocr/ocr-cache.js';
import { engineId, osdEngineId, type OcrResult } from '../../extractors/ocr/ocr-pool.js';
import { ocrPdfPage, resultToPageText, type OcrPageText } from '../../extractors/ocr/ocr-page.js';
import type { GreyImage } from '../../extractors/ocr/pixels.js';
import { foldVietnamese } from '../../extractors/text-fold.js';
import { makeScan } from '../../testkit/generator/make-scans.js';
import { makeSamplePdf, SAMPLE_TRUTH } from './sample-pdf.js';

const SNAPSHOTS = path.resolve('fixtures/ocr-snapshots');
const update = process.env.UPDATE_OCR_SNAPSHOTS === '1';
const squash = (s: string) => foldVietnamese(s).replace(/\s+/g, '');
const stable = ({ timings: _t, ...rest }: OcrPageText) => rest;

describe('OCR snapshots', () => {
  it('answers from the snapshot without starting workers, identically each time', async () => {
    const ocr = new CachedOcr({ dir: SNAPSHOTS, offline: !update, readOnly: !update, poolOptions: { workers: 2 } });
    const doc = await openPdf(await makeScan(await makeSamplePdf(1), { seed: 7, dpi: 300, stamp: true }));
    try {
      const a = await ocrPdfPage(await doc.getPage(1), ocr);
      const b = await ocrPdfPage(await doc.getPage(1), ocr);
      expect(stable(b)).toEqual(stable(a));
      if (!update) expect(ocr.started).toBe(false);
      expect(ocr.hits).toBeGreaterThanOrEqual(1);
      expect(a.lines.some((l) => squash(l.text).includes(squash(SAMPLE_TRUTH.docNumber)))).toBe(true);
      expect(a.lines.some((l) => squash(l.text).includes(squash(SAMPLE_TRUTH.dateLine)))).toBe(true);
      expect(a.receivedStamp?.number).toBe('1234');
    } finally {
      await doc.destroy();
      await ocr.terminate();
    }
  });

  it('answers OSD from the cache; offline without the answer it gives null (the caller falls back to trial recognitions)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-osd-cache-'));
    const img: GreyImage = { width: 3, height: 2, data: new Uint8Array([9, 8, 7, 6, 5, 4]), dpi: 300 };
    const other: GreyImage = { ...img, data: new Uint8Array([1, 2, 3, 4, 5, 6]) };
    await new OcrCache(dir).put(orientationCacheKey(img, osdEngineId()!), { rotation: 180, conf: 14.2 });
    const ocr = new CachedOcr({ dir, offline: true });
    try {
      expect(await ocr.orientation(img)).toEqual({ rotation: 180, conf: 14.2 });
      expect(await ocr.orientation(other)).toBeNull();
      expect(ocr.started).toBe(false);
    } finally {
      await ocr.terminate();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keys on pixels, dpi, options and engine', () => {
    const img: GreyImage = { width: 2, height: 2, data: new Uint8Array([0, 1, 2, 3]), dpi: 300 };
    const e = engineId();
    const k = ocrCacheKey(img, {}, e);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(ocrCacheKey(img, { dpi: 300 }, e)).toBe(k);
    expect(ocrCacheKey(img, { dpi: 200 }, e)).not.toBe(k);
    expect(ocrCacheKey({ ...img, data: new Uint8Array([0, 1, 2, 4]) }, {}, e)).not.toBe(k);
    expect(ocrCacheKey(img, { rectangle: { left: 0, top: 0, width: 1, height: 1 } }, e)).not.toBe(k);
    expect(ocrCacheKey(img, {}, `${e}x`)).not.toBe(k);
  });

  it('stores and reads results; converts pixels to points', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocr-cache-'));
    const cache = new OcrCache(dir);
    const res: OcrResult = {
      width: 600, height: 300, dpi: 300, conf: 0.9, text: 'Số: 12/BC', engine: 'x', ms: 5,
      lines: [{ text: 'Số: 12/BC 2023', conf: 0.8, block: 0, bbox: { x0: 100, y0: 50, x1: 500, y1: 90 }, words: [
        { text: 'Số:', conf: 0.95, bbox: { x0: 100, y0: 50, x1: 160, y1: 90 } },
        { text: '12/BC', conf: 0.8, bbox: { x0: 170, y0: 50, x1: 260, y1: 90 } },
        { text: '2023', conf: 0.9, bbox: { x0: 400, y0: 50, x1: 500, y1: 90 } },
      ] }],
    };
    expect(await cache.get('k')).toBeNull();
    await cache.put('k', res);
    expect(await cache.get('k')).toEqual(res);
    const pt = resultToPageText(res, 3);
    expect(pt.width).toBeCloseTo(144);
    const b = pt.items[0].box;
    for (const [i, v] of [b.x, b.y, b.w, b.h].entries()) expect(v).toBeCloseTo([24, 12, 14.4, 9.6][i], 6);
    // a 140 px (33.6 pt) gap splits the line into two columns
    expect(pt.lines.map((l) => l.text)).toEqual(['Số: 12/BC', '2023']);
    expect(pt.lines[0].conf).toBe(0.8);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
