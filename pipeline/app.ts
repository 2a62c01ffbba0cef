// Wires the parts together for one process: config, database, content store, lazy OCR.
import path from 'node:path';
import type { Config } from './config.js';
import { openDatabase, type Db } from './db/database.js';
import { DocumentsRepository } from './db/documents.repository.js';
import { ContentStore } from './content-store.js';
import type { StageContext, OcrService } from './stage.js';
import { syncGazetteerTables } from './db/gazetteer-tables.js';

export interface App extends StageContext { db: Db; close(): Promise<void> }

export function openApp(cfg: Config): App {
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
