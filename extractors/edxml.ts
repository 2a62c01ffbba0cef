// edXML packages (QCVN 102:2016/BTTTT, amended 2022): the envelope of a document sent over the
// national document exchange. Its header states, as data, what a reader otherwise finds on the
// first page: sender and receivers (with their organisation codes), the number and symbol
// (Code: CodeNumber/CodeNotation), place and date (PromulgationInfo), the document type, the
// subject, the signer and the due date; the files travel base64-encoded in AttachmentEncoded.
// Elements are matched by local name (the `edXML:` prefix varies between senders). XML is
// parsed without entities (office/xml.ts); base64 is checked and bounded before it is decoded.
import { TonghopError } from '../model/errors.js';
import type { Finding } from '../model/document.js';
import type { NormalisedHeader } from '../model/header.js';
import { normaliseDocNumber } from './doc-number.js';
import { provinceOfOrgCode } from './org-code.js';
import { childrenOf, parseXml, tagOf, textOf, type XmlNode } from './office/xml.js';
import type { Block, Para } from './office/layout.js';

export interface EdxmlOrgan { id: string | null; name: string | null }
export interface EdxmlAttachment { name: string; contentType: string | null; description: string | null; bytes: Uint8Array }
export interface EdxmlEnvelope {
  from: EdxmlOrgan | null;
  to: EdxmlOrgan[];
  codeNumber: string | null;
  codeNotation: string | null;
  place: string | null;
  /** ISO date as the envelope gives it (yyyy-mm-dd) */
  date: string | null;
  typeName: string | null;
  subject: string | null;
  signer: { competence: string | null; position: string | null; fullName: string | null } | null;
  dueDate: string | null;
  attachments: EdxmlAttachment[];
}

export interface EdxmlLimits { maxAttachments: number; maxAttachmentBytes: number; maxTotalBytes: number }
export const DEFAULT_EDXML_LIMITS: EdxmlLimits = { maxAttachments: 50, maxAttachmentBytes: 50 * 1024 * 1024, maxTotalBytes: 100 * 1024 * 1024 };

const local = (tag: string | null) => (tag ?? '').replace(/^.*:/, '');
/** Children with this local name. */
const all = (n: XmlNode | undefined, name: string): XmlNode[] => (n ? childrenOf(n).filter((c) => local(tagOf(c)) === name) : []);
const one = (n: XmlNode | undefined, name: string) => all(n, name)[0];
/** First descendant with this local name, depth first. */
function deep(nodes: XmlNode[], name: string): XmlNode | undefined {
  for (const n of nodes) {
    if (local(tagOf(n)) === name) return n;
    const d = deep(childrenOf(n), name);
    if (d) return d;
  }
  return undefined;
}
const text = (n: XmlNode | undefined) => {
  const t = n ? textOf(n).replace(/\s+/g, ' ').trim() : '';
  return t === '' ? null : t;
};

/** The file looks like an edXML envelope (cheap check on the first bytes). */
export function looksLikeEdxml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8');
  return /<([\w-]+:)?edXML(Envelope)?\b/i.test(head) || /<([\w-]+:)?MessageHeader\b/.test(head);
}

const organ = (n: XmlNode | undefined): EdxmlOrgan | null => (n ? { id: text(one(n, 'OrganId')), name: text(one(n, 'OrganName')) } : null);

/** edXML dates are yyyy-mm-dd (sometimes with a time); anything else is kept out. */
const isoDate = (s: string | null) => (s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null);

/**
 * Decodes one attachment's base64 after checking it: only the base64 alphabet (and
 * whitespace), a length a decoder accepts, and a decoded size within the limit — computed from
 * the text's length before anything is allocated.
 */
