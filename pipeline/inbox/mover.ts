// Moving a user's file without ever losing or overwriting it, safely across a crash.
//
// The caller records the intent (source, destination) in the database first. Then:
//  - same filesystem: link(src, dest) (fails if dest exists: never overwrites), fsync the
//    folder, unlink(src). A crash in between leaves two names for one inode; `completeMove`
//    sees that and removes the inbox name.
//  - another filesystem (EXDEV): copy to a temp file beside dest, fsync, link it to dest,
//    unlink the temp, then unlink src. A crash leaves at most a temp file (removed on retry)
//    or a complete copy at dest (checked by content before src is removed).
//  - folders and symlinks (never followed): rename after checking dest is free.
// `completeMove` is idempotent: call it again after any crash and it finishes the job.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

export type MoveResult = 'moved' | 'already-moved' | 'source-missing' | 'dest-taken';

const NAME_MAX = 255; // bytes, on the filesystems we care about

/** Temp name beside the destination, the same on every retry of the same move. */
export function tempNameFor(dest: string, key: string | number): string {
  return path.join(path.dirname(dest), `.tonghop-move-${key}.tmp`);
}

/**
 * Finishes moving `src` to `dest` (intent already recorded). `key` names the temp file.
 * Never overwrites an existing `dest` that is not the same content: returns 'dest-taken'.
 */
export function completeMove(src: string, dest: string, key: string | number): MoveResult {
  const s = lstatOrNull(src);
  const d = lstatOrNull(dest);
  const tmp = tempNameFor(dest, key);
  if (!s && d) { removeQuietly(tmp); return 'already-moved'; }
  if (!s && !d) { removeQuietly(tmp); return 'source-missing'; }
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  if (s && d) {
    // Either the link happened and the unlink did not, or a copy finished: same content means ours.
    if (sameEntry(src, s, dest, d)) {
      removeEntry(src, s);
      fsyncDir(path.dirname(src));
      removeQuietly(tmp);
      return 'already-moved';
    }
    return 'dest-taken';
  }
  // src exists, dest does not
  if (s!.isFile()) {
    try {
      fs.linkSync(src, dest);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return 'dest-taken';
      if (code === 'EXDEV') {
        if (!copyFileDurably(src, dest, tmp)) return 'dest-taken';
      } else if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EMLINK') {
        // no hard links here (some network shares): rename, having checked dest is free
        if (lstatOrNull(dest)) return 'dest-taken';
        renameOrCopy(src, dest, tmp);
        fsyncDir(path.dirname(dest));
        fsyncDir(path.dirname(src));
        return 'moved';
      } else throw err;
    }
    fsyncDir(path.dirname(dest));
    fs.unlinkSync(src);
    fsyncDir(path.dirname(src));
    return 'moved';
  }
  // folder or symlink: move the entry itself, never what a link points to
  renameOrCopy(src, dest, tmp);
  fsyncDir(path.dirname(dest));
  fsyncDir(path.dirname(src));
  return 'moved';
}

