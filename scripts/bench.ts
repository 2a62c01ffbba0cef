// Scanned-document bench (issue 13): tonghop end to end (intake, probe, raster in its worker,
// OCR with the re-reads, extraction, SQLite) on whole scanned PDFs, against native `tesseract`
// with the same model on the same page images (one process per core, OMP_THREAD_LIMIT=1) when
// it is installed; their ratio; time per step; peak RSS. Each tonghop run is a fresh child
// process with an empty OCR cache and a fresh database, so nothing is warm and its peak RSS is
// its own. Machines are noisy: three runs (tonghop then native, in turn), the median run by
// ratio printed, the ratio always from one run, and CPU time per page beside the wall clock.
//
//   npm run bench -- [--pages 12] [--runs 3] [--workers N] [--no-native] [dir-with-scanned-pdfs]
//   npm run bench -- --workers 1,2 [--pages 18] [--runs 3] [--db postgres://…] [dir]
//
// --workers N: the OCR pool size of the in-process run. --workers with a list (1,2): the
// worker-process bench instead (scripts/bench-workers.ts): N `tonghop worker` processes on
// PostgreSQL (a throw-away cluster, or fresh databases on the --db server) for each N.
//
// Default pages: whole documents of fixtures/generated/scanned-set/*.pdf until --pages pages
// (made by `npm run accuracy -- --corpus generated-scanned` or the fixture generator), else
// the sample report scanned (test/ocr/sample-pdf.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultLangPath } from '../extractors/ocr/ocr-pool.js';
import { toPgm } from '../extractors/ocr/pixels.js';
import { closeRasterWorkers, RasterSession } from '../extractors/ocr/raster-isolated.js';
// pdfjs and the scan generator load only in the parent (dynamic imports below): a child that
// loaded them would count pdfjs on its main thread (~100-300 MB) in its peak RSS, which tonghop does not
const openPdf = async (bytes: Uint8Array) => (await import('../extractors/pdf-document.js')).openPdf(bytes);

const args = process.argv.slice(2);
const flag = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : undefined; };
const has = (name: string) => { const i = args.indexOf(name); if (i >= 0) args.splice(i, 1); return i >= 0; };
const cores = os.availableParallelism();
const fmt = (n: number, d = 1) => n.toFixed(d);

/** What one tonghop run in a child process reports. */
interface ChildReport {
  pages: number; wallS: number; cpuS: number; peakRssMb: number; failed: number;
  /** summed over documents, ms: pipeline stages, and inside text: raster (worker), OCR, re-reads */
  stages: Record<string, number>; rasterMs: number; ocrMs: number; rereadMs: number;
  /** CPU seconds of the native engine's tesseract processes (in cpuS too) */
  ocrProcessCpuS: number;
  /** the OCR engine that read the pages (extractors/ocr/engine.ts) */
  engine: string;
  /** compiled dist/ or the sources through tsx */
  from: 'dist' | 'tsx';
}

// ---- child: one end-to-end run ------------------------------------------------------------

