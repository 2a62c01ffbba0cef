// Every finding of a document as rows for the findings table (load stores them): the probe's,
// the header zone's, each header field's (after normalise and validate) and the indicators'.
// A document-level finding that repeats a field's own (same code and message) is kept once, on the field.
import type { Finding } from '../../model/document.js';
import type { HeaderFields, NormalisedHeader } from '../../model/header.js';
import { HEADER_FIELDS } from '../../model/header.js';
import type { IndicatorExtraction } from '../../model/indicators.js';
import type { ProbeResult } from '../../model/probe.js';
import { severityOf, type FindingRecord, type FindingScope } from '../../model/findings.js';
import type { SignatureCheck } from '../../model/signature.js';

export interface FindingSources {
  probe: ProbeResult;
  header: HeaderFields;
  validated: NormalisedHeader;
  indicators: IndicatorExtraction;
  /** the signature check; its set-level and info findings are the document's */
  signatures?: SignatureCheck;
}

const record = (f: Finding, scope: FindingScope, field: string | null, stage: string, at: Finding['place'] | null = null): FindingRecord => {
  const place = f.place ?? at ?? null;
  return {
    scope, field, stage, code: f.code, severity: severityOf(f), message: f.message,
    page: place?.page ?? null, box: place?.box ?? null, sourceText: place?.sourceText ?? null,
  };
};

/** Header findings come from normalise unless validate added them (codes `<field>.invalid`, `.future`, ...). */
const headerStage = (code: string) =>
  code.startsWith('signature.') ? 'signatures' : code.startsWith('envelope.') ? 'load' : /\.(invalid|future|before_issue)$/.test(code) ? 'validate' : 'normalise';

/** A signature finding as the reviewer reads it: whose signature it is, then what is wrong. */
const signatureFinding = (signer: string | null, f: Finding): Finding => ({ ...f, message: `Chữ ký số của ${signer ?? 'người ký không rõ'}: ${f.message}` });

/**
 * The header with every signature problem (warning or error) put on the document number, so the
 * document goes to review: the reviewer confirms the number after looking at the signature. A
 * signature has no field of its own in the review queue, and the number is what it vouches for.
 */
export function withSignatureFindings(n: NormalisedHeader, check: SignatureCheck | undefined): NormalisedHeader {
  const problems = (check?.signatures ?? []).flatMap((s) => s.findings.filter((f) => severityOf(f) !== 'info').map((f) => signatureFinding(s.signer, f)));
  return problems.length === 0 ? n : { ...n, docNumber: { ...n.docNumber, findings: [...n.docNumber.findings, ...problems] } };
}

/** Signature findings that change nothing (no trust folder, an earlier signature covered by a later one). */
const signatureInfo = (check: SignatureCheck | undefined): Finding[] => [
  ...(check?.findings ?? []),
  ...(check?.signatures ?? []).flatMap((s) => s.findings.filter((f) => severityOf(f) === 'info').map((f) => signatureFinding(s.signer, f))),
];

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
    ...signatureInfo(a.signatures).map((x) => record(x, 'document', null, 'signatures')),
    ...a.header.findings.map((x) => record(x, 'document', null, 'parse')),
    ...a.indicators.findings.map((x) => record(x, 'document', null, 'parse')),
  ].filter((r) => !seen.has(`${r.code}\u0000${r.message}`));
  return [...documentLevel, ...fields, ...indicators];
}
