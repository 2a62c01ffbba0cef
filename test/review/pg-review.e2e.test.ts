// The review UI on the PostgreSQL store (issues 16 and 17), on a real server (testkit/pg.ts;
// TONGHOP_TEST_PG=skip skips it, nothing else does):
// - the team scenes of team-scenarios.ts in Chromium: claims between two accounts, a large
//   correction waiting for a lead before it reaches `tonghop report indicators --db URL`, a
//   disabled account's session;
// - `tonghop review --db URL` as a real process: originals kept in the database (`pg:`) and in a
//   shared --store folder served as files and page images, nothing outside them; its forms
//   accepted by another review process on the same database (one CSRF key in the database);
// - two review processes at once (PostgreSQL's READ COMMITTED): the other process is a psql
//   session holding its transaction open, this one the real code; the second always loses cleanly.
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { seedReviewDb, removeDir, type SeededDb } from './fixture.js';
import { describeTeamReview } from './team-scenarios.js';
import { HttpSession } from './http-session.js';
import { startReviewServer } from '../../review/server.js';
import { startPgCluster, pgTestsSkipped, findPgBinDir, type PgCluster } from '../../testkit/pg.js';
import { ContentStore } from '../../pipeline/content-store.js';
import { AccountsRepository } from '../../review/accounts.repository.js';
import { ReviewRepository } from '../../review/review.repository.js';
import { ApprovalsRepository } from '../../review/approvals.repository.js';
import { ClaimsRepository } from '../../review/claims.repository.js';
import { Claims } from '../../review/claims.js';
import { ReviewDecisions, stateToken } from '../../review/decisions.js';
import { DEFAULT_THRESHOLDS } from '../../review/four-eyes.js';
import { tempDir } from '../helpers.js';

const skip = pgTestsSkipped();
const describePg = skip ? describe.skip : describe;
const bin = path.join(process.cwd(), 'bin', 'tonghop.js');

let cluster: PgCluster | undefined;
let clusterStarting: Promise<PgCluster> | undefined;
const database = async (name: string) => {
  clusterStarting ??= startPgCluster();
  cluster = await clusterStarting;
  return cluster.createDatabase(name);
};
afterAll(() => cluster?.stop());

describeTeamReview('a review team in Chromium on PostgreSQL', async () => seedReviewDb({ pgUrl: await database('team') }), { skip });

