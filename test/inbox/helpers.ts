// Shared by the inbox tests: temp folders, the real CLI as a child process, waiting, hashing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'tonghop.js');

export function tmpRoot(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tonghop-${prefix}-`));
}

export const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

/** Flags that make the service quick enough for tests (readiness in fractions of a second). */
export const FAST = ['--settle-ms', '300', '--open-retries', '2', '--retry-ms', '150', '--log-level', 'info'];

export interface Child { proc: ChildProcess; log: string[]; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }

/** A child's stderr as whole lines and its stdout as it comes, gathered as it runs. */
export function captureLog(proc: ChildProcess): string[] {
  const log: string[] = [];
  let buf = '';
  proc.stderr!.on('data', (c: Buffer) => {
    buf += c.toString('utf8');
    const lines = buf.split('\n');
    buf = lines.pop()!;
    log.push(...lines);
  });
  proc.stdout!.on('data', (c: Buffer) => log.push(c.toString('utf8')));
  return log;
}

export function startWatch(root: string, extra: string[] = []): Child {
  const proc = spawn(process.execPath, [BIN, '--db', path.join(root, 'data', 'tonghop.db'), 'watch', '--inbox', path.join(root, 'inbox'), ...FAST, ...extra], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' },
  });
  const log = captureLog(proc);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return { proc, log, exited };
}

export async function waitFor(what: string, pred: () => boolean, timeoutMs: number, stepMs = 50): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Every regular file and symlink under dir (relative paths), folders as single entries when `stopAt` says so. */
export function walk(dir: string, stopAt: (rel: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const rec = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory() && !stopAt(r)) rec(r);
      else out.push(r);
    }
  };
  if (fs.existsSync(dir)) rec('');
  return out.sort();
}

export function openDb(root: string): Database.Database {
  return new Database(path.join(root, 'data', 'tonghop.db'), { readonly: true });
}
