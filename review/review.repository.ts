// Every query of the review UI: the queue, single items, decisions and their undo. Writes to
// fields / indicators / documents made by a decision happen here too, so the whole of one
// decision runs in one transaction (decisions.ts drives it).
import type { Db } from '../pipeline/db/database.js';
import type { DocumentRow, DocumentStatus, FieldStatus } from '../model/records.js';
import type { Box, Candidate, Finding, Qualifier } from '../model/document.js';

export type Target = 'field' | 'indicator';
export type DecisionAction = 'accept' | 'correct' | 'reject' | 'undo';

/** One thing a person can decide on: a header field or an indicator of a document. */
export interface ReviewItem {
  target: Target;
  documentId: string;
  /** field name (docNumber, issueDate, province, docType) or indicator key */
  name: string;
  label: string;
  value: unknown;
  unit: string | null;
  qualifier: Qualifier | null;
  confidence: number;
  status: FieldStatus;
  page: number | null;
  box: Box | null;
  sourceText: string | null;
  findings: Finding[];
  candidates: Candidate<unknown>[];
}

export interface ItemKey { documentId: string; target: Target; name: string }

export interface QueueFilters { province?: string; docType?: string; period?: string; field?: string }

export interface QueueEntry {
  target: Target; documentId: string; name: string; label: string; value: unknown; unit: string | null;
  confidence: number; page: number | null; fileName: string; provinceCode: string | null; provinceName: string | null;
  docType: string | null; docNumber: string | null; period: string | null;
  /** who holds the item now (a live claim, issue 17), or null */
  heldBy: string | null; heldById: number | null;
}

export interface Facet { value: string | null; label: string | null; n: number }

export interface DecisionRow {
  id: number; document_id: string; target: Target | 'document'; name: string | null; action: DecisionAction;
  old_value_json: string | null; new_value_json: string | null; reviewer: string; reason: string | null;
  old_state_json: string | null; undoes: number | null; undone_by: number | null; decided_at: string;
  /** issue 17: the account that decided, seconds the item was open, the lead who approved it */
  account_id?: number | null; duration_s?: number | null; approved_by?: number | null;
}

/** Header columns of the documents row a decision may change (and undo restores). */
export interface HeaderState {
  status: DocumentStatus; error_code: string | null; error: string | null; doc_type: string | null; doc_number: string | null;
  issue_date: string | null; province_code: string | null; province_name: string | null; category: string | null;
}

export interface ItemState { value_json: string | null; confidence: number; status: FieldStatus }

const HEADER_FIELD_LABELS: Record<string, string> = {
  province: 'Tỉnh, thành phố', docNumber: 'Số, ký hiệu', issueDate: 'Ngày ban hành', docType: 'Loại văn bản', receivedDate: 'Ngày đến (dấu công văn đến)',
  category: 'Loại nội dung (báo cáo, chương trình phối hợp hay khác)',
};
export const fieldLabel = (name: string) => HEADER_FIELD_LABELS[name] ?? name;

