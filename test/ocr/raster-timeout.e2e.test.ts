// A scanned document whose page render never finishes fails alone with raster.timeout, through
// the real pipeline (intake, probe, text stage, OCR service, raster worker), while the other
// documents of the same run complete. OCR of the two good pages comes from fixtures/ocr-snapshots.
import fs from 'node:fs';
import path from 'node:path';
import { openApp, type App } from '../../pipeline/app.js';
import { makeConfig } from '../../pipeline/config.js';
import { takeIn } from '../../pipeline/intake.js';
import { processPending } from '../../pipeline/runner.js';
import { createOcrService } from '../../pipeline/ocr-service.js';
import type { OcrService } from '../../pipeline/stage.js';
import { closeRasterWorkers } from '../../extractors/ocr/raster-isolated.js';
import { tempDir } from '../helpers.js';
import { jpegScanPdf } from './sample-pdf.js';

describe('raster worker in the pipeline', () => {
  let app: App | undefined;
  let ocr: OcrService | null = null;
  afterAll(async () => { await ocr?.close(); await app?.close(); await closeRasterWorkers(); });

  it('a hanging page fails its document with raster.timeout; the others are read', async () => {
    const dir = tempDir('tonghop-raster-');
    const files = await Promise.all(['A', 'B', 'C'].map(async (l) => {
      const f = path.join(dir, `scan-${l}.pdf`);
      fs.writeFileSync(f, await jpegScanPdf(l));
      return f;
    }));
    const hanging = fs.readFileSync(files[0]);
    const ocrCfg = { cacheDir: path.join(process.cwd(), 'fixtures', 'ocr-snapshots') };
    app = openApp(makeConfig({ dbFile: path.join(dir, 'tonghop.db'), ocr: ocrCfg }));
    // a raster clock shorter than the default minute (per page; the worker's start-up has its own), so the test does not wait that long
    const limits = { ...app.cfg.limits, parseTimeoutMs: 30_000 };
    ocr = await createOcrService(makeConfig({ dbFile: path.join(dir, 'tonghop.db'), ocr: ocrCfg, limits }),
      { hangRasterForTests: (bytes) => Buffer.from(bytes).equals(hanging) });
    for (const f of files) takeIn(app, f);
    await processPending({ ...app, ocr: async () => ocr });
    const byName = new Map(files.map((f) => [path.basename(f), app!.db.prepare('SELECT status, error_code FROM documents WHERE file_name = ?').get(path.basename(f)) as { status: string; error_code: string | null }]));
    expect(byName.get('scan-A.pdf')).toEqual({ status: 'failed', error_code: 'raster.timeout' });
    for (const n of ['scan-B.pdf', 'scan-C.pdf']) {
      expect(byName.get(n)).toMatchObject({ error_code: null });
      expect(byName.get(n)!.status).not.toBe('failed');
      expect(byName.get(n)!.error_code).toBeNull();
    }
  }, 300_000);
});
