// Every query about documents, their stages, fields and indicators. Nothing else writes SQL
// for these tables.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import type { DocumentRow, DocumentStatus, FieldRecord, HeaderColumns, IndicatorRecord, UnmappedRecord } from '../../model/records.js';
import { ARTIFACT_NAMES, type Artifacts, type ArtifactName } from '../../model/artifacts.js';
import type { FindingRecord } from '../../model/findings.js';
import type { CheckedSignature } from '../../model/signature.js';

/** A signatures row as SQLite returns it (migration 010). */
interface SignatureRow {
  signer: string | null; organisation: string | null; issuer: string | null; signed_at: string | null; valid: number; trusted: number;
  covers_whole_file: number; modified_after_signing: number; timestamped: number; findings_json: string;
}

/** A fields row as SQLite returns it (JSON columns as text). */
interface FieldRow {
  name: string; value_json: string | null; confidence: number; status: FieldRecord['status']; page: number | null;
  box_json: string | null; source_text: string | null; findings_json: string | null; candidates_json: string | null;
}

/** An indicators row as SQLite returns it (JSON columns as text). */
interface IndicatorRow {
  key: string; label: string; value: number; unit: string; qualifier: IndicatorRecord['qualifier']; confidence: number;
  status: IndicatorRecord['status']; page: number | null; box_json: string | null; source_text: string | null;
  sub_values_json: string | null; findings_json: string | null;
}

/** A findings row as SQLite returns it. */
type FindingRow = Omit<FindingRecord, 'box' | 'sourceText'> & { box_json: string | null; source_text: string | null };

const now = () => new Date().toISOString();
const json = (v: unknown) => JSON.stringify(v ?? null);
const parse = <T>(s: string | null, fallback: T): T => (s == null ? fallback : (JSON.parse(s) as T));

export class DocumentsRepository {
  /** Prepared statements by SQL text: preparing costs more than running most of these queries. */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  /** The statement for this SQL, prepared once per repository (and so per connection). */
  private sql(text: string): Statement {
    let st = this.statements.get(text);
    if (!st) { st = this.db.prepare(text); this.statements.set(text, st); }
    return st;
  }

  transaction<T>(fn: () => T): T { return this.db.transaction(fn)(); }

