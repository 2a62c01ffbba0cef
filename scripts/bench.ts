// OCR throughput bench: N scanned pages through the pipeline's OCR path (rasterise → OcrPool →
// PageText) with the default pool, then — if the native `tesseract` CLI is on PATH — the same page
// images through native tesseract, one thread per process, as many processes as cores.
//
//   npm run bench -- [--pages 12] [--workers N] [--no-native] [dir-with-scanned-pdfs]
//
// Default pages: first 12 pages of fixtures/generated/scanned/*.pdf, else own sample scans.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn, spawnSync } from 'node:child_process';
import PQueue from 'p-queue';
import { openPdf } from '../extractors/pdf-document.js';
import { OcrPool, defaultLangPath, type OcrRecogniser, type RecogniseOptions } from '../extractors/ocr/ocr-pool.js';
import { ocrPdfPage } from '../extractors/ocr/ocr-page.js';
import { toPgm, type GreyImage } from '../extractors/ocr/pixels.js';
import { makeScan } from '../testkit/generator/make-scans.js';

const args = process.argv.slice(2);
const flag = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : undefined; };
const pagesWanted = Number(flag('--pages') ?? 12);
const workersArg = flag('--workers');
const noNativeAt = args.indexOf('--no-native');
const noNative = noNativeAt >= 0;
if (noNative) args.splice(noNativeAt, 1);
const dir = args[0] ?? 'fixtures/generated/scanned';

interface PageRef { label: string; bytes: Uint8Array; page: number }

async function loadPages(): Promise<PageRef[]> {
  const out: PageRef[] = [];
  if (fs.existsSync(dir)) {
    for (const f of fs.readdirSync(dir).filter((x) => x.toLowerCase().endsWith('.pdf')).sort()) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(dir, f)));
      const doc = await openPdf(bytes);
      const n = doc.numPages;
      await doc.destroy();
      for (let p = 1; p <= n && out.length < pagesWanted; p++) out.push({ label: `${f}#${p}`, bytes, page: p });
      if (out.length >= pagesWanted) return out;
    }
  }
  if (out.length) return out;
  // No fixtures yet: scan the sample report (test/ocr/sample-pdf.ts), 3 pages per document.
  console.log(`(no scanned fixtures in ${dir}; using generated sample scans)`);
  const { makeSamplePdf } = await import('../test/ocr/sample-pdf.js');
  const born = await makeSamplePdf(3);
  for (let seed = 1; out.length < pagesWanted; seed++) {
    const bytes = await makeScan(born, { seed, dpi: 300, stamp: seed % 2 === 1 });
    for (let p = 1; p <= 3 && out.length < pagesWanted; p++) out.push({ label: `sample-scan-${seed}#${p}`, bytes, page: p });
  }
  return out;
}

/** Records the full-page images the pool is given, for the native comparison. */
class Recorder implements OcrRecogniser {
  readonly images: GreyImage[] = [];
  constructor(private readonly inner: OcrPool) {}
  get engine() { return this.inner.engine; }
  recognise(img: GreyImage, opts?: RecogniseOptions) {
    if (!opts?.rectangle) this.images.push(img);
    return this.inner.recognise(img, opts);
  }
}

function rssSampler() {
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  return { stop: () => { clearInterval(t); return Math.max(peak, process.resourceUsage().maxRSS * 1024); } };
}

const fmt = (n: number, d = 1) => n.toFixed(d);

/** CPU seconds used by waited-for child processes (Linux /proc; 0 elsewhere). */
function childCpuS(): number {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) / 100; // cutime + cstime, in clock ticks (USER_HZ = 100)
  } catch { return 0; }
}
const selfCpuS = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const cores = os.availableParallelism();
/** CPU time is what a busy shared machine does not distort much: pages/min if every core were ours. */
const idealPpm = (cpuPerPage: number) => (60 * cores) / cpuPerPage;

