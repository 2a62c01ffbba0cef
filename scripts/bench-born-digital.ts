// Born-digital throughput bench (issue 13 part 5): the whole pipeline in this process — intake
// (hash, store), probe, signatures, text layer, header, indicators, normalise, validate, load,
// route — on the generated born-digital set, into a temporary SQLite file. Three runs (a fresh
// database each, the same process, so runs 2 and 3 find the pdfjs workers warm as a running
// service does); the median run's pages/s, time per stage, peak RSS, and `pdftotext` on the same
// files in the same run when it is installed (one process per file, one at a time). A report,
// not a timed test: machines are noisy, so CPU time per page is printed beside the wall clock.
//
//   npm run bench:born-digital -- [--runs 3] [--no-pdftotext] [dir-with-pdfs]
//   (also at the end of `npm run bench`)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnyStage } from '../pipeline/stage.js';
import { DEFAULT_OUT_DIR, generateFixtures } from '../testkit/generator/fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The modules the bench drives, from dist/ or from the sources. */
interface Pipeline {
  from: 'dist' | 'tsx';
  app: typeof import('../pipeline/app.js');
  config: typeof import('../pipeline/config.js');
  intake: typeof import('../pipeline/intake.js');
  runner: typeof import('../pipeline/runner.js');
  pipeline: typeof import('../pipeline/pipeline.js');
  stage: typeof import('../pipeline/stage.js');
  header: typeof import('../extractors/header-fields.js');
  indicators: typeof import('../extractors/indicators/index.js');
  isolated: typeof import('../extractors/pdf-isolated.js');
}

/**
 * The pipeline as `tonghop` runs it: the compiled JavaScript in dist/ when that build is as new
 * as the sources (bin/tonghop.js's rule; TONGHOP_RUN=dist|tsx forces one), else the sources.
 * The pdfjs workers follow: from dist/ they load compiled code, from the sources they start tsx.
 */
async function loadPipeline(): Promise<Pipeline> {
  const distState: string = '../bin/dist-state.js'; // plain JavaScript, without types
  const { distIsFresh } = (await import(distState)) as { distIsFresh: () => boolean };
  const mode = process.env.TONGHOP_RUN;
  const from = mode === 'dist' || (mode !== 'tsx' && distIsFresh()) ? 'dist' : 'tsx';
  const base = pathToFileURL(path.join(ROOT, from === 'dist' ? 'dist' : '', path.sep)).href;
  const load = (rel: string) => import(new URL(`${rel}${from === 'dist' ? '.js' : '.ts'}`, base).href);
  const [app, config, intake, runner, pipeline, stage, header, indicators, isolated] = await Promise.all([
    'pipeline/app', 'pipeline/config', 'pipeline/intake', 'pipeline/runner', 'pipeline/pipeline', 'pipeline/stage',
    'extractors/header-fields', 'extractors/indicators/index', 'extractors/pdf-isolated',
  ].map(load));
  return { from, app, config, intake, runner, pipeline, stage, header, indicators, isolated };
}

/** Rows of the per-stage table, in pipeline order ('header' and 'indicators' are the parse stage's two halves). */
const STEPS = ['ingest', 'probe', 'signatures', 'text', 'header', 'indicators', 'normalise', 'validate', 'load', 'route'] as const;
type Step = (typeof STEPS)[number];

interface RunResult {
  wallS: number; cpuS: number; mainCpuS: number; pages: number; docs: number; failed: number; stepMs: Record<Step, number>;
  /** pdfjs jobs: time waiting for a worker, time running in one (wall, summed over jobs) */
  pool: { jobs: number; waitMs: number; runMs: number };
}

const fmt = (n: number, d = 1) => n.toFixed(d);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuS = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

/** CPU seconds used by waited-for child processes (Linux /proc; 0 elsewhere). */
function childCpuS(): number {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) / 100; // cutime + cstime, in clock ticks (USER_HZ = 100)
  } catch { return 0; }
}

/** CPU seconds of this process's main thread alone (Linux /proc; 0 elsewhere): the pipeline's critical path. */
function mainThreadCpuS(): number {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
  } catch { return 0; }
}

/** Peak RSS: the kernel's high-water mark (maxRSS), sampled too where the platform lacks it; memoryUsage.rss() is the cheap call. */
function rssSampler() {
  let peak = process.memoryUsage.rss();
  const t = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 100);
  return { stop: () => { clearInterval(t); return Math.max(peak, process.resourceUsage().maxRSS * 1024); } };
}

/**
 * The pipeline's own stages, each timed around its run (inside its queue, so waiting for a
 * queue slot is not counted); the parse stage is run as its two extractors, timed apart.
 */