describePg('the review UI on PostgreSQL', () => {
  let s: SeededDb;
  let url: string;
  let review: ChildProcess | undefined;
  const scratch: string[] = [];
  beforeAll(async () => {
    url = await database('review');
    s = await seedReviewDb({ pgUrl: url });
  }, 90_000);
  afterAll(async () => {
    review?.kill('SIGTERM');
    await s?.app.close();
    if (s) removeDir(s.dataDir);
    for (const dir of scratch) removeDir(dir);
  });

  /** `tonghop --db URL review --port 0 …` as its own process; resolves with its address. */
  async function startReviewProcess(args: string[]): Promise<string> {
    const dataDir = tempDir('tonghop-pg-review-'); // the review machine's own caches
    scratch.push(dataDir);
    const child = spawn(process.execPath, [bin, '--db', url, 'review', '--port', '0', ...args],
      { env: { ...process.env, TONGHOP_DATA: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    review = child;
    let out = '', err = '';
    child.stderr!.on('data', (c: Buffer) => { err += c; });
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => {
        out += c;
        const m = /^(http:\/\/\S+?)\/?$/m.exec(out);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`tonghop review exited ${code}: ${err}`)));
    });
  }

  it('serves originals kept in the database or in the shared --store folder, and nothing outside them', async () => {
    const shared = tempDir('tonghop-shared-store-');
    scratch.push(shared);
    // the clean document's original moves to the shared folder, as `ingest --store DIR` keeps it
    const clean = s.app.repo.get(s.clean)!;
    const bytes = s.app.store.read(clean.store_path!);
    const inShared = new ContentStore(shared).put(bytes, clean.sha256, '.pdf');
    s.app.db.prepare('UPDATE documents SET store_path = ? WHERE id = ?').run(inShared, s.clean);

    const base = await startReviewProcess(['--store', shared]);
    const get = (p: string) => fetch(`${base}${p}`);
    const pdf = await get(`/documents/${s.haGiang}/file`); // `pg:` original, fetched from the originals table
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const stored = s.app.db.prepare('SELECT bytes FROM originals WHERE sha256 = ?').get(s.app.repo.get(s.haGiang)!.sha256) as { bytes: Uint8Array };
    expect(Buffer.from(await pdf.arrayBuffer()).equals(Buffer.from(stored.bytes))).toBe(true);
    const png = await get(`/documents/${s.haGiang}/page/2.png`);
    expect(png.status).toBe(200);
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    const item = await (await get(`/items/${s.haGiang}/indicator/radio_programs`)).text();
    expect(item).toContain(`/documents/${s.haGiang}/page/2`);
    expect((await get(`/documents/${s.clean}/file`)).status).toBe(200); // in the shared folder

    // a row naming any other file serves nothing: a path outside both, another document's `pg:` original
    const other = s.app.repo.get(s.hostile)!.store_path!;
    for (const tampered of ['/etc/passwd', path.join(shared, '..', 'elsewhere.pdf'), other]) {
      s.app.db.prepare('UPDATE documents SET store_path = ? WHERE id = ?').run(tampered, s.clean);
      expect((await get(`/documents/${s.clean}/file`)).status).toBe(404);
    }
    const queue = await get('/queue');
    expect(queue.status).toBe(200);
    expect(await queue.text()).toContain('ha-giang-bc.pdf');
    for (const page of ['/queue?province=', '/documents', `/documents/${s.haGiang}`, '/tables', '/followup']) expect([page, (await get(page)).status]).toEqual([page, 200]);

    // a form served by that process may be sent to another review process on the same database
    const second = await startReviewServer(s.app, { port: 0 });
    try {
      const first = new HttpSession(base);
      await first.get('/queue');
      const there = new HttpSession(second.url.replace(/\/$/, ''));
      for (const [k, v] of first.jar) there.jar.set(k, v);
      expect((await there.post('/reviewer', { _csrf: 'forged', reviewer: 'Lan' })).status).toBe(403);
      there.csrf = first.csrf;
      expect((await there.post('/reviewer', { reviewer: 'Lan' })).status).toBe(303);
    } finally {
      await second.close();
    }
  }, 60_000);

  describe('two review processes at once', () => {
    const review2 = () => new ReviewRepository(s.app.db);
    const ids: Record<string, number> = {};
    beforeAll(() => {
      const accounts = new AccountsRepository(s.app.db);
      const at = new Date().toISOString();
      for (const [name, role] of [['lan', 'reviewer'], ['minh', 'reviewer'], ['hoa', 'lead'], ['tuan', 'lead']] as const) {
        ids[name] = accounts.insert({ username: name, displayName: null, role, passwordHash: 'not-used-here' }, at);
      }
    });

    /**
     * The other review process: a psql session that runs `sql` in a transaction and keeps it
     * open for `holdS` seconds; resolves once it holds its locks (it is sleeping), with `done`,
     * psql's exit status once it has committed (in an object: an async function would wait for it).
     */
    async function otherProcess(sql: string, holdS = 1): Promise<{ done: Promise<number> }> {
      const psql = spawn(path.join(findPgBinDir(), 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url], { stdio: ['pipe', 'ignore', 'inherit'] });
      psql.stdin!.end(`BEGIN;\n${sql};\nSELECT pg_sleep(${holdS});\nCOMMIT;\n`);
      const exit = new Promise<number>((resolve) => psql.once('exit', (code) => resolve(code ?? -1)));
      for (let i = 0; i < 250; i++) {
        const sleeping = s.app.db.prepare("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE wait_event = 'PgSleep'").get() as { n: number };
        if (sleeping.n > 0) return { done: exit };
        await sleep(20);
      }
      throw new Error('psql never held its transaction');
    }

    it('a claim taken by the other process is not overwritten: this one reports its holder', async () => {
      const k = { documentId: s.haGiang, target: 'field' as const, name: 'province' };
      const now = Date.now();
      const { done } = await otherProcess(`INSERT INTO review_claims (document_id, target, name, account_id, claimed_at, expires_at)
        VALUES ('${k.documentId}', 'field', 'province', ${ids.lan}, '${new Date(now).toISOString()}', '${new Date(now + 300_000).toISOString()}')`);
      // minh's claim saw the item free, then waited on lan's row: it must not take it over
      const holder = new Claims(new ClaimsRepository(s.app.db)).claim(k, { id: ids.minh, username: 'minh', displayName: 'minh', role: 'reviewer' });
      expect(await done).toBe(0);
      expect(holder.accountId).toBe(ids.lan);
      expect(s.app.db.prepare('SELECT account_id FROM review_claims WHERE document_id = ? AND name = ?').get(k.documentId, k.name)).toEqual({ account_id: ids.lan });
    });

    it('a decision on an item the other process is deciding waits, then is refused as stale', async () => {
      const before = review2().itemState(s.hostile, 'field', 'issueDate')!;
      const { done } = await otherProcess(`UPDATE documents SET updated_at = updated_at WHERE id = '${s.hostile}';
        UPDATE fields SET status = 'corrected', value_json = '"2023-02-28"' WHERE document_id = '${s.hostile}' AND name = 'issueDate'`);
      const out = new ReviewDecisions(review2(), s.app.repo).accept({
        documentId: s.hostile, target: 'field', name: 'issueDate', reviewer: 'minh', expect: stateToken(before), accountId: ids.minh,
      });
      expect(await done).toBe(0);
      expect(out).toEqual(expect.objectContaining({ ok: false, code: 'item.changed' }));
      expect(review2().itemState(s.hostile, 'field', 'issueDate')).toEqual(expect.objectContaining({ status: 'corrected', value_json: '"2023-02-28"' }));
      expect(review2().history(s.hostile)).toEqual([]);
    });

    it('a change the other process approved is not applied a second time by this one', async () => {
      const decisions = new ReviewDecisions(review2(), s.app.repo, new ApprovalsRepository(s.app.db));
      const asked = decisions.proposeCorrection({
        documentId: s.haGiang, target: 'indicator', name: 'radio_programs', reviewer: 'lan', input: '452', accountId: ids.lan,
        thresholds: DEFAULT_THRESHOLDS, at: new Date().toISOString(),
      });
      expect(asked).toEqual({ ok: true, pendingId: expect.any(Number) });
      const pendingId = (asked as { pendingId: number }).pendingId;
      // the other process's lead: the same statements approve() starts with, held open a second
      const { done } = await otherProcess(`UPDATE documents SET updated_at = updated_at WHERE id = '${s.haGiang}';
        UPDATE review_pending SET state = 'approved', decided_by = ${ids.hoa}, decided_at = 'now' WHERE id = ${pendingId} AND state = 'pending'`);
      const out = decisions.approve(pendingId, { accountId: ids.tuan, at: new Date().toISOString() });
      expect(await done).toBe(0);
      expect(out).toEqual(expect.objectContaining({ ok: false, code: 'approval.not_pending' }));
      expect(review2().history(s.haGiang)).toEqual([]);
      expect(s.app.db.prepare('SELECT state, decided_by, decision_id FROM review_pending WHERE id = ?').get(pendingId))
        .toEqual({ state: 'approved', decided_by: ids.hoa, decision_id: null });
    });
  });
});
