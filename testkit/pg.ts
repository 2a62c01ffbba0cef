// A throw-away PostgreSQL cluster for tests (issue 16): initdb into a temp folder, listen on
// 127.0.0.1 at a free port (and a unix socket in that folder), fsync off, stopped and removed
// afterwards. Works as a normal user and as root in CI: postgres refuses to run as root, so
// there every command runs as the `postgres` user (runuser) on a folder that user owns.
//
// Tests that need PostgreSQL are skipped only when TONGHOP_TEST_PG=skip is set explicitly
// (pgTestsSkipped()); otherwise a missing server or binary is a test failure, never a silent skip.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import pg from 'pg';

export interface PgCluster {
  /** a connection URL for the `postgres` maintenance database (a superuser) */
  adminUrl: string;
  port: number;
  dir: string;
  /** creates a new empty database and returns its URL */
  createDatabase(name: string): Promise<string>;
  stop(): void;
}

/** Only an explicit TONGHOP_TEST_PG=skip skips the PostgreSQL tests. */
export const pgTestsSkipped = (): boolean => process.env.TONGHOP_TEST_PG === 'skip';

/** The folder of initdb/pg_ctl/postgres: pg_config --bindir, then /usr/lib/postgresql/N/bin (newest), then PATH. */
export function findPgBinDir(): string {
  const has = (dir: string) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'));
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (has(dir)) return dir;
  } catch { /* no pg_config: try the Debian layout */ }
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (has(path.join(root, v, 'bin'))) return path.join(root, v, 'bin');
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir && has(dir)) return dir;
  throw new Error('PostgreSQL không có trên máy này (không thấy initdb/pg_ctl). Cài gói postgresql (scripts/install-system-deps.sh) hoặc đặt TONGHOP_TEST_PG=skip để bỏ qua các phép thử cần PostgreSQL.');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary, as the `postgres` user when this process is root. */
function runPg(bin: string, args: string[], asPostgres: boolean): void {
  const [cmd, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} ${args.join(' ')}: ${r.stderr || r.stdout || r.error?.message}`);
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = findPgBinDir();
  const asPostgres = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-pg-'));
  if (asPostgres) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    fs.chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  // C collation: text sorts by bytes, as SQLite's default BINARY collation does, so ORDER BY agrees on both stores.
  runPg(path.join(bin, 'initdb'), ['-D', data, '-U', 'tonghop', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], asPostgres);
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  runPg(path.join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start'], asPostgres);
  const adminUrl = `postgres://tonghop@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    adminUrl, port, dir,
    async createDatabase(name: string) {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try { await c.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`); } finally { await c.end(); }
      return `postgres://tonghop@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try { runPg(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], asPostgres); } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