function timedStages(m: Pipeline, stepMs: Record<Step, number>): AnyStage[] {
  const timed = (s: AnyStage, step: Step): AnyStage => ({
    ...s,
    async run(ctx, doc) {
      const t0 = performance.now();
      try { return await s.run(ctx, doc); } finally { stepMs[step] += performance.now() - t0; }
    },
  });
  const parse = m.stage.defineStage({
    name: 'parse', needs: ['pages'], gives: ['header', 'indicators'],
    async run(_ctx, doc) {
      const t0 = performance.now();
      const header = m.header.extractHeaderFields(doc.artifacts.pages);
      const t1 = performance.now();
      const indicators = m.indicators.extractIndicators(doc.artifacts.pages);
      stepMs.header += t1 - t0;
      stepMs.indicators += performance.now() - t1;
      return m.stage.done({ header, indicators });
    },
  });
  return m.pipeline.STAGES.map((s) => (s.name === 'parse' ? (parse as unknown as AnyStage) : timed(s, s.name as Step)));
}

/** The pdfjs pool's counters (zeros from a build that predates them, e.g. when comparing with an older checkout). */
const poolStats = (m: Pipeline) => (m.isolated as Partial<Pipeline['isolated']>).pdfPoolStats?.() ?? { jobs: 0, waitMs: 0, runMs: 0 };

