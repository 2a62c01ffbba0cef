// Document numbers ("số hiệu văn bản"): "150/BC-LĐTBXH", "47/2011/QĐ-UBND",
// "01/QCPH/UBND-UBMTTQ", "1520/SLĐTBXH-BTXHTEBĐG" (công văn: no type). Typed documents carry
// stray spaces ("150 /BC-LĐT BXH") which are simply removed; OCR confusions are repaired only
// where a single reading exists, and every repair lowers the confidence and leaves a finding.
import type { Finding } from '../model/document.js';
import { nfc } from './text-fold.js';

export interface DocNumber {
  /** canonical form: number/[year/]symbol */
  value: string;
  number: string;
  year: string | null;
  symbol: string;
  /** first symbol part when it is a known document type, as printed ("CTrPH"); null for công văn */
  docType: string | null;
}

/** Known document-type abbreviations (Nghị định 30/2020/NĐ-CP and joint forms seen in reports). */
export const DOC_TYPES = [
  'BC', 'CTr', 'CTrPH', 'CTPH', 'CT', 'KH', 'KHPH', 'KHLT', 'QĐ', 'QĐPH', 'NQ', 'NQLT', 'NQPH', 'NĐ', 'TB',
  'TTr', 'HD', 'HDLT', 'QC', 'QCPH', 'QCLT', 'CV', 'TT', 'TTLT', 'ĐA', 'PA', 'BB', 'GM', 'GGT', 'CĐ', 'QY', 'HĐ',
  'TTg', 'CTHĐ', 'BCĐ', 'VBHN',
] as const;
const TYPE_BY_UPPER = new Map<string, string>(DOC_TYPES.map((t) => [t.toUpperCase(), t]));

/**
 * Symbol parts seen in reports. An unknown part is repaired to one of these only when exactly
 * one of them matches it letter for letter up to an OCR confusion (Đ↔D/Ð, L/I↔1/l/|, O↔0).
 */
const KNOWN_PARTS = [
  'QĐ', 'NĐ', 'ĐA', 'HĐ', 'CĐ', 'BCĐ', 'QĐPH', 'UBND', 'HĐND', 'MTTQ', 'UBMTTQ', 'UBMTTQVN', 'MTTW', 'BTT', 'UBMT',
  'BTTUBMTTQ', 'BTTUBMTTQVN', 'LĐTBXH', 'SLĐTBXH', 'BLĐTBXH', 'LĐTĐBXH', 'VPQGGN', 'BTĐKT', 'CP', 'TTg', 'VPB',
];
const KNOWN_SET = new Set<string>([...KNOWN_PARTS, ...DOC_TYPES]);
const CONFUSABLE: Record<string, string> = { Đ: 'DÐ', L: '1l|I', I: '1l|', O: '0' };

function repairPart(part: string): string {
  const p = part.replace(/Ð/g, 'Đ'); // Ð (U+00D0) is drawn exactly like Đ
  if (KNOWN_SET.has(p) || TYPE_BY_UPPER.has(p.toUpperCase())) return p;
  const hits = [...KNOWN_SET].filter(
    (k) => k.length === p.length && [...k].every((c, i) => c === p[i] || (CONFUSABLE[c] ?? '').includes(p[i])),
  );
  return hits.length === 1 ? hits[0] : p;
}

export interface DocNumberResult { value: DocNumber | null; confidence: number; findings: Finding[] }

const DASHES = /[\u2010-\u2015\u2212]/g;
const NUM_CHARS = /^[0-9OoIl|]+$/;

/** Repair the numeric part: O→0, I/l/|→1. Unambiguous because the part must be digits. */
function repairDigits(s: string): string {
  return s.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1');
}