// Queue order: what blocks a national table first. Province, number and date place a
// document in Phụ lục I/II; the type matters less; indicators only feed the totals.
// Within a tier, the least confident first, then the oldest document.
const QUEUE_SQL = `
  SELECT q.*, COALESCE(ca.display_name, ca.username) AS heldBy, c.account_id AS heldById FROM (
    SELECT 'field' AS target, f.document_id AS documentId, f.name AS name, f.name AS label, f.value_json AS valueJson,
           NULL AS unit, f.confidence AS confidence, f.page AS page,
           CASE f.name WHEN 'province' THEN 0 WHEN 'category' THEN 0 WHEN 'docNumber' THEN 1 WHEN 'issueDate' THEN 1 ELSE 2 END AS tier,
           d.file_name AS fileName, d.province_code AS provinceCode, d.province_name AS provinceName, d.doc_type AS docType,
           d.doc_number AS docNumber, d.period AS period, d.received_at AS receivedAt
      FROM fields f JOIN documents d ON d.id = f.document_id
     WHERE f.status = 'needs_review' AND d.status = 'needs_review'
       AND NOT EXISTS (SELECT 1 FROM review_pending p WHERE p.state = 'pending' AND p.document_id = f.document_id AND p.target = 'field' AND p.name = f.name)
    UNION ALL
    SELECT 'indicator', i.document_id, i.key, i.label, CAST(i.value AS TEXT), i.unit, i.confidence, i.page, 3,
           d.file_name, d.province_code, d.province_name, d.doc_type, d.doc_number, d.period, d.received_at
      FROM indicators i JOIN documents d ON d.id = i.document_id
     WHERE i.status = 'needs_review' AND d.status = 'needs_review'
       AND NOT EXISTS (SELECT 1 FROM review_pending p WHERE p.state = 'pending' AND p.document_id = i.document_id AND p.target = 'indicator' AND p.name = i.key)
  ) q
  LEFT JOIN review_claims c ON c.document_id = q.documentId AND c.target = q.target AND c.name = q.name AND c.expires_at > @now
  LEFT JOIN accounts ca ON ca.id = c.account_id
  WHERE (CAST(@province AS TEXT) IS NULL OR IFNULL(q.provinceCode, '') = @province)
    AND (CAST(@docType AS TEXT) IS NULL OR IFNULL(q.docType, '') = @docType)
    AND (CAST(@period AS TEXT) IS NULL OR IFNULL(q.period, '') = @period)
    AND (CAST(@field AS TEXT) IS NULL OR q.name = @field)
    AND (CAST(@skipHeldFrom AS INTEGER) IS NULL OR c.account_id IS NULL OR c.account_id = @skipHeldFrom)
  ORDER BY q.tier, q.confidence, q.receivedAt, q.documentId, q.name`;

/** A fields row as SQLite returns it (JSON columns as text). */
interface FieldSqlRow {
  value_json: string | null; confidence: number; status: FieldStatus; page: number | null; box_json: string | null;
  source_text: string | null; findings_json: string | null; candidates_json: string | null;
}

/** An indicators row as SQLite returns it (JSON columns as text). */
interface IndicatorSqlRow {
  label: string; value: number; unit: string; qualifier: Qualifier; confidence: number; status: FieldStatus;
  page: number | null; box_json: string | null; source_text: string | null; findings_json: string | null;
}

const json = (v: unknown) => JSON.stringify(v ?? null);
const parse = <T>(s: string | null, fallback: T): T => (s == null ? fallback : (JSON.parse(s) as T));
const now = () => new Date().toISOString();

function filterParams(f: QueueFilters, skipHeldFrom: number | null = null) {
  // '' selects "none" (a document without a province, type or period); undefined means no filter.
  // skipHeldFrom: leave out items another account holds (claims, issue 17)
  return { province: f.province ?? null, docType: f.docType ?? null, period: f.period ?? null, field: f.field ?? null, now: now(), skipHeldFrom };
}