async function child(files: string[], workers: number | undefined): Promise<void> {
  // as `tonghop` runs: compiled dist/ when it is as new as the sources (TONGHOP_RUN=dist|tsx forces one)
  const distState: string = '../bin/dist-state.js'; // plain JavaScript, without types
  const { distIsFresh } = (await import(distState)) as { distIsFresh: () => boolean };
  const from = process.env.TONGHOP_RUN === 'dist' || (process.env.TONGHOP_RUN !== 'tsx' && distIsFresh()) ? 'dist' : 'tsx';
  const base = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', from === 'dist' ? 'dist' : '', path.sep)).href;
  const load = (rel: string) => import(new URL(`${rel}${from === 'dist' ? '.js' : '.ts'}`, base).href);
  const { openApp } = (await load('pipeline/app')) as typeof import('../pipeline/app.js');
  const { makeConfig } = (await load('pipeline/config')) as typeof import('../pipeline/config.js');
  const { ingestPaths } = (await load('pipeline/ingest')) as typeof import('../pipeline/ingest.js');
  const { engineIdentity, resolveEngine } = (await load('extractors/ocr/engine')) as typeof import('../extractors/ocr/engine.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-'));
  let peak = 0;
  // the native OCR engine's tesseract processes count too: their memory and their CPU time are tonghop's
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss + childrenRssBytes()); }, 100);
  const app = openApp(makeConfig({ dbFile: path.join(dir, 'tonghop.db'), ocr: { cacheDir: path.join(dir, 'ocr-cache'), ...(workers ? { workers } : {}) } }));
  const t0 = performance.now();
  const c0 = process.cpuUsage(); // the whole process: every worker thread counts
  const cc0 = childCpuS(); // and every tesseract process it waited for
  const summary = await ingestPaths(app, files);
  const wallS = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const stages = Object.fromEntries((app.db.prepare('SELECT stage, SUM(ms) AS ms FROM stage_runs GROUP BY stage').all() as { stage: string; ms: number }[]).map((r) => [r.stage, r.ms]));
  let pages = 0, rasterMs = 0, ocrMs = 0, rereadMs = 0;
  for (const row of app.db.prepare("SELECT json FROM artifacts WHERE name = 'pages'").all() as { json: string }[]) {
    for (const p of JSON.parse(row.json) as { timings?: { rasterMs: number; ocrMs: number; rereadMs?: number } }[]) {
      pages++;
      rasterMs += p.timings?.rasterMs ?? 0; ocrMs += p.timings?.ocrMs ?? 0; rereadMs += p.timings?.rereadMs ?? 0;
    }
  }
  await app.close();
  clearInterval(sampler);
  fs.rmSync(dir, { recursive: true, force: true });
  const report: ChildReport = {
    pages, wallS, cpuS: (c.user + c.system) / 1e6 + childCpuS() - cc0, ocrProcessCpuS: childCpuS() - cc0, peakRssMb: Math.max(peak, process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    failed: summary.failures.length, stages, rasterMs, ocrMs, rereadMs, engine: engineIdentity(resolveEngine()).engine, from,
  };
  process.stdout.write(`BENCH ${JSON.stringify(report)}\n`);
}

// ---- parent -------------------------------------------------------------------------------

/**
 * The first PDFs of `dir` (by name) holding at least `pagesWanted` pages, their count a multiple of
 * `multipleOf`: the worker bench gives every process count the same share of documents (11
 * documents on 2 workers leave one worker a whole document alone at the end; that measures the
 * batch's split, not how the workers scale).
 */
async function pickFiles(dir: string, pagesWanted: number, multipleOf = 1): Promise<{ files: string[]; pages: number }> {
  const files: string[] = [];
  let pages = 0;
  if (fs.existsSync(dir)) {
    for (const f of fs.readdirSync(dir).filter((x) => x.toLowerCase().endsWith('.pdf')).sort()) {
      if (pages >= pagesWanted && files.length % multipleOf === 0) break;
      const doc = await openPdf(new Uint8Array(fs.readFileSync(path.join(dir, f))));
      pages += doc.numPages;
      await doc.destroy();
      files.push(path.resolve(dir, f));
    }
  }
  if (files.length) return { files, pages };
  console.log(`(không có bản quét trong ${dir}; dùng bản quét mẫu)`);
  const { makeSamplePdf } = await import('../test/ocr/sample-pdf.js');
  const born = await makeSamplePdf(3);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-scans-'));
  for (let seed = 1; pages < pagesWanted; seed++) {
    const f = path.join(out, `sample-scan-${seed}.pdf`);
    const { makeScan } = await import('../testkit/generator/make-scans.js');
    fs.writeFileSync(f, await makeScan(born, { seed, dpi: 300, stamp: seed % 2 === 1 }));
    files.push(f);
    pages += 3;
  }
  return { files, pages };
}

function runChild(files: string[], workers: number | undefined): Promise<ChildReport> {
  const self = fileURLToPath(import.meta.url);
  const a = ['--import', 'tsx', self, '--child', ...(workers ? ['--workers', String(workers)] : []), ...files];
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, a, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    p.on('error', reject);
    p.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH '));
      if (code !== 0 || !line) reject(new Error(`tonghop bench run exited ${code}`));
      else resolve(JSON.parse(line.slice(6)) as ChildReport);
    });
  });
}

const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
const lcm = (ns: number[]) => ns.reduce((a, b) => (a * b) / gcd(a, b), 1);

