// Runs inside the raster worker thread (started by raster-isolated.ts through
// raster-worker-boot.mjs): holds the documents of the sessions it serves (by the session's doc
// number) and turns their pages into greyscale rasters on request, one at a time. A page that is
// one full-page image is taken as pdfjs decodes it, or, with decode: 'native', decoded natively
// from its stream (embedded-image.ts); any other page is rendered with pdfjs. The parent kills
// the thread on timeout, so nothing here has to guard against a page that never finishes.
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort } from 'node:worker_threads';
import type { PDFDocument } from 'pdf-lib';
import { openPdf, PdfOpenError, type PDFDocumentProxy } from '../pdf-document.js';
import { finishRaster, rasterisePage, type RasterResult } from './rasterise.js';
import { blurGreyInPlace } from './pixels.js';
import { DEFAULT_MAX_PIXELS, RasterError } from './raster-error.js';
import type { RasterReply, RasterRequest, RasterPageOptions } from './raster-isolated.js';

const port = parentPort!;

// A page leaves three page-sized buffers behind (the decoded image, the canvas, its pixels:
// ~100 MB at 300 dpi) that V8 frees only at its next full collection; collecting after every
// page keeps the thread's memory flat (peak RSS of the 12-page bench −50 MB, CPU unchanged).
// Workers cannot take --expose-gc in execArgv: the flag is set here, and gc taken from a context.
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

interface Doc { bytes: Uint8Array; maxPages: number; images?: PDFDocument | null; pdfjs?: PDFDocumentProxy }
const docs = new Map<number, Doc>();

/** Blur used when none is asked: 0.6 px on scan images (measured to help on JPEG noise), none on renders. */
const SCAN_BLUR = 0.6;

async function rasterise(d: Doc, pageNo: number, o: RasterPageOptions): Promise<RasterResult> {
  const maxPixels = o.maxPixels ?? DEFAULT_MAX_PIXELS;
  // pdf-lib and the native decoder load only when asked for (~20 MB a thread otherwise)
  const native = o.decode === 'native' || o.nativeAboveDpi !== undefined ? await import('./embedded-image.js') : null;
  if (native && d.images === undefined) d.images = await native.loadForImages(d.bytes);
  const stream = native && d.images ? native.fullPageImageStream(d.images, pageNo - 1) : null;
  if (stream) {
    const imgDpi = (stream.width / stream.pageWidth) * 72;
    const square = Math.abs((stream.height / stream.pageHeight) * 72 - imgDpi) / imgDpi < 0.02;
    // Only worth it when the image is at a resolution tesseract reads well; else render at o.dpi.
    if (square && imgDpi >= 150 && imgDpi <= 600 && (o.decode === 'native' || imgDpi > (o.nativeAboveDpi ?? 0))) {
      if (stream.width * stream.height > maxPixels) throw new RasterError('raster.too_large', { width: stream.width, height: stream.height });
      const px = await native!.decodeImageStream(stream);
      if (px) return finishRaster(px, imgDpi, 'native-image', stream.pageWidth, stream.pageHeight, { suppressRed: o.suppressRed, blur: o.blur ?? SCAN_BLUR });
    }
  }
  d.pdfjs ??= await openPdf(d.bytes, { maxPages: d.maxPages });
  const page = await d.pdfjs.getPage(pageNo);
  try {
    const r = await rasterisePage(page, { dpi: o.dpi, suppressRed: o.suppressRed, maxPixels, blur: 0 });
    const blur = o.blur ?? (r.method === 'embedded-image' ? SCAN_BLUR : 0);
    if (blur > 0) blurGreyInPlace(r.data, r.width, r.height, blur); // the raster is this request's own
    return r;
  } finally {
    page.cleanup();
  }
}

async function handle(req: RasterRequest): Promise<RasterReply> {
  try {
    switch (req.op) {
      case 'open':
        await docs.get(req.doc)?.pdfjs?.destroy();
        docs.set(req.doc, { bytes: req.bytes, maxPages: req.maxPages });
        return { id: req.id, ok: true };
      case 'page': {
        const doc = docs.get(req.doc);
        if (!doc) throw new Error('chưa mở tài liệu');
        if (req.opts.hangForTests) for (;;) { /* test hook: a render that never finishes */ }
        const t0 = Date.now();
        const raster = await rasterise(doc, req.page, req.opts);
        collect();
        return { id: req.id, ok: true, raster, ms: Date.now() - t0 };
      }
      case 'close': {
        const doc = docs.get(req.doc);
        docs.delete(req.doc);
        await doc?.pdfjs?.destroy();
        return { id: req.id, ok: true };
      }
    }
  } catch (err) {
    if (err instanceof RasterError || err instanceof PdfOpenError) return { id: req.id, ok: false, error: { code: err.code, message: err.message } };
    return { id: req.id, ok: false, error: { code: null, message: (err as Error)?.message ?? String(err) } };
  }
}

port.on('message', (req: RasterRequest) => {
  void handle(req).then((reply) => {
    const transfer: ArrayBuffer[] = [];
    if (reply.ok && reply.raster) {
      transfer.push(reply.raster.data.buffer as ArrayBuffer);
      if (reply.raster.inkGrid) transfer.push(reply.raster.inkGrid.blue.buffer as ArrayBuffer, reply.raster.inkGrid.black.buffer as ArrayBuffer);
    }
    port.postMessage(reply, transfer);
  });
});

// loaded: the parent starts its page clock from here (message id 0)
port.postMessage({ id: 0, ok: true });