export class ReviewRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T { return this.db.transaction(fn)(); }

  queue(filters: QueueFilters, limit = 200, offset = 0): QueueEntry[] {
    const rows = this.db.prepare(`${QUEUE_SQL} LIMIT @limit OFFSET @offset`)
      .all({ ...filterParams(filters), limit, offset }) as (Omit<QueueEntry, 'value'> & { valueJson: string | null })[];
    return rows.map(({ valueJson, ...r }) => ({
      ...r, value: r.target === 'indicator' ? Number(valueJson) : parse(valueJson, null), label: r.target === 'field' ? fieldLabel(r.name) : r.label,
    }));
  }

  queueCount(filters: QueueFilters): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM (${QUEUE_SQL}) AS queue`).get(filterParams(filters)) as { n: number }).n;
  }

  /**
   * The item to show after `current`: the next one in queue order (wrapping round), or the
   * first one when `current` has left the queue (it was just decided) or is not given.
   */
  nextAfter(filters: QueueFilters, current: ItemKey | null, viewer: number | null = null): ItemKey | null {
    // with a viewer, items someone else holds are never handed out (the current one stays, to find our place)
    const all = (this.db.prepare(QUEUE_SQL).all(filterParams(filters)) as (ItemKey & { heldById: number | null })[])
      .filter((r) => viewer == null || r.heldById == null || r.heldById === viewer || (current && r.documentId === current.documentId && r.target === current.target && r.name === current.name));
    const i = current ? all.findIndex((r) => r.documentId === current.documentId && r.target === current.target && r.name === current.name) : -1;
    const free = (r: (typeof all)[number] | undefined) => !!r && (viewer == null || r.heldById == null || r.heldById === viewer);
    const order = i < 0 ? all : [...all.slice(i + 1), ...all.slice(0, i)];
    const pick = order.find(free);
    return pick ? { documentId: pick.documentId, target: pick.target, name: pick.name } : null;
  }

  /** Counts per facet value over the whole open queue (filters not applied, so every option shows). */
  facets(): { province: Facet[]; docType: Facet[]; period: Facet[]; field: Facet[] } {
    const q = (col: string, label: string) => this.db.prepare(
      `SELECT ${col} AS value, MAX(${label}) AS label, COUNT(*) AS n FROM (${QUEUE_SQL}) AS queue GROUP BY ${col} ORDER BY n DESC, value`,
    ).all(filterParams({})) as Facet[];
    return {
      province: q('provinceCode', 'provinceName'),
      docType: q('docType', 'docType'),
      period: q('period', 'period'),
      field: q('name', 'label').map((f) => (HEADER_FIELD_LABELS[f.value ?? ''] ? { ...f, label: fieldLabel(f.value!) } : f)),
    };
  }

  item(documentId: string, target: Target, name: string): ReviewItem | undefined {
    if (target === 'field') {
      const r = this.db.prepare('SELECT * FROM fields WHERE document_id = ? AND name = ?').get(documentId, name) as FieldSqlRow | undefined;
      if (!r) return undefined;
      return {
        target, documentId, name, label: fieldLabel(name), value: parse(r.value_json, null), unit: null, qualifier: null,
        confidence: r.confidence, status: r.status, page: r.page, box: parse(r.box_json, null), sourceText: r.source_text,
        findings: parse(r.findings_json, []), candidates: parse(r.candidates_json, []),
      };
    }
    const r = this.db.prepare('SELECT * FROM indicators WHERE document_id = ? AND key = ?').get(documentId, name) as IndicatorSqlRow | undefined;
    if (!r) return undefined;
    return {
      target, documentId, name, label: r.label, value: r.value, unit: r.unit, qualifier: r.qualifier,
      confidence: r.confidence, status: r.status, page: r.page, box: parse(r.box_json, null), sourceText: r.source_text,
      findings: parse(r.findings_json, []), candidates: [],
    };
  }

  /** Every field and indicator of a document, header fields first. */
  items(documentId: string): ReviewItem[] {
    const names = (this.db.prepare('SELECT name FROM fields WHERE document_id = ? ORDER BY name').all(documentId) as { name: string }[]).map((r) => r.name);
    const keys = (this.db.prepare('SELECT key FROM indicators WHERE document_id = ? ORDER BY id').all(documentId) as { key: string }[]).map((r) => r.key);
    return [...names.map((n) => this.item(documentId, 'field', n)!), ...keys.map((k) => this.item(documentId, 'indicator', k)!)];
  }

  itemState(documentId: string, target: Target, name: string): ItemState | undefined {
    return (target === 'field'
      ? this.db.prepare('SELECT value_json, confidence, status FROM fields WHERE document_id = ? AND name = ?')
      : this.db.prepare('SELECT CAST(value AS TEXT) AS value_json, confidence, status FROM indicators WHERE document_id = ? AND key = ?'))
      .get(documentId, name) as ItemState | undefined;
  }

  setItem(documentId: string, target: Target, name: string, value: unknown, status: FieldStatus, confidence?: number): void {
    if (target === 'field') {
      this.db.prepare('UPDATE fields SET value_json = ?, status = ?, confidence = COALESCE(?, confidence) WHERE document_id = ? AND name = ?')
        .run(json(value), status, confidence ?? null, documentId, name);
    } else {
      this.db.prepare('UPDATE indicators SET value = ?, status = ?, confidence = COALESCE(?, confidence) WHERE document_id = ? AND key = ?')
        .run(value as number, status, confidence ?? null, documentId, name);
    }
  }

  /**
   * Takes the document row's lock for the rest of the transaction (a write that changes nothing),
   * so decisions on one document from two review processes run one after the other and the
   * second sees what the first did (PostgreSQL, READ COMMITTED); on SQLite it takes the write
   * lock at once, as BEGIN IMMEDIATE would.
   */
  lockDocument(documentId: string): void {
    this.db.prepare('UPDATE documents SET updated_at = updated_at WHERE id = ?').run(documentId);
  }

  header(documentId: string): HeaderState | undefined {
    return this.db.prepare(`SELECT status, error_code, error, doc_type, doc_number, issue_date, province_code, province_name, category
      FROM documents WHERE id = ?`).get(documentId) as HeaderState | undefined;
  }

  /** Writes the header columns given (only those), e.g. after a corrected province. */
  setHeader(documentId: string, cols: Partial<HeaderState>): void {
    const allowed = ['status', 'error_code', 'error', 'doc_type', 'doc_number', 'issue_date', 'province_code', 'province_name', 'category'] as const;
    const keys = allowed.filter((k) => k in cols);
    if (keys.length === 0) return;
    this.db.prepare(`UPDATE documents SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @t WHERE id = @id`)
      .run({ ...Object.fromEntries(keys.map((k) => [k, cols[k] ?? null])), t: now(), id: documentId });
  }

  document(id: string): DocumentRow | undefined {
    return this.db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
  }

  documents(filters: { status?: string; province?: string; docType?: string }, limit = 500): DocumentRow[] {
    return this.db.prepare(`SELECT * FROM documents
      WHERE (CAST(@status AS TEXT) IS NULL OR status = @status) AND (CAST(@province AS TEXT) IS NULL OR IFNULL(province_code, '') = @province)
        AND (CAST(@docType AS TEXT) IS NULL OR IFNULL(doc_type, '') = @docType)
      ORDER BY received_at DESC, id LIMIT @limit`)
      .all({ status: filters.status ?? null, province: filters.province ?? null, docType: filters.docType ?? null, limit }) as DocumentRow[];
  }

  /** Open review items per document (fields + indicators still needing a person). */
  openCounts(): Map<string, number> {
    const rows = this.db.prepare(`SELECT document_id AS id, COUNT(*) AS n FROM (
        SELECT document_id FROM fields WHERE status = 'needs_review' UNION ALL SELECT document_id FROM indicators WHERE status = 'needs_review'
      ) AS open_items GROUP BY document_id`).all() as { id: string; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  countsByStatus(): Record<string, number> {
    const rows = this.db.prepare('SELECT status, COUNT(*) AS n FROM documents GROUP BY status').all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  insertDecision(d: {
    documentId: string; target: DecisionRow['target']; name: string | null; action: DecisionAction; oldValue: unknown; newValue: unknown;
    reviewer: string; reason: string | null; oldState: unknown; undoes?: number | null;
    accountId?: number | null; durationS?: number | null; approvedBy?: number | null;
  }): number {
    const r = this.db.prepare(`INSERT INTO review_decisions (document_id, target, name, action, old_value_json, new_value_json, reviewer, reason, old_state_json, undoes, decided_at,
        account_id, duration_s, approved_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(d.documentId, d.target, d.name, d.action, json(d.oldValue), json(d.newValue),
      d.reviewer, d.reason, json(d.oldState), d.undoes ?? null, now(), d.accountId ?? null, d.durationS ?? null, d.approvedBy ?? null);
    return Number(r.lastInsertRowid);
  }

  markUndone(id: number, by: number): void {
    this.db.prepare('UPDATE review_decisions SET undone_by = ? WHERE id = ?').run(by, id);
  }

  decision(id: number): DecisionRow | undefined {
    return this.db.prepare('SELECT * FROM review_decisions WHERE id = ?').get(id) as DecisionRow | undefined;
  }

  /** The document's most recent decision that is still in force (not an undo, not undone). */
  lastUndoable(documentId: string): DecisionRow | undefined {
    return this.db.prepare(`SELECT * FROM review_decisions WHERE document_id = ? AND action <> 'undo' AND undone_by IS NULL
      ORDER BY id DESC LIMIT 1`).get(documentId) as DecisionRow | undefined;
  }

  history(documentId: string): DecisionRow[] {
    return this.db.prepare('SELECT * FROM review_decisions WHERE document_id = ? ORDER BY id DESC').all(documentId) as DecisionRow[];
  }

  recentDecisions(limit = 20): DecisionRow[] {
    return this.db.prepare('SELECT * FROM review_decisions ORDER BY id DESC LIMIT ?').all(limit) as DecisionRow[];
  }
}
