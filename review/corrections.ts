// A value a person types in the review UI, turned into the value the pipeline would store and
// held to the same zod schemas (schemas/document-record.ts). Failures are values with a
// Vietnamese message, never exceptions: a typo is an expected outcome.
import type { z } from 'zod';
import { DocNumber, IsoDate, IndicatorNumber, HeaderRecord } from '../schemas/document-record.js';
import { matchProvince, provinceByCode } from '../extractors/province-gazetteer.js';
import { parseVnNumber } from '../extractors/vn-number.js';
import { nfc } from '../extractors/text-fold.js';
import type { Target } from './review.repository.js';
import { messageFor, type ErrorCode, type MessageArgs } from '../model/errors.js';

export type CorrectionResult = { ok: true; value: unknown } | { ok: false; code: string; message: string };

/** A refused correction: a registered code with its one message (model/errors.ts). */
function fail<C extends ErrorCode>(code: C, ...args: MessageArgs<C>): CorrectionResult {
  return { ok: false, code, message: messageFor(code, ...args) };
}
const firstMessage = (e: z.ZodError) => e.issues[0]?.message ?? 'Giá trị không hợp lệ.';

/** "29/6/2023", "29-06-2023", "29.6.2023" → "2023-06-29"; anything else is returned as typed. */
function dateToIso(s: string): string {
  const m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(s);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : s;
}

/**
 * Parses and validates a correction. `asOf` is the document's issue date: a province is
 * resolved in the gazetteer valid on that day (codes were reused after the 2025 merger).
 */
export function parseCorrection(target: Target, name: string, input: string, opts: { asOf?: string | null } = {}): CorrectionResult {
  const text = nfc(input ?? '').trim();
  if (target === 'indicator') return parseIndicatorValue(text);
  switch (name) {
    case 'issueDate':
    case 'receivedDate': {
      if (!text) return { ok: true, value: null };
      const r = IsoDate.safeParse(dateToIso(text));
      return r.success ? { ok: true, value: r.data } : fail(name === 'receivedDate' ? 'correction.received_date' : 'correction.date', { text, detail: firstMessage(r.error) });
    }
    case 'docNumber': {
      if (!text) return { ok: true, value: null };
      const compact = text.replace(/\s+/g, '');
      const r = DocNumber.safeParse(compact);
      return r.success ? { ok: true, value: r.data } : fail('correction.doc_number', { text, detail: firstMessage(r.error) });
    }
    case 'docType': {
      if (!text) return { ok: true, value: null };
      const r = HeaderRecord.shape.docType.safeParse(text);
      return r.success ? { ok: true, value: r.data } : fail('correction.doc_type');
    }
    case 'province':
      return parseProvince(text, opts.asOf ?? undefined);
    case 'category':
      return parseCategory(text);
    default:
      return fail('field.unknown', { name });
  }
}

/** "report", "báo cáo", "Phụ lục II" → report; "programme", "chương trình", "Phụ lục I" → programme; "khác" → other. */
function parseCategory(text: string): CorrectionResult {
  const t = text.toLowerCase().normalize('NFC').trim();
  if (['report', 'báo cáo', 'bao cao', 'phụ lục ii', 'ii'].includes(t)) return { ok: true, value: 'report' };
  if (['programme', 'chương trình', 'chuong trinh', 'chương trình phối hợp', 'phụ lục i', 'i'].includes(t)) return { ok: true, value: 'programme' };
  if (['other', 'khác', 'khac'].includes(t)) return { ok: true, value: 'other' };
  return fail('category.invalid', { text });
}

function parseProvince(text: string, asOf: string | undefined): CorrectionResult {
  // an empty value means "no province": documents of national bodies
  if (!text) return { ok: true, value: null };
  const when = asOf ? ` (tại ngày ${asOf})` : '';
  let province: { code: string; name: string } | null = null;
  if (/^\d{1,2}$/.test(text)) {
    const p = provinceByCode(text.padStart(2, '0'), asOf);
    if (!p) return fail('province.unknown', { text, when });
    province = { code: p.code, name: p.name };
  } else {
    const m = matchProvince(text, { asOf });
    if (m.ambiguous) {
      const names = m.candidates.slice(0, 4).map((c) => c.province.name).join(', ');
      return fail('province.ambiguous', { text, names });
    }
    if (!m.province) return fail('province.unknown', { text, when });
    province = { code: m.province.code, name: m.province.name };
  }
  const r = HeaderRecord.shape.province.safeParse(province);
  return r.success ? { ok: true, value: r.data } : fail('province.invalid', { detail: firstMessage(r.error) });
}

function parseIndicatorValue(text: string): CorrectionResult {
  if (!text) return fail('indicator.empty');
  // "1.234" and "1.234,5" the Vietnamese way; plain "1234.5" is refused as ambiguous by parseVnNumber
  const n = parseVnNumber(text);
  if (n.value == null) {
    const readings = n.candidates?.length ? ` Có thể là: ${n.candidates.map(formatVnNumber).join(' hoặc ')}.` : '';
    return fail('indicator.invalid', { text, detail: `viết số kiểu Việt Nam: dấu chấm phân cách hàng nghìn, dấu phẩy cho phần thập phân (ví dụ 1.234 hoặc 12,5).${readings}` });
  }
  const r = IndicatorNumber.safeParse(n.value);
  return r.success ? { ok: true, value: r.data } : fail('indicator.invalid', { text, detail: firstMessage(r.error) });
}

/** How a stored value is shown in the correction box (the inverse of parseCorrection). */
export function valueToInput(target: Target, name: string, value: unknown): string {
  if (value == null) return '';
  if (target === 'indicator') return formatVnNumber(value as number);
  if (name === 'province') return (value as { name: string }).name;
  return String(value);
}

export function formatVnNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [int, frac] = Math.abs(n).toString().split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (n < 0 ? '-' : '') + grouped + (frac ? `,${frac}` : '');
}
