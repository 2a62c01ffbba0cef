// One watcher per database: a lock file holding the owner's pid. A lock left by a process that
// no longer exists (kill -9, power loss) is stale and taken over.
import fs from 'node:fs';
import path from 'node:path';
import { TonghopError } from '../../model/errors.js';

export interface Lock { file: string; release(): void }

export function acquireLock(file: string): Lock {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let tries = 0; tries < 3; tries++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return { file, release: () => { try { if (ownerOf(file) === process.pid) fs.unlinkSync(file); } catch { /* gone */ } } };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = ownerOf(file);
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new TonghopError('inbox.locked', { pid, file });
      }
      try { fs.unlinkSync(file); } catch { /* raced with another starter */ }
    }
  }
  throw new TonghopError('inbox.lock_failed', { file });
}

function ownerOf(file: string): number | null {
  try { return Number.parseInt(fs.readFileSync(file, 'utf8'), 10) || null; } catch { return null; }
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM'; }
}
