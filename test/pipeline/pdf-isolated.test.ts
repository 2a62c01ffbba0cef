// pdfjs in a killable worker thread: same output as in-process, a wall-clock timeout that
// kills the worker, and a worker crash (exit or heap exhaustion) reported as a stable code.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { openPdf, PdfOpenError } from '../../extractors/pdf-document.js';
import { extractPageText } from '../../extractors/page-text.js';
import { probePdfBytes } from '../../extractors/pdf-probe.js';
import {
  probePdfIsolated, extractTextPagesIsolated, crashPdfWorkerForTests, closePdfWorkers, pdfWorkerCount, PdfIsolationError, warmPdfWorkers,
} from '../../extractors/pdf-isolated.js';
import { nativeBuiltinsInPlace } from '../../extractors/pdf-native-builtins.js';
import { OneShotInflateStream } from '../../extractors/pdf-inflate.js';
import { makeConfig } from '../../pipeline/config.js';
import { openApp } from '../../pipeline/app.js';
import { ingestPaths } from '../../pipeline/ingest.js';
import { pdfsIn, tempDir, bornDigitalFixtures } from '../helpers.js';

// generated on a clean clone when this file runs first
const dir = await bornDigitalFixtures();
const file = pdfsIn(dir)[0];
const bytes = fs.readFileSync(file);
const opts = { timeoutMs: 60_000, maxHeapMb: 512 };
const probeInput = { maxPages: 300, checkJavascript: true, checkAttachments: true, checkMarks: true };

async function until(cond: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return cond();
}

afterAll(() => closePdfWorkers());

test('probe and text in the worker equal the in-process results', async () => {
  const isolated = await probePdfIsolated(bytes, probeInput, opts);
  expect(isolated).toEqual(await probePdfBytes(bytes, probeInput));
  expect(isolated.kind).toBe('ok');
  const pageNumbers = isolated.kind === 'ok' ? isolated.textPages : [];
  expect(pageNumbers.length).toBeGreaterThan(0);

  const pages = await extractTextPagesIsolated(bytes, pageNumbers, { ...opts, maxPages: 300 });
  const pdf = await openPdf(bytes);
  try {
    const local = [];
    for (const p of pageNumbers) local.push(await extractPageText(pdf, p));
    expect(JSON.parse(JSON.stringify(pages))).toEqual(JSON.parse(JSON.stringify(local)));
  } finally {
    await pdf.destroy();
  }
  // withText: the same probe, plus the text of its text pages from the same read, equal to the text job's
  const withText = await probePdfIsolated(bytes, { ...probeInput, withText: true }, opts);
  expect({ ...withText, texts: undefined }).toEqual({ ...isolated, texts: undefined });
  expect(withText.kind === 'ok' && withText.texts).toEqual(pages);
});

test('pdfjs\'s polyfills of push and JSON are undone in the thread that opens PDFs', async () => {
  const pdf = await openPdf(bytes);
  try {
    await extractPageText(pdf, 1);
    expect(nativeBuiltinsInPlace()).toBe(true);
  } finally {
    await pdf.destroy();
  }
});

test('the one-shot inflate gives what DecompressionStream gives, and fails where it fails', async () => {
  // as pdfjs uses it: write the bytes, close, read to the end
  const inflate = async (Stream: new (f: string) => { readable: AsyncIterable<Uint8Array>; writable: unknown }, data: Uint8Array) => {
    const { readable, writable } = new Stream('deflate');
    const writer = (writable as WritableStream<Uint8Array>).getWriter();
    await writer.ready;
    writer.write(data).then(() => writer.close()).catch(() => {});
    const chunks: Uint8Array[] = [];
    for await (const c of readable) chunks.push(c);
    return Buffer.concat(chunks);
  };
  const Native = DecompressionStream as unknown as new (f: string) => { readable: AsyncIterable<Uint8Array>; writable: unknown };
  const text = Buffer.from('BT /F1 12 Tf 72 712 Td (Báo cáo số 280/BC-UBND) Tj ET\n'.repeat(500));
  const good = zlib.deflateSync(text);
  expect(await inflate(OneShotInflateStream, good)).toEqual(await inflate(Native, good));
  expect(await inflate(OneShotInflateStream, good)).toEqual(text);
  for (const bad of [good.subarray(0, good.length >> 1), Buffer.from('not a zlib stream at all')]) {
    await expect(inflate(Native, bad)).rejects.toThrow();
    await expect(inflate(OneShotInflateStream, bad)).rejects.toThrow();
  }
  expect(() => new OneShotInflateStream('brotli')).toThrow(TypeError);
});

