// The OCR service decodes page n+1 while page n is recognised when the process has more than one
// OCR thread; a process with one OCR thread (`tonghop worker --concurrency 1`, one per core) asks
// for page n+1 only after page n is read, so it keeps to its one core (issue 16). Observed on the
// real raster worker and OCR pool, through the order of their calls.
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { makeConfig } from '../../pipeline/config.js';
import { createOcrService } from '../../pipeline/ocr-service.js';
import { CachedOcr } from '../../extractors/ocr/ocr-cache.js';
import { closeRasterWorkers, RasterSession } from '../../extractors/ocr/raster-isolated.js';
import { tempDir } from '../helpers.js';
import { jpegScanPdf } from './sample-pdf.js';

async function twoPageScan(): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  for (const label of ['A', 'B']) {
    const src = await PDFDocument.load(await jpegScanPdf(label));
    const [page] = await out.copyPages(src, [0]);
    out.addPage(page);
  }
  return out.save({ useObjectStreams: false });
}

describe('OCR service: decoding the next page during recognition', () => {
  const pageOf = RasterSession.prototype.page;
  const recognise = CachedOcr.prototype.recognise;
  let events: string[] = [];
  beforeAll(() => {
    RasterSession.prototype.page = function (this: RasterSession, pageNo, opts) {
      events.push(`raster ${pageNo}`);
      return pageOf.call(this, pageNo, opts);
    };
    CachedOcr.prototype.recognise = async function (this: CachedOcr, img, opts) {
      // the page reads (no rectangle, automatic layout), not the re-reads of small regions
      const whole = !opts?.rectangle && (opts?.psm ?? 'auto') === 'auto';
      if (whole) events.push('read start');
      const r = await recognise.call(this, img, opts);
      if (whole) events.push('read end');
      return r;
    };
  });
  afterAll(async () => {
    RasterSession.prototype.page = pageOf;
    CachedOcr.prototype.recognise = recognise;
    await closeRasterWorkers();
  });

  const bytes = twoPageScan();
  const run = async (workers: number): Promise<string[]> => {
    events = [];
    const dir = tempDir('tonghop-lookahead-');
    const svc = (await createOcrService(makeConfig({ dbFile: path.join(dir, 'tonghop.db'), ocr: { workers, cacheDir: path.join(dir, 'ocr') } })))!;
    try {
      const pages = await svc.ocrPdfPages(await bytes, [1, 2]);
      expect(pages.map((p) => p.page)).toEqual([1, 2]);
      expect(pages.every((p) => p.lines.some((l) => /BÁO CÁO/.test(l.text)))).toBe(true);
    } finally {
      await svc.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return events;
  };

  it('two OCR threads: page 2 is asked for before page 1 is read', async () => {
    const e = await run(2);
    expect(e.indexOf('raster 2')).toBeGreaterThan(e.indexOf('raster 1'));
    expect(e.indexOf('raster 2')).toBeLessThan(e.indexOf('read end'));
  }, 120_000);

  it('one OCR thread: page 2 is asked for only after page 1 is read', async () => {
    const e = await run(1);
    expect(e.filter((x) => x.startsWith('raster'))).toEqual(['raster 1', 'raster 2']);
    expect(e.indexOf('raster 2')).toBeGreaterThan(e.indexOf('read end'));
    expect(e.lastIndexOf('read start')).toBeGreaterThan(e.indexOf('raster 2'));
  }, 120_000);
});
