// Medium test (issue 16): the synchronous PostgreSQL store (pipeline/pg/sync-db.ts) that lets the
// SQLite repositories run on the shared store, on a real server (testkit/pg.ts;
// TONGHOP_TEST_PG=skip skips it, nothing else does), and `tonghop user` through it.
import path from 'node:path';
import { execSync, spawnSync } from 'node:child_process';
import pg from 'pg';
import { openPgSync, PgStatementError, type PgSyncDb } from '../pipeline/pg/sync-db.js';
import { startPgCluster, pgTestsSkipped, type PgCluster } from '../testkit/pg.js';
import { tempDir } from './helpers.js';

const describePg = pgTestsSkipped() ? describe.skip : describe;

/** A shell command that ends the tonghop backends of the database at `url` (run synchronously, from outside this thread's connection). */
const killOursSql = (url: string) => `${JSON.stringify(process.execPath)} -e ${JSON.stringify(`const pg=require('pg');const c=new pg.Client(${JSON.stringify(url)});c.connect().then(()=>c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname=current_database() AND pid<>pg_backend_pid() AND application_name='tonghop'")).then(()=>c.end())`)}`;
const bin = path.join(process.cwd(), 'bin', 'tonghop.js');

describePg('synchronous PostgreSQL store', () => {
  let cluster: PgCluster;
  let db: PgSyncDb;
  let url: string;
  beforeAll(async () => {
    cluster = await startPgCluster();
    url = await cluster.createDatabase('sync_1');
    db = openPgSync(url);
  }, 60_000);
  afterAll(() => { db?.close(); cluster?.stop(); });

  const addAccount = (username: string) => db.prepare(`INSERT INTO accounts (username, display_name, role, password_hash, disabled, created_at, updated_at)
    VALUES (?, NULL, 'reviewer', 'x', 0, 'now', 'now')`).run(username);

  it('answers as better-sqlite3 does: rows, pluck, changes, lastInsertRowid, flags as numbers', () => {
    const first = addAccount('an');
    expect(first).toEqual({ changes: 1, lastInsertRowid: expect.any(Number) });
    expect(db.prepare('SELECT id AS accountId, username, 1 = 1 AS yes FROM accounts WHERE username = @u').get({ u: 'AN' }))
      .toEqual({ accountId: first.lastInsertRowid, username: 'an', yes: 1 });
    expect(db.prepare('SELECT username FROM accounts').pluck().all()).toEqual(['an']);
    expect(db.prepare('SELECT * FROM accounts WHERE username = ?').get('nobody')).toBeUndefined();
    expect(db.prepare("UPDATE accounts SET display_name = 'An' WHERE username = ?").run('an').changes).toBe(1);
  });

  it('rolls a transaction back when its function throws, and a nested one to its savepoint', () => {
    const count = () => db.prepare('SELECT COUNT(*) AS n FROM periods').pluck().get();
    const add = (name: string) => db.prepare("INSERT INTO periods (name, name_key, kind, deadline, created_at) VALUES (?, ?, 'report', '2026-12-31', 'now')").run(name, name);
    const outer = db.transaction(() => {
      add('Năm 2025');
      try { db.transaction(() => { add('Năm 2026'); throw new Error('inner'); })(); } catch { /* the inner part alone is undone */ }
      expect(db.inTransaction).toBe(true);
    });
    outer();
    expect(count()).toBe(1);
    expect(() => db.transaction(() => { add('6 tháng 2026'); throw new Error('outer'); })()).toThrow('outer');
    expect(count()).toBe(1);
    expect(db.inTransaction).toBe(false);
  });

  it('reports PostgreSQL errors with their SQLSTATE and the statement', () => {
    let err: unknown;
    try { addAccount('An'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(PgStatementError);
    expect((err as PgStatementError).code).toBe('23505'); // usernames are unique without regard to case
    expect((err as Error).message).toMatch(/INSERT INTO accounts/);
  });

  it('gets a new connection after the server ends its backend, and a transaction caught in it keeps none of its work', async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const killOurs = () => admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'tonghop'");
    const periods = () => db.prepare('SELECT COUNT(*) AS n FROM periods').pluck().get() as number;
    const add = (name: string) => db.prepare("INSERT INTO periods (name, name_key, kind, deadline, created_at) VALUES (?, ?, 'report', '2026-12-31', 'now')").run(name, name);
    try {
      const before = periods();
      await killOurs();
      await new Promise((r) => setTimeout(r, 200)); // the worker thread hears of it (or the next statement finds out)
      let failures = 0;
      for (let i = 0; i < 2; i++) { try { periods(); break; } catch (e) { failures++; expect((e as PgStatementError).code).toMatch(/^(08|57P0)/); } }
      expect(failures).toBeLessThanOrEqual(1);
      expect(periods()).toBe(before);

      let caught: unknown;
      try {
        db.transaction(() => {
          add('Quý I 2026');
          execSync(killOursSql(url)); // the backend ends while the transaction is open
          add('Quý II 2026');
        })();
      } catch (e) { caught = e; }
      expect((caught as PgStatementError).code).toMatch(/^(08|57P0)/);
      expect(db.inTransaction).toBe(false);
      expect(periods()).toBe(before); // neither insert was kept
      add('Quý III 2026');
      expect(periods()).toBe(before + 1);
    } finally {
      await admin.end();
    }
  });

  it('runs `tonghop user` on PostgreSQL', () => {
    const env = { ...process.env, TONGHOP_DATA: tempDir() };
    const run = (args: string[], input = '') => spawnSync(process.execPath, [bin, '--db', url, ...args], { encoding: 'utf8', env, input, timeout: 60_000 });
    expect(run(['user', 'add', 'lan', '--role', 'lead', '--name', 'Trần Lan'], 'mat-khau-du-dai-1\n').status).toBe(0);
    const again = run(['user', 'add', 'LAN', '--role', 'reviewer'], 'mat-khau-du-dai-2\n');
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('user.exists');
    expect(run(['user', 'disable', 'lan']).status).toBe(0);
    const list = JSON.parse(run(['user', 'list', '--format', 'json']).stdout) as { users: { username: string; role: string; disabled: boolean; name: string | null }[] };
    expect(list.users.find((u) => u.username === 'lan')).toEqual(expect.objectContaining({ role: 'lead', disabled: true, name: 'Trần Lan' }));
  });
});
