// CLI start-up bench (issue 13 part 6): the median of 5 `tonghop status` runs on an empty
// database, and of 3 `tonghop ingest` runs of one born-digital PDF, through the compiled
// JavaScript in dist/ (TONGHOP_RUN=dist) and through tsx (TONGHOP_RUN=tsx), as a user runs them:
// a fresh `node bin/tonghop.js` process each time. A report, not a timed test: machines are noisy.
//
//   npm run bench:cli -- [--runs 5] [file.pdf]   (also `postbench`: npm run bench runs it after the OCR bench)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'tonghop.js');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 5;
const pdf = args[0] ?? firstBornDigital();

function firstBornDigital(): string | null {
  const dir = path.join(ROOT, 'fixtures', 'generated', 'born-digital');
  const f = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.pdf')).sort()[0] : undefined;
  return f ? path.join(dir, f) : null;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Seconds one `tonghop` process takes, start to exit; a failed run stops the bench. */
function timed(mode: 'dist' | 'tsx', cliArgs: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...cliArgs], { env: { ...process.env, TONGHOP_RUN: mode }, encoding: 'utf8' });
  const s = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`tonghop ${cliArgs.join(' ')} (${mode}) → ${r.status}: ${r.stderr}`);
  return s;
}

function statusRuns(mode: 'dist' | 'tsx'): number[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-cli-'));
  const db = path.join(dir, 't.db');
  try {
    timed(mode, ['--db', db, 'status']); // creates the database: not counted
    return Array.from({ length: runs }, () => timed(mode, ['--db', db, 'status']));
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
}

function ingestRuns(mode: 'dist' | 'tsx', file: string): number[] {
  return Array.from({ length: 3 }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-bench-cli-'));
    try { return timed(mode, ['--db', path.join(dir, 't.db'), 'ingest', file]); } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });
}

const fmt = (xs: number[]) => `${median(xs).toFixed(2)} s (${xs.map((x) => x.toFixed(2)).join(', ')})`;
if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
  console.log('CLI start-up: chưa có dist/ (chạy npm run build) — chỉ đo đường tsx.');
}
const modes = fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js')) ? (['dist', 'tsx'] as const) : (['tsx'] as const);
for (const mode of modes) console.log(`tonghop status (${mode}), trung vị ${runs} lần: ${fmt(statusRuns(mode))}`);
if (pdf) {
  for (const mode of modes) console.log(`tonghop ingest 1 PDF (${mode}) ${path.basename(pdf)}, trung vị 3 lần: ${fmt(ingestRuns(mode, pdf))}`);
} else console.log('tonghop ingest: không có PDF born-digital (npm run fixtures) — bỏ qua.');
