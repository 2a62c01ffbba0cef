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
 * Readings of a number cell from OCR, where table borders come out glued to the digits
 * ("¡20.761.960", "|452|", "120.761.960"). The first reading is the preferred one;
 * `glued` tells whether a leading/trailing border glyph may have been read as a digit.
 */
export function numberCellReadings(raw: string, ocr: boolean): { values: number[]; glued: boolean } {
  let t = raw.trim().replace(/\s+/g, '');
  // border glyphs that are not digits
  t = t.replace(/^[^\d]+/, '').replace(/[^\d]+$/, '');
  if (!t) return { values: [], glued: false };
  const out: number[] = [];
  const direct = parseVnNumber(t);
  let glued = false;
  if (ocr) {
    // a border read as "1" (or "l", "I", already removed) before or after the digits
    const variants: string[] = [];
    if (/^[1l|]/.test(t)) variants.push(t.slice(1));
    if (/[1l|]$/.test(t)) variants.push(t.slice(0, -1));
    const alt = variants.map(parseVnNumber).filter((v): v is number => v !== null);
    if (direct !== null && isWellGrouped(t)) {
      out.push(direct);
      // both readings well formed ("120.761.960" / "20.761.960"): keep the other as an alternative
      for (const v of variants) if (isWellGrouped(v) && /[.]/.test(v) === /[.]/.test(t)) { const p = parseVnNumber(v); if (p !== null) { out.push(p); glued = true; } }
    } else if (alt.length) {
      // "1452" in a document that groups thousands, "20.761.9601": the stripped one is right
      for (const [i, v] of variants.entries()) if (isWellGrouped(v)) { const p = parseVnNumber(v); if (p !== null) out.push(p); void i; }
      if (!out.length && direct !== null) out.push(direct);
      glued = true;
    } else if (direct !== null) out.push(direct);
  } else if (direct !== null) out.push(direct);
  return { values: [...new Set(out)], glued };
}
