// Medium test (issue 16): the same small mixed corpus through SQLite (in process) and through
// PostgreSQL with `tonghop worker` processes and one `tonghop ingest`, with a worker SIGKILLed in
// the middle of a job (its job comes back after the lease) and another killed later. Every
// document must come out exactly once, and `export documents` and `report all` must give the
// same JSON on both stores. Real PostgreSQL (testkit/pg.ts); TONGHOP_TEST_PG=skip skips it.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { makeConfig } from '../pipeline/config.js';
import { openApp } from '../pipeline/app.js';
import { ingestPaths, type IngestSummary } from '../pipeline/ingest.js';
import { sha256Of } from '../pipeline/content-store.js';
import { exportDocuments } from '../reports/export-documents.js';
import { buildReport, reportJson } from '../reports/report.js';
import { makeScan, seedFromName } from '../testkit/generator/make-scans.js';
import { SCANNED_DIR } from '../testkit/generator/scanned-set.js';
import { truncated } from '../testkit/generator/hostile.js';
import { startPgCluster, pgTestsSkipped, type PgCluster } from '../testkit/pg.js';
import { tempDir, bornDigitalFixtures } from './helpers.js';
import { makeEdxml } from './edxml/make-edxml.js';
import { reportDocx } from './office/report-docs.js';

const bin = path.join(process.cwd(), 'bin', 'tonghop.js');
const snapshots = path.join(process.cwd(), 'fixtures', 'ocr-snapshots');
const describePg = pgTestsSkipped() ? describe.skip : describe;

/** Born-digital report and programme, a scan (OCR from the committed snapshots), a copy, a truncated PDF, an edXML package with a DOCX report. */
async function corpus(): Promise<{ dir: string; scanId: string }> {
  const born = await bornDigitalFixtures();
  const dir = tempDir('tonghop-pg-corpus-');
  // One report per province: two reports of one province with the same date and period are
  // ordered by the order they were loaded in (reports/indicator-totals.ts), which differs run to run.
  for (const f of ['bc-an-giang-1901.pdf', 'ctr-ha-giang-07.pdf']) fs.copyFileSync(path.join(born, f), path.join(dir, f));
  fs.copyFileSync(path.join(born, 'bc-an-giang-1901.pdf'), path.join(dir, 'ban-sao-an-giang.pdf'));
  fs.writeFileSync(path.join(dir, 'hong-cut.pdf'), truncated(fs.readFileSync(path.join(born, 'ctr-ha-giang-07.pdf'))));
  const made = path.join(SCANNED_DIR, 'ctph-ben-tre-02.pdf'); // the scanned set's file when generated, else made the same way
  const scan = fs.existsSync(made) ? fs.readFileSync(made)
    : Buffer.from(await makeScan(new Uint8Array(fs.readFileSync(path.join(born, 'ctph-ben-tre-02.pdf'))), { seed: seedFromName('ctph-ben-tre-02') }));
  fs.writeFileSync(path.join(dir, 'scan-ctph-ben-tre-02.pdf'), scan);
  // its attachment is taken in by the probe stage, on whichever worker runs it
  fs.writeFileSync(path.join(dir, 'goi-tin.edxml'), makeEdxml({ attachments: [{ name: 'bao-cao.docx', bytes: await reportDocx() }] }));
  return { dir, scanId: sha256Of(scan).slice(0, 16) };
}

const env = (extra: Record<string, string> = {}) => ({
  ...process.env, TONGHOP_JOB_LEASE_SECONDS: '8', TONGHOP_JOB_RETRY_DELAY_SECONDS: '1', TONGHOP_DATA: tempDir('tonghop-worker-'), ...extra,
});

function worker(url: string, args: string[] = []): ChildProcess {
  const p = spawn(process.execPath, [bin, '--db', url, 'worker', '--concurrency', '1', '--ocr-cache', snapshots, '--quiet', ...args], { env: env(), stdio: ['ignore', 'ignore', 'pipe'] });
  p.stderr?.on('data', () => {}); // drained, not kept
  return p;
}

const exited = (p: ChildProcess) => new Promise<number | null>((r) => { if (p.exitCode !== null || p.signalCode) r(p.exitCode); else p.once('exit', (code) => r(code)); });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until fn gives a value (or fails after timeoutMs). */
async function until<T>(fn: () => Promise<T | null | undefined>, timeoutMs: number, what: string): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function cli(url: string, args: string[]): string {
  const r = spawnSync(process.execPath, [bin, '--db', url, ...args], { encoding: 'utf8', env: env(), timeout: 60_000 });
  if (r.status !== 0) throw new Error(`tonghop ${args.join(' ')}: ${r.status} ${r.stderr}`);
  return r.stdout;
}

const byFile = <T extends { file: string; sha256: string }>(docs: T[]) => [...docs].sort((a, b) => `${a.file}${a.sha256}`.localeCompare(`${b.file}${b.sha256}`));

