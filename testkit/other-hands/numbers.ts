// How other offices write the figures: thousands with dots (or none), small counts spelled
// out, "khoảng"/"gần" before an exact figure, money in triệu/tỷ/đồng forms.
import type { IndicatorTruth, Rand } from '../generator/ground-truth.js';

export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const WORDS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];

/** What the manifest records about how one figure was written. */
export interface Written { text: string; form: string }

/** A count as printed in running text. */
export function countText(n: number, rand: Rand): Written {
  if (n >= 1 && n <= 10) {
    const r = rand.float();
    if (r < 0.2) return { text: WORDS[n], form: 'words' };
    if (r < 0.3) return { text: `${String(n).padStart(2, '0')} (${WORDS[n]})`, form: 'digits+words' };
    if (r < 0.55) return { text: String(n).padStart(2, '0'), form: 'padded' };
  }
  if (n >= 1000 && n < 10000 && rand.chance(0.15)) return { text: String(n), form: 'no-separator' };
  return { text: groupThousands(n), form: 'grouped' };
}

/** whole millions → "12,5" (tỷ) */
export function tyDecimal(millions: number): string {
  const frac = String(millions % 1000).padStart(3, '0').replace(/0+$/, '');
  const whole = groupThousands(Math.floor(millions / 1000));
  return frac ? `${whole},${frac}` : whole;
}

export function moneyText(dong: number, rand: Rand): Written {
  const m = dong / 1_000_000;
  if (m < 1000) return rand.chance(0.8) ? { text: `${groupThousands(m)} triệu đồng`, form: 'trieu' } : { text: `${groupThousands(dong)} đồng`, form: 'dong' };
  const forms = ['trieu', 'ty', 'dong'];
  if (m % 1000 !== 0) forms.push('ty-trieu');
  const form = rand.pick(forms);
  switch (form) {
    case 'ty': return { text: `${tyDecimal(m)} tỷ đồng`, form };
    case 'ty-trieu': return { text: `${groupThousands(Math.floor(m / 1000))} tỷ ${groupThousands(m % 1000)} triệu đồng`, form };
    case 'dong': return { text: `${groupThousands(dong)} đồng`, form };
    default: return { text: `${groupThousands(m)} triệu đồng`, form };
  }
}

/** A whole indicator value in prose: qualifier word, number, and any breakdown. */
export function valueText(v: IndicatorTruth, rand: Rand): Written {
  let w: Written;
  if (v.unit === 'đồng') {
    w = moneyText(v.value, rand);
    if (v.subValues?.length) {
      w = { text: `${w.text} (${v.subValues.map((s) => `${s.label}: ${groupThousands(s.value / 1_000_000)} triệu đồng`).join('; ')})`, form: `${w.form}+breakdown` };
    }
  } else if (v.of !== undefined) {
    w = rand.chance(0.5)
      ? { text: `${groupThousands(v.value)}/${groupThousands(v.of)}`, form: 'pair-slash' }
      : { text: `${groupThousands(v.value)} trên tổng số ${groupThousands(v.of)}`, form: 'pair-words' };
  } else {
    w = countText(v.value, rand);
  }
  if (v.qualifier === 'at_least') {
    const q = rand.pick(['hơn', 'trên', 'hơn']);
    return { text: `${q} ${w.text}`, form: `${q} ${w.form}` };
  }
  if (v.unit !== 'đồng' && v.of === undefined && v.value > 20 && rand.chance(0.12)) {
    const q = rand.pick(['khoảng', 'gần']);
    return { text: `${q} ${w.text}`, form: `${q} ${w.form}` };
  }
  return w;
}
