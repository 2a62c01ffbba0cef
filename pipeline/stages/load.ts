// load: write the document's fields and indicators into SQLite in one transaction,
// replacing what an earlier run wrote (idempotent).
import { done, type Stage } from '../stage.js';
import type { NormalisedHeader } from './normalise.js';
import type { ExtractedField, IndicatorValue, UnmappedFigure, Finding } from '../../model/document.js';
import type { FieldRecord, IndicatorRecord, FieldStatus } from '../db/documents.repository.js';

export const HEADER_FIELDS = ['docNumber', 'docType', 'issueDate', 'province'] as const;

export function statusFor(confidence: number, findings: Finding[], threshold: number): FieldStatus {
  return confidence >= threshold && findings.length === 0 ? 'accepted' : 'needs_review';
}

function toFieldRecord(name: string, f: ExtractedField<unknown>, threshold: number): FieldRecord {
  return {
    name, value: f.value, confidence: round(f.confidence), status: statusFor(f.confidence, f.findings, threshold),
    page: f.provenance?.page ?? null, box: f.provenance?.box ?? null, sourceText: f.provenance?.sourceText ?? null,
    findings: f.findings, candidates: f.candidates ?? [],
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export const loadStage: Stage = {
  name: 'load',
  needs: ['validated', 'indicators', 'textSource', 'probe'],
  gives: [],
  async run(ctx, doc) {
    const n = doc.artifacts.validated as NormalisedHeader;
    const extracted = doc.artifacts.indicators as { indicators: IndicatorValue[]; unmapped: UnmappedFigure[] };
    const threshold = ctx.cfg.review.acceptThreshold;
    const fields = HEADER_FIELDS.map((name) => toFieldRecord(name, n[name] as ExtractedField<unknown>, threshold));
    // Optional: the received stamp's date (scans only); reports use it for --received-by.
    if (n.receivedDate) fields.push(toFieldRecord('receivedDate', n.receivedDate as ExtractedField<unknown>, threshold));
    const indicators: IndicatorRecord[] = extracted.indicators.map((i) => ({
      key: i.key, label: i.label, value: i.value, unit: i.unit, qualifier: i.qualifier, confidence: round(i.confidence),
      status: statusFor(i.confidence, i.findings, threshold), page: i.provenance.page, box: i.provenance.box,
      sourceText: i.provenance.sourceText, subValues: i.subValues ?? [], findings: i.findings,
    }));
    const unmapped = extracted.unmapped.map((u) => ({ text: u.text, value: u.value, unit: u.unit, page: u.provenance.page, box: u.provenance.box }));
    ctx.repo.replaceExtraction(doc.row.id, {
      pages: (doc.artifacts.probe as { pages: number }).pages,
      text_source: doc.artifacts.textSource as 'text' | 'ocr' | 'mixed',
      category: n.classification.category, period: n.classification.period,
      doc_type: n.docType.value, doc_number: n.docNumber.value, issue_date: n.issueDate.value,
      province_code: n.province.value?.code ?? null, province_name: n.province.value?.name ?? null,
      issuer: n.issuer, title: n.title,
    }, fields, indicators, unmapped);
    return done();
  },
};
