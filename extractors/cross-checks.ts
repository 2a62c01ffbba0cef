// Cross-checks between parts of the header that were read independently. A value whose own
// reading is a little doubtful (a long OCR'd symbol often scores 0.85 though every character is
// right) is confirmed when other, separately read parts of the page say the same thing:
//  - the symbol's type code against the type-name line (BC ↔ "BÁO CÁO"),
//  - the symbol's issuer parts against the issuer lines (SLĐTBXH ↔ "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"),
//  - the province named by two issuer lines, or by an issuer line and the place of the date line.
// A check that cannot be made confirms nothing; a check that fails is a finding.
import type { ExtractedField, Finding } from '../model/document.js';
import type { HeaderFields, ProvinceValue } from '../model/header.js';
import { TYPE_NAMES, matchTypeName } from './title-block.js';
import { matchProvince } from './province-gazetteer.js';
import { findDocNumbers, normaliseDocNumber } from './doc-number.js';
import type { LineReread } from '../model/ocr.js';

/** Lowest own confidence a cross-check may lift; below it the reading itself is too poor. */
export const CROSS_CHECK_FLOOR = 0.75;
/** Confidence of a value confirmed by independent readings. */
export const CONFIRMED = 0.95;

/** Upper case without diacritics, but Đ kept apart from D (OCR drops the bar: that must not pass). */
function letterKey(s: string): string {
  return s.normalize('NFD').replace(/đ/gi, 'Đ').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toUpperCase();
}

/** Initial letters of the words of the issuer lines ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" → "SLĐTBVXH"). */
function initials(lines: readonly string[]): string {
  return lines.flatMap((l) => letterKey(l).split(/[^A-ZĐ]+/)).filter((w) => w.length > 0).map((w) => w[0]).join('');
}

/** Is `part` an abbreviation of the issuer: its letters, in order, are initials of the issuer's words ("và" may be skipped)? */
export function abbreviates(part: string, issuerLines: readonly string[]): boolean {
  const p = letterKey(part).replace(/[^A-ZĐ]/g, '');
  if (p.length < 2) return false;
  // printed as such in the issuer lines ("ỦY BAN MTTQ VIỆT NAM", "SỞ LĐ-TB&XH" → LĐTBXH)
  const words = issuerLines.flatMap((l) => letterKey(l).split(/\s+/)).map((w) => w.replace(/[^A-ZĐ]/g, ''));
  if (words.includes(p)) return true;
  const ini = initials(issuerLines);
  // Contiguous run of initials, allowing skipped "V" (và) and "T"/"C" of "tỉnh"/"cấp"
  for (let start = 0; start < ini.length; start++) {
    let i = start;
    let j = 0;
    while (i < ini.length && j < p.length) {
      if (ini[i] === p[j]) { i++; j++; } else if (j > 0 && ini[i] === 'V') i++; else break;
    }
    if (j === p.length) return true;
  }
  return false;
}

export interface SymbolCheck {
  /** the type code agrees with the printed type name; null when either is missing */
  typeAgrees: boolean | null;
  /** every issuer part of the symbol abbreviates the issuer lines; null when there are none */
  issuerAgrees: boolean | null;
}

/**
 * A type code that adds the initials of the title's first words to the type name's code:
 * "CTrPH" under "CHƯƠNG TRÌNH" with the title "Phối hợp giữa ..." (chương trình phối hợp).
 */
function codeWithTitle(code: string, codes: readonly string[], title: string | null): boolean {
  if (!title) return false;
  const words = letterKey(title).split(/[^A-ZĐ]+/).filter((w) => w.length > 0);
  return codes.some((c) => {
    const k = letterKey(code);
    const base = letterKey(c);
    if (!k.startsWith(base) || k.length === base.length) return false;
    const rest = k.slice(base.length);
    return words.slice(0, rest.length).map((w) => w[0]).join('') === rest;
  });
}