/** The page images tonghop recognises (same raster worker, same pixels), as PGM files for native tesseract. */
async function pageImages(files: string[], work: string): Promise<{ f: string; dpi: number }[]> {
  const out: { f: string; dpi: number }[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(fs.readFileSync(file));
    const doc = await openPdf(bytes);
    const n = doc.numPages;
    await doc.destroy();
    const s = RasterSession.open(bytes, { timeoutMs: 120_000, maxHeapMb: 512, maxPages: 300 });
    for (let p = 1; p <= n; p++) {
      const r = await s.page(p);
      const f = path.join(work, `p${out.length}.pgm`);
      fs.writeFileSync(f, toPgm(r));
      out.push({ f, dpi: Math.round(r.dpi) });
    }
    await s.close();
  }
  await closeRasterWorkers();
  return out;
}

/** CPU seconds used by waited-for child processes (Linux /proc; 0 elsewhere). */
function childCpuS(): number {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) / 100; // cutime + cstime, in clock ticks (USER_HZ = 100)
  } catch { return 0; }
}

/** Resident memory of this process's child processes (Linux /proc: each thread's children list; 0 elsewhere). */
function childrenRssBytes(): number {
  let sum = 0;
  try {
    for (const tid of fs.readdirSync('/proc/self/task')) {
      for (const pid of fs.readFileSync(`/proc/self/task/${tid}/children`, 'utf8').split(' ').filter(Boolean)) {
        try {
          const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
          sum += Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[21]) * 4096; // rss, in pages
        } catch { /* gone */ }
      }
    }
  } catch { /* no /proc */ }
  return sum;
}