async function runNative(images: GreyImage[], procs: number, tessdata: string | null, label: string): Promise<{ ppm: number; ideal: number } | null> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-'));
  const files = images.map((img, i) => { const f = path.join(work, `p${i}.pgm`); fs.writeFileSync(f, toPgm(img)); return { f, dpi: Math.round(img.dpi) }; });
  const t0 = Date.now();
  const c0 = childCpuS();
  let next = 0;
  const one = async (): Promise<void> => {
    while (next < files.length) {
      const { f, dpi } = files[next++];
      const a = [f, f.replace(/\.pgm$/, ''), '-l', 'vie', '--dpi', String(dpi), '--psm', '3', '--oem', '1'];
      if (tessdata) a.push('--tessdata-dir', tessdata);
      await new Promise<void>((resolve, reject) => {
        const p = spawn('tesseract', a, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: 'ignore' });
        p.on('error', reject);
        p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tesseract exited ${code}`))));
      });
    }
  };
  try {
    await Promise.all(Array.from({ length: procs }, one));
  } catch (err) {
    console.log(`  native ${label}: failed (${(err as Error).message})`);
    return null;
  }
  const wall = (Date.now() - t0) / 1000;
  const ppm = (files.length / wall) * 60;
  const cpu = (childCpuS() - c0) / files.length;
  console.log(`  native ${label}: ${files.length} pages in ${fmt(wall)} s → ${fmt(ppm)} pages/min (${procs} processes, OMP_THREAD_LIMIT=1); CPU ${fmt(cpu, 2)} s/page → ${fmt(idealPpm(cpu))} pages/min on ${cores} idle cores`);
  fs.rmSync(work, { recursive: true, force: true });
  return { ppm, ideal: cpu > 0 ? idealPpm(cpu) : ppm };
}

async function main(): Promise<void> {
  const pages = await loadPages();
  const workers = workersArg ? Number(workersArg) : os.availableParallelism();
  console.log(`OCR bench: ${pages.length} pages, ${workers} worker(s), ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? ''}`);
  const rss = rssSampler();
  const tStart = Date.now();
  const pool = await OcrPool.create({ workers });
  const startS = (Date.now() - tStart) / 1000;
  const rec = new Recorder(pool);
  // Keep workers fed: rasterise ahead (main thread) while the pool OCRs.
  const queue = new PQueue({ concurrency: workers + 1 });
  let rasterMs = 0, _ocrMs = 0, probeMs = 0, words = 0, confSum = 0;
  const docs = new Map<Uint8Array, Awaited<ReturnType<typeof openPdf>>>();
  const t0 = Date.now();
  const cpu0 = selfCpuS();
  await Promise.all(pages.map((p) => queue.add(async () => {
    let doc = docs.get(p.bytes);
    if (!doc) { doc = await openPdf(p.bytes); docs.set(p.bytes, doc); }
    const page = await doc.getPage(p.page);
    const r = await ocrPdfPage(page, rec);
    page.cleanup();
    rasterMs += r.timings.rasterMs; _ocrMs += r.timings.ocrMs; probeMs += r.timings.probeMs;
    words += r.items.length; confSum += r.meanConf;
  })));
  const wall = (Date.now() - t0) / 1000;
  const cpuPerPage = (selfCpuS() - cpu0) / pages.length;
  const stats = pool.stats();
  await pool.terminate();
  for (const d of docs.values()) await d.destroy();
  const peak = rss.stop();
  const ppm = (pages.length / wall) * 60;
  const ocrBusyS = stats.busyMs / 1000;
  console.log(`tesseract.js pool (vie best_int, LSTM): start ${fmt(startS, 2)} s`);
  console.log(`  ${pages.length} pages in ${fmt(wall)} s → ${fmt(ppm)} pages/min, ${fmt(wall / pages.length, 2)} s/page wall, ${fmt(ocrBusyS / stats.jobs, 2)} s OCR per job (${stats.jobs} jobs)`);
  console.log(`  raster ${fmt(rasterMs / 1000 / pages.length, 2)} s/page (main thread), rotation probes ${fmt(probeMs / 1000)} s total, mean word conf ${fmt(confSum / pages.length, 3)}, ${words} words`);
  console.log(`  overhead beyond OCR: ${fmt(Math.max(0, wall - ocrBusyS / workers))} s of ${fmt(wall)} s wall (workers idle ${fmt(100 * Math.max(0, 1 - ocrBusyS / (wall * workers)), 0)} %)`);
  console.log(`  CPU ${fmt(cpuPerPage, 2)} s/page (OCR + raster + everything) → ${fmt(idealPpm(cpuPerPage))} pages/min on ${cores} idle cores; load average ${os.loadavg().map((l) => fmt(l)).join(' ')}`);
  console.log(`  peak RSS ${fmt(peak / 2 ** 20, 0)} MiB`);

  if (noNative) return;
  const which = spawnSync('sh', ['-c', 'command -v tesseract'], { encoding: 'utf8' });
  if (which.status !== 0) { console.log('native tesseract: not on PATH (skipped)'); return; }
  const ver = spawnSync('tesseract', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  console.log(`native ${ver}, same ${rec.images.length} page images (PGM), same dpi:`);
  const procs = os.availableParallelism();
  // the same model as the pool (best_int from node_modules), then the system's vie if installed
  const td = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-tessdata-'));
  fs.writeFileSync(path.join(td, 'vie.traineddata'), zlib.gunzipSync(fs.readFileSync(path.join(defaultLangPath(), 'vie.traineddata.gz'))));
  const same = await runNative(rec.images, procs, td, 'best_int (same model)');
  const mine = idealPpm(cpuPerPage);
  if (same) console.log(`  ratio tesseract.js / native (same model): ${fmt(ppm / same.ppm, 2)} by wall clock (noisy on a shared machine), ${fmt(mine / same.ideal, 2)} by CPU time`);
  const langs = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  if (/\bvie\b/.test(langs.stdout + langs.stderr)) {
    const sys = await runNative(rec.images, procs, null, 'system vie');
    if (sys) console.log(`  ratio tesseract.js / native (system vie): ${fmt(ppm / sys.ppm, 2)} by wall clock, ${fmt(mine / sys.ideal, 2)} by CPU time`);
  }
  fs.rmSync(td, { recursive: true, force: true });
}

main().then(() => import('./bench-born-digital.js').then((m) => m.benchBornDigital())).catch((err) => { console.error(err); process.exit(1); });
