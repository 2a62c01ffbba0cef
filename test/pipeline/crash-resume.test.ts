// Killing `tonghop ingest` with SIGKILL mid-batch and running it again finishes the batch
// with each document exactly once (real child process, real SQLite file).
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { tempDir, bornDigitalFixtures } from '../helpers.js';

const bin = path.join(process.cwd(), 'bin', 'tonghop.js');

function loaded(dbFile: string): number {
  if (!fs.existsSync(dbFile)) return 0;
  try {
    const db = new Database(dbFile, { readonly: true });
    try {
      return (db.prepare("SELECT COUNT(*) n FROM stage_runs WHERE stage = 'route' AND status = 'done'").get() as { n: number }).n;
    } finally { db.close(); }
  } catch { return 0; }
}

describe('crash and resume', () => {
  it('finishes every document once after kill -9 mid-batch', async () => {
    const src = await bornDigitalFixtures();
    const inbox = tempDir();
    const files = fs.readdirSync(src).filter((f) => f.endsWith('.pdf')).sort().slice(0, 16);
    for (const f of files) fs.copyFileSync(path.join(src, f), path.join(inbox, f));
    const dbFile = path.join(tempDir(), 'tonghop.db');

    const child = spawn(process.execPath, [bin, '--db', dbFile, 'ingest', inbox], { stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    const t0 = Date.now();
    while (loaded(dbFile) < 3 && Date.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 100));
    const atKill = loaded(dbFile);
    child.kill('SIGKILL');
    await exited;
    expect(atKill).toBeGreaterThanOrEqual(3);
    expect(atKill).toBeLessThan(files.length);

    const rerun = spawnSync(process.execPath, [bin, '--db', dbFile, 'ingest', '--json', inbox], { encoding: 'utf8', timeout: 300_000 });
    expect(rerun.status).toBe(0);
    const db = new Database(dbFile, { readonly: true });
    const rows = db.prepare('SELECT file_name, status FROM documents').all() as { file_name: string; status: string }[];
    const integrity = db.pragma('integrity_check', { simple: true });
    db.close();
    expect(integrity).toBe('ok');
    expect(rows.map((r) => r.file_name).sort()).toEqual(files);
    expect(rows.filter((r) => r.status === 'pending')).toEqual([]);
  }, 420_000);
});