  get(id: string): DocumentRow | undefined {
    return this.sql('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
  }

  findOriginalBySha(sha256: string): DocumentRow | undefined {
    return this.sql("SELECT * FROM documents WHERE sha256 = ? AND status <> 'duplicate'").get(sha256) as DocumentRow | undefined;
  }

  findBySourcePath(sourcePath: string, sha256: string): DocumentRow | undefined {
    return this.sql('SELECT * FROM documents WHERE source_path = ? AND sha256 = ? ORDER BY received_at LIMIT 1').get(sourcePath, sha256) as DocumentRow | undefined;
  }

  insert(doc: { id: string; fileName: string; sourcePath: string | null; sha256: string; size: number; storePath: string | null; status: DocumentStatus; duplicateOf?: string | null; errorCode?: string | null; error?: string | null }): void {
    const t = now();
    this.sql(`INSERT INTO documents (id, file_name, source_path, sha256, size, store_path, status, duplicate_of, error_code, error, received_at, updated_at)
      VALUES (@id, @fileName, @sourcePath, @sha256, @size, @storePath, @status, @duplicateOf, @errorCode, @error, @t, @t)`)
      .run({ duplicateOf: null, errorCode: null, error: null, ...doc, t });
  }

  /** The documents that came attached to this one (an edXML package's files), in the order received. */
  attachments(id: string): DocumentRow[] {
    return this.sql('SELECT * FROM documents WHERE parent_id = ? ORDER BY received_at, id').all(id) as DocumentRow[];
  }

  /**
   * Records the main document an attachment names (its top-right signature mark) and links the
   * two when that document is already here; also links earlier attachments that name this
   * document's own number. Returns the parent's id when linked.
   */
  linkByNumber(id: string, ownNumber: string | null, parentRef: string | null): string | null {
    return this.transaction(() => {
      this.sql('UPDATE documents SET parent_ref = ? WHERE id = ?').run(parentRef, id);
      if (ownNumber) {
        const waiting = this.sql("SELECT id FROM documents WHERE parent_ref = ? AND parent_id IS NULL AND id <> ? AND status <> 'duplicate'").all(ownNumber, id) as { id: string }[];
        for (const w of waiting) this.setParent(w.id, id);
      }
      if (!parentRef) return null;
      const parent = this.sql("SELECT id FROM documents WHERE doc_number = ? AND id <> ? AND status NOT IN ('failed','duplicate') ORDER BY received_at LIMIT 1").get(parentRef, id) as { id: string } | undefined;
      if (parent) this.setParent(id, parent.id);
      return parent?.id ?? null;
    });
  }

  /** Links an attachment to its main document (an edXML package); a link once made is kept. */
  setParent(id: string, parentId: string): void {
    this.sql('UPDATE documents SET parent_id = ? WHERE id = ? AND parent_id IS NULL AND id <> ?').run(parentId, id, parentId);
  }

  setStatus(id: string, status: DocumentStatus, errorCode: string | null = null, error: string | null = null): void {
    this.sql('UPDATE documents SET status = ?, error_code = ?, error = ?, updated_at = ? WHERE id = ?').run(status, errorCode, error, now(), id);
  }

  /** Documents still to be processed, oldest first; the driver pulls these in small batches. */
  pending(limit: number, excludeIds: Iterable<string> = []): DocumentRow[] {
    const ex = [...excludeIds];
    const sql = `SELECT * FROM documents WHERE status = 'pending' ${ex.length ? `AND id NOT IN (${ex.map(() => '?').join(',')})` : ''} ORDER BY received_at, id LIMIT ?`;
    return this.sql(sql).all(...ex, limit) as DocumentRow[];
  }

  /** How many documents wait to be processed (not counting `excludeIds`, e.g. those in flight). */
  countPending(excludeIds: Iterable<string> = []): number {
    const ex = [...excludeIds];
    const sql = `SELECT COUNT(*) AS n FROM documents WHERE status = 'pending' ${ex.length ? `AND id NOT IN (${ex.map(() => '?').join(',')})` : ''}`;
    return (this.sql(sql).get(...ex) as { n: number }).n;
  }

  /** Counts one more run started on a document (committed before the run); returns the new count. */
  beginAttempt(id: string): number {
    this.sql('UPDATE documents SET attempts = attempts + 1 WHERE id = ?').run(id);
    return (this.sql('SELECT attempts FROM documents WHERE id = ?').get(id) as { attempts: number } | undefined)?.attempts ?? 0;
  }

  stagesDone(id: string): Set<string> {
    const rows = this.sql("SELECT stage FROM stage_runs WHERE document_id = ? AND status = 'done'").all(id) as { stage: string }[];
    return new Set(rows.map((r) => r.stage));
  }

  /** Records a stage's outcome and its output artifacts in one transaction. */
  completeStage(id: string, stage: string, ms: number, artifacts: Partial<Artifacts>): void {
    this.transaction(() => {
      const put = this.sql('INSERT INTO artifacts (document_id, name, json) VALUES (?, ?, ?) ON CONFLICT(document_id, name) DO UPDATE SET json = excluded.json');
      for (const [name, value] of Object.entries(artifacts)) put.run(id, name, json(value));
      this.sql(`INSERT INTO stage_runs (document_id, stage, status, finished_at, ms) VALUES (?, ?, 'done', ?, ?)
        ON CONFLICT(document_id, stage) DO UPDATE SET status = 'done', finished_at = excluded.finished_at, ms = excluded.ms`).run(id, stage, now(), Math.round(ms));
    });
  }

  failStage(id: string, stage: string, ms: number, code: string, message: string): void {
    this.transaction(() => {
      this.sql(`INSERT INTO stage_runs (document_id, stage, status, finished_at, ms) VALUES (?, ?, 'failed', ?, ?)
        ON CONFLICT(document_id, stage) DO UPDATE SET status = 'failed', finished_at = excluded.finished_at, ms = excluded.ms`).run(id, stage, now(), Math.round(ms));
      this.setStatus(id, 'failed', code, message);
    });
  }

  /** Forgets stage state so `--force` re-runs every stage. */
  resetStages(id: string): void {
    this.transaction(() => {
      this.sql('DELETE FROM stage_runs WHERE document_id = ?').run(id);
      this.sql('DELETE FROM artifacts WHERE document_id = ?').run(id);
      this.sql('UPDATE documents SET attempts = 0 WHERE id = ?').run(id);
      this.setStatus(id, 'pending');
    });
  }

  /**
   * The artifacts stored for a document, read back from JSON (a resumed run). Names that are
   * no longer artifacts (from an older version) are left out; the shapes are the ones the
   * stages stored, since every artifact is plain data (model/artifacts.ts).
   */
  loadArtifacts(id: string): Partial<Artifacts> {
    const rows = this.sql('SELECT name, json FROM artifacts WHERE document_id = ?').all(id) as { name: string; json: string }[];
    const known = new Set<string>(ARTIFACT_NAMES);
    const isArtifact = (name: string): name is ArtifactName => known.has(name);
    return Object.fromEntries(rows.filter((r) => isArtifact(r.name)).map((r) => [r.name, JSON.parse(r.json)]));
  }

  /** Replaces a document's extracted header, fields, indicators and findings in one transaction (idempotent). */
  replaceExtraction(id: string, header: HeaderColumns, fields: FieldRecord[], indicators: IndicatorRecord[], unmapped: UnmappedRecord[], findings: FindingRecord[] = [], signatures: CheckedSignature[] = []): void {
    this.transaction(() => {
      this.sql(`UPDATE documents SET pages=@pages, text_source=@text_source, category=@category, period=@period, doc_type=@doc_type,
        doc_number=@doc_number, issue_date=@issue_date, province_code=@province_code, province_name=@province_name, issuer=@issuer,
        title=@title, error_code=NULL, error=NULL, updated_at=@t WHERE id=@id`).run({ ...header, t: now(), id });
      this.sql('DELETE FROM fields WHERE document_id = ?').run(id);
      this.sql('DELETE FROM indicators WHERE document_id = ?').run(id);
      this.sql('DELETE FROM unmapped_figures WHERE document_id = ?').run(id);
      const f = this.sql(`INSERT INTO fields (document_id, name, value_json, confidence, status, page, box_json, source_text, findings_json, candidates_json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const r of fields) f.run(id, r.name, json(r.value), r.confidence, r.status, r.page, json(r.box), r.sourceText, json(r.findings), json(r.candidates));
      const ind = this.sql(`INSERT INTO indicators (document_id, key, label, value, unit, qualifier, confidence, status, page, box_json, source_text, sub_values_json, findings_json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const r of indicators) ind.run(id, r.key, r.label, r.value, r.unit, r.qualifier, r.confidence, r.status, r.page, json(r.box), r.sourceText, json(r.subValues), json(r.findings));
      const u = this.sql('INSERT INTO unmapped_figures (document_id, text, value, unit, page, box_json) VALUES (?, ?, ?, ?, ?, ?)');
      for (const r of unmapped) u.run(id, r.text, r.value, r.unit, r.page, json(r.box));
      this.replaceFindings(id, findings);
      this.replaceSignatures(id, signatures);
    });
  }

  private replaceSignatures(id: string, signatures: CheckedSignature[]): void {
    this.sql('DELETE FROM signatures WHERE document_id = ?').run(id);
    const ins = this.sql(`INSERT INTO signatures (document_id, seq, signer, organisation, issuer, signed_at, valid, trusted,
      covers_whole_file, modified_after_signing, timestamped, findings_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const b = (x: boolean) => (x ? 1 : 0);
    for (const [i, s] of signatures.entries()) {
      ins.run(id, i + 1, s.signer, s.organisation, s.issuer, s.signedAt, b(s.valid), b(s.trusted), b(s.coversWholeFile), b(s.modifiedAfterSigning), b(s.timestamped), json(s.findings));
    }
  }

  /** A document's signatures in the order they appear in the file (empty when unsigned). */
  signatures(id: string): CheckedSignature[] {
    const rows = this.sql('SELECT * FROM signatures WHERE document_id = ? ORDER BY seq').all(id) as SignatureRow[];
    return rows.map((r) => ({
      signer: r.signer, organisation: r.organisation, issuer: r.issuer, signedAt: r.signed_at, timestamped: r.timestamped === 1, valid: r.valid === 1, trusted: r.trusted === 1,
      coversWholeFile: r.covers_whole_file === 1, modifiedAfterSigning: r.modified_after_signing === 1, findings: parse(r.findings_json, []),
    }));
  }

  private replaceFindings(id: string, findings: FindingRecord[]): void {
    this.sql('DELETE FROM findings WHERE document_id = ?').run(id);
    const ins = this.sql(`INSERT INTO findings (document_id, scope, field, stage, code, severity, message, page, box_json, source_text)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const f of findings) ins.run(id, f.scope, f.field, f.stage, f.code, f.severity, f.message, f.page, f.box ? json(f.box) : null, f.sourceText);
  }

  /** A document's findings: the whole document's first, then by page. */
  findings(id: string): FindingRecord[] {
    const rows = this.sql(`SELECT scope, field, stage, code, severity, message, page, box_json, source_text FROM findings
      WHERE document_id = ? ORDER BY scope = 'document' DESC, page IS NULL DESC, page, id`).all(id) as FindingRow[];
    return rows.map(({ box_json, source_text, ...r }) => ({ ...r, box: parse(box_json, null), sourceText: source_text }));
  }

  /**
   * Routes a processed document from its fields: needs_review while any header field or
   * indicator still needs a person, accepted otherwise. Failed and duplicate rows stay as they are.
   */
  refreshStatus(id: string): DocumentStatus {
    // Figures count only in documents that feed the national tables: a decision or notice
    // (category 'other', confidently) keeps its figures for search, not for review.
    const open = this.sql(`SELECT (SELECT COUNT(*) FROM fields WHERE document_id = @id AND status = 'needs_review')
      + (SELECT COUNT(*) FROM indicators WHERE document_id = @id AND status = 'needs_review'
         AND (SELECT IFNULL(category, '') FROM documents WHERE id = @id) <> 'other') AS n`).get({ id }) as { n: number };
    const status: DocumentStatus = open.n > 0 ? 'needs_review' : 'accepted';
    this.sql("UPDATE documents SET status = ?, updated_at = ? WHERE id = ? AND status IN ('pending','accepted','needs_review')").run(status, now(), id);
    return this.get(id)!.status;
  }

  list(): DocumentRow[] {
    return this.sql('SELECT * FROM documents ORDER BY received_at, id').all() as DocumentRow[];
  }

  fields(id: string): FieldRecord[] {
    const rows = this.sql('SELECT * FROM fields WHERE document_id = ? ORDER BY name').all(id) as FieldRow[];
    return rows.map((r) => ({
      name: r.name, value: parse(r.value_json, null), confidence: r.confidence, status: r.status, page: r.page,
      box: parse(r.box_json, null), sourceText: r.source_text, findings: parse(r.findings_json, []), candidates: parse(r.candidates_json, []),
    }));
  }

  indicators(id: string): IndicatorRecord[] {
    const rows = this.sql('SELECT * FROM indicators WHERE document_id = ? ORDER BY id').all(id) as IndicatorRow[];
    return rows.map((r) => ({
      key: r.key, label: r.label, value: r.value, unit: r.unit, qualifier: r.qualifier, confidence: r.confidence, status: r.status,
      page: r.page, box: parse(r.box_json, null), sourceText: r.source_text, subValues: parse(r.sub_values_json, []), findings: parse(r.findings_json, []),
    }));
  }

  countsByStatus(): Record<string, number> {
    const rows = this.sql('SELECT status, COUNT(*) AS n FROM documents GROUP BY status').all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  recentFailures(limit = 10): DocumentRow[] {
    return this.sql("SELECT * FROM documents WHERE status = 'failed' ORDER BY updated_at DESC LIMIT ?").all(limit) as DocumentRow[];
  }

  oldestPending(): DocumentRow | undefined {
    return this.sql("SELECT * FROM documents WHERE status = 'pending' ORDER BY received_at LIMIT 1").get() as DocumentRow | undefined;
  }

  recordFileEvent(e: { documentId: string | null; event: string; from: string | null; to: string | null; detail?: string | null }): void {
    this.sql('INSERT INTO file_events (document_id, event, from_path, to_path, detail, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.documentId, e.event, e.from, e.to, e.detail ?? null, now());
  }
}
