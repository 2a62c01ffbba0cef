// Documents, fields, indicators as stored in SQLite (pipeline/db/documents.repository.ts reads
// and writes them; reports and the review UI read them).
import type { Box, Finding, Candidate, Qualifier } from './document.js';

export type DocumentStatus = 'pending' | 'accepted' | 'needs_review' | 'failed' | 'duplicate';
export type FieldStatus = 'accepted' | 'needs_review' | 'corrected';

export interface DocumentRow {
  id: string; file_name: string; source_path: string | null; sha256: string; size: number; store_path: string | null;
  status: DocumentStatus; error_code: string | null; error: string | null; duplicate_of: string | null;
  pages: number | null; text_source: 'text' | 'ocr' | 'mixed' | null; category: string | null; period: string | null;
  doc_type: string | null; doc_number: string | null; issue_date: string | null; province_code: string | null;
  province_name: string | null; issuer: string | null; title: string | null; received_at: string; updated_at: string;
  /** the main document this one is an attachment of (migration 010); null when it stands alone */
  parent_id?: string | null;
  /** the main document's number as printed on this attachment's first page (migration 013) */
  parent_ref?: string | null;
}

export interface FieldRecord {
  name: string; value: unknown; confidence: number; status: FieldStatus;
  page: number | null; box: Box | null; sourceText: string | null; findings: Finding[]; candidates: Candidate<unknown>[];
}

export interface IndicatorRecord {
  key: string; label: string; value: number; unit: string; qualifier: Qualifier; confidence: number; status: FieldStatus;
  page: number | null; box: Box | null; sourceText: string | null; subValues: { label: string; value: number }[]; findings: Finding[];
}

export interface UnmappedRecord { text: string; value: number; unit: string | null; page: number | null; box: Box | null }

export interface HeaderColumns {
  pages: number | null; text_source: DocumentRow['text_source']; category: string | null; period: string | null;
  doc_type: string | null; doc_number: string | null; issue_date: string | null; province_code: string | null;
  province_name: string | null; issuer: string | null; title: string | null;
}