/** Checks a normalised symbol ("280/BC-SLĐTBXH") against the type name (and the title after it) and the issuer lines. */
export function checkSymbol(docNumber: string, docType: string | null, typeName: string | null, issuerLines: readonly string[], title: string | null = null): SymbolCheck {
  const symbol = docNumber.split('/').slice(1).filter((p) => !/^\d{4}$/.test(p)).join('-');
  const parts = symbol.split('-').filter((p) => p.length > 0);
  const issuerParts = docType ? parts.filter((p, i) => !(i === 0 && p === docType)) : parts;
  let typeAgrees: boolean | null = null;
  if (docType && typeName) {
    const m = matchTypeName(typeName);
    const entry = m ? TYPE_NAMES.find((t) => t.name === m.folded) : undefined;
    // VBHN (a consolidated text) keeps the type name of the text it consolidates
    typeAgrees = docType === 'VBHN' || (entry ? entry.codes.some((c) => letterKey(c) === letterKey(docType)) || codeWithTitle(docType, entry.codes, title) : false);
  }
  const checkable = issuerParts.filter((p) => /^[\p{L}&]+$/u.test(p));
  const issuerAgrees = checkable.length && issuerLines.length ? checkable.every((p) => abbreviates(p, issuerLines)) : null;
  return { typeAgrees, issuerAgrees };
}

/**
 * Document number and type confirmed by the symbol checks: the issuer parts must agree, and the
 * type code too when the document has one. Number digits are not checked by this: the number's
 * own reading must already be fair (CROSS_CHECK_FLOOR).
 */
export function confirmDocNumber(
  docNumber: ExtractedField<string>, typeFromSymbol: ExtractedField<string>, h: HeaderFields, reread: LineReread | null = null, textLayer = false,
): { docNumber: ExtractedField<string>; docType: ExtractedField<string> } {
  const r = confirmNumberAndType(docNumber, typeFromSymbol, h, reread, textLayer);
  return { ...r, docType: typeWithoutTypeName(r.docType, h) };
}

/** Below the acceptance bar: a type read from the symbol alone waits for a person. */
const SYMBOL_ONLY = 0.85;

/**
 * A type code from the symbol with no type-name line and no title: the code alone is ambiguous ("5348/CT-CS" is a công văn of the Cục Thuế, not a Chỉ thị; a công văn
 * whose "V/v" subject was not found looks like this), so it is never accepted on its own.
 */
function typeWithoutTypeName(docType: ExtractedField<string>, h: HeaderFields): ExtractedField<string> {
  if (!docType.value || h.typeName.value) return docType;
  // a title block printed without its type line (a typed document's layout) leaves the code as
  // the type; a "V/v …" subject taken for a title is a công văn's, whose code names no type
  const subject = /^v\s*\/\s*v\b/i.test(h.title.value?.trim() ?? '');
  if (h.title.value && !subject) return docType;
  const finding: Finding = { code: 'docType.uncorroborated', message: `Loại "${docType.value}" chỉ đọc được từ ký hiệu; không thấy tên loại văn bản để đối chiếu.` };
  return { ...docType, confidence: Math.min(docType.confidence, SYMBOL_ONLY), findings: [...docType.findings, finding] };
}

function confirmNumberAndType(
  docNumber: ExtractedField<string>, typeFromSymbol: ExtractedField<string>, h: HeaderFields, reread: LineReread | null, textLayer: boolean,
): { docNumber: ExtractedField<string>; docType: ExtractedField<string> } {
  // A công văn (no type-name line, a "V/v" subject) has no type, whatever its symbol starts with
  // ("5348/CT-CS": CT is Cục Thuế there, not Chỉ thị).
  const docType = h.typeName.value === 'CÔNG VĂN' && typeFromSymbol.value
    ? { ...typeFromSymbol, value: null, confidence: Math.max(typeFromSymbol.confidence, h.typeName.confidence) }
    : typeFromSymbol;
  const second = rereadVerdict(docNumber, reread);
  if (second === 'differs') {
    const finding: Finding = { code: 'docNumber.reread_differs', message: `Đọc lại dòng "Số:" được "${reread!.text}", khác với "${docNumber.value}".` };
    return { docNumber: { ...docNumber, findings: [...docNumber.findings, finding] }, docType };
  }
  if (second === 'agrees' && docNumber.findings.length === 0) {
    const c = checkSymbol(docNumber.value!, docType.value, h.typeName.value && h.typeName.value !== 'CÔNG VĂN' ? h.typeName.value : null, h.issuerLines.value ?? [], h.title.value);
    if (c.typeAgrees !== false) {
      return {
        docNumber: { ...docNumber, confidence: Math.max(docNumber.confidence, CONFIRMED) },
        docType: docType.value ? { ...docType, confidence: Math.max(docType.confidence, CONFIRMED) } : docType,
      };
    }
  }
  if (!docNumber.value || docNumber.findings.length || docNumber.confidence < CROSS_CHECK_FLOOR) return { docNumber, docType };
  const typeName = h.typeName.value && h.typeName.value !== 'CÔNG VĂN' ? h.typeName.value : null;
  const c = checkSymbol(docNumber.value, docType.value, typeName, h.issuerLines.value ?? [], h.title.value);
  const findings: Finding[] = [];
  if (c.typeAgrees === false) findings.push(typeDisagrees(docNumber, docType.value, typeName!, c, textLayer));
  const numberOk = /^\d{1,6}(\/\d{4})?\//.test(docNumber.value);
  const typeOk = docType.value ? c.typeAgrees === true : typeName === null;
  if (findings.length) return { docNumber, docType: { ...docType, findings: [...docType.findings, ...findings] } };
  if (!numberOk || c.issuerAgrees !== true || !typeOk || docNumber.confidence >= CONFIRMED) return { docNumber, docType };
  return {
    docNumber: { ...docNumber, confidence: CONFIRMED },
    docType: docType.value ? { ...docType, confidence: Math.max(docType.confidence, CONFIRMED) } : docType,
  };
}