test('with maxWorkers the pool stays that small: further jobs wait, and a hung job is still killed', async () => {
  await closePdfWorkers();
  await until(() => pdfWorkerCount() === 0);
  const pool = { ...opts, maxWorkers: 1, keepIdle: 1 };
  warmPdfWorkers(1, pool);
  expect(pdfWorkerCount()).toBe(1);
  let most = 0;
  const sampler = setInterval(() => { most = Math.max(most, pdfWorkerCount()); }, 5);
  try {
    // the first job hangs past its limit (1 ms); the others wait for the pool's only worker,
    // then for the fresh one that replaces the killed worker, and all of them finish
    const hung = probePdfIsolated(bytes, probeInput, { ...pool, timeoutMs: 1 }).catch((e) => e);
    const rest = await Promise.all([1, 2, 3].map(() => probePdfIsolated(bytes, probeInput, pool)));
    expect((await hung).code).toBe('pdf.timeout');
    expect(rest.map((r) => r.kind)).toEqual(['ok', 'ok', 'ok']);
  } finally {
    clearInterval(sampler);
  }
  expect(most).toBe(1);
});

test('the worker is reused between jobs and its bytes stay the caller\'s', async () => {
  await closePdfWorkers();
  await until(() => pdfWorkerCount() === 0);
  const copy = Buffer.from(bytes);
  await probePdfIsolated(copy, probeInput, opts);
  await probePdfIsolated(copy, probeInput, opts);
  expect(pdfWorkerCount()).toBe(1);
  expect(copy.equals(bytes)).toBe(true);
});

test('expected refusals come back as PdfOpenError', async () => {
  await expect(extractTextPagesIsolated(bytes, [1], { ...opts, maxPages: 0.5 /* any page is one too many */ })).rejects.toMatchObject({ code: 'pdf.too_many_pages' });
  await expect(extractTextPagesIsolated(Buffer.from('%PDF-1.7 nonsense'), [1], { ...opts, maxPages: 300 })).rejects.toBeInstanceOf(PdfOpenError);
  const outcome = await probePdfIsolated(Buffer.from('%PDF-1.7 nonsense'), probeInput, opts);
  expect(outcome.kind).toBe('open_error');
});

test('a job past its time limit fails with pdf.timeout and the worker is killed', async () => {
  await closePdfWorkers();
  await until(() => pdfWorkerCount() === 0);
  const err = await probePdfIsolated(bytes, probeInput, { ...opts, timeoutMs: 1 }).catch((e) => e);
  expect(err).toBeInstanceOf(PdfIsolationError);
  expect(err.code).toBe('pdf.timeout');
  expect(err.message).toMatch(/^Đọc tệp PDF quá thời gian cho phép \(.+ giây\); tệp có thể bị hỏng hoặc cố ý gây treo\.$/);
  expect(await until(() => pdfWorkerCount() === 0)).toBe(true);
  // the next job gets a fresh worker and works
  expect((await probePdfIsolated(bytes, probeInput, opts)).kind).toBe('ok');
});

test('a worker that exits or runs out of heap fails with pdf.parser_crashed', async () => {
  const exited = await crashPdfWorkerForTests('exit', opts).catch((e) => e);
  expect(exited).toBeInstanceOf(PdfIsolationError);
  expect(exited.code).toBe('pdf.parser_crashed');
  const oom = await crashPdfWorkerForTests('oom', { ...opts, maxHeapMb: 64 }).catch((e) => e);
  expect(oom).toBeInstanceOf(PdfIsolationError);
  expect(oom.code).toBe('pdf.parser_crashed');
  expect(oom.message).toMatch(/64 MB/);
  expect((await probePdfIsolated(bytes, probeInput, opts)).kind).toBe('ok');
});

test('the pipeline fails a document whose parse times out with pdf.timeout', async () => {
  const app = openApp(makeConfig({ dbFile: path.join(tempDir(), 'tonghop.db'), limits: { parseTimeoutMs: 1 } }));
  try {
    const summary = await ingestPaths(app, [file]);
    expect(summary.byStatus).toEqual({ failed: 1 });
    expect(JSON.stringify(summary.failures)).toContain('pdf.timeout');
  } finally {
    await app.close();
  }
});
