// Where the originals live when the database is PostgreSQL, so that a worker on any machine can
// read them: in the database itself (table `originals`, store_path `pg:<sha256><ext>`: nothing
// to share but the database), or in a folder every machine mounts at the same path (`--store
// DIR`, store_path the file's absolute path). A worker copies a `pg:` original into its local
// cache once (content-addressed, so a copy is never stale) and the stages read that file.
import fs from 'node:fs';
import path from 'node:path';
import { ContentStore } from '../content-store.js';
import type { Queryable } from './database.js';

const PG = 'pg:';

export class PgContent {
  /** local: the shared folder (--store), or this machine's cache of `pg:` originals */
  constructor(readonly local: ContentStore, private readonly shared: boolean) {}

  static at(dataDir: string, sharedDir: string | null): PgContent {
    return sharedDir ? new PgContent(new ContentStore(path.resolve(sharedDir)), true) : new PgContent(new ContentStore(path.join(dataDir, 'store-cache')), false);
  }

  /** Stores an original once (inside the caller's transaction for `pg:`) and returns its store_path. */
  async put(db: Queryable, bytes: Uint8Array, sha256: string, ext: string): Promise<string> {
    if (this.shared) return this.local.put(bytes, sha256, ext);
    await db.query('INSERT INTO originals (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [sha256, Buffer.from(bytes)]);
    return `${PG}${sha256}${ext.toLowerCase()}`;
  }

  /** A path on this machine for a store_path (a `pg:` original is fetched once into the cache). */
  async localPath(db: Queryable, storePath: string): Promise<string> {
    if (!storePath.startsWith(PG)) return storePath;
    const sha = storePath.slice(PG.length, PG.length + 64);
    const ext = storePath.slice(PG.length + 64);
    const cached = this.local.pathFor(sha, ext);
    if (fs.existsSync(cached)) return cached;
    const { rows } = await db.query('SELECT bytes FROM originals WHERE sha256 = $1', [sha]);
    if (!rows[0]) throw new Error(`original ${sha} is not in the database`);
    return this.local.put(rows[0].bytes as Buffer, sha, ext);
  }

  /** The store_path to record in PostgreSQL for a file a stage stored locally (an edXML attachment). */
  async adopt(db: Queryable, localPath: string, sha256: string): Promise<string> {
    if (this.shared) return localPath;
    const ext = path.basename(localPath).slice(64);
    return this.put(db, fs.readFileSync(localPath), sha256, ext);
  }
}
