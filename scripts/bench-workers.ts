// Worker-process bench (issue 16): scanned throughput with N `tonghop worker` processes on one
// PostgreSQL, for each N of `npm run bench -- --workers 1,2`. Per run: a fresh database and a
// fresh data folder (empty OCR cache), N real CLI workers (`bin/tonghop.js worker --concurrency 1`:
// one job and one OCR thread each, so N processes use N cores), and once all N are taking jobs,
// one `tonghop ingest --db URL --json <the scanned PDFs>` that enqueues and waits. Measured: the
// wall clock from the first document enqueued to the last stage committed (the database's
// stage_runs times; the ingest command's own start and wait are printed beside), pages/min, the
// workers' CPU seconds while the ingest ran (/proc: every thread of the process, tesseract and
// raster included, and the tesseract processes of the native OCR engine), PostgreSQL's CPU
// when the cluster is ours, each worker's peak RSS (VmHWM), and the ratio to the first N.
// Runs alternate N (1, 2, 1, 2, …) so drift in a shared machine's load hits every N alike; the
// median run per N by pages/min is the one reported.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'tonghop.js');
const READY = /đang nhận việc/;
const fmt = (n: number, d = 1) => n.toFixed(d);

// ---- pure helpers (unit-tested) -----------------------------------------------------------

