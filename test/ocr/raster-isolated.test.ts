import { openPdf } from '../../extractors/pdf-document.js';
import { closeRasterWorkers, RasterSession, rasterWorkerCount } from '../../extractors/ocr/raster-isolated.js';
import { rasterisePage } from '../../extractors/ocr/rasterise.js';
import { fullPageImageStream, loadForImages, singleImagePlacement } from '../../extractors/ocr/embedded-image.js';
import { TonghopError } from '../../model/errors.js';
import { jpegScanPdf, makeSamplePdf } from './sample-pdf.js';

const limits = { timeoutMs: 60_000, maxHeapMb: 256, maxPages: 10 };

afterAll(async () => { await closeRasterWorkers(); });

describe('raster worker', () => {
  it('a page that never finishes fails its document with raster.timeout; the other documents complete and the main thread stays free', async () => {
    const [a, b, c] = await Promise.all(['A', 'B', 'C'].map(jpegScanPdf));
    let ticks = 0;
    const tick = setInterval(() => { ticks++; }, 20);
    const t0 = Date.now();
    const run = async (bytes: Uint8Array, hang: boolean) => {
      // the same limits for all three, except a shorter clock for the one that hangs (worker start-up through tsx is slow on a busy machine)
      const s = RasterSession.open(bytes, { ...limits, timeoutMs: hang ? 5000 : 60_000 });
      try { return await s.page(1, { hangForTests: hang }); } finally { await s.close(); }
    };
    const [hung, ok1, ok2] = await Promise.allSettled([run(a, true), run(b, false), run(c, false)]);
    const elapsed = Date.now() - t0;
    clearInterval(tick);
    expect(hung.status).toBe('rejected');
    const err = (hung as PromiseRejectedResult).reason;
    expect(err).toBeInstanceOf(TonghopError);
    expect((err as TonghopError).code).toBe('raster.timeout');
    expect((err as TonghopError).category).toBe('ocr');
    for (const r of [ok1, ok2]) {
      if (r.status === 'rejected') throw r.reason;
      const raster = (r as PromiseFulfilledResult<Awaited<ReturnType<RasterSession['page']>>>).value;
      expect(raster.method).toBe('embedded-image'); // the scan's own image, as pdfjs decodes it (the default)
      expect(raster.dpi).toBeCloseTo(200, 0);
      expect(raster.data.length).toBe(raster.width * raster.height);
      expect(raster.data.some((v) => v < 100)).toBe(true);
    }
    // the spinning worker never held the event loop: timers kept firing through the timeout
    expect(ticks).toBeGreaterThan(elapsed / 20 / 4);
  });

  it('a killed session refuses further pages with the same error, and its worker is not kept', async () => {
    const s = RasterSession.open(await jpegScanPdf('D'), { ...limits, timeoutMs: 3000 });
    await expect(s.page(1, { hangForTests: true })).rejects.toMatchObject({ code: 'raster.timeout' });
    await expect(s.page(1)).rejects.toMatchObject({ code: 'raster.timeout' });
    await s.close();
    await closeRasterWorkers();
    // give the terminated thread a moment to exit
    for (let i = 0; i < 50 && rasterWorkerCount() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(rasterWorkerCount()).toBe(0);
  });

  it('documents share one raster worker: pages of two documents asked at once come from the same thread, each right', async () => {
    await closeRasterWorkers();
    const [a, b] = await Promise.all([jpegScanPdf('F'), makeSamplePdf(2)]);
    const sa = RasterSession.open(a, limits), sb = RasterSession.open(b, limits);
    const counts: number[] = [];
    const both = await Promise.all([sa.page(1), sb.page(1, { dpi: 72 }), sb.page(2, { dpi: 72 }), sa.page(1, { blur: 0 })].map(async (p) => {
      const r = await p;
      counts.push(rasterWorkerCount());
      return r;
    }));
    await Promise.all([sa.close(), sb.close()]);
    expect(counts).toEqual([1, 1, 1, 1]);
    expect(both.map((r) => r.method)).toEqual(['embedded-image', 'render', 'render', 'embedded-image']);
    expect([both[1].width, both[2].width]).toEqual([Math.ceil(595.28), Math.ceil(595.28)]);
    expect(Buffer.from(both[0].data).equals(Buffer.from(both[3].data))).toBe(false); // blurred and not
    // a document closed in the worker is gone there; the worker stays for the next one
    const again = RasterSession.open(a, limits);
    expect((await again.page(1)).method).toBe('embedded-image');
    await again.close();
    expect(rasterWorkerCount()).toBe(1);
  });

  it('a page stuck past stuckAfterMs does not hold up the next document: it gets a worker of its own', async () => {
    const [a, b] = await Promise.all([jpegScanPdf('G'), jpegScanPdf('H')]);
    const lim = { ...limits, timeoutMs: 8000, stuckAfterMs: 500 };
    const hung = RasterSession.open(a, lim), ok = RasterSession.open(b, lim);
    const t0 = Date.now();
    const stuck = hung.page(1, { hangForTests: true });
    stuck.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200)); // the hanging page takes the worker first
    const r = await ok.page(1);
    const waited = Date.now() - t0;
    expect(r.method).toBe('embedded-image');
    expect(waited).toBeLessThan(7000); // not the hung page's 8 s limit
    await expect(stuck).rejects.toMatchObject({ code: 'raster.timeout' });
    await Promise.all([hung.close(), ok.close()]);
  });

  it('a page that is not one image is rendered by pdfjs in the worker, with the same pixels as on the main thread', async () => {
    const bytes = await makeSamplePdf(1);
    const s = RasterSession.open(bytes, limits);
    const r = await s.page(1, { dpi: 100 });
    await s.close();
    expect(r.method).toBe('render');
    const doc = await openPdf(bytes);
    const local = await rasterisePage(await doc.getPage(1), { dpi: 100 });
    await doc.destroy();
    expect(Buffer.from(r.data).equals(Buffer.from(local.data))).toBe(true);
  });

  it('decodes the scan image natively at its own size, close to what pdfjs decodes', async () => {
    const bytes = await jpegScanPdf('E');
    const images = await loadForImages(bytes);
    const stream = fullPageImageStream(images!, 0);
    expect(stream).toMatchObject({ filter: 'DCTDecode', width: 1654, height: 2339 });
    const s = RasterSession.open(bytes, limits);
    const native = await s.page(1, { blur: 0, decode: 'native' });
    expect(native.method).toBe('native-image');
    await s.close();
    const doc = await openPdf(bytes);
    const viaPdfjs = await rasterisePage(await doc.getPage(1));
    await doc.destroy();
    expect(viaPdfjs.method).toBe('embedded-image');
    expect([native.width, native.height]).toEqual([viaPdfjs.width, viaPdfjs.height]);
    let diff = 0;
    for (let i = 0; i < native.data.length; i++) diff += Math.abs(native.data[i] - viaPdfjs.data[i]);
    expect(diff / native.data.length).toBeLessThan(1); // two JPEG decoders: off by a grey level at most, on average
  });
});

describe('singleImagePlacement', () => {
  it('accepts q/cm/Do/Q only', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(singleImagePlacement(enc('1 0 0 -1 0 841.89 cm\nq\n595.28 0 0 -841.89 0 841.89 cm\n/I1 Do\nQ\n'))).toEqual({ name: 'I1', ctm: [595.28, 0, 0, 841.89, 0, 0] });
    expect(singleImagePlacement(enc('q 595 0 0 842 0 0 cm /Im0 Do Q BT /F1 12 Tf (x) Tj ET'))).toBeNull();
    expect(singleImagePlacement(enc('q 595 0 0 842 0 0 cm /Im0 Do Q q /Im1 Do Q'))).toBeNull();
    expect(singleImagePlacement(enc('0 0 m 10 10 l S'))).toBeNull();
  });
});
