// Medium test (issues 15, 16): full-text search on the PostgreSQL store gives what it gives on
// SQLite. The same born-digital reports go through the real pipeline into a temp SQLite file
// (ingestPaths) and into a real PostgreSQL server (testkit/pg.ts; stage jobs run in order as a
// worker runs them); the same searches — with and without diacritics, a document number, a phrase,
// words apart, filters, no match — must give the same hits in the same order (bm25) on both.
// Then `tonghop search --db postgres://…`, and two searchers indexing one document at once.
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import type PgBoss from 'pg-boss';
import { makeConfig, makePgConfig } from '../pipeline/config.js';
import { openApp, type App } from '../pipeline/app.js';
import { ingestPaths } from '../pipeline/ingest.js';
import { STAGES } from '../pipeline/pipeline.js';
import { openPg, type PgPool } from '../pipeline/pg/database.js';
import { PgContent } from '../pipeline/pg/content.js';
import { pgTakeIn } from '../pipeline/pg/intake.js';
import { enqueueStage, ensureQueues, startBoss, type QueueSettings } from '../pipeline/pg/queue.js';
import { runStageJob, type JobEnv } from '../pipeline/pg/stage-job.js';
import { asWords, citingDocuments, indexedPage, indexPages, matchRanges, queryTokens, refreshSearchIndex, searchDocuments, searchIndex, type SearchOptions } from '../pipeline/search.js';
import type { ReadPage } from '../model/ocr.js';
import { startPgCluster, pgTestsSkipped, type PgCluster } from '../testkit/pg.js';
import { bornDigitalFixtures, tempDir } from './helpers.js';

const describePg = pgTestsSkipped() ? describe.skip : describe;
const FILES = ['cv-dak-nong-954', 'bc-lai-chau-1317', 'bc-ha-giang-280', 'bc-an-giang-1901'];
const settings: QueueSettings = { leaseSeconds: 60, retryLimit: 1, retryDelaySeconds: 0 };
const BIN = path.join(process.cwd(), 'bin', 'tonghop.js');

/** What a person sees of a search, without the ids (each store makes its own). */
const seen = (db: App['db'], q: string, o?: SearchOptions) => {
  const r = searchDocuments(db, q, o);
  return { mode: r.mode, hits: r.hits.map(({ id: _id, ...h }) => h) };
};