/**
 * The symbol's type code against the printed type name. The document's type is the code of its
 * symbol (that is what the national tables record). On a text layer, with the number read sure
 * and its issuer parts matching the issuer lines, the code is exactly what was printed: a type
 * name that says otherwise ("QUY CHẾ PHỐI HỢP" over 05/CTr-…) is the issuing office's own
 * inconsistency, noted ('info') and not doubted. On a scan the code may be misread: a warning.
 */
function typeDisagrees(docNumber: ExtractedField<string>, code: string | null, typeName: string, c: SymbolCheck, textLayer: boolean): Finding {
  const message = `Ký hiệu loại "${code}" không khớp tên loại văn bản "${typeName}".`;
  const printed = textLayer && docNumber.confidence >= 0.9 && c.issuerAgrees === true;
  return printed ? { code: 'docType.disagrees', severity: 'info', message: `${message} Giữ loại theo ký hiệu in trên văn bản.` } : { code: 'docType.disagrees', message };
}

/**
 * The targeted re-read of the "Số:" line (single line, symbol characters only) against the
 * page read: the same normalised number confirms it; another number is a finding. A poor
 * re-read, or none (text layers), says nothing.
 */
export function rereadVerdict(docNumber: ExtractedField<string>, reread: LineReread | null): 'agrees' | 'differs' | 'none' {
  // tesseract gives whitelisted LSTM reads no usable word confidence: agreement is the signal
  if (!reread || !docNumber.value || docNumber.confidence < 0.5) return 'none';
  const found = findDocNumbers(reread.text.replace(/^\s*s\S?\s*[:;.]?\s*/i, ''))[0];
  if (!found) return 'none';
  const again = normaliseDocNumber(found.raw);
  if (!again.value || again.findings.length) return 'none';
  return again.value.value === docNumber.value ? 'agrees' : 'differs';
}

/**
 * Province confirmed when two independent readings name it: two issuer lines (a joint
 * document's two bodies, or "UBND TỈNH X" above "SỞ ... TỈNH X"), or an issuer line and
 * the place of the date line.
 */
export function confirmProvince(province: ExtractedField<ProvinceValue>, h: HeaderFields, place: string | null, asOf: string | undefined): ExtractedField<ProvinceValue> {
  const v = province.value;
  if (!v || province.findings.length || province.confidence >= CONFIRMED) return province;
  const readings = (h.issuerLines.value ?? [])
    .map((l) => matchProvince(l, { asOf }))
    .filter((m) => m.province && !m.ambiguous && m.score >= 0.6);
  if (readings.some((m) => m.province!.code !== v.code)) return province;
  let sources = readings.length;
  if (place) {
    const p = matchProvince(place, { asOf });
    if (p.province && !p.ambiguous && p.score >= 0.6) {
      if (p.province.code !== v.code) return province;
      sources++;
    }
  }
  // a reading under 0.4 (a speck glued to the name: "LONG AN." at 0.20) needs two more that agree
  return sources >= (province.confidence < 0.4 ? 3 : 2) ? { ...province, confidence: CONFIRMED } : province;
}