describePg('PostgreSQL with several workers gives the SQLite answers', () => {
  let cluster: PgCluster;
  const procs: ChildProcess[] = [];
  afterAll(async () => {
    for (const p of procs) if (p.exitCode === null && !p.signalCode) p.kill('SIGKILL');
    cluster?.stop();
  });

  it('processes every document exactly once, survives SIGKILLed workers, and exports and reports the same', async () => {
    const t0 = Date.now();
    const lap = (what: string) => console.log(`${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const { dir, scanId } = await corpus();
    cluster = await startPgCluster();
    const url = await cluster.createDatabase('same_answers');

    // SQLite, in process: the reference, run while the PostgreSQL side works (its heavy parts run in worker threads)
    const reference = (async () => {
      const app = openApp(makeConfig({ dbFile: path.join(tempDir(), 'tonghop.db'), ocr: { cacheDir: snapshots } }));
      try {
        const summary = await ingestPaths(app, [dir]);
        lap('SQLite reference run');
        return { summary, exported: JSON.parse(JSON.stringify(exportDocuments(app.repo))), report: JSON.parse(JSON.stringify(reportJson(buildReport(app.db, 'all')))) };
      } finally { await app.close(); }
    })();

    // PostgreSQL: A is the only OCR/text worker at first, B does every other stage
    const a = worker(url, ['--stages', 'text']);
    const b = worker(url, ['--stages', 'probe,signatures,parse,normalise,validate,load,route']);
    procs.push(a, b);
    const ingest = spawn(process.execPath, [bin, '--db', url, 'ingest', '--json', dir], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    procs.push(ingest);
    let out = '';
    ingest.stdout?.on('data', (d) => { out += d; });
    ingest.stderr?.on('data', () => {});

    let sqlite: { summary: IngestSummary; exported: unknown; report: unknown } | undefined;
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      // A is killed while it holds the scan's text job (OCR from the snapshots takes seconds)
      const job = await until(async () => (await db.query(`SELECT id FROM pgboss.job WHERE name = 'tonghop-text' AND state = 'active'
        AND data->>'documentId' = $1`, [scanId]).catch(() => ({ rows: [] }))).rows[0]?.id as string | undefined, 90_000, 'the scan\'s text job');
      lap('scan text job taken by A');
      a.kill('SIGKILL');
      await exited(a);
      expect((await db.query('SELECT state FROM pgboss.job WHERE id = $1', [job])).rows[0].state).toBe('active'); // killed mid-job
      const c = worker(url); // every stage
      procs.push(c);
      // B is killed too, once some document has reached route; C finishes alone
      await until(async () => (await db.query("SELECT 1 FROM stage_runs WHERE stage = 'load'")).rowCount, 60_000, 'a loaded document');
      b.kill('SIGKILL');
      await exited(b);

      lap('B killed');
      expect(await exited(ingest)).toBe(0);
      lap('ingest done');
      const summary = JSON.parse(out) as IngestSummary;
      sqlite = await reference;
      expect({ ...summary, seconds: 0 }).toEqual({ ...sqlite.summary, seconds: 0 });

      // The killed job came back after its lease and was completed. (A stage longer than the lease
      // is delivered again while it still runs; that delivery finds the stage committed and commits
      // nothing, so the job may still be waiting for it here: wait for it.)
      const j = await until(async () => (await db.query("SELECT state, retry_count FROM pgboss.job WHERE id = $1 AND state IN ('completed', 'failed')", [job])).rows[0], 60_000, 'the killed job');
      expect(j.state).toBe('completed');
      expect(j.retry_count).toBeGreaterThanOrEqual(1);
      // exactly once: every processed document has each stage once, the failed one stops at its stage
      const runs = (await db.query(`SELECT d.file_name, d.status, COUNT(s.stage)::int AS n FROM documents d
        LEFT JOIN stage_runs s ON s.document_id = d.id GROUP BY d.id ORDER BY d.file_name`)).rows;
      for (const r of runs) {
        if (r.status === 'accepted' || r.status === 'needs_review') expect(r.n).toBe(9); // ingest + 8 stages
        else if (r.status === 'duplicate') expect(r.n).toBe(1);
        else expect(r.status).toBe('failed');
      }
      expect((await db.query('SELECT COUNT(*)::int AS n FROM documents')).rows[0].n).toBe(7); // 6 files and the package's attachment
      expect((await db.query('SELECT COUNT(*)::int AS n FROM documents WHERE parent_id IS NOT NULL')).rows[0].n).toBe(1);
    } finally {
      await db.end();
      await reference.catch(() => {}); // never left running
    }
    if (!sqlite) throw new Error('no SQLite reference');

    const exported = JSON.parse(cli(url, ['export', 'documents', '--format', 'json']));
    expect(byFile(exported.documents)).toEqual(byFile((sqlite.exported as { documents: { file: string; sha256: string }[] }).documents));
    expect(JSON.parse(cli(url, ['report', 'all', '--format', 'json']))).toEqual(sqlite.report);

    const status = JSON.parse(cli(url, ['status', '--json']));
    expect(status.counts.pending ?? 0).toBe(0);
    expect(status.stages.map((s: { stage: string }) => s.stage)).toContain('text');
    expect(status.queue.inboxTaken).toBe(0); // the inbox part of the report is the SQLite code's, over the synchronous store
    expect(status.recentFailures.map((f: { code: string }) => f.code)).toContain('pdf.truncated');
    expect(JSON.parse(cli(url, ['query', '--format', 'json', 'SELECT COUNT(*)::int AS n FROM v_documents']))).toEqual([{ n: 7 }]);

    const c = procs[procs.length - 1];
    c.kill('SIGTERM'); // graceful: nothing in flight, exits 0
    expect(await exited(c)).toBe(0);
  }, 240_000);
});