async function runNative(images: { f: string; dpi: number }[], tessdata: string): Promise<{ wallS: number; cpuS: number }> {
  const t0 = performance.now();
  const c0 = childCpuS();
  let next = 0;
  const one = async (): Promise<void> => {
    while (next < images.length) {
      const { f, dpi } = images[next++];
      const a = [f, f.replace(/\.pgm$/, ''), '-l', 'vie', '--dpi', String(dpi), '--psm', '3', '--oem', '1', '--tessdata-dir', tessdata];
      await new Promise<void>((resolve, reject) => {
        const p = spawn('tesseract', a, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: 'ignore' });
        p.on('error', reject);
        p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tesseract exited ${code}`))));
      });
    }
  };
  await Promise.all(Array.from({ length: cores }, one));
  return { wallS: (performance.now() - t0) / 1000, cpuS: childCpuS() - c0 };
}

interface RunRow { run: number; t: ChildReport; native: { wallS: number; cpuS: number } | null }
const ppm = (pages: number, s: number) => (pages / s) * 60;
/** pages/min if every core were ours: what a busy shared machine distorts least */
const idealPpm = (pages: number, cpuS: number) => (60 * cores * pages) / cpuS;

function printRun(r: RunRow, label: string): void {
  const t = r.t;
  const line = [`${label} tonghop (${t.engine}, ${t.from}): ${t.pages} trang trong ${fmt(t.wallS)} s → ${fmt(ppm(t.pages, t.wallS))} trang/phút; CPU ${fmt(t.cpuS / t.pages, 2)} s/trang → ${fmt(idealPpm(t.pages, t.cpuS))} trang/phút trên ${cores} lõi rảnh; RSS đỉnh ${fmt(t.peakRssMb, 0)} MiB${t.failed ? `; ${t.failed} tệp lỗi` : ''}`];
  if (r.native) {
    const n = r.native;
    line.push(`${' '.repeat(label.length)} tesseract: ${fmt(n.wallS)} s → ${fmt(ppm(t.pages, n.wallS))} trang/phút; CPU ${fmt(n.cpuS / t.pages, 2)} s/trang → ${fmt(idealPpm(t.pages, n.cpuS))} trang/phút`);
    line.push(`${' '.repeat(label.length)} tỉ lệ tonghop / tesseract: ${fmt(n.wallS / t.wallS, 2)} theo đồng hồ, ${fmt(n.cpuS / t.cpuS, 2)} theo thời gian CPU`);
  }
  console.log(line.join('\n'));
}

function printSteps(t: ChildReport): void {
  const per = (ms: number) => `${fmt(ms / 1000 / t.pages, 2)} s/trang`;
  const s = t.stages;
  const extraction = (s.parse ?? 0) + (s.normalise ?? 0) + (s.validate ?? 0);
  console.log('  thời gian từng bước (cộng qua các văn bản, các bước chạy chồng lên nhau):');
  if (t.ocrProcessCpuS > 0) console.log(`    CPU: tiến trình tesseract ${fmt(t.ocrProcessCpuS / t.pages, 2)} s/trang · tiến trình node (mọi luồng) ${fmt((t.cpuS - t.ocrProcessCpuS) / t.pages, 2)} s/trang`);
  console.log(`    giải mã/dựng ảnh (luồng riêng) ${per(t.rasterMs)} · OCR trang ${per(t.ocrMs - t.rereadMs)} · đọc lại ${per(t.rereadMs)} · trích xuất ${per(extraction)} · SQLite (load) ${per(s.load ?? 0)} · tiếp nhận + probe ${per((s.ingest ?? 0) + (s.probe ?? 0))}`);
}

async function main(): Promise<boolean> {
  if (has('--child')) {
    const w = flag('--workers');
    await child(args, w ? Number(w) : undefined);
    process.exit(0); // a child run measures the scanned path only (not the born-digital part below)
  }
  const workersArg = flag('--workers');
  const { parseWorkerList } = await import('./bench-workers.js');
  const processCounts = parseWorkerList(workersArg);
  // more pages for the process bench: each worker's OCR start (~1.5 s) falls inside its timed window
  const pagesWanted = Number(flag('--pages') ?? (processCounts ? 18 : 12));
  const runs = Number(flag('--runs') ?? 3);
  const dbUrl = flag('--db');
  const workers = workersArg ? Number(workersArg) : undefined;
  const noNative = has('--no-native');
  const dir = args[0] ?? 'fixtures/generated/scanned-set';
  const { files, pages } = await pickFiles(dir, pagesWanted, processCounts ? lcm(processCounts) : 1);
  console.log(`Bench bản quét: ${files.length} văn bản, ${pages} trang, ${cores} lõi, ${os.cpus()[0]?.model ?? ''}; tải ${os.loadavg().map((l) => fmt(l)).join(' ')}`);
  if (processCounts) {
    await (await import('./bench-workers.js')).benchWorkers({ counts: processCounts, runs, files, pages, dbUrl });
    return false;
  }
  const which = noNative ? null : spawnSync('sh', ['-c', 'command -v tesseract'], { encoding: 'utf8' });
  const native = which?.status === 0;
  let work: string | null = null;
  let images: { f: string; dpi: number }[] = [];
  let tessdata: string | null = null;
  if (native) {
    console.log(`native: ${spawnSync('tesseract', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]}, mô hình vie best_int của tonghop, ${cores} tiến trình, OMP_THREAD_LIMIT=1`);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-native-'));
    images = await pageImages(files, work);
    tessdata = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-tessdata-'));
    fs.writeFileSync(path.join(tessdata, 'vie.traineddata'), zlib.gunzipSync(fs.readFileSync(path.join(defaultLangPath(), 'vie.traineddata.gz'))));
  } else console.log(noNative ? 'native: bỏ qua (--no-native)' : 'native: không có lệnh tesseract (bỏ qua)');
  const rows: RunRow[] = [];
  for (let i = 1; i <= runs; i++) {
    const t = await runChild(files, workers);
    const n = native ? await runNative(images, tessdata!) : null;
    rows.push({ run: i, t, native: n });
    printRun(rows[rows.length - 1], `lần ${i}:`);
  }
  const key = (r: RunRow) => (r.native ? r.native.wallS / r.t.wallS : r.t.pages / r.t.wallS);
  const median = [...rows].sort((a, b) => key(a) - key(b))[Math.floor(rows.length / 2)];
  console.log(`\nTrung vị của ${rows.length} lần (lần ${median.run}):`);
  printRun(median, '  ');
  printSteps(median.t);
  if (work) fs.rmSync(work, { recursive: true, force: true });
  if (tessdata) fs.rmSync(tessdata, { recursive: true, force: true });
  return true;
}

// the born-digital part follows the in-process bench, not the worker-process one
main().then((more) => (more ? import('./bench-born-digital.js').then((m) => m.benchBornDigital()) : undefined)).catch((err) => { console.error(err); process.exit(1); });
