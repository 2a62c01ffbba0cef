// Load check for the inbox service (not part of `npm test`): drops N files into the inbox at
// once while `tonghop watch` runs, waits until every one has left the inbox, stops the service
// with SIGTERM and reports time and memory (peak RSS from /proc/<pid>/status VmHWM).
//
//   node --import tsx scripts/inbox-load.ts [N=1000] [--keep]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { validPdf, hostileCases, placeCase } from '../testkit/generator/hostile.js';

const N = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1000);
const keep = process.argv.includes('--keep');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-load-'));
const inbox = path.join(root, 'inbox');
const staging = path.join(root, 'staging');
const scratch = path.join(root, 'scratch');
for (const d of [inbox, staging, scratch]) fs.mkdirSync(d, { recursive: true });

// 80 % distinct valid PDFs, 10 % duplicates, 10 % hostile (every kind, in variants)
const t0 = Date.now();
const nValid = Math.round(N * 0.8);
const nDup = Math.round(N * 0.1);
const valid: Buffer[] = [];
for (let i = 0; i < nValid; i++) {
  const b = await validPdf(20_000 + i);
  valid.push(b);
  fs.writeFileSync(path.join(staging, `bc-${String(i).padStart(4, '0')}.pdf`), b);
}
for (let i = 0; i < nDup; i++) fs.writeFileSync(path.join(staging, `ban-sao-${i}.pdf`), valid[(i * 7) % nValid]);
let hostile = 0;
for (let v = 0; hostile < N - nValid - nDup; v++) {
  for (const c of hostileCases({ tag: `-v${v}` })) {
    if (hostile >= N - nValid - nDup) break;
    await placeCase(c, staging, scratch);
    hostile++;
  }
}
const entries = fs.readdirSync(staging);
process.stderr.write(`prepared ${entries.length} inputs in ${((Date.now() - t0) / 1000).toFixed(1)} s under ${root}\n`);

const db = path.join(root, 'data', 'tonghop.db');
const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'tonghop.js'), '--db', db, 'watch', '--inbox', inbox, '--settle-ms', '500', '--open-retries', '3', '--retry-ms', '200', '--log-level', 'warn'], {
  cwd: root, stdio: ['ignore', 'inherit', 'inherit'],
});
const status = (field: string): number => {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch { return 0; }
};
const samples: { s: number; left: number; rssMb: number }[] = [];
let peakMb = 0;
const sample = (left: number) => {
  const rss = status('VmRSS');
  peakMb = Math.max(peakMb, status('VmHWM'), rss);
  samples.push({ s: (Date.now() - tStart) / 1000, left, rssMb: Math.round(rss) });
};
const tStart = Date.now();
await new Promise((r) => setTimeout(r, 6000)); // let it start
const idleMb = status('VmRSS');
// ---- drop every file at once (rename: each appears whole)
for (const name of entries) fs.renameSync(path.join(staging, name), path.join(inbox, name));
const tDrop = Date.now();
let left = entries.length;
let lastPrint = 0;
while (left > 0) {
  await new Promise((r) => setTimeout(r, 1000));
  left = fs.readdirSync(inbox).length;
  sample(left);
  if (Date.now() - lastPrint > 15_000) { lastPrint = Date.now(); process.stderr.write(`  ${left} left in the inbox, RSS ${Math.round(status('VmRSS'))} MB\n`); }
  if (child.exitCode !== null) throw new Error(`service exited early (${child.exitCode})`);
}
const seconds = (Date.now() - tDrop) / 1000;
sample(0);
child.kill('SIGTERM');
const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));

const conn = new Database(db, { readonly: true });
const byDest = conn.prepare("SELECT dest_kind, COUNT(*) AS n FROM inbox_files WHERE state = 'moved' GROUP BY dest_kind").all();
const byStatus = conn.prepare('SELECT status, COUNT(*) AS n FROM documents GROUP BY status').all();
const integrity = conn.pragma('integrity_check', { simple: true });
conn.close();
const at = (frac: number) => samples.find((x) => x.left <= entries.length * (1 - frac))?.rssMb ?? null;
const report = {
  files: entries.length, secondsToEmptyInbox: seconds, filesPerMinute: Math.round(entries.length / (seconds / 60)),
  exitCode: code, integrity, byDest, byStatus,
  memoryMb: { idleBeforeDrop: Math.round(idleMb), at10pct: at(0.1), at50pct: at(0.5), at90pct: at(0.9), peakVmHWM: Math.round(peakMb) },
  machine: { cpus: os.availableParallelism(), node: process.version },
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
if (!keep) fs.rmSync(root, { recursive: true, force: true });
