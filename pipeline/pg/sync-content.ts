// The content store of a command that runs on PostgreSQL through sync-db.ts (review UI, page
// images, Office previews): a `pg:` original (bytes in the `originals` table, pg/content.ts) is
// fetched once into this machine's cache (the store's own folder), content-addressed so a copy is
// never stale; a `--store DIR` original is read where it lies, as in SQLite's store.
import fs from 'node:fs';
import { ContentStore } from '../content-store.js';
import { isPgStorePath, parsePgStorePath } from './content.js';
import type { PgSyncDb } from './sync-db.js';

export class PgSyncContentStore extends ContentStore {
  /** cacheRoot: where `pg:` originals are copied (pgCacheRoot(dataDir), as the workers' cache) */
  constructor(cacheRoot: string, private readonly db: PgSyncDb) {
    super(cacheRoot);
  }

  /** A path on this machine for a store_path: `pg:` originals land in the cache first. */
  localPath(storedPath: string): string {
    if (!isPgStorePath(storedPath)) return storedPath;
    const ref = parsePgStorePath(storedPath);
    if (!ref) throw new Error(`malformed store path ${storedPath}`);
    const cached = this.pathFor(ref.sha256, ref.ext);
    if (fs.existsSync(cached)) return cached;
    const row = this.db.prepare('SELECT bytes FROM originals WHERE sha256 = ?').get(ref.sha256) as { bytes: Uint8Array } | undefined;
    if (!row) throw new Error(`original ${ref.sha256} is not in the database`);
    return this.put(row.bytes, ref.sha256, ref.ext);
  }

  override read(storedPath: string): Buffer {
    return super.read(this.localPath(storedPath));
  }
}
