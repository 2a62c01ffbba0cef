// load: write the document's fields, indicators and findings into SQLite in one transaction,
// replacing what an earlier run wrote (idempotent).
import { defineStage, done } from '../stage.js';
import type { ExtractedField, Finding } from '../../model/document.js';
import { HEADER_FIELDS } from '../../model/header.js';
import { statusFor } from '../../model/acceptance.js';
import { fieldKind, thresholdFor } from '../../model/thresholds.js';
import type { FieldRecord, IndicatorRecord } from '../../model/records.js';
import { collectFindings, withSignatureFindings } from './findings.js';
import { withEnvelopeFindings } from '../../extractors/edxml.js';
import { envelopeOf } from '../edxml-intake.js';
import { findAttachmentMark } from '../../extractors/attachment-mark.js';

function toFieldRecord(name: string, f: ExtractedField<unknown>, threshold: number): FieldRecord {
  // the bar per kind of value comes from the reliability table (model/thresholds.ts)
  const kind = fieldKind(name);
  return {
    name, value: f.value, confidence: round(f.confidence), status: statusFor(f.confidence, f.findings, kind ? thresholdFor(kind, threshold) : threshold),
    page: f.provenance?.page ?? null, box: f.provenance?.box ?? null, sourceText: f.provenance?.sourceText ?? null,
    findings: f.findings, candidates: f.candidates ?? [],
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export const loadStage = defineStage({
  name: 'load',
  needs: ['validated', 'indicators', 'textSource', 'probe', 'header', 'signatures', 'pages'],
  gives: [],
  async run(ctx, doc) {
    const { indicators: extracted, probe, textSource, header, signatures } = doc.artifacts;
    // A broken, untrusted or later-modified signature sends the document to review through its number.
    // An attachment of an edXML package whose number, date or province differs from its envelope's, likewise.
    const n = withEnvelopeFindings(withSignatureFindings(doc.artifacts.validated, signatures), envelopeOf(ctx, doc.row, probe.kind));
    const threshold = ctx.cfg.review.acceptThreshold;
    const fields = HEADER_FIELDS.map((name) => toFieldRecord(name, n[name], threshold));
    // The category decides which appendix a document feeds: reviewed like a header field.
    const c = n.classification;
    fields.push(toFieldRecord('category', {
      value: c.category, confidence: c.confidence, findings: [],
      provenance: { page: header.title.provenance?.page ?? 1, box: header.title.provenance?.box ?? null, sourceText: (c.evidence ?? []).join('; ') },
    }, threshold));
    // Optional: the received stamp's date (scans only); reports use it for --received-by.
    if (n.receivedDate) fields.push(toFieldRecord('receivedDate', n.receivedDate, threshold));
    // Figures are results only in a report. In a programme they are targets ("ít nhất 05 lớp tập
    // huấn"), in a decision anything: kept as unclaimed figures, never as indicator values. While
    // the category itself is doubtful the figures stay, and wait with it.
    const doubtful = statusFor(c.confidence, [], thresholdFor('category', threshold)) === 'needs_review';
    const results = c.category === 'report' || doubtful;
    // A doubtful category: the figures may be targets, not results; each waits with the category.
    const pending: Finding = { code: 'indicator.category_doubtful', message: 'Chưa chắc văn bản là báo cáo kết quả: số liệu chờ xác nhận loại văn bản.' };
    const figures = !results ? [] : doubtful ? extracted.indicators.map((i) => ({ ...i, findings: [...i.findings, pending] })) : extracted.indicators;
    const indicators: IndicatorRecord[] = figures.map((i) => ({
      key: i.key, label: i.label, value: i.value, unit: i.unit, qualifier: i.qualifier, confidence: round(i.confidence),
      status: statusFor(i.confidence, i.findings, thresholdFor('indicator', threshold)), page: i.provenance.page, box: i.provenance.box,
      sourceText: i.provenance.sourceText, subValues: i.subValues ?? [], findings: i.findings,
    }));
    const unmapped = [
      ...extracted.unmapped.map((u) => ({ text: u.text, value: u.value, unit: u.unit, page: u.provenance.page, box: u.provenance.box })),
      ...(results ? [] : extracted.indicators.map((i) => ({ text: i.provenance.sourceText, value: i.value, unit: i.unit, page: i.provenance.page, box: i.provenance.box }))),
    ];
    ctx.repo.replaceExtraction(doc.row.id, {
      pages: probe.pages,
      text_source: textSource,
      category: n.classification.category, period: n.classification.period,
      doc_type: n.docType.value, doc_number: n.docNumber.value, issue_date: n.issueDate.value,
      province_code: n.province.value?.code ?? null, province_name: n.province.value?.name ?? null,
      issuer: n.issuer, title: n.title,
    }, fields, indicators, unmapped, collectFindings({ probe, header, validated: n, indicators: results ? extracted : { ...extracted, indicators: [] }, signatures }), signatures.signatures);
    // A separately filed attachment names its main document at the top right of its first page.
    const mark = findAttachmentMark(doc.artifacts.pages);
    ctx.repo.linkByNumber(doc.row.id, n.docNumber.value, mark && mark.parentNumber !== n.docNumber.value ? mark.parentNumber : null);
    return done();
  },
});
