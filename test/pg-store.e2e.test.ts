// Medium test (issue 16): the PostgreSQL store and its job queue on a real server
// (testkit/pg.ts; TONGHOP_TEST_PG=skip skips it, nothing else does): migrations applied once when
// several processes start together, a stage job delivered twice committing once, a job out of
// retries failing its document with a registered code, `query` read-only. It also prints the
// database round trips one born-digital document costs.
import fs from 'node:fs';
import path from 'node:path';
import type PgBoss from 'pg-boss';
import { makeConfig } from '../pipeline/config.js';
import { STAGES } from '../pipeline/pipeline.js';
import { openPg, roundTrips, type PgPool } from '../pipeline/pg/database.js';
import { PgContent } from '../pipeline/pg/content.js';
import { pgTakeIn } from '../pipeline/pg/intake.js';
import { enqueueStage, ensureQueues, startBoss, type QueueSettings } from '../pipeline/pg/queue.js';
import { runStageJob, type JobEnv } from '../pipeline/pg/stage-job.js';
import { StageWorker } from '../pipeline/pg/worker.js';
import { pgQueryCommand } from '../cli/pg-commands.js';
import { startPgCluster, pgTestsSkipped, type PgCluster } from '../testkit/pg.js';
import { tempDir, bornDigitalFixtures } from './helpers.js';
import { haGiangReportPage, makePdf, type Line } from './review/fixture.js';

