// A stage's database effects on PostgreSQL, through the SQLite repository code as it is.
// Stages call the synchronous DocumentsRepository (load's replaceExtraction and linkByNumber,
// route's refreshStatus, probe taking in an edXML package's attachments). On PostgreSQL a
// worker hands the stage a scratch in-memory SQLite with the same schema, seeded with the rows
// the stage reads (the document, its parent; its fields and figures for route); afterwards
// the rows that changed are copied to PostgreSQL in the transaction that records the stage as
// done. So the SQL of those writes is written once (the SQLite repository), both stores get
// the same rows, and a stage never waits on the network in the middle of its work.
import { openDatabase, type Db } from '../db/database.js';
import { DocumentsRepository } from '../db/documents.repository.js';
import type { DocumentRow } from '../../model/records.js';
import type { Queryable } from './database.js';

/** The tables holding one document's extraction (load replaces them; route reads fields and indicators). */
export const CHILD_TABLES = ['fields', 'indicators', 'unmapped_figures', 'findings', 'signatures'] as const;
type ChildTable = (typeof CHILD_TABLES)[number];
export type ChildRows = Record<ChildTable, Record<string, unknown>[]>;

/** What a stage changed, to be written to PostgreSQL. */
export interface ScratchChanges {
  /** seeded documents with the columns that changed */
  updated: { id: string; set: Record<string, unknown> }[];
  /** documents the stage took in (edXML attachments) */
  added: DocumentRow[];
  /** the seeded document's extraction, when it changed */
  children: { id: string; rows: ChildRows } | null;
}

export class Scratch {
  readonly repo: DocumentsRepository;
  private readonly seeded = new Map<string, Record<string, unknown>>();
  private seededChildren = '';
  private readonly columns = new Map<string, string[]>();

  private constructor(readonly db: Db) {
    this.repo = new DocumentsRepository(db);
  }

  static open(): Scratch {
    const db = openDatabase(':memory:');
    db.pragma('foreign_keys = OFF'); // a staging area: PostgreSQL checks the references
    return new Scratch(db);
  }

  /** Empties it for the next job (a worker keeps a few and reuses them). */
  reset(): void {
    for (const t of [...CHILD_TABLES, 'stage_runs', 'artifacts', 'documents']) this.db.prepare(`DELETE FROM ${t}`).run();
    this.seeded.clear();
    this.seededChildren = '';
  }

  columnsOf(table: string): string[] {
    let cols = this.columns.get(table);
    if (!cols) {
      cols = (this.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      this.columns.set(table, cols);
    }
    return cols;
  }

  private insertRow(table: string, row: Record<string, unknown>): void {
    const cols = this.columnsOf(table).filter((c) => c in row);
    this.db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c] ?? null));
  }

  /** Copies rows read from PostgreSQL into a table (a read snapshot: `export documents`). */
  load(table: string, rows: Record<string, unknown>[]): void {
    this.db.transaction(() => { for (const r of rows) this.insertRow(table, r); })();
  }

  seedDocuments(rows: DocumentRow[]): void {
    for (const r of rows) {
      this.insertRow('documents', r as unknown as Record<string, unknown>);
      this.seeded.set(r.id, this.row('documents', r.id)!);
    }
  }

  seedChildren(id: string, rows: ChildRows): void {
    for (const t of CHILD_TABLES) for (const r of rows[t]) this.insertRow(t, r);
    this.seededChildren = JSON.stringify(this.children(id));
  }

  document(id: string): DocumentRow | undefined {
    return this.row('documents', id) as DocumentRow | undefined;
  }

  private row(table: string, id: string): Record<string, unknown> | undefined {
    return this.db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  }

  /** A document's extraction rows, without their local ids (PostgreSQL numbers them itself), in id order. */
  children(id: string): ChildRows {
    const out = {} as ChildRows;
    for (const t of CHILD_TABLES) {
      const order = this.columnsOf(t).includes('id') ? 'id' : 'rowid';
      out[t] = (this.db.prepare(`SELECT * FROM ${t} WHERE document_id = ? ORDER BY ${order}`).all(id) as Record<string, unknown>[])
        .map(({ id: _, ...r }) => r);
    }
    return out;
  }

  /** The rows the stage changed, compared with what was seeded. */
  changes(mainId: string): ScratchChanges {
    const all = this.db.prepare('SELECT * FROM documents ORDER BY received_at, id').all() as Record<string, unknown>[];
    const updated: ScratchChanges['updated'] = [];
    const added: DocumentRow[] = [];
    for (const r of all) {
      const before = this.seeded.get(r.id as string);
      if (!before) { added.push(r as unknown as DocumentRow); continue; }
      const set = Object.fromEntries(Object.entries(r).filter(([k, v]) => before[k] !== v && k !== 'updated_at'));
      if (Object.keys(set).length > 0) updated.push({ id: r.id as string, set: { ...set, updated_at: r.updated_at } });
    }
    const kids = this.children(mainId);
    return { updated, added, children: JSON.stringify(kids) === this.seededChildren ? null : { id: mainId, rows: kids } };
  }

  close(): void { this.db.close(); }
}

