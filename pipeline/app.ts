// Wires the parts together for one process: config, database, content store, lazy OCR.
import path from 'node:path';
import type { Config } from './config.js';
import { openDatabase, type Db } from './db/database.js';
import { DocumentsRepository } from './db/documents.repository.js';
import { ContentStore } from './content-store.js';
import type { StageContext, OcrService } from './stage.js';
import { syncGazetteerTables } from './db/gazetteer-tables.js';
import { openPgSync } from './pg/sync-db.js';
import { PgSyncContentStore } from './pg/sync-content.js';
import { pgCacheRoot } from './pg/content.js';

export interface App extends StageContext { db: Db; close(): Promise<void> }

export function openApp(cfg: Config): App {
  if (cfg.pgUrl) return openPgApp(cfg, cfg.pgUrl);
  const db = openDatabase(cfg.dbFile);
  syncGazetteerTables(db); // reference tables for the report views (migration 002)
  let ocr: Promise<OcrService | null> | null = null;
  const app: App = {
    cfg,
    db,
    repo: new DocumentsRepository(db),
    store: new ContentStore(path.join(cfg.dataDir, 'store')),
    // imported on first use: tesseract and the raster code are not loaded by commands that never OCR
    ocr: () => (ocr ??= import('./ocr-service.js').then((m) => m.createOcrService(cfg))),
    async close() {
      if (ocr) await (await ocr)?.close();
      db.close();
    },
  };
  return app;
}

/**
 * The same App over the PostgreSQL store (issue 16), for the commands that read and decide
 * rather than run stages (review UI, accounts, periods, follow-up): the database is the
 * synchronous PostgreSQL store of pg/sync-db.ts (migrations and the gazetteer applied there, once,
 * under their lock), originals come from the database or the shared --store folder. Stages run in
 * `tonghop worker`, so this App has no OCR.
 */
function openPgApp(cfg: Config, url: string): App {
  const db = openPgSync(url);
  // The SQLite repositories take better-sqlite3's Database; PgSyncDb has the part of its shape they use.
  const asDb = db as unknown as Db;
  return {
    cfg,
    db: asDb,
    repo: new DocumentsRepository(asDb),
    store: new PgSyncContentStore(pgCacheRoot(cfg.dataDir), db),
    ocr: async () => null,
    async close() { db.close(); },
  };
}
