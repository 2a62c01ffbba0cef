// ingest: hash a file, keep a content-addressed copy, detect duplicates, and record it.
// After this a file is in the database and nothing depends on the original any more.
import fs from 'node:fs';
import path from 'node:path';
import type { StageContext } from './stage.js';
import { sha256Of } from './content-store.js';
import { sniffFileKind } from './file-kind.js';
import { messageFor } from '../model/errors.js';

export type IntakeOutcome =
  | { kind: 'new'; id: string }
  /** the same file (same path, same content) was taken in before: nothing to do */
  | { kind: 'known'; id: string }
  | { kind: 'duplicate'; id: string; of: string }
  | { kind: 'rejected'; id: string; code: 'file.too_large'; message: string };

export interface IntakeOptions {
  /** record a same-path, same-content file again as a duplicate (the inbox service does; `ingest` re-runs do not) */
  recordRepeats?: boolean;
}

const EXT: Record<string, string> = { pdf: '.pdf', png: '.png', jpeg: '.jpg', tiff: '.tif' };

export function takeIn(ctx: StageContext, filePath: string, opts: IntakeOptions = {}): IntakeOutcome {
  const abs = path.resolve(filePath);
  const fileName = path.basename(abs);
  const size = fs.statSync(abs).size;
  const { repo, store, cfg } = ctx;
  if (size > cfg.limits.maxFileBytes) {
    const sha = sha256Of(Buffer.from(`${abs}:${size}:${fs.statSync(abs).mtimeMs}`)); // not read: too large to trust in memory
    const id = `x${sha.slice(0, 15)}`;
    if (repo.get(id)) return { kind: 'known', id };
    const message = messageFor('file.too_large', { size: (size / 1048576).toFixed(1), limit: (cfg.limits.maxFileBytes / 1048576).toFixed(0) });
    repo.insert({ id, fileName, sourcePath: abs, sha256: sha, size, storePath: null, status: 'failed', errorCode: 'file.too_large', error: message });
    return { kind: 'rejected', id, code: 'file.too_large', message };
  }
  const bytes = fs.readFileSync(abs);
  const sha = sha256Of(bytes);
  if (!opts.recordRepeats) {
    const same = repo.findBySourcePath(abs, sha);
    if (same) return { kind: 'known', id: same.id };
  }
  const original = repo.findOriginalBySha(sha);
  if (original) {
    // one transaction: a crash leaves either no row or a complete duplicate row
    return repo.transaction(() => {
      let n = 1;
      while (repo.get(`${sha.slice(0, 12)}-d${n}`)) n++;
      const id = `${sha.slice(0, 12)}-d${n}`;
      repo.insert({ id, fileName, sourcePath: abs, sha256: sha, size, storePath: original.store_path, status: 'duplicate', duplicateOf: original.id });
      repo.completeStage(id, 'ingest', 0, {});
      return { kind: 'duplicate', id, of: original.id } as const;
    });
  }
  const id = sha.slice(0, 16);
  const kind = sniffFileKind(bytes.subarray(0, 1024));
  const storePath = store.put(bytes, sha, EXT[kind] ?? '.bin');
  repo.transaction(() => {
    repo.insert({ id, fileName, sourcePath: abs, sha256: sha, size, storePath, status: 'pending' });
    repo.completeStage(id, 'ingest', 0, {});
  });
  return { kind: 'new', id };
}
