// TIFF input (scanners often write TIFF): decoded with utif2, then the same OCR path as
// PNG/JPEG — here end to end through the pipeline, with the OCR result from the snapshot
// cache (real tesseract.js OCR on a miss, which writes the snapshot).
import fs from 'node:fs';
import path from 'node:path';
import UTIF from 'utif2';
import { openPdf } from '../../extractors/pdf-document.js';
import { loadImageBytes } from '../../extractors/ocr/image-file.js';
import { renderRgba } from '../../extractors/ocr/rasterise.js';
import { RasterError } from '../../extractors/ocr/raster-error.js';
import { makeConfig } from '../../pipeline/config.js';
import { openApp } from '../../pipeline/app.js';
import { ingestPaths } from '../../pipeline/ingest.js';
import { exportDocuments } from '../../reports/export-documents.js';
import { makeSamplePdf, SAMPLE_TRUTH } from './sample-pdf.js';
import { tempDir } from '../helpers.js';
import { PageImages } from '../../review/page-images.js';

async function sampleTiff(dpi: number): Promise<Buffer> {
  const doc = await openPdf(await makeSamplePdf(1));
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale: dpi / 72 });
  const w = Math.ceil(viewport.width), h = Math.ceil(viewport.height);
  const rgba = await renderRgba(page, viewport, w, h);
  await doc.destroy();
  return Buffer.from(UTIF.encodeImage(new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength), w, h));
}

describe('TIFF input', () => {
  it('decodes the first page to greyscale with its size', async () => {
    const tiff = await sampleTiff(100);
    const img = await loadImageBytes(tiff, { defaultDpi: 100 });
    expect(img.width).toBe(Math.ceil((595.28 * 100) / 72));
    expect(img.data.length).toBe(img.width * img.height);
    expect(img.data.filter((v) => v < 128).length).toBeGreaterThan(1000);
  });

  it('refuses an oversized or broken TIFF with a stable code', async () => {
    const tiff = await sampleTiff(72);
    await expect(loadImageBytes(tiff, { maxPixels: 1000 })).rejects.toMatchObject({ code: 'raster.too_large' });
    const broken = Buffer.concat([tiff.subarray(0, 8), Buffer.alloc(16)]);
    await expect(loadImageBytes(broken)).rejects.toBeInstanceOf(RasterError);
  });

  it('goes through the pipeline as a scanned page', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'bao cao quét.tif');
    fs.writeFileSync(file, await sampleTiff(300));
    const app = openApp(makeConfig({ dbFile: path.join(dir, 'db', 'tonghop.db'), ocr: { cacheDir: path.join(process.cwd(), 'fixtures', 'ocr-snapshots') } }));
    try {
      await ingestPaths(app, [file]);
      const [d] = exportDocuments(app.repo).documents;
      expect(d.status).not.toBe('failed');
      expect(d.textSource).toBe('ocr');
      expect(d.docNumber).toBe(SAMPLE_TRUTH.docNumber);
      expect(d.issueDate).toBe('2023-06-29');
      // the review UI shows the same page
      const images = new PageImages(path.join(dir, 'png'), path.join(app.cfg.dataDir, 'store'));
      const shown = await images.page(app.repo.get(d.id)!, 1);
      expect(shown.ok).toBe(true);
    } finally {
      await app.close();
    }
  }, 120_000);
});
