// The content store of a command that runs on PostgreSQL through sync-db.ts (review UI, page
// images, Office previews): a `pg:` original (bytes in the `originals` table, pg/content.ts) is
// fetched once into this machine's cache, content-addressed so a copy is never stale; a
// `--store DIR` original is read where it lies, as in SQLite's store.
import fs from 'node:fs';
import path from 'node:path';
import { ContentStore } from '../content-store.js';
import type { PgSyncDb } from './sync-db.js';

const PG = 'pg:';

export class PgSyncContentStore extends ContentStore {
  private readonly cache: ContentStore;

  constructor(cacheRoot: string, private readonly db: PgSyncDb) {
    super(cacheRoot);
    this.cache = new ContentStore(cacheRoot);
  }

  /** A path on this machine for a store_path: `pg:` originals land in the cache first. */
  localPath(storedPath: string): string {
    if (!storedPath.startsWith(PG)) return storedPath;
    const sha = storedPath.slice(PG.length, PG.length + 64);
    const ext = storedPath.slice(PG.length + 64);
    const cached = this.cache.pathFor(sha, ext);
    if (fs.existsSync(cached)) return cached;
    const row = this.db.prepare('SELECT bytes FROM originals WHERE sha256 = ?').get(sha) as { bytes: Uint8Array } | undefined;
    if (!row) throw new Error(`original ${sha} is not in the database`);
    return this.cache.put(row.bytes, sha, ext);
  }

  override read(storedPath: string): Buffer {
    return super.read(this.localPath(storedPath));
  }
}

/** The cache folder of `pg:` originals under a data folder (the one pg/content.ts's workers use). */
export const pgCacheRoot = (dataDir: string) => path.join(dataDir, 'store-cache');