export function decodeAttachment(b64: string, name: string, limit: number): Uint8Array {
  const clean = b64.replace(/\s+/g, '');
  if (clean.length === 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) {
    throw new TonghopError('edxml.bad_encoding', { name });
  }
  const size = Math.floor((clean.length * 3) / 4);
  if (size > limit) throw new TonghopError('edxml.attachment_too_large', { name, size: (size / 1048576).toFixed(1), limit: (limit / 1048576).toFixed(0) });
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

/** The attachments of the envelope, each checked and decoded; the running total is bounded too. */
function attachmentsOf(root: XmlNode[], limits: EdxmlLimits): EdxmlAttachment[] {
  const enc = deep(root, 'AttachmentEncoded');
  const nodes = all(enc, 'Attachment');
  if (nodes.length > limits.maxAttachments) throw new TonghopError('edxml.invalid', { detail: `${nodes.length} tệp đính kèm, giới hạn ${limits.maxAttachments}` });
  let total = 0;
  return nodes.map((a, i) => {
    const name = (text(one(a, 'AttachmentName')) ?? text(one(a, 'ContentId')) ?? `dinh-kem-${i + 1}`).replace(/[\\/]/g, '_').slice(0, 200);
    const data = one(a, 'AttachmentText') ?? one(a, 'Value') ?? one(a, 'Content');
    const b64 = data ? textOf(data) : childrenOf(a).filter((c) => '#text' in c).map(textOf).join('');
    const bytes = decodeAttachment(b64, name, Math.min(limits.maxAttachmentBytes, limits.maxTotalBytes - total));
    total += bytes.length;
    return { name, contentType: text(one(a, 'ContentType')), description: text(one(a, 'Description')), bytes };
  });
}

/** Parses an edXML envelope. Throws xml.entities, xml.invalid, edxml.invalid, edxml.bad_encoding, edxml.attachment_too_large. */
export function parseEdxml(bytes: Uint8Array, limits: EdxmlLimits = DEFAULT_EDXML_LIMITS, opts: { attachments?: boolean } = {}): EdxmlEnvelope {
  const root = parseXml(Buffer.from(bytes).toString('utf8'), 'edXML');
  const h = deep(root, 'MessageHeader');
  if (!h) throw new TonghopError('edxml.invalid', { detail: 'không có phần MessageHeader' });
  const code = one(h, 'Code');
  const prom = one(h, 'PromulgationInfo');
  const signer = one(h, 'SignerInfo');
  return {
    from: organ(one(h, 'From')),
    to: all(h, 'To').map(organ).filter((o): o is EdxmlOrgan => o !== null),
    codeNumber: text(one(code, 'CodeNumber')),
    codeNotation: text(one(code, 'CodeNotation')),
    place: text(one(prom, 'Place')),
    date: isoDate(text(one(prom, 'PromulgationDate'))),
    typeName: text(one(one(h, 'DocumentType'), 'TypeName')),
    subject: text(one(h, 'Subject')),
    signer: signer ? { competence: text(one(signer, 'Competence')), position: text(one(signer, 'Position')), fullName: text(one(signer, 'FullName')) } : null,
    dueDate: isoDate(text(one(h, 'DueDate'))),
    attachments: opts.attachments === false ? [] : attachmentsOf(root, limits),
  };
}

/** The envelope's number and symbol as printed ("280/BC-UBND"), or null. */
export const envelopeNumber = (e: EdxmlEnvelope): string | null =>
  e.codeNumber && e.codeNotation ? `${e.codeNumber}/${e.codeNotation}` : e.codeNotation ?? e.codeNumber;

/** A long subject in two lines broken near the middle, as a title is set under the type name. */
function balanced(s: string): string {
  if (s.length <= 50) return s;
  const mid = s.length / 2;
  const spaces = [...s.matchAll(/ /g)].map((m) => m.index ?? 0);
  const at = spaces.reduce((best, i) => (Math.abs(i - mid) < Math.abs(best - mid) ? i : best), spaces[0] ?? -1);
  return at > 0 ? `${s.slice(0, at)}\n${s.slice(at + 1)}` : s;
}

const p = (t: string, o: { bold?: boolean; align?: Para['align']; size?: number } = {}): Para => ({ kind: 'p', runs: [{ text: t, bold: !!o.bold, size: o.size ?? 13 }], align: o.align ?? 'center' });

/**
 * The envelope's header written out as a first page in the standard layout (issuer and number
 * left, Quốc hiệu and place-date right, type name, subject), then the sender, receivers, signer
 * and due date, so the header reader and the normalisers (number, date, province from the
 * issuer) treat it like any document, and a reviewer reads what the envelope said.
 */
// Long because it is the one place the envelope becomes a page; every line is one field.
export function envelopeBlocks(e: EdxmlEnvelope): Block[] {
  const [y, m, d] = (e.date ?? '').split('-').map(Number);
  const dateLine = e.date ? `${e.place ? `${e.place}, ` : ''}ngày ${d} tháng ${m} năm ${y}` : '';
  const left = [e.from?.name?.toUpperCase() ?? '', '', `Số: ${envelopeNumber(e) ?? ''}`].map((t, i) => p(t, { bold: i === 0 }));
  const right = [p('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 12 }), p('Độc lập - Tự do - Hạnh phúc', { bold: true }), p(dateLine)];
  const fmtOrgan = (o: EdxmlOrgan) => `${o.name ?? ''}${o.id ? ` (mã ${o.id})` : ''}`;
  const signer = e.signer ? [e.signer.competence, e.signer.position, e.signer.fullName].filter(Boolean).join(' – ') : '';
  return [
    { kind: 'table', colWidths: [180, 290], rows: [[{ span: 1, paras: left }, { span: 1, paras: right }]] },
    p(''),
    ...(e.typeName ? [p(e.typeName.toUpperCase(), { bold: true, size: 14 })] : []),
    ...(e.subject ? [p(balanced(e.subject), { bold: true, size: 14 })] : []),
    p(''),
    p(`Gói tin edXML. Nơi gửi: ${e.from ? fmtOrgan(e.from) : 'không rõ'}.`, { align: 'left' }),
    ...(e.to.length ? [p(`Nơi nhận: ${e.to.map(fmtOrgan).join('; ')}.`, { align: 'left' })] : []),
    ...(signer ? [p(`Người ký: ${signer}.`, { align: 'left' })] : []),
    ...(e.dueDate ? [p(`Hạn xử lý: ${e.dueDate}.`, { align: 'left' })] : []),
    ...(e.attachments.length ? [p(`Tệp đính kèm: ${e.attachments.map((a) => a.name).join('; ')}.`, { align: 'left' })] : []),
  ];
}

const sameNumber = (a: string, b: string) => {
  const canon = (x: string) => (normaliseDocNumber(x).value?.value ?? x).toLocaleLowerCase('vi').replace(/\s+/g, '');
  return canon(a) === canon(b);
};

/** How sure a province named by the sender's organisation code is: as sure as the envelope's own fields. */
const ORG_CODE_CONFIDENCE = 0.95;

/**
 * The province against the sender's organisation code (its level-1 part H01–H63 names the
 * province): a document without a readable province takes it from the code; one whose
 * province agrees is confirmed (a place-only reading no longer needs review); one that names
 * another province gets a finding. National bodies (no province, no "not found") are left alone.
 */
export function withEnvelopeProvince(n: NormalisedHeader, e: EdxmlEnvelope): NormalisedHeader['province'] {
  const id = e.from?.id ?? null;
  const org = provinceOfOrgCode(id, n.issueDate.value ?? e.date ?? undefined);
  const p = n.province;
  if (!org) return p;
  const value = { code: org.code, name: org.name };
  const note = (what: string): Finding => ({ code: 'province.from_org_code', severity: 'info', message: `Tỉnh ${what} theo mã định danh ${id} của cơ quan gửi gói tin edXML (${org.name}).` });
  if (!p.value) {
    if (!p.findings.some((f) => f.code === 'province.not_found')) return p;
    return { ...p, value, confidence: ORG_CODE_CONFIDENCE, findings: [...p.findings.filter((f) => f.code !== 'province.not_found'), note('lấy')] };
  }
  if (p.value.code !== org.code) {
    const f: Finding = { code: 'envelope.province_mismatch', message: `Tỉnh đọc trên văn bản (${p.value.name}) khác với tỉnh theo mã định danh ${id} của cơ quan gửi gói tin edXML (${org.name}).` };
    return { ...p, findings: [...p.findings, f] };
  }
  return { ...p, confidence: Math.max(p.confidence, ORG_CODE_CONFIDENCE), findings: [...p.findings.filter((f) => f.code !== 'province.from_place'), note('được xác nhận')] };
}

/**
 * An attachment's own header against its envelope's: where both state the number or the date
 * and they differ, a finding on that field (so the document goes to review). An attachment
 * without a number of its own (an annex) is not contradicted by its envelope. The province is
 * checked against (or taken from) the sender's organisation code (withEnvelopeProvince).
 */
export function withEnvelopeFindings(n: NormalisedHeader, e: EdxmlEnvelope | null): NormalisedHeader {
  if (!e) return n;
  const number = envelopeNumber(e);
  const out = { ...n, province: withEnvelopeProvince(n, e) };
  if (number && n.docNumber.value && !sameNumber(number, n.docNumber.value)) {
    const f: Finding = { code: 'envelope.number_mismatch', message: `Số, ký hiệu trên văn bản (${n.docNumber.value}) khác với gói tin edXML gửi kèm (${number}).` };
    out.docNumber = { ...n.docNumber, findings: [...n.docNumber.findings, f] };
  }
  if (e.date && n.issueDate.value && e.date !== n.issueDate.value) {
    const f: Finding = { code: 'envelope.date_mismatch', message: `Ngày ban hành trên văn bản (${n.issueDate.value}) khác với gói tin edXML gửi kèm (${e.date}).` };
    out.issueDate = { ...n.issueDate, findings: [...n.issueDate.findings, f] };
  }
  return out;
}
