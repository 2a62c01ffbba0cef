// Runs inside the isolated worker (started by pdf-isolated.ts through pdf-worker-boot.mjs):
// one job at a time, answered with the same id. Expected refusals (PdfOpenError) are answered
// as data; anything else as an error message. The parent kills the thread on timeout.
import { parentPort } from 'node:worker_threads';
import { openPdf, PdfOpenError } from './pdf-document.js';
import { extractPageText } from './page-text.js';
import { probePdfBytes } from './pdf-probe.js';
import { useOneShotInflate } from './pdf-inflate.js';
import type { WorkerRequest, WorkerReply } from './pdf-isolated.js';
import type { PageText } from '../model/document.js';

const port = parentPort!;
useOneShotInflate(); // Flate through zlib in one call, not Web Streams (pdf-inflate.ts)

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  try {
    switch (req.op) {
      case 'probe':
        return { id: req.id, ok: true, result: await probePdfBytes(req.bytes, req.input) };
      case 'text': {
        const pdf = await openPdf(req.bytes, { maxPages: req.maxPages });
        try {
          const pages: PageText[] = [];
          for (const p of req.pages) pages.push(await extractPageText(pdf, p));
          return { id: req.id, ok: true, result: pages };
        } finally {
          await pdf.destroy();
        }
      }
      case 'crash': // test hook: what a pdfjs blow-up looks like to the parent
        if (req.how === 'exit') process.exit(70);
        { const hog: number[][] = []; for (;;) hog.push(new Array(1e6).fill(hog.length)); }
    }
  } catch (err) {
    if (err instanceof PdfOpenError) return { id: req.id, ok: false, error: { kind: 'open', code: err.code, message: err.message } };
    return { id: req.id, ok: false, error: { kind: 'other', message: (err as Error)?.message ?? String(err) } };
  }
}

port.on('message', (req: WorkerRequest) => {
  void handle(req).then((reply) => port.postMessage(reply));
});
