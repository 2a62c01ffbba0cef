// Whether the compiled CLI in dist/ matches the sources, cheaply enough to ask on every start.
// Shared by bin/tonghop.js (start from dist/ or fall back to tsx) and scripts/build.mjs (which
// writes the stamp). Plain JavaScript: it must run before anything is compiled.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
/** The folders compiled by tsconfig.build.json; keep the two lists the same. */
export const SOURCE_DIRS = ['model', 'cli', 'pipeline', 'extractors', 'schemas', 'reports', 'review'];
/** In the output folder: holds the time the last successful build started (ms since epoch). */
export const STAMP_NAME = '.build-stamp';

/** Files the running code needs: sources and the assets read next to them. Tests and notes are not. */
export function isRuntimeFile(name) {
  if (name.includes('.test.') || name.endsWith('.md')) return false;
  return true;
}

/**
 * Newest modification time (ms) of a runtime file or folder under the source folders. Folders
 * count because a file added, removed or renamed (mv keeps the file's own time) changes them.
 * About 150 files: 1–3 ms per start.
 */
export function newestSourceMtime(root = ROOT) {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    newest = Math.max(newest, fs.statSync(dir).mtimeMs);
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (isRuntimeFile(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCE_DIRS) walk(path.join(root, d));
  return newest;
}

/** True when `dist` was built from sources no newer than the build: safe to run instead of tsx. */
export function distIsFresh(dist = DIST) {
  let started;
  try { started = Number(fs.readFileSync(path.join(dist, STAMP_NAME), 'utf8')); } catch { return false; }
  if (!Number.isFinite(started) || !fs.existsSync(path.join(dist, 'cli', 'main.js'))) return false;
  return newestSourceMtime() <= started;
}