/** The order rows of a table are read in: by id, except `fields` (no id; its key is document and name). */
export const orderOf = (table: string, alias = ''): string => `${alias ? `${alias}.` : ''}${table === 'fields' ? 'document_id, name' : 'id'}`;

/** Reads a document's extraction rows from PostgreSQL in one round trip, to seed a scratch (route reads them). */
export async function readChildren(db: Queryable, id: string): Promise<ChildRows> {
  const agg = (t: string) => `(SELECT COALESCE(json_agg(to_jsonb(x) - 'id' ORDER BY ${orderOf(t, 'x')}), '[]') FROM ${t} x WHERE x.document_id = $1) AS ${t}`;
  const { rows } = await db.query(`SELECT ${CHILD_TABLES.map(agg).join(', ')}`, [id]);
  return rows[0] as ChildRows;
}

/** Columns a stage may change on a seeded document (never its identity or where its original is). */
const KEEP = new Set(['id', 'sha256', 'size', 'store_path', 'source_path', 'file_name', 'received_at', 'attempts']);

export async function writeUpdates(db: Queryable, updated: ScratchChanges['updated']): Promise<void> {
  for (const u of updated) {
    const entries = Object.entries(u.set).filter(([k]) => !KEEP.has(k));
    if (entries.length === 0) continue;
    await db.query(`UPDATE documents SET ${entries.map(([k], i) => `${k} = $${i + 2}`).join(', ')} WHERE id = $1`, [u.id, ...entries.map(([, v]) => v)]);
  }
}

/**
 * Replaces a document's extraction rows in PostgreSQL in two statements: one DELETE over the
 * five tables, one INSERT into those with rows (data-modifying CTEs; each table is touched once
 * per statement, so the two cannot collide on a key).
 */
export async function writeChildren(db: Queryable, id: string, rows: ChildRows, columnsOf: (t: string) => string[]): Promise<void> {
  await db.query(`WITH ${CHILD_TABLES.map((t, i) => `d${i} AS (DELETE FROM ${t} WHERE document_id = $1)`).join(', ')} SELECT 1`, [id]);
  const filled = CHILD_TABLES.filter((t) => rows[t].length > 0);
  if (filled.length === 0) return;
  const insert = (t: ChildTable, i: number) => {
    const cols = columnsOf(t).filter((c) => c !== 'id').join(', ');
    return `i${i} AS (INSERT INTO ${t} (${cols}) SELECT ${cols} FROM jsonb_populate_recordset(null::${t}, $${i + 1}::jsonb) WITH ORDINALITY AS x ORDER BY x.ordinality)`;
  };
  await db.query(`WITH ${filled.map(insert).join(', ')} SELECT 1`, filled.map((t) => JSON.stringify(rows[t])));
}
