// When is a file in the inbox ready to take in? Only when its size and mtime have not changed
// for `settleMs` AND it looks complete for what it is (a PDF ends with %%EOF, a PNG with IEND,
// a JPEG with its end marker, a ZIP with its central directory). A file that stays incomplete
// is retried with exponential backoff (scanners pause mid-file), then taken in anyway so the
// pipeline records why it is broken (truncated, empty, not a PDF).
import fs from 'node:fs';
import { sniffFileKind, type FileKind } from '../file-kind.js';

export interface ReadinessOptions {
  /** size and mtime must stay unchanged this long (ms) */
  settleMs: number;
  /** completeness checks after the file settled, before giving up and taking it in as is */
  openRetries: number;
  /** first retry delay (ms); doubles each time, capped at maxBackoffMs */
  backoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_READINESS: ReadinessOptions = Object.freeze({ settleMs: 2000, openRetries: 6, backoffMs: 1000, maxBackoffMs: 30_000 });

export type EntryKind = 'file' | 'folder' | 'symlink';

/** What the watcher knows about one inbox entry between checks. */
export interface Observation {
  kind: EntryKind;
  size: number;
  mtimeMs: number;
  /** when these size/mtime values were first seen (ms since epoch) */
  since: number;
  /** completeness checks failed since it settled */
  attempts: number;
  /** do not look again before this time */
  nextCheckAt: number;
}

export type Verdict =
  | { ready: false; obs: Observation }
  /** `complete: false` means we gave up waiting: the pipeline will say what is wrong */
  | { ready: true; obs: Observation; complete: boolean; fileKind: FileKind | null };

export interface Stat { kind: EntryKind; size: number; mtimeMs: number }

export function statEntry(p: string): Stat | null {
  let st: fs.Stats;
  try { st = fs.lstatSync(p); } catch { return null; }
  const kind: EntryKind = st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'folder' : 'file';
  // A folder's mtime changes while files are copied into it; its size does not mean much.
  return { kind, size: kind === 'file' ? st.size : 0, mtimeMs: st.mtimeMs };
}

export function backoffDelay(attempt: number, o: ReadinessOptions): number {
  return Math.min(o.maxBackoffMs, o.backoffMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * One look at an entry: pure except for `looksComplete`, which reads the file's head and tail.
 * `prev` is the last observation (undefined the first time it is seen).
 */
export function checkReadiness(p: string, st: Stat, prev: Observation | undefined, now: number, o: ReadinessOptions,
  looksComplete: (p: string) => Completeness = completeness): Verdict {
  const changed = !prev || prev.size !== st.size || prev.mtimeMs !== st.mtimeMs || prev.kind !== st.kind;
  if (changed) {
    return { ready: false, obs: { kind: st.kind, size: st.size, mtimeMs: st.mtimeMs, since: now, attempts: 0, nextCheckAt: now + o.settleMs } };
  }
  if (now - prev.since < o.settleMs) return { ready: false, obs: { ...prev, nextCheckAt: prev.since + o.settleMs } };
  if (st.kind !== 'file') return { ready: true, obs: prev, complete: true, fileKind: null };
  const c = looksComplete(p);
  if (c.complete) return { ready: true, obs: prev, complete: true, fileKind: c.kind };
  const attempts = prev.attempts + 1;
  if (attempts > o.openRetries) return { ready: true, obs: { ...prev, attempts }, complete: false, fileKind: c.kind };
  return { ready: false, obs: { ...prev, attempts, nextCheckAt: now + backoffDelay(attempts, o) } };
}

export interface Completeness { complete: boolean; kind: FileKind | null }

const TAIL = 4096;

/** Reads at most the first and last 4 KB: is this a whole PDF/image (or definitely something else)? */
export function completeness(p: string): Completeness {
  let fd: number;
  try { fd = fs.openSync(p, 'r'); } catch { return { complete: false, kind: null } }
  try {
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(1024, size));
    fs.readSync(fd, head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(TAIL, size));
    fs.readSync(fd, tail, 0, tail.length, Math.max(0, size - tail.length));
    const kind = sniffFileKind(head);
    return { complete: isComplete(kind, head, tail), kind };
  } catch {
    return { complete: false, kind: null };
  } finally {
    fs.closeSync(fd);
  }
}

export function isComplete(kind: FileKind, head: Uint8Array, tail: Uint8Array): boolean {
  const t = Buffer.from(tail.buffer, tail.byteOffset, tail.byteLength);
  switch (kind) {
    case 'pdf': return t.includes('%%EOF');
    case 'png': return t.includes('IEND');
    case 'jpeg': return t.includes(Buffer.from([0xff, 0xd9]));
    case 'zip': return t.includes(Buffer.from('PK\x05\x06', 'latin1'));
    // an XML file (edXML) is whole once its root element is closed: the last tag is a closing one
    case 'xml': return /<\/[\w:.-]+>\s*$/.test(t.toString('latin1'));
    case 'tiff':
    case 'ole':
    case 'html': return head.length > 0;
    // empty or unrecognised so far: more bytes may still come
    default: return false;
  }
}

/** Names that are someone's work in progress or system litter, never documents: left alone. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || /\.(part|partial|crdownload|download|tmp|swp)$/i.test(name)
    || name === 'Thumbs.db' || name === 'desktop.ini';
}