export function normaliseDocNumber(raw: string): DocNumberResult {
  const findings: Finding[] = [];
  let s = nfc(raw).replace(/\*+/g, '').replace(DASHES, '-').trim();
  s = s.replace(/^(?:số\s*hiệu|số|so)\s*[:.]?\s*/iu, '');
  s = s.replace(/\s+/g, '');
  s = s.replace(/[.,;:]+$/, '');
  // symbol parts may carry a dot ("11554/VPCP-V.I": Vụ I of the Government Office)
  const m = /^([0-9OoIl|]{1,6})\/(?:([0-9OoIl|]{4})\/)?([A-Za-zĐđÐ0-9&][A-Za-zĐđÐ0-9&/.-]*)$/.exec(s);
  if (!m || !/\d/.test(m[1])) {
    return { value: null, confidence: 0, findings: [{ code: 'docnum.invalid', message: `Không đọc được số hiệu văn bản: "${raw.trim()}"` }] };
  }
  let confidence = 1;
  let [, number, year = null, symbol] = m;
  const repairs: string[] = [];
  if (!/^\d+$/.test(number) && NUM_CHARS.test(number)) {
    repairs.push(`${number}→${repairDigits(number)}`);
    number = repairDigits(number);
  }
  if (year !== null && !/^\d{4}$/.test(year)) {
    repairs.push(`${year}→${repairDigits(year)}`);
    year = repairDigits(year);
  }
  if (year !== null && !/^(19|20)\d{2}$/.test(year)) {
    // a 4-digit second part that is no year is not the regulatory form: treat it as symbol text
    return { value: null, confidence: 0, findings: [{ code: 'docnum.invalid', message: `Năm ban hành không hợp lệ trong số hiệu: "${raw.trim()}"` }] };
  }
  symbol = symbol.replace(/-{2,}/g, '-').replace(/^[-/]+|[-/]+$/g, '');
  const parts = symbol.split(/([-/])/);
  const fixed = parts.map((p, i) => (i % 2 === 1 ? p : repairPart(p)));
  const newSymbol = fixed.join('');
  if (newSymbol !== symbol) {
    repairs.push(`${symbol}→${newSymbol}`);
    symbol = newSymbol;
  }
  if (repairs.length > 0) {
    confidence = Math.max(0.5, 1 - 0.15 * repairs.length);
    findings.push({ code: 'docnum.ocr_repair', message: `Đã sửa ký tự nhận dạng sai trong số hiệu văn bản: ${repairs.join('; ')}` });
  }
  if (!/[A-Za-zĐđ]/.test(symbol)) {
    return { value: null, confidence: 0, findings: [{ code: 'docnum.invalid', message: `Số hiệu văn bản thiếu ký hiệu: "${raw.trim()}"` }] };
  }
  const first = symbol.split(/[-/]/)[0];
  const docType = TYPE_BY_UPPER.has(first.toUpperCase()) ? first : null;
  const value = `${number}/${year ? `${year}/` : ''}${symbol}`;
  return { value: { value, number, year, symbol, docType }, confidence, findings };
}

// A candidate: number, optional year, symbol parts joined by -, / (spaces tolerated around
// them), and one glued-on uppercase fragment after a space ("LĐT BXH") when it ends the token.
const PART = '[A-Za-zĐđÐ&][A-Za-zĐđÐ0-9&]*';
const FIND = new RegExp(
  String.raw`(?<![\p{L}\d/])[0-9OIl]{0,5}\d[0-9OIl]{0,5}[\s*]*/\s*(?:(?:19|20)\d{2}\s*/\s*)?${PART}(?:\s*[-/]\s*${PART}|\s[A-ZĐ]{2,4}(?=$|[\s,;.)-]))*`,
  'gu',
);

/** Candidate document numbers inside a line of prose, with their offsets in the NFC text. */
export function findDocNumbers(text: string): { raw: string; index: number }[] {
  const src = nfc(text).replace(DASHES, '-');
  const out: { raw: string; index: number }[] = [];
  for (const m of src.matchAll(FIND)) {
    const raw = m[0].replace(/[\s-]+$/, '');
    // the symbol must contain an upper-case letter: "3/ngày" is no document number
    if (!/\/\s*(?:\d{4}\s*\/\s*)?[^/]*[A-ZĐÐ]/u.test(raw)) continue;
    out.push({ raw, index: m.index ?? 0 });
  }
  return out;
}

/** A table cell may hold two numbers ("142/CTPH-UBND-MTTQ 245/KHPH-UBMT-SLĐTBXH"). */
export function splitDocNumbers(cell: string): string[] {
  const found = findDocNumbers(cell).map((f) => f.raw.trim());
  if (found.length > 0) return found;
  const t = cell.trim();
  return t ? [t] : [];
}
