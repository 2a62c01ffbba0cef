// Content-addressed copies of every original under <dataDir>/store/ab/<sha256><ext>.
// Written through a temp file, fsync and rename, so a crash never leaves a half file
// under the final name.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

export function sha256Of(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

export class ContentStore {
  constructor(private readonly root: string) {}

  pathFor(sha256: string, ext: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256 + ext.toLowerCase());
  }

  /** Stores bytes once; returns the stored path (existing copies are kept as they are). */
  put(bytes: Uint8Array, sha256: string, ext: string): string {
    const dest = this.pathFor(sha256, ext);
    if (fs.existsSync(dest)) return dest;
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    const tmp = `${dest}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, dest);
    return dest;
  }

  read(storedPath: string): Buffer {
    return fs.readFileSync(storedPath);
  }
}
