// `tonghop export documents`: every document with its extracted fields (shape fixed by CONTRACT.md).
import type { DocumentsRepository } from '../pipeline/db/documents.repository.js';
import type { DocumentRow } from '../model/records.js';
import { toCsv } from './csv.js';
import type { Classification } from '../model/header.js';
import type { Severity } from '../model/findings.js';
import type { SignatureInfo } from '../model/signature.js';

/** One finding as exported (CONTRACT.md, Additions): the whole list of a document, header, figures and file. */
export interface ExportedFinding { code: string; severity: Severity; message: string; page: number | null }

export interface ExportedDocument {
  id: string; file: string; sha256: string; status: DocumentRow['status']; error?: string; errorCode?: string;
  pages: number | null; textSource: DocumentRow['text_source'];
  /** null until the document is processed (failed, duplicate, pending) */
  category: Classification['category'] | null; period: string | null;
  docType: string | null; docNumber: string | null; issueDate: string | null;
  province: { code: string; name: string } | null; issuer: string | null; title: string | null; duplicateOf?: string;
  fields: Record<string, { value: unknown; confidence: number; status: string; page: number | null; box: unknown; sourceText: string | null; findings: unknown[] }>;
  indicators: { key: string; label: string; value: number; unit: string; qualifier: string; confidence: number; status: string; page: number | null; box: unknown; sourceText: string | null; subValues: unknown[] }[];
  findings: ExportedFinding[];
  /** every digital signature in the file, as checked (docs/cli.md); empty when unsigned */
  signatures: SignatureInfo[];
  /** the main document this one is an attachment of, or null */
  parent: string | null;
}

export function exportDocuments(repo: DocumentsRepository): { documents: ExportedDocument[] } {
  return { documents: repo.list().map((d) => exportOne(repo, d)) };
}

function exportOne(repo: DocumentsRepository, d: DocumentRow): ExportedDocument {
  const fields = Object.fromEntries(repo.fields(d.id).map((f) => [f.name, {
    value: f.value, confidence: f.confidence, status: f.status, page: f.page, box: f.box, sourceText: f.sourceText, findings: f.findings,
  }]));
  return {
    id: d.id, file: d.file_name, sha256: d.sha256, status: d.status,
    ...(d.status === 'failed' ? { error: d.error ?? '', errorCode: d.error_code ?? '' } : {}),
    ...(d.duplicate_of ? { duplicateOf: d.duplicate_of } : {}),
    pages: d.pages, textSource: d.text_source, category: categoryOf(d.category), period: d.period,
    docType: d.doc_type, docNumber: d.doc_number, issueDate: d.issue_date,
    province: d.province_code ? { code: d.province_code, name: d.province_name ?? '' } : null,
    issuer: d.issuer, title: d.title, fields,
    indicators: repo.indicators(d.id).map((i) => ({
      key: i.key, label: i.label, value: i.value, unit: i.unit, qualifier: i.qualifier, confidence: i.confidence,
      status: i.status, page: i.page, box: i.box, sourceText: i.sourceText, subValues: i.subValues,
    })),
    findings: repo.findings(d.id).map((f) => ({ code: f.code, severity: f.severity, message: f.message, page: f.page })),
    signatures: repo.signatures(d.id).map(({ findings: _, ...s }) => s),
    parent: d.parent_id ?? null,
  };
}

const CATEGORIES: readonly string[] = ['report', 'programme', 'other'] satisfies Classification['category'][];
const isCategory = (c: string): c is Classification['category'] => CATEGORIES.includes(c);
const categoryOf = (c: string | null): Classification['category'] | null => (c !== null && isCategory(c) ? c : null);

export function exportDocumentsCsv(repo: DocumentsRepository): string {
  const docs = exportDocuments(repo).documents;
  const header = ['id', 'file', 'sha256', 'status', 'error', 'pages', 'textSource', 'category', 'period', 'docType', 'docNumber',
    'issueDate', 'provinceCode', 'provinceName', 'issuer', 'title', 'needsReview', 'indicators'];
  return toCsv(header, docs.map((d) => [
    d.id, d.file, d.sha256, d.status, d.error ?? '', d.pages, d.textSource, d.category, d.period, d.docType, d.docNumber,
    d.issueDate, d.province?.code, d.province?.name, d.issuer, d.title,
    Object.entries(d.fields).filter(([, f]) => f.status === 'needs_review').map(([k]) => k).join(' '),
    d.indicators.map((i) => `${i.key}=${i.value}`).join('; '),
  ]));
}
