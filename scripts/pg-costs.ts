// What one document costs the PostgreSQL store (issue 16), for sizing a deployment
// (docs/deploy.md): round trips and wall time per stage job, bytes stored, and the latency of
// one round trip. Starts a throw-away cluster (testkit/pg.ts), runs born-digital fixtures
// through every stage in this process (no OCR: the per-page OCR cost is `npm run bench`'s).
//   node --import tsx scripts/pg-costs.ts [N documents, default 5]
import path from 'node:path';
import { makeConfig } from '../pipeline/config.js';
import { STAGES } from '../pipeline/pipeline.js';
import { openPg, roundTrips } from '../pipeline/pg/database.js';
import { PgContent } from '../pipeline/pg/content.js';
import { pgTakeIn } from '../pipeline/pg/intake.js';
import { enqueueStage, ensureQueues, startBoss, queueSettings } from '../pipeline/pg/queue.js';
import { runStageJob, type JobEnv } from '../pipeline/pg/stage-job.js';
import { startPgCluster } from '../testkit/pg.js';
import { bornDigitalFixtures, pdfsIn, tempDir } from '../test/helpers.js';

const n = Number(process.argv[2] ?? 5);
const cluster = await startPgCluster();
try {
  const url = await cluster.createDatabase('costs');
  const pool = await openPg(url);
  const settings = queueSettings();
  const boss = await startBoss(url, settings, { supervise: false });
  await ensureQueues(boss, pool, STAGES.map((s) => s.name), settings);
  const cfg = makeConfig({ dbFile: path.join(tempDir(), 'unused.db') });
  const env: JobEnv = { pool, cfg, content: PgContent.at(cfg.dataDir, null), stages: STAGES, scratches: [], ocr: async () => null, enqueue: (c, job) => enqueueStage(boss, c, job) };

  let t = performance.now();
  for (let i = 0; i < 2000; i++) await pool.query('SELECT 1');
  const latencyMs = (performance.now() - t) / 2000;

  const files = pdfsIn(await bornDigitalFixtures()).slice(0, n);
  const per: Record<string, { ms: number; trips: number }> = {};
  const intake = { ms: 0, trips: 0 };
  for (const f of files) {
    let r0 = roundTrips.count;
    t = performance.now();
    const { id } = await pgTakeIn({ pool, boss, cfg, content: env.content }, f);
    intake.ms += performance.now() - t;
    intake.trips += roundTrips.count - r0;
    for (const s of STAGES) {
      r0 = roundTrips.count;
      t = performance.now();
      await runStageJob(env, { documentId: id, stage: s.name });
      per[s.name] ??= { ms: 0, trips: 0 };
      per[s.name].ms += performance.now() - t;
      per[s.name].trips += roundTrips.count - r0;
    }
  }
  const bytes = (await pool.query(`SELECT (SELECT SUM(length(json)) FROM artifacts) AS artifacts, (SELECT SUM(length(bytes)) FROM originals) AS originals,
    pg_database_size(current_database()) AS database`)).rows[0];
  const k = files.length;
  console.log(`PostgreSQL 15, loopback; ${k} born-digital documents; one round trip (SELECT 1): ${latencyMs.toFixed(3)} ms`);
  console.log('stage       round trips/doc   ms/doc (stage work included)');
  console.log(`intake      ${(intake.trips / k).toFixed(1).padStart(8)}   ${(intake.ms / k).toFixed(1).padStart(10)}`);
  for (const [s, v] of Object.entries(per)) console.log(`${s.padEnd(10)}  ${(v.trips / k).toFixed(1).padStart(8)}   ${(v.ms / k).toFixed(1).padStart(10)}`);
  const total = Object.values(per).reduce((a, v) => a + v.trips, intake.trips) / k;
  console.log(`total       ${total.toFixed(1).padStart(8)}   (+${2 * STAGES.length} per document for pg-boss fetch and completion in a worker)`);
  console.log(`bytes per document: artifacts ${(bytes.artifacts / k / 1024).toFixed(0)} KiB, originals ${(bytes.originals / k / 1024).toFixed(0)} KiB; database ${(bytes.database / 1048576).toFixed(0)} MiB`);
  await boss.stop({ graceful: false });
  await pool.end();
} finally {
  cluster.stop();
}
