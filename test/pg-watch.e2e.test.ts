// Medium test (issue 16): the inbox service on PostgreSQL. `tonghop watch --db postgres://…`
// takes files in and enqueues them; a `tonghop worker` process runs the stages; the files leave
// the inbox once their documents are final. The watcher is SIGKILLed while files it took in wait
// for a worker (none runs yet); `tonghop start --once` afterwards, with a worker, finishes the
// job: every file accounted for once (archive, duplicate, quarantine with its sidecar), every
// document processed once. Last, `tonghop start` with its review UI archives a file dropped
// while it runs and exits 0 on SIGTERM. Real PostgreSQL (testkit/pg.ts); TONGHOP_TEST_PG=skip skips it.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { validPdf, truncated } from '../testkit/generator/hostile.js';
import { startPgCluster, pgTestsSkipped, type PgCluster } from '../testkit/pg.js';
import { sha256Of } from '../pipeline/content-store.js';
import { monthFolder } from '../pipeline/inbox/service.js';
import { makePgConfig } from '../pipeline/config.js';
import { openApp } from '../pipeline/app.js';
import { InboxRepository } from '../pipeline/db/inbox.repository.js';
import { PgInboxIntake } from '../pipeline/pg/inbox-intake.js';
import { tempDir } from './helpers.js';
import { FAST, captureLog, waitFor, walk } from './inbox/helpers.js';

const bin = path.join(process.cwd(), 'bin', 'tonghop.js');
const describePg = pgTestsSkipped() ? describe.skip : describe;
const env = () => ({ ...process.env, NODE_OPTIONS: '', TONGHOP_DATA: tempDir('tonghop-pgwatch-data-') });

interface Child { proc: ChildProcess; log: string[]; exited: Promise<number | null> }

