// Vietnamese numbers: dot groups thousands, comma marks decimals ("20.761.960", "6.154,924",
// "1,2"). A token that only makes sense in another convention ("1.5", "1,234") is reported as
// ambiguous with its readings instead of being guessed.
import type { Finding, Qualifier } from '../model/document.js';
import { foldChars, nfc } from './text-fold.js';

export interface NumberResult {
  value: number | null;
  ambiguous: boolean;
  findings: Finding[];
  /** possible readings when ambiguous */
  candidates?: number[];
}

const ok = (value: number, findings: Finding[] = []): NumberResult => ({ value, ambiguous: false, findings });
const amb = (token: string, candidates: number[], why: string): NumberResult => ({
  value: null,
  ambiguous: true,
  candidates,
  findings: [{ code: 'number.ambiguous', message: `Số "${token}" đọc được nhiều cách (${candidates.join(' hoặc ')}): ${why}` }],
});

/** Round away binary noise (6154.924 * 1e9) without hiding real decimals. */
const clean = (n: number) => (Number.isInteger(n) ? n : Number(n.toPrecision(15)));

export function parseVnNumber(token: string): NumberResult {
  const t = nfc(token).trim();
  const sign = /^[-−–]/.test(t) ? -1 : 1;
  const s = t.replace(/^[-−–+]\s*/, '');
  const digits = (x: string) => Number(x.replace(/[.\s]/g, '').replace(',', '.'));
  if (/^\d+$/.test(s)) return ok(sign * Number(s)); // leading zeros ("06") are plain
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return ok(clean(sign * digits(s)));
  if (/^\d+,\d+$/.test(s)) {
    // "1,234": a Vietnamese decimal, or an English thousands group
    if (/^\d{1,3},\d{3}$/.test(s)) {
      return amb(t, [sign * digits(s), sign * Number(s.replace(',', ''))], 'dấu phẩy có thể là phần thập phân hoặc phân cách hàng nghìn');
    }
    return ok(clean(sign * digits(s)));
  }
  if (/^\d{1,3}( \d{3})+$/.test(s)) {
    return ok(sign * Number(s.replace(/ /g, '')), [{ code: 'number.space_grouping', message: `Số "${t}" dùng dấu cách để phân nhóm` }]);
  }
  if (/^\d+\.\d+$/.test(s)) {
    // "1.5" or "12.50": not a Vietnamese thousands group, so an English decimal point or a typo
    return amb(t, [sign * Number(s)], 'dấu chấm không ngăn cách đúng nhóm ba chữ số');
  }
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) {
    return ok(clean(sign * Number(s.replace(/,/g, ''))), [{ code: 'number.english_format', message: `Số "${t}" viết theo kiểu tiếng Anh (dấu phẩy hàng nghìn)` }]);
  }
  return { value: null, ambiguous: false, findings: [{ code: 'number.invalid', message: `Không đọc được số: "${t}"` }] };
}

export interface Amount {
  value: number;
  unit: string | null;
  qualifier: Qualifier;
  findings: Finding[];
}

const SCALE: Record<string, number> = { ty: 1e9, ti: 1e9, trieu: 1e6, nghin: 1e3, ngan: 1e3 };
const QUALIFIERS: [RegExp, Qualifier][] = [
  [/^(hon|tren|vuot|toi thieu|it nhat)$/, 'at_least'],
  [/^(gan|khoang|xap xi|uoc|uoc tinh|chung|du kien)$/, 'approx'],
  [/^(dat|duoc|la|bang|tong)$/, 'exact'],
];
/** Counted nouns that can follow a scaled number ("1,2 triệu lượt người"). */
const COUNTERS = ['luot nguoi', 'luot', 'nguoi', 'ho', 'to', 'can', 'tre em', 'hoc sinh', 'lao dong'];

const NUM = String.raw`\d[\d.,]*\d|\d`;
// number, then optional scale words each with their own number ("3.093 tỷ 508 triệu")
const SCALE_WORD = '(?:ty|ti|trieu|nghin|ngan)(?![a-z])';
const AMOUNT = new RegExp(String.raw`(?<![\d.,])(${NUM})(?![\d])(?:\s*(${SCALE_WORD}))?((?:\s+(?:${NUM})\s*${SCALE_WORD})*)`, 'g');

/** First amount in the text, money converted to đồng. */
export function parseAmount(text: string): Amount | null {
  const src = nfc(text);
  const f = foldChars(src);
  for (const m of f.matchAll(AMOUNT)) {
    const findings: Finding[] = [];
    const head = parseVnNumber(m[1]);
    if (head.value === null) return null; // ambiguous or unreadable: not a guess
    findings.push(...head.findings);
    let value = head.value * (m[2] ? SCALE[m[2]] : 1);
    let lastScale = m[2] ? SCALE[m[2]] : Infinity;
    for (const sub of (m[3] ?? '').matchAll(new RegExp(String.raw`(${NUM})\s*(${SCALE_WORD})`, 'g'))) {
      const n = parseVnNumber(sub[1]);
      const scale = SCALE[sub[2]];
      if (n.value === null || scale >= lastScale) return null;
      value += n.value * scale;
      lastScale = scale;
    }
    const end = (m.index ?? 0) + m[0].length;
    const after = f.slice(end).trimStart();
    let unit: string | null = null;
    if (/^(%|phan tram)/.test(after)) unit = '%';
    else if (/^(dong|vnd|d(?![a-z]))/.test(after)) unit = 'đồng';
    else {
      const c = COUNTERS.find((w) => after.startsWith(w) && !/[a-z]/.test(after.charAt(w.length)));
      if (c) {
        const start = src.length - src.slice(end).trimStart().length;
        unit = src.slice(start, start + c.length);
      }
    }
    if (unit === 'đồng') value = Math.round(value);
    else value = clean(value);
    // the nearest qualifier among the two words before the number
    const before = f.slice(0, m.index ?? 0).trim().split(/\s+/).slice(-2);
    let qualifier: Qualifier = 'exact';
    for (let k = before.length - 1; k >= 0; k--) {
      const w = before.slice(k).join(' ');
      const q = QUALIFIERS.find(([re]) => re.test(w)) ?? QUALIFIERS.find(([re]) => re.test(before[k]));
      if (q) { qualifier = q[1]; break; }
    }
    return { value, unit, qualifier, findings };
  }
  return null;
}
