// Grading of exported documents against header truth, with the truth's own comparison rules:
// docNumber without whitespace, issueDate ISO, province by name (34-unit era) or GSO code
// (before 2025-07-01), docType null for a công văn, title and issuer after NFC and whitespace
// collapsing (issuer lines joined with " / " compare as words: a renderer may wrap them).
import type { ExportedDocument } from '../../reports/export-documents.js';

export const FIELDS = ['docNumber', 'issueDate', 'province', 'docType', 'title', 'issuer'] as const;
export type FieldName = (typeof FIELDS)[number];

/** right | wrong or missing but sent to review | wrong and accepted | missing and not flagged */
export type Outcome = 'right' | 'review' | 'wrongAccepted' | 'missing';

export type ProvinceTruth = { by: 'name'; name: string } | { by: 'code'; code: string } | null;

export interface Expected {
  docNumber: string | null;
  issueDate: string | null;
  province: ProvinceTruth;
  docType: string | null;
  title: string | null;
  issuer: string | null;
  /** null: not graded */
  category: 'programme' | 'report' | 'other' | null;
}

export interface FieldResult { field: FieldName; want: unknown; got: unknown; status: string; outcome: Outcome; rightInReview: boolean }
export interface DocResult { file: string; docStatus: string; fields: FieldResult[]; category: { want: string | null; got: string | null; right: boolean | null } }

const nfc = (s: string) => s.normalize('NFC');
const collapse = (s: string) => nfc(s).replace(/\s+/g, ' ').trim();

export function normDocNumber(s: string | null): string | null {
  return s == null ? null : nfc(s).replace(/\s+/g, '');
}

/** A công văn's subject compares without its "V/v" lead-in (printed as V/v, V/v:, v/v). */
export function normTitle(s: string | null): string | null {
  if (s == null) return null;
  const t = collapse(s).replace(/^v\/v\s*:?\s*/i, '');
  return t || null;
}

export function normIssuer(s: string | null): string | null {
  if (s == null) return null;
  const t = collapse(nfc(s).replace(/\s+\/\s+/g, ' ')).toLocaleUpperCase('vi');
  return t || null;
}

/** "Tỉnh Bắc Ninh", "Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "Hồ Chí Minh" → "hồ chí minh" */
export function normProvinceName(s: string | null | undefined): string | null {
  if (!s) return null;
  return collapse(s).toLocaleLowerCase('vi').replace(/^(tỉnh|thành phố|tp\.?)\s+/, '') || null;
}

function gotValue(d: ExportedDocument, f: FieldName, want: Expected): unknown {
  switch (f) {
    case 'province':
      if (!d.province) return null;
      return want.province?.by === 'code' ? d.province.code : d.province.name;
    default: return d[f] ?? null;
  }
}

function wantValue(want: Expected, f: FieldName): unknown {
  if (f !== 'province') return want[f];
  const p = want.province;
  return p === null ? null : p.by === 'code' ? p.code : p.name;
}

function same(f: FieldName, got: unknown, want: unknown, exp: Expected): boolean {
  switch (f) {
    case 'docNumber': return normDocNumber(got as string | null) === normDocNumber(want as string | null);
    case 'title': return normTitle(got as string | null) === normTitle(want as string | null);
    case 'issuer': return normIssuer(got as string | null) === normIssuer(want as string | null);
    case 'province':
      return exp.province?.by === 'name' ? normProvinceName(got as string | null) === normProvinceName(want as string | null) : got === want;
    default: return got === want;
  }
}

/** Fields without a review status of their own (title, issuer) follow the document's status. */
function statusOf(d: ExportedDocument, f: FieldName): string {
  return d.fields[f]?.status ?? (d.status === 'accepted' ? 'accepted' : 'needs_review');
}

export function gradeDocument(d: ExportedDocument, want: Expected): DocResult {
  const fields = FIELDS.map((f): FieldResult => {
    const got = gotValue(d, f, want);
    const w = wantValue(want, f);
    const status = d.status === 'failed' ? 'failed' : statusOf(d, f);
    const right = d.status !== 'failed' && same(f, got, w, want);
    const outcome: Outcome = right ? 'right' : status === 'needs_review' ? 'review' : got == null || got === '' ? 'missing' : 'wrongAccepted';
    return { field: f, want: w, got, status, outcome, rightInReview: right && status === 'needs_review' };
  });
  const cat = want.category;
  return { file: d.file, docStatus: d.status, fields, category: { want: cat, got: d.category, right: cat === null ? null : d.category === cat } };
}