/** `--workers` as a list of process counts ("1,2", "1, 2, 4"); null for a single number, which keeps its in-process meaning. */
export function parseWorkerList(v: string | undefined): number[] | null {
  if (v === undefined || !v.includes(',')) return null;
  const parts = v.split(',').map((s) => s.trim()).filter(Boolean);
  const counts = parts.map(Number);
  if (!counts.length || counts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--workers: cần danh sách số nguyên dương, ví dụ 1,2 (nhận "${v}")`);
  return [...new Set(counts)];
}

/** The middle element by `key` (the upper middle of an even count), so a reported run is a real run. */
export function medianBy<T>(rows: readonly T[], key: (r: T) => number): T {
  if (!rows.length) throw new Error('medianBy: no rows');
  return [...rows].sort((a, b) => key(a) - key(b))[Math.floor(rows.length / 2)];
}

/** Busy CPU seconds of the whole machine, all cores, from the first line of /proc/stat (everything but idle and iowait). */
export function busyOfProcStat(text: string): number {
  const [, ...f] = text.split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = f.map(Number);
  return (user + nice + system + irq + softirq + (steal || 0)) / 100;
}

/** Utime+stime (and, with children, cutime+cstime) of a /proc/PID/stat line, in seconds (USER_HZ = 100). */
export function cpuOfStat(stat: string, withChildren = false): number {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // f[0] is field 3 (state)
  const ticks = Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0);
  return ticks / 100;
}

/** VmHWM (peak resident set) of a /proc/PID/status text, in MiB; 0 when absent. */
export function peakRssMbOfStatus(status: string): number {
  const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) / 1024 : 0;
}

export interface WorkerRun {
  /** wallS: first document enqueued to last stage committed (stage_runs); ingestS: the ingest process, its start and wait included */
  /** otherCores: what everything else on the machine used meanwhile (cores; the ingest command included) */
  n: number; run: number; pages: number; wallS: number; ingestS: number; workerCpuS: number; pgCpuS: number | null; otherCores: number;
  peakRssMb: number[]; failed: number; load1: number; roundTripsPerJob: number | null;
}

export const pagesPerMin = (r: Pick<WorkerRun, 'pages' | 'wallS'>) => (60 * r.pages) / r.wallS;
/** pages/min if each of the N processes had one free core to itself, from CPU time: what a loaded machine distorts least */
export const cpuPagesPerMin = (r: Pick<WorkerRun, 'n' | 'pages' | 'workerCpuS'>) => (60 * r.n * r.pages) / r.workerCpuS;

// ---- /proc readings -----------------------------------------------------------------------

const readProc = (pid: number, file: string): string => { try { return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8'); } catch { return ''; } };
/** a worker's CPU seconds: its threads, and the tesseract processes it ran and waited for (the native OCR engine) */
const procCpuS = (pid: number): number => { const s = readProc(pid, 'stat'); return s ? cpuOfStat(s, true) : 0; };

/** CPU seconds of the PostgreSQL server: the postmaster with its reaped children, plus its live backends. */
function pgServerCpuS(postmaster: number): number {
  const own = readProc(postmaster, 'stat');
  let total = own ? cpuOfStat(own, true) : 0;
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    const s = readProc(Number(e), 'stat');
    if (!s) continue;
    const ppid = Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === postmaster) total += cpuOfStat(s);
  }
  return total;
}

// ---- one run ------------------------------------------------------------------------------

interface Started { p: ChildProcess; stderr: string[] }

function startWorker(url: string, env: NodeJS.ProcessEnv): Promise<Started> {
  const p = spawn(process.execPath, [BIN, '--db', url, 'worker', '--concurrency', '1', '--quiet'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const w: Started = { p, stderr: [] };
  return new Promise((resolve, reject) => {
    let buf = '';
    p.stderr!.on('data', (b: Buffer) => {
      buf += b.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) {
        w.stderr.push(l);
        if (READY.test(l)) resolve(w);
      }
    });
    p.once('error', reject);
    p.once('exit', (code) => reject(new Error(`tonghop worker thoát (${code}) trước khi nhận việc: ${w.stderr.slice(-5).join(' | ')}`)));
  });
}

const exited = (p: ChildProcess): Promise<void> => new Promise((r) => { if (p.exitCode !== null || p.signalCode) r(); else p.once('exit', () => r()); });

/** The ingest's summary: how many files failed, and their codes (a run with failures measures nothing useful). */
function runIngest(url: string, files: string[], env: NodeJS.ProcessEnv): Promise<{ failed: number; codes: string[] }> {
  const p = spawn(process.execPath, [BIN, '--db', url, 'ingest', '--json', ...files], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  p.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  p.stderr!.on('data', (b: Buffer) => { err = (err + b.toString()).slice(-2000); });
  return new Promise((resolve, reject) => {
    p.once('error', reject);
    p.once('exit', (code) => {
      try {
        const summary = JSON.parse(out) as { failures: { code: string | null; error: string | null }[] };
        resolve({ failed: summary.failures.length, codes: [...new Set(summary.failures.map((f) => `${f.code}: ${(f.error ?? '').slice(0, 120)}`))] });
      } catch { reject(new Error(`tonghop ingest thoát (${code}): ${err.slice(-500)}`)); }
    });
  });
}

/** Seconds from the first document enqueued (its 'ingest' row) to the last stage committed, from the database's own records. */
async function enqueueToDoneS(url: string): Promise<number> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query("SELECT MIN(finished_at) FILTER (WHERE stage = 'ingest') AS t0, MAX(finished_at) AS t1 FROM stage_runs");
    return (Date.parse(rows[0].t1) - Date.parse(rows[0].t0)) / 1000;
  } finally { await c.end(); }
}

interface Db { url: string; drop(): Promise<void> }
export interface Server { createDatabase(name: string): Promise<Db>; postmaster: number | null; stop(): Promise<void> }

/** One measured run: N workers on a fresh database and data folder, one waiting ingest. */
async function runOnce(server: Server, n: number, run: number, files: string[], pages: number): Promise<WorkerRun> {
  const db = await server.createDatabase(`bench_w${n}_r${run}_${process.pid}`);
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-workers-'));
  const env = { ...process.env, TONGHOP_DATA: data };
  const workers: Started[] = [];
  try {
    // started one after another: the first applies the migrations under its lock, the others find them done
    for (let i = 0; i < n; i++) workers.push(await startWorker(db.url, env));
    const load1 = os.loadavg()[0];
    const cpu0 = workers.map((w) => procCpuS(w.p.pid!));
    const pg0 = server.postmaster ? pgServerCpuS(server.postmaster) : null;
    const busy0 = busyOfProcStat(fs.readFileSync('/proc/stat', 'utf8'));
    const t0 = performance.now();
    const { failed, codes } = await runIngest(db.url, files, env);
    if (failed) console.log(`  (lần ${run}, ${n} worker: ${failed} tệp lỗi: ${codes.join(' · ')})`);
    const ingestS = (performance.now() - t0) / 1000;
    const wallS = await enqueueToDoneS(db.url);
    const workerCpuS = workers.reduce((a, w, i) => a + procCpuS(w.p.pid!) - cpu0[i], 0);
    const pgCpuS = server.postmaster && pg0 !== null ? pgServerCpuS(server.postmaster) - pg0 : null;
    const otherCores = (busyOfProcStat(fs.readFileSync('/proc/stat', 'utf8')) - busy0 - workerCpuS - (pgCpuS ?? 0)) / ingestS;
    const peakRssMb = workers.map((w) => peakRssMbOfStatus(readProc(w.p.pid!, 'status')));
    for (const w of workers) w.p.kill('SIGTERM');
    await Promise.all(workers.map((w) => exited(w.p)));
    // "…; 12.3 lượt truy vấn CSDL mỗi việc." from each worker's closing line, weighted by its jobs
    let jobs = 0, trips = 0;
    for (const w of workers) {
      const m = /Việc đã làm: (\d+).*; ([\d.]+) lượt truy vấn/.exec(w.stderr.join('\n'));
      if (m) { jobs += Number(m[1]); trips += Number(m[1]) * Number(m[2]); }
    }
    return { n, run, pages, wallS, ingestS, workerCpuS, pgCpuS, otherCores, peakRssMb, failed, load1, roundTripsPerJob: jobs ? trips / jobs : null };
  } finally {
    for (const w of workers) if (w.p.exitCode === null && !w.p.signalCode) w.p.kill('SIGKILL');
    await Promise.all(workers.map((w) => exited(w.p)));
    fs.rmSync(data, { recursive: true, force: true });
    await db.drop().catch(() => {});
  }
}

// ---- the server: a throw-away cluster, or the --db URL's server ---------------------------

async function openServer(dbUrl: string | undefined): Promise<Server> {
  const pg = (await import('pg')).default;
  const admin = async (url: string, sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try { await c.query(sql); } finally { await c.end(); }
  };
  if (dbUrl) {
    // fresh databases next to the given one (its role needs CREATEDB); dropped after each run
    return {
      postmaster: null,
      async createDatabase(name) {
        await admin(dbUrl, `CREATE DATABASE "${name}"`);
        const u = new URL(dbUrl);
        u.pathname = `/${name}`;
        return { url: u.toString(), drop: () => admin(dbUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
      },
      async stop() {},
    };
  }
  const { startPgCluster } = await import('../testkit/pg.js');
  const cluster = await startPgCluster();
  const pidFile = path.join(cluster.dir, 'data', 'postmaster.pid');
  const postmaster = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]) || null;
  return {
    postmaster,
    async createDatabase(name) {
      const url = await cluster.createDatabase(name);
      return { url, drop: () => admin(cluster.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
    },
    async stop() { cluster.stop(); },
  };
}

// ---- report -------------------------------------------------------------------------------

function printRunLine(r: WorkerRun): void {
  console.log(`  lần ${r.run}, ${r.n} worker: ${r.pages} trang trong ${fmt(r.wallS)} s → ${fmt(pagesPerMin(r))} trang/phút (lệnh ingest ${fmt(r.ingestS)} s); CPU worker ${fmt(r.workerCpuS / r.pages, 2)} s/trang`
    + `${r.pgCpuS !== null ? `, PostgreSQL ${fmt(r.pgCpuS / r.pages, 3)} s/trang` : ''}; RSS đỉnh ${r.peakRssMb.map((m) => fmt(m, 0)).join('/')} MiB; tải lúc bắt đầu ${fmt(r.load1, 2)}, việc khác dùng ${fmt(r.otherCores, 2)} lõi${r.failed ? `; ${r.failed} tệp lỗi` : ''}`);
}

/** The table of median runs, and the ratios to the first N, by wall clock and by CPU time. */
export function summaryTable(medians: readonly WorkerRun[]): string[] {
  const base = medians[0];
  const head = '| N worker | trang | giây | trang/phút | CPU s/trang | lõi dùng TB | RSS đỉnh mỗi worker (MiB) | tỉ lệ (đồng hồ) | tỉ lệ (theo CPU) | lõi việc khác dùng |';
  const rows = medians.map((r) => `| ${r.n} | ${r.pages} | ${fmt(r.wallS)} | ${fmt(pagesPerMin(r))} | ${fmt(r.workerCpuS / r.pages, 2)} | ${fmt(r.workerCpuS / r.ingestS, 2)} | ${fmt(Math.max(...r.peakRssMb), 0)} | ${fmt(pagesPerMin(r) / pagesPerMin(base), 2)} | ${fmt(cpuPagesPerMin(r) / cpuPagesPerMin(base), 2)} | ${fmt(r.otherCores, 2)} |`);
  return [head, '|---|---|---|---|---|---|---|---|---|---|', ...rows];
}

export interface WorkerBenchOptions { counts: number[]; runs: number; files: string[]; pages: number; dbUrl?: string }

export async function benchWorkers(o: WorkerBenchOptions): Promise<WorkerRun[]> {
  const distState: string = '../bin/dist-state.js'; // plain JavaScript, without types
  const { distIsFresh } = (await import(distState)) as { distIsFresh: () => boolean };
  const load = os.loadavg();
  console.log(`\nBench worker (PostgreSQL + pg-boss): ${o.counts.join(', ')} tiến trình \`tonghop worker --concurrency 1\` (mỗi tiến trình 1 việc, 1 luồng OCR), ${o.runs} lần mỗi N, lần lượt xen kẽ`);
  console.log(`CLI: ${distIsFresh() ? 'dist/ (đã biên dịch)' : 'tsx (dist/ cũ hơn mã nguồn: `npm run build` để chạy bản biên dịch)'}; CSDL: ${o.dbUrl ? 'máy chủ của --db (mỗi lần một CSDL mới)' : 'cụm PostgreSQL tạm (testkit/pg.ts)'}`);
  if (load[0] > 1.5) console.log(`Lưu ý: máy đang bận (tải ${load.map((l) => fmt(l, 2)).join(' ')} > 1,5 trên ${os.availableParallelism()} lõi): số theo đồng hồ bị kéo xuống; xem thêm cột theo thời gian CPU.`);
  const server = await openServer(o.dbUrl);
  const all: WorkerRun[] = [];
  try {
    for (let run = 1; run <= o.runs; run++) {
      for (const n of o.counts) {
        const r = await runOnce(server, n, run, o.files, o.pages);
        all.push(r);
        printRunLine(r);
      }
    }
  } finally {
    await server.stop();
  }
  // a run where files failed did less work than the others: it counts only when no run of its N is clean
  const medians = o.counts.map((n) => {
    const mine = all.filter((r) => r.n === n);
    const clean = mine.filter((r) => !r.failed);
    if (clean.length < mine.length) console.log(`(${n} worker: ${mine.length - clean.length} lần có tệp lỗi, ${clean.length ? 'bỏ ra khỏi trung vị' : 'không còn lần nào sạch: số dưới đây không dùng được'})`);
    return medianBy(clean.length ? clean : mine, pagesPerMin);
  });
  console.log(`\nTrung vị của ${o.runs} lần mỗi N (theo trang/phút):`);
  for (const line of summaryTable(medians)) console.log(line);
  const trips = medians.map((r) => r.roundTripsPerJob).filter((x): x is number => x !== null);
  if (trips.length) console.log(`Lượt truy vấn CSDL mỗi việc (theo worker): ${trips.map((t) => fmt(t)).join(' / ')}.`);
  console.log('tỉ lệ (đồng hồ): trang/phút so với N đầu tiên. tỉ lệ (theo CPU): như thể mỗi worker có một lõi rảnh riêng (N × trang / thời gian CPU); một worker còn dùng thêm chút lõi thứ hai (luồng dựng ảnh trang kế), nên đây là cận trên. lõi dùng TB = thời gian CPU của các worker / thời gian lệnh ingest; lõi việc khác dùng: phần còn lại của máy bận trong lúc đó (/proc/stat, trừ worker và PostgreSQL).');
  const two = medians.find((r) => r.n === 2);
  if (two && medians[0].n === 1) {
    const ratio = pagesPerMin(two) / pagesPerMin(medians[0]);
    console.log(`2 worker so với 1 (trung vị): ${fmt(ratio, 2)}× (mục tiêu ≥ 1,8×: ${ratio >= 1.8 ? 'đạt' : 'chưa đạt'}).`);
  }
  const quiet = quietestRound(all, o.counts);
  if (quiet && o.runs > 1) {
    console.log(`\nLần máy yên nhất (lần ${quiet[0].run}: việc khác dùng ${quiet.map((r) => fmt(r.otherCores, 2)).join('/')} lõi): trên máy dùng chung, các lần chạy cùng lúc với việc khác kéo trung vị xuống`);
    for (const line of summaryTable(quiet)) console.log(line);
  }
  return all;
}

/** The round (one run of every N) in which the rest of the machine used the least CPU; null when no round is complete and clean. */
export function quietestRound(all: readonly WorkerRun[], counts: readonly number[]): WorkerRun[] | null {
  const rounds = [...new Set(all.map((r) => r.run))].map((run) => counts.map((n) => all.find((r) => r.run === run && r.n === n)));
  const complete = rounds.filter((rs): rs is WorkerRun[] => rs.every((r) => r !== undefined && !r.failed));
  const busiest = (rs: WorkerRun[]) => Math.max(...rs.map((r) => r.otherCores));
  return complete.length ? complete.reduce((a, b) => (busiest(b) < busiest(a) ? b : a)) : null;
}