async function runOnce(m: Pipeline, files: string[]): Promise<RunResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-bd-'));
  const stepMs = Object.fromEntries(STEPS.map((s) => [s, 0])) as Record<Step, number>;
  const app = m.app.openApp(m.config.makeConfig({ dbFile: path.join(dir, 'bench.db') }));
  try {
    const t0 = performance.now();
    const c0 = cpuS();
    const m0 = mainThreadCpuS();
    const p0 = poolStats(m);
    for (const f of files) m.intake.takeIn(app, f);
    stepMs.ingest = performance.now() - t0;
    await m.runner.processPending(app, { stages: timedStages(m, stepMs) });
    const wallS = (performance.now() - t0) / 1000;
    const used = cpuS() - c0;
    const mainCpuS = mainThreadCpuS() - m0;
    const p1 = poolStats(m);
    const pool = { jobs: p1.jobs - p0.jobs, waitMs: p1.waitMs - p0.waitMs, runMs: p1.runMs - p0.runMs };
    const row = app.db.prepare("SELECT COUNT(*) AS docs, IFNULL(SUM(pages), 0) AS pages, SUM(status = 'failed') AS failed FROM documents").get() as { docs: number; pages: number; failed: number };
    return { wallS, cpuS: used, mainCpuS, pages: row.pages, docs: row.docs, failed: row.failed ?? 0, stepMs, pool };
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** pdftotext over the same files, one process at a time; null when it is not installed. */
function runPdftotext(files: string[], pages: number): { wallS: number; cpuS: number; pps: number } | null {
  if (spawnSync('sh', ['-c', 'command -v pdftotext'], { encoding: 'utf8' }).status !== 0) return null;
  const c0 = childCpuS();
  const t0 = performance.now();
  for (const f of files) {
    const r = spawnSync('pdftotext', [f, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
    if (r.status !== 0) throw new Error(`pdftotext ${f} → ${r.status}`);
  }
  const wallS = (performance.now() - t0) / 1000;
  return { wallS, cpuS: childCpuS() - c0, pps: pages / wallS };
}

async function pdfFiles(dir: string): Promise<string[]> {
  const list = () => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.pdf')).sort().map((f) => path.join(dir, f)) : []);
  if (list().length === 0 && path.resolve(dir) === DEFAULT_OUT_DIR) {
    console.log('(chưa có bộ PDF sinh sẵn: đang tạo bằng generateFixtures)');
    await generateFixtures(dir);
  }
  const files = list();
  if (files.length === 0) throw new Error(`Không có tệp PDF nào trong ${dir}`);
  return files;
}

function printSteps(r: RunResult): void {
  const total = STEPS.reduce((s, k) => s + r.stepMs[k], 0);
  console.log('  bước          ms (tổng)   ms/trang   tỉ lệ');
  for (const k of STEPS) {
    const ms = r.stepMs[k];
    console.log(`  ${k.padEnd(12)} ${fmt(ms, 0).padStart(10)} ${fmt(ms / r.pages, 2).padStart(10)} ${fmt((100 * ms) / total, 1).padStart(6)} %`);
  }
  console.log('  (thời gian của từng bước trong lúc chạy song song: tổng các bước có thể lớn hơn thời gian thực)');
  const p = r.pool;
  console.log(`  pdfjs trong luồng riêng: ${p.jobs} lượt đọc tệp, ${fmt(p.runMs / r.pages, 2)} ms/trang chạy, ${fmt(p.waitMs / r.pages, 2)} ms/trang chờ luồng rảnh (đã tính trong probe)`);
}

export async function benchBornDigital(argv: string[] = []): Promise<void> {
  const args = [...argv];
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
  const noPdftotextAt = args.indexOf('--no-pdftotext');
  if (noPdftotextAt >= 0) args.splice(noPdftotextAt, 1);
  const files = await pdfFiles(path.resolve(args[0] ?? DEFAULT_OUT_DIR));
  const m = await loadPipeline();
  console.log(`Đo PDF có lớp chữ (born-digital): ${files.length} tệp, ${runs} lần chạy, mã ${m.from === 'dist' ? 'đã biên dịch (dist/)' : 'nguồn qua tsx (dist/ cũ hoặc chưa có: npm run build)'}, ${os.availableParallelism()} lõi, tải ${os.loadavg().map((l) => fmt(l, 2)).join(' ')}`);
  const rss = rssSampler();
  const results: RunResult[] = [];
  const ptt: NonNullable<ReturnType<typeof runPdftotext>>[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runOnce(m, files);
    results.push(r);
    const p = noPdftotextAt >= 0 ? null : runPdftotext(files, r.pages);
    if (p) ptt.push(p);
    console.log(`  lần ${i + 1}: tonghop ${r.pages} trang (${r.docs} tệp, ${r.failed} lỗi) trong ${fmt(r.wallS, 2)} s → ${fmt(r.pages / r.wallS)} trang/s, CPU ${fmt((1000 * r.cpuS) / r.pages, 2)} ms/trang (luồng chính ${fmt((1000 * r.mainCpuS) / r.pages, 2)})`
      + (p ? `; pdftotext ${fmt(p.wallS, 2)} s → ${fmt(p.pps)} trang/s, CPU ${fmt((1000 * p.cpuS) / r.pages, 2)} ms/trang` : ''));
  }
  await m.isolated.closePdfWorkers();
  const peak = rss.stop();
  const mid = results.find((r) => r.wallS === median(results.map((x) => x.wallS)))!;
  const pps = mid.pages / mid.wallS;
  console.log(`tonghop (trung vị ${runs} lần): ${fmt(pps)} trang/s, ${fmt((1000 * mid.wallS) / mid.pages, 2)} ms/trang thực, CPU ${fmt((1000 * mid.cpuS) / mid.pages, 2)} ms/trang (luồng chính ${fmt((1000 * mid.mainCpuS) / mid.pages, 2)}, các luồng pdfjs và khác ${fmt((1000 * (mid.cpuS - mid.mainCpuS)) / mid.pages, 2)}); RSS đỉnh ${fmt(peak / 2 ** 20, 0)} MiB`);
  printSteps(mid);
  // On a busy machine the wall clock measures the scheduler's share; CPU time does not. The
  // pipeline's bound on idle cores: the main thread's work, or all of it spread over the cores.
  const cores = os.availableParallelism();
  const idleBound = (r: RunResult) => r.pages / Math.max(r.mainCpuS, r.cpuS / cores);
  console.log(`  giới hạn từ thời gian CPU trên ${cores} lõi rảnh: ${fmt(idleBound(mid))} trang/s (luồng chính, hoặc toàn bộ CPU chia cho số lõi)`);
  if (ptt.length) {
    const pMid = median(ptt.map((p) => p.pps));
    const pCpu = median(ptt.map((p) => p.cpuS));
    console.log(`pdftotext (trung vị): ${fmt(pMid)} trang/s, CPU ${fmt((1000 * pCpu) / mid.pages, 2)} ms/trang (một tiến trình mỗi tệp, lần lượt: giới hạn ${fmt(mid.pages / pCpu)} trang/s)`);
    console.log(`tỉ lệ tonghop / pdftotext: ${fmt(pps / pMid, 2)} theo thời gian thực, ${fmt(pCpu / mid.cpuS, 2)} theo tổng CPU, ${fmt(idleBound(mid) / (mid.pages / pCpu), 2)} theo giới hạn trên lõi rảnh`);
  } else if (noPdftotextAt < 0) {
    console.log('pdftotext: chưa cài (bỏ qua; apt-get install poppler-utils để so sánh)');
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchBornDigital(process.argv.slice(2)).catch((err) => { console.error(err); process.exit(1); });
}
