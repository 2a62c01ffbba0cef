// Vietnamese number tokens, private to the indicator extractor ("." groups thousands,
// "," is the decimal mark). Kept small on purpose: it only judges tokens the prose and
// table scanners have already cut out.

const GROUPED = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const PLAIN = /^\d+(?:,\d+)?$/;

/** "20.761.960" → 20761960, "12,5" → 12.5, "06" → 6; null for "1.2", "1.2345", "". */
export function parseVnNumber(token: string): number | null {
  const t = token.trim();
  if (!GROUPED.test(t) && !PLAIN.test(t)) return null;
  const v = Number(t.replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(v) ? v : null;
}

/** True when the token is written with thousands groups ("1.234") or needs none (< 1000). */
export function isWellGrouped(token: string): boolean {
  const t = token.split(',')[0];
  if (GROUPED.test(token)) return true;
  return /^\d{1,3}$/.test(t);
}

export const SCALES: Record<string, number> = { nghin: 1e3, ngan: 1e3, trieu: 1e6, ty: 1e9, ti: 1e9 };
export const CURRENCY = new Set(['dong', 'd', 'vnd', 'vnđ']);

/** Multiplies without float dust: 12,5 × 1e9 = 12500000000. */
export function scale(value: number, factor: number): number {
  const r = value * factor;
  return Math.abs(r - Math.round(r)) < 1e-6 * Math.max(1, factor) ? Math.round(r) : r;
}

/**
 * Reading of a number cell from OCR, where table borders come out glued to the digits
 * ("¡20.761.960", "|452|", "1452", "120.761.960"). Non-digit glyphs at either end are
 * dropped; a "1" at either end that breaks the thousands grouping ("1452", "20.761.9601")
 * is dropped too (`repaired`). A "1" that leaves a well-formed number either way
 * ("120.761.960") cannot be judged from the token: the other reading goes to
 * `alternatives`, for the caller to cross-check against the prose.
 */
export function readNumberCell(raw: string, ocr: boolean): { value: number | null; alternatives: number[]; repaired: boolean; token: string } {
  const t = raw.trim().replace(/\s+/g, '').replace(/^[^\d]+/, '').replace(/[^\d]+$/, '');
  const direct = parseVnNumber(t);
  if (!ocr || !t) return { value: direct, alternatives: [], repaired: false, token: t };
  const variants = [/^[1]/.test(t) ? t.slice(1) : null, /[1]$/.test(t) ? t.slice(0, -1) : null]
    .filter((v): v is string => !!v && /^\d/.test(v) && !/^0\d/.test(v) && isWellGrouped(v));
  if (direct !== null && isWellGrouped(t)) {
    const alternatives = variants.filter((v) => v.includes('.') === t.includes('.') && t.length >= 4)
      .map((v) => parseVnNumber(v)!).filter((v) => v !== direct);
    return { value: direct, alternatives, repaired: false, token: t };
  }
  if (variants.length) return { value: parseVnNumber(variants[0])!, alternatives: direct !== null ? [direct] : [], repaired: true, token: variants[0] };
  return { value: direct, alternatives: [], repaired: false, token: t };
}

/**
 * Two OCR fragments of one grouped number ("20.761 .960", "102.5 05"): true when the
 * first is not a whole number by itself (or the second opens with a group dot) and
 * together they make a well-grouped one.
 */
export function joinsNumber(a: string, b: string): boolean {
  if (!/^\d[\d.]*$/.test(a) || !/^\.?\d[\d.]*$/.test(b)) return false;
  const whole = a + b;
  if (!/^\d{1,3}(?:\.\d{3})+$/.test(whole)) return false;
  return b.startsWith('.') || a.endsWith('.') || !isWellGrouped(a);
}

/** Joins the fragments of grouped numbers OCR split with a space. */
export function joinNumberFragments(text: string): string {
  return text.replace(/(\d[\d.]*)\s+(?=(\.?\d[\d.]*))/g, (m, a: string, b: string) => (joinsNumber(a, b) ? a : m));
}