describePg('search on PostgreSQL gives the SQLite answers', () => {
  let cluster: PgCluster;
  let url: string;
  let pool: PgPool;
  let boss: PgBoss;
  let lite: App;
  let pgApp: App;

  beforeAll(async () => {
    const files = FILES.map(async (f) => path.join(await bornDigitalFixtures(), `${f}.pdf`));
    const paths = await Promise.all(files);
    cluster = await startPgCluster();
    url = await cluster.createDatabase('search');
    pool = await openPg(url);
    boss = await startBoss(url, settings, { supervise: false });
    const stageNames = STAGES.map((s) => s.name);
    await ensureQueues(boss, pool, stageNames, settings);
    const cfg = makeConfig({ dbFile: path.join(tempDir(), 'unused.db') });
    const env: JobEnv = { pool, cfg, content: PgContent.at(cfg.dataDir, null), stages: STAGES, scratches: [], ocr: async () => null, enqueue: (c, job) => enqueueStage(boss, c, job) };
    for (const file of paths) {
      const { id } = await pgTakeIn({ pool, boss, cfg, content: env.content }, file);
      for (const stage of stageNames) expect(await runStageJob(env, { documentId: id, stage })).toBe('done');
    }
    lite = openApp(makeConfig({ dbFile: path.join(tempDir('tonghop-search-'), 'tonghop.db') }));
    await ingestPaths(lite, paths);
    pgApp = openApp(makePgConfig(url, {}, { TONGHOP_DATA: tempDir('tonghop-pg-data-') }));
  }, 180_000);

  afterAll(async () => {
    await pgApp?.close();
    await lite?.close();
    await boss?.stop({ graceful: false });
    await pool?.end();
    cluster?.stop();
  });

  it('indexes the same pages, and finds the same hits in the same order for the same queries', () => {
    for (const app of [lite, pgApp]) {
      expect(refreshSearchIndex(app.db)).toBe(FILES.length);
      expect(refreshSearchIndex(app.db)).toBe(0);
    }
    const count = (db: App['db']) => (db.prepare('SELECT COUNT(*) AS n FROM search_pages').get() as { n: number }).n;
    expect(count(pgApp.db)).toBe(count(lite.db));
    const cases: [string, SearchOptions?][] = [
      ['giam ngheo'], ['GIẢM NGHÈO'], ['Dak Nong'], ['Đắk Nông'], ['954/SLĐTBXH-BTXH&PCTN'], ['954/sldtbxh'],
      ['ket qua thuc hien'], ['ngheo bao cao tinh'], ['2023'], ['giam ngheo', { province: 'Ha Giang' }],
      ['giam ngheo', { province: '67' }], ['giam ngheo', { from: '2023-08-01' }], ['giam ngheo', { type: 'bao cao', to: '2023-06-30' }],
      ['khong co tu nay xyzzy'], ['qwertyuiop'],
    ];
    const modes = new Set<string>();
    for (const [q, o] of cases) {
      const want = seen(lite.db, q, o);
      expect({ q, o, ...seen(pgApp.db, q, o) }).toEqual({ q, o, ...want });
      modes.add(want.hits.length ? want.mode : 'none');
    }
    // the cases cover a phrase found, words found apart, and nothing found
    expect(modes).toEqual(new Set(['phrase', 'words', 'none']));
    expect(seen(lite.db, 'giam ngheo').hits.length).toBeGreaterThan(FILES.length);
  });

  it('ranks by the same bm25 as FTS5, number for number', () => {
    for (const app of [lite, pgApp]) refreshSearchIndex(app.db);
    const ranked = (db: App['db']) => searchIndex(db).search(asWords(['giam', 'ngheo', 'tinh']), {}, 100)
      .map((r) => [r.fileName, r.page, r.rank] as const);
    const want = ranked(lite.db);
    const got = ranked(pgApp.db);
    expect(got).toEqual(want); // the same pages in the same order, each rank the same double
    expect(new Set(want.map(([, , r]) => r)).size).toBeGreaterThan(3);
  });

  it('gives the review page its highlighted page, and the follow-up the documents citing a request', () => {
    const fileOf = (db: App['db'], id: string) => (db.prepare('SELECT file_name AS f FROM documents WHERE id = ?').get(id) as { f: string }).f;
    const cited = (db: App['db']) => [...citingDocuments(db, '329/CV-VPQGGN')].map((id) => fileOf(db, id)).sort();
    expect(cited(pgApp.db)).toEqual(cited(lite.db));
    expect(cited(lite.db).length).toBeGreaterThan(1);
    const opened = (db: App['db']) => {
      const hit = searchDocuments(db, 'Dak Nong').hits[0];
      const page = indexedPage(db, hit.id, hit.page)!;
      return { page, ranges: matchRanges(page.folded, queryTokens('Dak Nong')) };
    };
    const want = opened(lite.db);
    expect(want.ranges.length).toBeGreaterThan(0);
    expect(opened(pgApp.db)).toEqual(want);
  });

  it('serves tonghop search --db postgres://…', () => {
    const r = spawnSync(process.execPath, [BIN, '--db', url, 'search', 'Dak', 'Nong', '--format', 'json'],
      { encoding: 'utf8', env: { ...process.env, TONGHOP_DATA: tempDir('tonghop-cli-') }, timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.hits[0]).toMatchObject({ file: 'cv-dak-nong-954.pdf', docNumber: '954/SLĐTBXH-BTXH&PCTN', province: 'Đắk Nông' });
    expect(out.hits.map((h: { file: string }) => h.file)).toEqual(seen(lite.db, 'Dak Nong').hits.map((h) => h.file));
  }, 60_000);

  it('indexes a document once when two searchers reach it together', async () => {
    const doc = (await pool.query("SELECT id, updated_at FROM documents WHERE file_name = 'bc-ha-giang-280.pdf'")).rows[0];
    await pool.query('DELETE FROM search_indexed WHERE document_id = $1', [doc.id]);
    await pool.query('DELETE FROM search_pages WHERE document_id = $1', [doc.id]);
    // another machine's searcher: claims the document, indexes nothing yet, commits 1.5 s later
    const other = spawn(process.execPath, ['--input-type=module', '-e', `
      import pg from 'pg';
      const c = new pg.Client(${JSON.stringify(url)}); await c.connect();
      await c.query('BEGIN');
      await c.query('INSERT INTO search_indexed (document_id, updated_at) VALUES ($1, $2)', [${JSON.stringify(doc.id)}, ${JSON.stringify(doc.updated_at)}]);
      await c.query("SELECT pg_sleep(1.5), 'search-claim-holder'");
      await c.query('COMMIT'); await c.end();`], { stdio: 'inherit' });
    const exited = new Promise((resolve) => other.on('exit', resolve));
    for (let t = 0; t < 100; t++) {
      const { rows } = await pool.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE '%search-claim-holder%' AND pid <> pg_backend_pid()");
      if (rows.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const pages = indexPages(JSON.parse((await pool.query("SELECT json FROM artifacts WHERE document_id = $1 AND name = 'pages'", [doc.id])).rows[0].json) as ReadPage[]);
    const started = Date.now();
    // this searcher waits on the claim, then finds the document current and leaves it
    expect(searchIndex(pgApp.db).replace(doc.id, doc.updated_at, pages)).toBe(false);
    expect(Date.now() - started).toBeGreaterThan(500);
    expect(await exited).toBe(0);
    expect((await pool.query('SELECT COUNT(*) AS n FROM search_pages WHERE document_id = $1', [doc.id])).rows[0].n).toBe(0);
    // a later version is indexed again, once
    expect(searchIndex(pgApp.db).replace(doc.id, `${doc.updated_at}x`, pages)).toBe(true);
    expect((await pool.query('SELECT COUNT(*) AS n FROM search_pages WHERE document_id = $1', [doc.id])).rows[0].n).toBe(pages.length);
  }, 30_000);
});
