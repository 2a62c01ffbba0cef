// Every query of the inbox service: entries taken from the inbox folder (inbox_files), the
// moves planned and done, and the file_events history. Nothing else writes SQL for these.
import type { Db } from './database.js';
import type { DocumentStatus } from '../../model/records.js';

export type InboxEntryKind = 'file' | 'folder' | 'symlink';
export type InboxState = 'waiting' | 'moving' | 'moved' | 'gone';
export type DestKind = 'archive' | 'duplicate' | 'quarantine';

export interface InboxFileRow {
  id: number; path: string; entry_kind: InboxEntryKind; sha256: string | null; size: number | null; mtime_ms: number | null;
  document_id: string | null; state: InboxState; dest_kind: DestKind | null; dest_path: string | null; sidecar_path: string | null;
  reason_code: string | null; reason: string | null; taken_at: string; updated_at: string;
}

/** An entry waiting in the inbox whose document has reached a final status. */
export interface SettledRow extends InboxFileRow {
  doc_status: DocumentStatus; doc_error_code: string | null; doc_error: string | null; duplicate_of: string | null; file_name: string;
}

const now = () => new Date().toISOString();

export class InboxRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T { return this.db.transaction(fn)(); }

  /** The entry for an inbox path that is still waiting or being moved, if any. */
  openEntry(path: string): InboxFileRow | undefined {
    return this.db.prepare("SELECT * FROM inbox_files WHERE path = ? AND state IN ('waiting','moving')").get(path) as InboxFileRow | undefined;
  }

  get(id: number): InboxFileRow | undefined {
    return this.db.prepare('SELECT * FROM inbox_files WHERE id = ?').get(id) as InboxFileRow | undefined;
  }

  addEntry(e: { path: string; kind: InboxEntryKind; sha256?: string | null; size?: number | null; mtimeMs?: number | null; documentId?: string | null; reasonCode?: string | null; reason?: string | null }): number {
    const t = now();
    const r = this.db.prepare(`INSERT INTO inbox_files (path, entry_kind, sha256, size, mtime_ms, document_id, state, reason_code, reason, taken_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?)`)
      .run(e.path, e.kind, e.sha256 ?? null, e.size ?? null, e.mtimeMs ?? null, e.documentId ?? null, e.reasonCode ?? null, e.reason ?? null, t, t);
    this.event({ documentId: e.documentId ?? null, event: 'inbox.taken', from: e.path, to: null, detail: { entry: Number(r.lastInsertRowid), kind: e.kind, sha256: e.sha256 ?? null } });
    return Number(r.lastInsertRowid);
  }

  /** Waiting entries that can move now: their document is no longer pending, or they have none (folders, symlinks). */
  settled(limit: number, afterId = 0): SettledRow[] {
    return this.db.prepare(`SELECT i.*, d.status AS doc_status, d.error_code AS doc_error_code, d.error AS doc_error,
        d.duplicate_of AS duplicate_of, d.file_name AS file_name
      FROM inbox_files i LEFT JOIN documents d ON d.id = i.document_id
      WHERE i.state = 'waiting' AND (i.document_id IS NULL OR d.status <> 'pending') AND i.id > ?
      ORDER BY i.id LIMIT ?`).all(afterId, limit) as SettledRow[];
  }

  /** Moves that were planned but may not have finished (a crash between intent and done). */
  unfinishedMoves(limit: number, afterId = 0): InboxFileRow[] {
    return this.db.prepare("SELECT * FROM inbox_files WHERE state = 'moving' AND id > ? ORDER BY id LIMIT ?").all(afterId, limit) as InboxFileRow[];
  }

  /** True when a destination or sidecar path is already promised to some entry. */
  isReserved(p: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM inbox_files WHERE dest_path = ? OR sidecar_path = ? LIMIT 1').get(p, p);
  }

  /** Records the intent to move (before the file is touched). */
  planMove(id: number, m: { destKind: DestKind; destPath: string; sidecarPath: string | null; reasonCode?: string | null; reason?: string | null }): void {
    this.transaction(() => {
      this.db.prepare(`UPDATE inbox_files SET state = 'moving', dest_kind = ?, dest_path = ?, sidecar_path = ?,
          reason_code = COALESCE(?, reason_code), reason = COALESCE(?, reason), updated_at = ? WHERE id = ?`)
        .run(m.destKind, m.destPath, m.sidecarPath, m.reasonCode ?? null, m.reason ?? null, now(), id);
      const row = this.get(id)!;
      this.event({ documentId: row.document_id, event: 'move.intent', from: row.path, to: m.destPath, detail: { entry: id, destKind: m.destKind, reasonCode: row.reason_code } });
    });
  }

  /** A planned destination turned out to be taken by a file we did not put there: pick again. */
  replan(id: number): void {
    this.db.prepare("UPDATE inbox_files SET state = 'waiting', dest_path = NULL, sidecar_path = NULL, updated_at = ? WHERE id = ?").run(now(), id);
  }

  finishMove(id: number, event: string = 'move.done'): void {
    this.transaction(() => {
      this.db.prepare("UPDATE inbox_files SET state = 'moved', updated_at = ? WHERE id = ?").run(now(), id);
      const row = this.get(id)!;
      this.event({ documentId: row.document_id, event, from: row.path, to: row.dest_path, detail: { entry: id, destKind: row.dest_kind, reasonCode: row.reason_code } });
    });
  }

  /** The original left the inbox without us (a person removed it); the stored copy remains. */
  markGone(id: number, detail: string): void {
    this.transaction(() => {
      this.db.prepare("UPDATE inbox_files SET state = 'gone', updated_at = ? WHERE id = ?").run(now(), id);
      const row = this.get(id)!;
      this.event({ documentId: row.document_id, event: 'inbox.vanished', from: row.path, to: null, detail: { entry: id, why: detail } });
    });
  }

  /** Where the first copy of a document's content is now (for a duplicate's note). */
  locationOf(documentId: string): { path: string; state: InboxState; destPath: string | null } | undefined {
    const r = this.db.prepare('SELECT path, state, dest_path FROM inbox_files WHERE document_id = ? ORDER BY id LIMIT 1').get(documentId) as { path: string; state: InboxState; dest_path: string | null } | undefined;
    return r && { path: r.path, state: r.state, destPath: r.dest_path };
  }

  countByState(): Record<string, number> {
    const rows = this.db.prepare('SELECT state, COUNT(*) AS n FROM inbox_files GROUP BY state').all() as { state: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  }

  countByDestination(): Record<string, number> {
    const rows = this.db.prepare("SELECT dest_kind, COUNT(*) AS n FROM inbox_files WHERE state = 'moved' GROUP BY dest_kind").all() as { dest_kind: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.dest_kind, r.n]));
  }

  oldestWaiting(): InboxFileRow | undefined {
    return this.db.prepare("SELECT * FROM inbox_files WHERE state IN ('waiting','moving') ORDER BY taken_at, id LIMIT 1").get() as InboxFileRow | undefined;
  }

  recentQuarantined(limit: number): InboxFileRow[] {
    return this.db.prepare("SELECT * FROM inbox_files WHERE state = 'moved' AND dest_kind = 'quarantine' ORDER BY updated_at DESC, id DESC LIMIT ?").all(limit) as InboxFileRow[];
  }

  list(): InboxFileRow[] {
    return this.db.prepare('SELECT * FROM inbox_files ORDER BY id').all() as InboxFileRow[];
  }

  event(e: { documentId: string | null; event: string; from: string | null; to: string | null; detail?: unknown }): void {
    this.db.prepare('INSERT INTO file_events (document_id, event, from_path, to_path, detail, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.documentId, e.event, e.from, e.to, e.detail == null ? null : JSON.stringify(e.detail), now());
  }
}