function renameOrCopy(src: string, dest: string, tmp: string): void {
  try {
    fs.renameSync(src, dest);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    removeQuietly(tmp);
    fs.cpSync(src, tmp, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    if (lstatOrNull(dest)) throw Object.assign(new Error(`destination appeared: ${dest}`), { code: 'EEXIST' });
    fs.renameSync(tmp, dest);
    fsyncDir(path.dirname(dest));
    fs.rmSync(src, { recursive: true, force: true });
  }
}

/** Copy across filesystems; false when dest turned out to exist (nothing replaced). */
function copyFileDurably(src: string, dest: string, tmp: string): boolean {
  removeQuietly(tmp);
  fs.copyFileSync(src, tmp);
  const fd = fs.openSync(tmp, 'r+');
  try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
  const st = fs.statSync(src);
  fs.utimesSync(tmp, st.atime, st.mtime);
  try {
    fs.linkSync(tmp, dest); // no clobber
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST' || lstatOrNull(dest)) { removeQuietly(tmp); return false; }
    fs.renameSync(tmp, dest); // no hard links on this filesystem; dest was checked free just now
    return true;
  }
  removeQuietly(tmp);
  return true;
}

function sameEntry(a: string, sa: fs.Stats, b: string, sb: fs.Stats): boolean {
  if (sa.dev === sb.dev && sa.ino === sb.ino) return true;
  if (sa.isFile() && sb.isFile()) return sa.size === sb.size && fileSha(a) === fileSha(b);
  if (sa.isSymbolicLink() && sb.isSymbolicLink()) return fs.readlinkSync(a) === fs.readlinkSync(b);
  // a folder copied across filesystems: dest was renamed into place only once complete
  return sa.isDirectory() && sb.isDirectory();
}

function removeEntry(p: string, st: fs.Stats): void {
  if (st.isDirectory()) fs.rmSync(p, { recursive: true, force: true });
  else fs.unlinkSync(p);
}

export function fileSha(p: string): string {
  const h = crypto.createHash('sha256');
  const fd = fs.openSync(p, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally { fs.closeSync(fd); }
  return h.digest('hex');
}

export function lstatOrNull(p: string): fs.Stats | null {
  try { return fs.lstatSync(p); } catch { return null; }
}

function removeQuietly(p: string): void {
  try { fs.unlinkSync(p); } catch { /* absent */ }
}

export function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
  } catch { /* some filesystems refuse fsync on a folder; the rename is still atomic */ }
}

/** Writes a small file atomically and durably; never replaces an existing file of someone else. */
export function writeFileDurably(p: string, text: string, key: string | number): void {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  const tmp = path.join(path.dirname(p), `.tonghop-note-${key}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally { fs.closeSync(fd); }
  fs.renameSync(tmp, p); // p is reserved for this entry in the database: only ours can be there
  fsyncDir(path.dirname(p));
}

// ---- names -------------------------------------------------------------------------------

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
export function truncateUtf8(s: string, max: number): string {
  if (bytes(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (bytes(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/** Splits "báo cáo.final.pdf" into "báo cáo.final" and ".pdf" (a leading dot is not an extension). */
export function splitName(name: string): { stem: string; ext: string } {
  const ext = path.extname(name);
  if (!ext || ext === name || bytes(ext) > 16) return { stem: name, ext: '' };
  return { stem: name.slice(0, -ext.length), ext };
}

/**
 * The n-th candidate name for `name` in a folder: "x.pdf", "x (2).pdf", "x (3).pdf", ...
 * cut so that the name plus `reserveBytes` (a sidecar suffix such as ".error.json") fits NAME_MAX.
 */
export function candidateName(name: string, n: number, reserveBytes = 0): string {
  const { stem, ext } = splitName(name);
  const suffix = n <= 1 ? '' : ` (${n})`;
  const room = NAME_MAX - reserveBytes - bytes(ext) - bytes(suffix);
  return truncateUtf8(stem, Math.max(1, room)) + suffix + ext;
}

/**
 * A free destination in `dir` for `name`: neither the file nor its sidecar exists on disk or
 * is reserved by another planned move. Never returns a path that would overwrite anything.
 */
export function freeDestination(dir: string, name: string, sidecarSuffix: string | null, isReserved: (p: string) => boolean): { dest: string; sidecar: string | null } {
  const reserve = sidecarSuffix ? bytes(sidecarSuffix) : 0;
  for (let n = 1; ; n++) {
    const dest = path.join(dir, candidateName(name, n, reserve));
    const sidecar = sidecarSuffix ? dest + sidecarSuffix : null;
    const taken = (p: string) => isReserved(p) || lstatOrNull(p) !== null;
    if (!taken(dest) && !(sidecar && taken(sidecar))) return { dest, sidecar };
  }
}
