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
/** `pg:<sha256><ext>`: an original kept in the database's `originals` table (ext lower case, may be empty). */
const PG_PATH = /^pg:([0-9a-f]{64})((?:\.[a-z0-9]{1,10})?)$/;

/** Whether a store_path names an original kept in the database. */
export const isPgStorePath = (storePath: string): boolean => storePath.startsWith(PG);

/** The content hash and extension of a `pg:` store_path, or null when it is not a well-formed one. */
export function parsePgStorePath(storePath: string): { sha256: string; ext: string } | null {
  const m = PG_PATH.exec(storePath);
  return m ? { sha256: m[1], ext: m[2] } : null;
}

/** This machine's cache of originals fetched from the database, under its data folder. */
export const pgCacheRoot = (dataDir: string): string => path.join(dataDir, 'store-cache');

export class PgContent {
  /** local: the shared folder (--store), or this machine's cache of `pg:` originals */
  constructor(readonly local: ContentStore, private readonly shared: boolean) {}

  static at(dataDir: string, sharedDir: string | null): PgContent {
    return sharedDir ? new PgContent(new ContentStore(path.resolve(sharedDir)), true) : new PgContent(new ContentStore(pgCacheRoot(dataDir)), false);
  }

  /** Stores an original once (inside the caller's transaction for `pg:`) and returns its store_path. */
  async put(db: Queryable, bytes: Uint8Array, sha256: string, ext: string): Promise<string> {
    if (this.shared) return this.local.put(bytes, sha256, ext);
    await db.query('INSERT INTO originals (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [sha256, Buffer.from(bytes)]);
    return `${PG}${sha256}${ext.toLowerCase()}`;
  }

  /** A path on this machine for a store_path (a `pg:` original is fetched once into the cache). */
  async localPath(db: Queryable, storePath: string): Promise<string> {
    if (!isPgStorePath(storePath)) return storePath;
    const ref = parsePgStorePath(storePath);
    if (!ref) throw new Error(`malformed store path ${storePath}`);
    const { sha256: sha, ext } = ref;
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
