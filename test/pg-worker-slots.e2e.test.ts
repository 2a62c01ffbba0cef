// Medium test (issue 16): a `tonghop worker --concurrency 1` holds at most one job at a time. It
// takes a job from the queue only when its slot is free, so while it reads a scan no job of
// another stage waits claimed behind it (another worker could have run it). Sampled from
// pg-boss's own job table during a real ingest. Real PostgreSQL (testkit/pg.ts);
// TONGHOP_TEST_PG=skip skips it.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { makeScan, seedFromName } from '../testkit/generator/make-scans.js';
import { SCANNED_DIR } from '../testkit/generator/scanned-set.js';
import { startPgCluster, pgTestsSkipped, type PgCluster } from '../testkit/pg.js';
import { tempDir, bornDigitalFixtures } from './helpers.js';

const bin = path.join(process.cwd(), 'bin', 'tonghop.js');
const snapshots = path.join(process.cwd(), 'fixtures', 'ocr-snapshots');
const describePg = pgTestsSkipped() ? describe.skip : describe;
const exited = (p: ChildProcess) => new Promise<number | null>((r) => { if (p.exitCode !== null || p.signalCode) r(p.exitCode); else p.once('exit', (code) => r(code)); });

describePg('a one-slot worker', () => {
  let cluster: PgCluster | undefined;
  const procs: ChildProcess[] = [];
  afterAll(() => {
    for (const p of procs) if (p.exitCode === null && !p.signalCode) p.kill('SIGKILL');
    cluster?.stop();
  });

  it('never holds more than one job, and finishes every document', async () => {
    const born = await bornDigitalFixtures();
    const dir = tempDir('tonghop-slots-');
    for (const f of ['bc-an-giang-1901.pdf', 'ctr-ha-giang-07.pdf', 'bc-bac-lieu-180.pdf']) fs.copyFileSync(path.join(born, f), path.join(dir, f));
    const made = path.join(SCANNED_DIR, 'ctph-ben-tre-02.pdf');
    const scan = fs.existsSync(made) ? fs.readFileSync(made)
      : Buffer.from(await makeScan(new Uint8Array(fs.readFileSync(path.join(born, 'ctph-ben-tre-02.pdf'))), { seed: seedFromName('ctph-ben-tre-02') }));
    fs.writeFileSync(path.join(dir, 'scan-ctph-ben-tre-02.pdf'), scan);

    cluster = await startPgCluster();
    const url = await cluster.createDatabase('one_slot');
    const env = { ...process.env, TONGHOP_DATA: tempDir('tonghop-slot-data-') };
    const w = spawn(process.execPath, [bin, '--db', url, 'worker', '--concurrency', '1', '--ocr-cache', snapshots, '--quiet'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    procs.push(w);
    w.stderr?.on('data', () => {});
    const ingest = spawn(process.execPath, [bin, '--db', url, 'ingest', '--json', dir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    procs.push(ingest);
    let out = '';
    ingest.stdout?.on('data', (d) => { out += d; });
    ingest.stderr?.on('data', () => {});

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    let most = 0, samples = 0, whileReading = 0;
    const done = exited(ingest);
    let finished = false;
    void done.then(() => { finished = true; });
    try {
      while (!finished) {
        const r = await db.query("SELECT name FROM pgboss.job WHERE state = 'active' AND name LIKE 'tonghop-%' AND name <> 'tonghop-dead'").catch(() => null);
        if (r) {
          samples++;
          most = Math.max(most, r.rowCount ?? 0);
          if (r.rows.some((x: { name: string }) => x.name === 'tonghop-text')) whileReading++;
        }
        await new Promise((res) => setTimeout(res, 10));
      }
      expect(await done).toBe(0);
      const summary = JSON.parse(out) as { processed: number; failures: unknown[] };
      expect(summary.failures).toEqual([]);
      const { rows } = await db.query("SELECT COUNT(*)::int AS n FROM documents WHERE status IN ('accepted', 'needs_review')");
      expect(rows[0].n).toBe(4);
    } finally {
      await db.end();
    }
    expect(whileReading).toBeGreaterThan(5); // the sampling saw the scan being read
    expect(samples).toBeGreaterThan(20);
    expect(most).toBe(1);
    w.kill('SIGTERM');
    expect(await exited(w)).toBe(0);
  }, 180_000);
});
