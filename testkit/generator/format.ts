// Vietnamese number, money and date formatting for the fixture text.
import type { Rand } from './ground-truth.js';

export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** whole millions → "12,5" (tỷ) */
export function tyDecimal(millions: number): string {
  const frac = String(millions % 1000).padStart(3, '0').replace(/0+$/, '');
  const whole = groupThousands(Math.floor(millions / 1000));
  return frac ? `${whole},${frac}` : whole;
}

/** đồng (whole millions) → "12,5 tỷ đồng" | "830 triệu đồng" | "3 tỷ 508 triệu đồng" | ... */
export function formatMoney(dong: number, rand: Rand): string {
  const m = dong / 1_000_000;
  if (m < 1000) return `${groupThousands(m)} triệu đồng`;
  const forms = ['trieu', 'trieu'];
  if (m % 10 === 0) forms.push('ty', 'ty', 'ty');
  else forms.push('ty');
  if (m % 1000 !== 0) forms.push('ty-trieu', 'ty-trieu');
  forms.push('dong');
  switch (rand.pick(forms)) {
    case 'ty': return `${tyDecimal(m)} tỷ đồng`;
    case 'ty-trieu': return `${groupThousands(Math.floor(m / 1000))} tỷ ${m % 1000} triệu đồng`;
    case 'dong': return `${groupThousands(dong)} đồng`;
    default: return `${groupThousands(m)} triệu đồng`;
  }
}

export function isoParts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y, m, d];
}

/** "14/6/2023" or "14/06/2023" */
export function shortDate(iso: string, pad: boolean): string {
  const [y, m, d] = isoParts(iso);
  const p = (n: number) => (pad ? String(n).padStart(2, '0') : String(n));
  return `${p(d)}/${p(m)}/${y}`;
}

/** Nghị định 30: day < 10 and months 1–2 get a leading zero; some offices pad every month. */
export function dateLine(place: string, iso: string, padAllMonths: boolean): string {
  const [y, m, d] = isoParts(iso);
  const dd = d < 10 ? `0${d}` : String(d);
  const mm = m < 3 || padAllMonths ? String(m).padStart(2, '0') : String(m);
  return `${place}, ngày ${dd} tháng ${mm} năm ${y}`;
}

export function addDays(iso: string, days: number): string {
  const t = Date.UTC(...(isoParts(iso).map((v, i) => (i === 1 ? v - 1 : v)) as [number, number, number]));
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

export function randomDate(rand: Rand, lo: string, hi: string): string {
  const a = Date.parse(`${lo}T00:00:00Z`);
  const b = Date.parse(`${hi}T00:00:00Z`);
  return new Date(a + Math.floor(rand.float() * Math.max(1, (b - a) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
}
