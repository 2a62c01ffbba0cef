// Real OCR, end to end (tesseract.js, offline): a few pages only, ~30 s on 2 cores.
import { openPdf } from '../../extractors/pdf-document.js';
import { OcrPool, type OcrRecogniser, type OrientationResult } from '../../extractors/ocr/ocr-pool.js';
import { OSD_MIN_CONF, ocrPdfPage } from '../../extractors/ocr/ocr-page.js';
import { makeScan } from '../../testkit/generator/make-scans.js';
import { makeSamplePdf, SAMPLE_TRUTH } from './sample-pdf.js';
import { readStampedSample, squash } from './sample-read.js';


describe('OCR with tesseract.js (real)', () => {
  let pool: OcrPool;
  beforeAll(async () => { pool = await OcrPool.create({ workers: 2 }); });
  afterAll(async () => { await pool?.terminate(); });

  it('reads number, date and figures of a scanned page, and sets the received stamp apart', async () => {
    const page = await readStampedSample(pool);
    const lines = page.lines.map((l) => l.text);
    expect(page.source).toBe('ocr');
    expect(page.rotation).toBe(0);
    const num = page.lines.find((l) => l.text.includes('280/'))!;
    expect(num.conf).toBeGreaterThan(0.5);
    // the stamp's "Số: 1234" is not among the page's lines
    expect(page.receivedStamp?.number).toBe('1234');
    expect(page.receivedStamp?.date).toBe('03/7/2023');
    expect(lines.some((l) => l.includes('1234') && !l.includes('1.234'))).toBe(false);
  });

  it('recovers a page scanned sideways', async () => {
    const doc = await openPdf(await makeScan(await makeSamplePdf(1), { seed: 3, dpi: 300, rotate: 90, stamp: false }));
    const page = await ocrPdfPage(await doc.getPage(1), pool);
    await doc.destroy();
    expect(page.rotation).toBe(270);
    expect(page.width).toBeCloseTo(595.28, 0);
    const num = page.lines.find((l) => squash(l.text).includes(squash(SAMPLE_TRUTH.docNumber)));
    expect(num).toBeDefined();
    expect(num!.box.y).toBeLessThan(140);
  });

  it('turns a page scanned upside down with one OSD pass instead of trial recognitions', async () => {
    const doc = await openPdf(await makeScan(await makeSamplePdf(1), { seed: 4, dpi: 300, rotate: 180, stamp: false }));
    let reads = 0;
    let osd: OrientationResult | null = null;
    const counting: OcrRecogniser = {
      engine: pool.engine,
      recognise: (img, opts) => { reads++; return pool.recognise(img, opts); },
      orientation: async (img) => (osd = await pool.orientation(img)),
    };
    const page = await ocrPdfPage(await doc.getPage(1), counting);
    await doc.destroy();
    expect(osd).toMatchObject({ rotation: 180 });
    expect(osd!.conf).toBeGreaterThan(OSD_MIN_CONF);
    expect(page.rotation).toBe(180);
    expect(reads).toBe(2); // the first pass and the upright one; trial recognitions would add two crops
    const num = page.lines.find((l) => squash(l.text).includes(squash(SAMPLE_TRUTH.docNumber)));
    expect(num!.box.y).toBeLessThan(140);
  });

  it('fails fast with ocr.model_missing when the traineddata is absent', async () => {
    await expect(OcrPool.create({ langPath: '/nonexistent/tessdata' })).rejects.toMatchObject({ code: 'ocr.model_missing' });
  });
});
