// Truth records → what the grader expects, for the real documents and the generated set.
import type { RealTruth } from './corpus.js';
import type { Expected } from './grade.js';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();

/**
 * The real documents are all "other" for the pipeline's classifier (about poverty-reduction
 * coordination or not): none is a coordination programme or a report on one. A title that
 * names poverty reduction is left ungraded rather than guessed.
 */
export function expectedFromReal(t: RealTruth): Expected {
  return {
    docNumber: t.docNumber,
    issueDate: t.issueDate,
    province: t.province === null ? null : t.provinceCode ? { by: 'code', code: t.provinceCode } : { by: 'name', name: t.province },
    docType: t.docType,
    title: t.title,
    issuer: t.issuerLines.join(' / '),
    category: /giam ngheo/.test(fold(t.title)) ? null : 'other',
  };
}

/** fixtures/ground-truth.json documents (2023: provinces by GSO code). */
export interface GeneratedTruth {
  id: string;
  kind: 'report' | 'programme';
  province: { code: string; name: string } | null;
  docNumber: string | null;
  docType: string | null;
  issueDate: string | null;
  title: string | null;
  issuer: string | null;
  indicators: Record<string, { value: number }> | null;
}

export function expectedFromGenerated(d: GeneratedTruth): Expected {
  return {
    docNumber: d.docNumber, issueDate: d.issueDate,
    province: d.province ? { by: 'code', code: d.province.code } : null,
    docType: d.docType, title: d.title, issuer: d.issuer, category: d.kind,
  };
}
