// `npm run build` (and `prepare`, so `npm ci` builds): compiles the runtime sources to dist/ with
// tsconfig.build.json, copies the files they read next to themselves (SQL migrations, JSON data,
// templates, worker boot files), then writes the stamp bin/tonghop.js checks. Plain JavaScript so
// it runs before anything is compiled. `--out <dir>` builds elsewhere (a test compares a fresh
// build with the sources; the folder must be inside the repository so node_modules resolves).
// A failed build is reported but does not fail the install: without a stamp the CLI runs the
// sources through tsx, as before (and `npm test` type-checks anyway).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { DIST, ROOT, SOURCE_DIRS, STAMP_NAME, isRuntimeFile } from '../bin/dist-state.js';

const started = Date.now();
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : DIST;

function copyAssets(dir) {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) copyAssets(rel);
    else if (!e.name.endsWith('.ts') && isRuntimeFile(e.name)) {
      fs.mkdirSync(path.join(out, dir), { recursive: true });
      fs.copyFileSync(path.join(ROOT, rel), path.join(out, rel));
    }
  }
}

function tscBin() {
  try { return createRequire(import.meta.url).resolve('typescript/bin/tsc'); } catch { return null; }
}

fs.rmSync(out, { recursive: true, force: true });
const tsc = tscBin();
if (!tsc) {
  console.warn('tonghop build: không có typescript (devDependencies) — bỏ qua, lệnh tonghop sẽ chạy mã nguồn qua tsx.');
  process.exit(0);
}
const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', out], { stdio: 'inherit' });
if (r.status !== 0) {
  console.warn('tonghop build: tsc báo lỗi — chưa ghi dấu bản dựng, lệnh tonghop sẽ chạy mã nguồn qua tsx.');
  process.exit(0);
}
for (const d of SOURCE_DIRS) copyAssets(d);
fs.writeFileSync(path.join(out, STAMP_NAME), String(started));
console.log(`tonghop build: ${path.relative(ROOT, out) || '.'}/ sẵn sàng (${((Date.now() - started) / 1000).toFixed(1)} s).`);