const describePg = pgTestsSkipped() ? describe.skip : describe;
const settings: QueueSettings = { leaseSeconds: 60, retryLimit: 1, retryDelaySeconds: 0 };
const stageNames = STAGES.map((s) => s.name);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describePg('PostgreSQL store', () => {
  let cluster: PgCluster;
  let n = 0;
  const fresh = () => cluster.createDatabase(`store_${++n}`);
  beforeAll(async () => { cluster = await startPgCluster(); }, 60_000);
  afterAll(() => cluster?.stop());

  it('applies the migrations once when several processes open the database together', async () => {
    const url = await fresh();
    const pools = await Promise.all([1, 2, 3, 4].map(() => openPg(url, { max: 2 })));
    try {
      const files = fs.readdirSync(path.join(process.cwd(), 'pipeline', 'pg', 'migrations')).filter((f) => /^\d+_.*\.sql$/.test(f));
      expect((await pools[0].query('SELECT COUNT(*) AS n FROM schema_migrations')).rows[0].n).toBe(files.length);
      expect((await pools[0].query('SELECT COUNT(*) AS n FROM gazetteer_provinces')).rows[0].n).toBeGreaterThan(63);
    } finally { await Promise.all(pools.map((p) => p.end())); }
  });

  describe('stage jobs', () => {
    let url: string;
    let pool: PgPool;
    let boss: PgBoss;
    let env: JobEnv;
    const cfg = makeConfig({ dbFile: path.join(tempDir(), 'unused.db') });
    beforeAll(async () => {
      url = await fresh();
      pool = await openPg(url);
      boss = await startBoss(url, settings, { supervise: false });
      await ensureQueues(boss, pool, stageNames, settings);
      env = { pool, cfg, content: PgContent.at(cfg.dataDir, null), stages: STAGES, scratches: [], ocr: async () => null, enqueue: (c, job) => enqueueStage(boss, c, job) };
    }, 60_000);
    afterAll(async () => { await boss?.stop({ graceful: false }); await pool?.end(); });

    const jobsOf = async (stage: string, id: string) =>
      (await pool.query('SELECT COUNT(*) AS n FROM pgboss.job WHERE name = $1 AND data->>\'documentId\' = $2', [`tonghop-${stage}`, id])).rows[0].n;

    it('commits a stage delivered twice at once exactly once, and enqueues the next stage once', async () => {
      const file = path.join(await bornDigitalFixtures(), 'bc-ha-giang-280.pdf');
      const taken = await pgTakeIn({ pool, boss, cfg, content: env.content }, file);
      expect(taken.kind).toBe('new');
      const id = taken.id;
      const twice = await Promise.all([runStageJob(env, { documentId: id, stage: 'probe' }), runStageJob(env, { documentId: id, stage: 'probe' })]);
      expect(twice.filter((r) => r === 'done')).toHaveLength(1);
      expect(twice.filter((r) => r === 'duplicate' || r === 'skipped')).toHaveLength(1);
      expect((await pool.query("SELECT COUNT(*) AS n FROM stage_runs WHERE document_id = $1 AND stage = 'probe'", [id])).rows[0].n).toBe(1);
      expect(await jobsOf('signatures', id)).toBe(1);
      // a stage out of order (a stale job) does nothing
      expect(await runStageJob(env, { documentId: id, stage: 'load' })).toBe('skipped');

      // the rest of the pipeline, in order, counting round trips (the worker's fetch and completion add 2 per stage)
      const before = roundTrips.count;
      for (const stage of stageNames.slice(1)) expect(await runStageJob(env, { documentId: id, stage })).toBe('done');
      const perDoc = roundTrips.count - before;
      const doc = (await pool.query('SELECT status, doc_number FROM documents WHERE id = $1', [id])).rows[0];
      expect(doc).toEqual({ status: 'accepted', doc_number: '280/BC-SLĐTBXH' });
      expect((await pool.query('SELECT COUNT(*) AS n FROM fields WHERE document_id = $1', [id])).rows[0].n).toBeGreaterThan(4);
      // delivered again after completion: nothing changes
      expect(await runStageJob(env, { documentId: id, stage: 'load' })).toBe('skipped');
      console.log(`Round trips for one born-digital document, stages probe→route: ${perDoc} (+${2 * stageNames.length} for pg-boss fetch and complete)`);
    }, 120_000);

    it('keeps originals in a shared folder with --store, and workers read them from there', async () => {
      const shared = tempDir('tonghop-shared-store-');
      const content = PgContent.at(cfg.dataDir, shared);
      const onShared: JobEnv = { ...env, content, scratches: [] };
      const taken = await pgTakeIn({ pool, boss, cfg, content }, path.join(await bornDigitalFixtures(), 'bc-an-giang-1901.pdf'));
      const row = (await pool.query('SELECT store_path, sha256 FROM documents WHERE id = $1', [taken.id])).rows[0];
      expect(row.store_path.startsWith(shared)).toBe(true);
      expect(fs.existsSync(row.store_path)).toBe(true);
      expect((await pool.query('SELECT COUNT(*) AS n FROM originals WHERE sha256 = $1', [row.sha256])).rows[0].n).toBe(0);
      for (const stage of stageNames) expect(await runStageJob(onShared, { documentId: taken.id, stage })).toBe('done');
      expect((await pool.query('SELECT status FROM documents WHERE id = $1', [taken.id])).rows[0].status).toBe('accepted');
    }, 120_000);

    it('fails a document whose job is out of retries, with a registered code and a Vietnamese reason', async () => {
      // an original missing from the content store: every try throws, so the job goes to the dead-letter queue
      const sha = 'f'.repeat(64);
      await pool.query(`INSERT INTO documents (id, file_name, sha256, size, store_path, status, received_at, updated_at)
        VALUES ('lost', 'mat-ban-goc.pdf', $1, 10, $2, 'pending', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`, [sha, `pg:${sha}.pdf`]);
      await pool.query("INSERT INTO stage_runs (document_id, stage, status, finished_at) VALUES ('lost', 'ingest', 'done', '2026-01-01T00:00:00Z')");
      await enqueueStage(boss, pool, { documentId: 'lost', stage: 'probe' });
      const w = await StageWorker.start({ url, cfg, settings, concurrency: 1, storeDir: null });
      try {
        let row: { status: string; error_code: string; error: string } | undefined;
        for (let t = 0; t < 300 && row?.status !== 'failed'; t++) {
          await sleep(100);
          row = (await pool.query("SELECT status, error_code, error FROM documents WHERE id = 'lost'")).rows[0];
        }
        expect(row?.status).toBe('failed');
        expect(row?.error_code).toBe('internal.retries_exhausted');
        expect(row?.error).toMatch(/^Bước probe không hoàn thành sau 2 lần thử/);
      } finally { await w.stop(5000); }
    }, 60_000);

    it('fails a document whose workers keep dying with internal.crash_loop, whichever machine takes it', async () => {
      // Its own database, with a 1-second lease. "Dying" is a worker that takes the job and
      // never answers (what a SIGKILL leaves): here a bare fetch, twice; the lease runs out each
      // time; the running StageWorker (which takes only route jobs) expires it, and after the
      // last try turns the dead letter into the document's failure.
      const url2 = await fresh();
      const short: QueueSettings = { leaseSeconds: 1, retryLimit: 1, retryDelaySeconds: 0 };
      const pool2 = await openPg(url2, { max: 2 });
      const boss2 = await startBoss(url2, short, { supervise: false });
      await ensureQueues(boss2, pool2, stageNames, short);
      const w = await StageWorker.start({ url: url2, cfg, settings: short, concurrency: 1, storeDir: null, stages: ['route'] });
      try {
        const taken = await pgTakeIn({ pool: pool2, boss: boss2, cfg, content: env.content }, path.join(await bornDigitalFixtures(), 'ctr-ha-giang-07.pdf'));
        for (let tries = 0; tries < 2; tries++) {
          let got: unknown[] = [];
          for (let t = 0; t < 200 && got.length === 0; t++) { got = await boss2.fetch('tonghop-probe'); if (!got.length) await sleep(100); }
          expect(got).toHaveLength(1); // taken, then the taker "dies"
        }
        let row: { status: string; error_code: string } | undefined;
        for (let t = 0; t < 300 && row?.status !== 'failed'; t++) {
          await sleep(100);
          row = (await pool2.query('SELECT status, error_code FROM documents WHERE id = $1', [taken.id])).rows[0];
        }
        expect(row).toEqual({ status: 'failed', error_code: 'internal.crash_loop' });
      } finally {
        await w.stop(2000);
        await boss2.stop({ graceful: false });
        await pool2.end();
      }
    }, 60_000);

    it('answers query in a read-only transaction', async () => {
      expect(JSON.parse(await pgQueryCommand(url, "SELECT COUNT(*)::int AS n FROM v_documents WHERE status = 'accepted'", 'json'))).toEqual([{ n: 2 }]);
      await expect(pgQueryCommand(url, 'DELETE FROM documents', 'json')).rejects.toMatchObject({ code: 'usage.read_only_query' });
      await expect(pgQueryCommand(url, 'WITH x AS (DELETE FROM documents RETURNING id) SELECT * FROM x', 'json')).rejects.toMatchObject({ code: 'usage.read_only_query' });
      await expect(pgQueryCommand(url, 'SELEC 1', 'json')).rejects.toMatchObject({ code: 'usage.bad_query' });
      expect((await pool.query('SELECT COUNT(*) AS n FROM documents')).rows[0].n).toBe(3);
    });

    it('links an annex to its report on PostgreSQL when both are loaded together', async () => {
      const dir = tempDir();
      const annex: Line[] = [
        { text: '280/BC-UBND', x: 480, y: 18, size: 10 },
        { text: '2023-06-29T10:15:31+07:00', x: 440, y: 30, size: 10 },
        { text: 'Phụ lục I', x: 270, y: 80, size: 13, bold: true },
        { text: 'KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU 6 THÁNG ĐẦU NĂM 2023', x: 140, y: 100, size: 12, bold: true },
      ];
      const ids: string[] = [];
      for (const [name, lines] of [['phu-luc.pdf', annex], ['bao-cao.pdf', haGiangReportPage()]] as const) {
        fs.writeFileSync(path.join(dir, name), (await makePdf([lines])).bytes);
        ids.push((await pgTakeIn({ pool, boss, cfg, content: env.content }, path.join(dir, name))).id);
      }
      const upTo = stageNames.indexOf('load');
      for (const id of ids) for (const stage of stageNames.slice(0, upTo)) expect(await runStageJob(env, { documentId: id, stage })).toBe('done');
      // both loads at once (whether their commits overlap is up to timing: this checks the linking, not the lock)
      const loads = await Promise.all(ids.map((id) => runStageJob({ ...env, scratches: [] }, { documentId: id, stage: 'load' })));
      expect(loads).toEqual(['done', 'done']);
      const rows = (await pool.query('SELECT id, doc_number, parent_id, parent_ref FROM documents WHERE id = ANY($1)', [ids])).rows;
      const [a, r] = ids.map((id) => rows.find((x) => x.id === id));
      expect(r).toMatchObject({ doc_number: '280/BC-UBND', parent_id: null });
      expect(a).toMatchObject({ parent_id: r.id, parent_ref: '280/BC-UBND' });
    }, 120_000);
  });
});