function run(args: string[]): Child {
  const proc = spawn(process.execPath, [bin, ...args], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  const log = captureLog(proc);
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return { proc, log, exited };
}

const events = (c: Child, msg: string) => c.log.filter((l) => l.startsWith('{') && JSON.parse(l).msg === msg).map((l) => JSON.parse(l) as { file: string; code?: string });
const readJson = (p: string) => JSON.parse(fs.readFileSync(p, 'utf8'));

describePg('tonghop watch and start on PostgreSQL', () => {
  let cluster: PgCluster;
  const procs: ChildProcess[] = [];
  beforeAll(async () => { cluster = await startPgCluster(); }, 60_000);
  afterAll(() => {
    for (const p of procs) if (p.exitCode === null && !p.signalCode) p.kill('SIGKILL');
    cluster?.stop();
  });

  it('enqueues for the workers, survives a SIGKILLed watcher, and accounts for every file once', async () => {
    const t0 = Date.now();
    const lap = (what: string) => console.log(`${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const url = await cluster.createDatabase('watch');
    const root = tempDir('tonghop-pgwatch-');
    const inbox = path.join(root, 'inbox');
    fs.mkdirSync(inbox);
    const pdf = await validPdf(601);
    const watchArgs = ['--inbox', inbox, ...FAST];

    // ---- phase 1: a watcher and no worker; files are taken in and wait (only the folder and the copy can move)
    const a = run(['--db', url, 'watch', ...watchArgs]);
    procs.push(a.proc);
    await waitFor('watcher A started', () => events(a, 'inbox service started').length === 1, 60_000);
    fs.writeFileSync(path.join(inbox, 'bao-cao.pdf'), pdf);
    fs.writeFileSync(path.join(inbox, 'hong.pdf'), truncated(await validPdf(602)));
    fs.writeFileSync(path.join(inbox, 'ghi-chu.txt'), 'Ghi chú: đây không phải văn bản PDF.\n');
    fs.mkdirSync(path.join(inbox, 'thu-muc'));
    await waitFor('three files taken in', () => events(a, 'taken in').length === 3, 30_000);
    fs.writeFileSync(path.join(inbox, 'ban-sao.pdf'), pdf); // the copy, once its original is in
    await waitFor('the copy and the folder moved', () => events(a, 'moved.duplicate').length === 1 && events(a, 'moved.quarantine').length === 1, 30_000);
    await waitFor('the no-worker warning', () => a.log.some((l) => l.includes('no tonghop worker alive')), 10_000);
    expect(fs.readdirSync(inbox).sort()).toEqual(['bao-cao.pdf', 'ghi-chu.txt', 'hong.pdf']);

    // one watcher per database: a second one is refused (inbox.locked, exit status 7)
    const second = spawnSync(process.execPath, [bin, '--db', url, 'watch', '--once', '--inbox', path.join(root, 'other-inbox')], { env: env(), encoding: 'utf8', timeout: 60_000 });
    expect(second.status).toBe(7);
    expect(second.stderr).toContain('inbox.locked');
    expect(second.stderr).toContain(`:${a.proc.pid}`);

    lap('phase 1 done');
    a.proc.kill('SIGKILL');
    await a.exited;

    // ---- phase 2: a worker, and `start --once` (the watcher behind npm start) finishes the rest
    const w = run(['--db', url, 'worker', '--concurrency', '1', '--quiet']);
    procs.push(w.proc);
    const b = run(['--db', url, 'start', '--once', ...watchArgs]);
    procs.push(b.proc);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([b.exited, new Promise((r) => { timer = setTimeout(() => r('timeout'), 90_000); })]);
    clearTimeout(timer);
    lap('start --once done');
    expect({ code, log: code === 0 ? [] : b.log }).toEqual({ code: 0, log: [] });
    // nothing taken in twice; the three waiting files moved now
    expect(b.log.join('')).toContain('Hộp thư: nhận 0 tệp; lưu trữ 1, trùng lặp 0, cách ly 2.');

    // ---- every entry in one place, with its sidecar
    expect(fs.readdirSync(inbox)).toEqual([]);
    const month = monthFolder(new Date());
    expect(walk(path.join(root, 'archive'))).toEqual([`${month}/bao-cao.pdf`, 'duplicates/ban-sao.pdf', 'duplicates/ban-sao.pdf.duplicate.json'].sort());
    expect(sha256Of(fs.readFileSync(path.join(root, 'archive', month, 'bao-cao.pdf')))).toBe(sha256Of(pdf));
    const dup = readJson(path.join(root, 'archive', 'duplicates', 'ban-sao.pdf.duplicate.json'));
    expect(dup).toMatchObject({ code: 'file.duplicate', duplicateOf: { documentId: sha256Of(pdf).slice(0, 16), file: 'bao-cao.pdf' } });
    expect(walk(path.join(root, 'quarantine'), (rel) => rel === 'thu-muc')).toEqual(
      ['ghi-chu.txt', 'ghi-chu.txt.error.json', 'hong.pdf', 'hong.pdf.error.json', 'thu-muc', 'thu-muc.error.json']);
    const why = (name: string) => readJson(path.join(root, 'quarantine', `${name}.error.json`)) as { code: string; message: string };
    expect(why('hong.pdf').code).toBe('pdf.truncated');
    expect(why('ghi-chu.txt').code).toBe('file.not_pdf');
    expect(why('thu-muc').code).toBe('inbox.folder');
    for (const n of ['hong.pdf', 'ghi-chu.txt', 'thu-muc']) expect(why(n).message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);

    // ---- the database: each document once, processed once; each inbox entry taken once and moved
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const docs = (await db.query(`SELECT d.file_name, d.status, d.error_code, COUNT(s.stage)::int AS stages FROM documents d
        LEFT JOIN stage_runs s ON s.document_id = d.id GROUP BY d.id ORDER BY d.file_name`)).rows;
      expect(docs.map((d) => [d.file_name, d.status === 'needs_review' ? 'accepted' : d.status, d.error_code])).toEqual([
        ['ban-sao.pdf', 'duplicate', null], ['bao-cao.pdf', 'accepted', null], ['ghi-chu.txt', 'failed', 'file.not_pdf'], ['hong.pdf', 'failed', 'pdf.truncated']]);
      expect(docs.find((d) => d.file_name === 'bao-cao.pdf').stages).toBe(9); // ingest + 8 stages, each once
      const entries = (await db.query('SELECT entry_kind, state, dest_kind FROM inbox_files ORDER BY path')).rows;
      expect(entries).toEqual([
        { entry_kind: 'file', state: 'moved', dest_kind: 'duplicate' }, { entry_kind: 'file', state: 'moved', dest_kind: 'archive' },
        { entry_kind: 'file', state: 'moved', dest_kind: 'quarantine' }, { entry_kind: 'file', state: 'moved', dest_kind: 'quarantine' },
        { entry_kind: 'folder', state: 'moved', dest_kind: 'quarantine' }]);
      expect((await db.query("SELECT COUNT(*)::int AS n FROM file_events WHERE event = 'inbox.taken'")).rows[0].n).toBe(5);
    } finally {
      await db.end();
    }

    // ---- `start` as npm start runs it: a file dropped while it watches is processed by the worker and archived; SIGTERM: exit 0
    const s = run(['--db', url, 'start', '--port', '0', ...watchArgs]);
    procs.push(s.proc);
    // the review UI is wired beside the watcher (whether it serves PostgreSQL is the review UI's own test)
    await waitFor('start and its review UI', () => events(s, 'inbox service started').length === 1
      && s.log.some((l) => l.includes('review UI listening') || l.includes('review UI did not start')), 60_000);
    const later = await validPdf(603);
    fs.writeFileSync(path.join(inbox, 'bao-cao-2.pdf'), later);
    await waitFor('the new file archived', () => events(s, 'moved.archive').length === 1, 60_000);
    expect(sha256Of(fs.readFileSync(path.join(root, 'archive', month, 'bao-cao-2.pdf')))).toBe(sha256Of(later));
    s.proc.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(events(s, 'inbox service stopped')).toEqual([expect.objectContaining({ taken: 1, archived: 1, duplicates: 0, quarantined: 0, parked: false })]);
    lap('start + SIGTERM done');
  }, 180_000);

  it('writes the document, its original, its first job and its inbox entry together or not at all', async () => {
    const url = await cluster.createDatabase('intake');
    const app = openApp(makePgConfig(url, {}, { TONGHOP_DATA: tempDir('tonghop-pgintake-') }));
    const intake = await PgInboxIntake.open(app);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const file = path.join(tempDir('tonghop-pgintake-inbox-'), 'bao-cao.pdf');
      const bytes = await validPdf(604);
      fs.writeFileSync(file, bytes);
      const seen = { size: bytes.length, mtimeMs: fs.statSync(file).mtimeMs };
      const counts = async () => (await db.query(`SELECT (SELECT COUNT(*) FROM documents)::int AS docs, (SELECT COUNT(*) FROM originals)::int AS originals,
        (SELECT COUNT(*) FROM pgboss.job WHERE name = 'tonghop-probe')::int AS jobs, (SELECT COUNT(*) FROM inbox_files)::int AS entries,
        (SELECT COUNT(*) FROM file_events WHERE event = 'inbox.taken')::int AS taken`)).rows[0];
      // an open entry for the same path makes the entry's insert fail (unique index): the last write of the transaction
      const inbox = new InboxRepository(app.db);
      const blocker = inbox.addEntry({ path: file, kind: 'folder' });
      await expect(intake.takeIn(file, seen)).rejects.toThrow(/inbox_files_open_path/);
      expect(await counts()).toEqual({ docs: 0, originals: 0, jobs: 0, entries: 1, taken: 1 });
      inbox.markGone(blocker, 'test');
      expect(await intake.takeIn(file, seen)).toEqual({ kind: 'new', id: sha256Of(bytes).slice(0, 16) });
      expect(await counts()).toEqual({ docs: 1, originals: 1, jobs: 1, entries: 2, taken: 2 });
      expect(inbox.openEntry(file)).toMatchObject({ entry_kind: 'file', document_id: sha256Of(bytes).slice(0, 16), sha256: sha256Of(bytes), size: bytes.length, mtime_ms: seen.mtimeMs });
    } finally {
      await db.end();
      await intake.close();
      await app.close();
    }
  }, 60_000);
});
