// Every finding of a document as rows for the findings table (load stores them): the probe's,
// the header zone's, each header field's (after normalise and validate) and the indicators'.
// A document-level finding that repeats a field's own (same code and message) is kept once, on the field.
import type { Finding } from '../../model/document.js';
import type { HeaderFields, NormalisedHeader } from '../../model/header.js';
import { HEADER_FIELDS } from '../../model/header.js';
import type { IndicatorExtraction } from '../../model/indicators.js';
import type { ProbeResult } from '../../model/probe.js';
import { severityOf, type FindingRecord, type FindingScope } from '../../model/findings.js';

export interface FindingSources {
  probe: ProbeResult;
  header: HeaderFields;
  validated: NormalisedHeader;
  indicators: IndicatorExtraction;
}

const record = (f: Finding, scope: FindingScope, field: string | null, stage: string, at: Finding['place'] | null = null): FindingRecord => {
  const place = f.place ?? at ?? null;
  return {
    scope, field, stage, code: f.code, severity: severityOf(f), message: f.message,
    page: place?.page ?? null, box: place?.box ?? null, sourceText: place?.sourceText ?? null,
  };
};

/** Header findings come from normalise unless validate added them (codes `<field>.invalid`, `.future`, ...). */
const headerStage = (code: string) => (/\.(invalid|future|before_issue)$/.test(code) ? 'validate' : 'normalise');

export function collectFindings(a: FindingSources): FindingRecord[] {
  const n = a.validated;
  const fields: FindingRecord[] = [];
  for (const name of [...HEADER_FIELDS, 'receivedDate'] as const) {
    const f = name === 'receivedDate' ? n.receivedDate : n[name];
    for (const x of f?.findings ?? []) fields.push(record(x, 'field', name, headerStage(x.code), f?.provenance));
  }
  const indicators = a.indicators.indicators.flatMap((i) => i.findings.map((x) => record(x, 'indicator', i.key, 'parse', i.provenance)));
  const seen = new Set([...fields, ...indicators].map((r) => `${r.code}\u0000${r.message}`));
  const documentLevel = [
    ...(a.probe.findings ?? []).map((x) => record(x, 'document', null, 'probe')),
    ...a.header.findings.map((x) => record(x, 'document', null, 'parse')),
    ...a.indicators.findings.map((x) => record(x, 'document', null, 'parse')),
  ].filter((r) => !seen.has(`${r.code}\u0000${r.message}`));
  return [...documentLevel, ...fields, ...indicators];
}
