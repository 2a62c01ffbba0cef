// Deterministic OCR-style corruptions for the province-matching tests. Seeded so that the
// measured precision/recall is reproducible run to run.

export { mulberry32 as rng } from '../../testkit/generator/prng.js';

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const letterIdx = (s: string) => [...s].map((c, i) => (/\p{L}/u.test(c) ? i : -1)).filter((i) => i >= 0);
const stripMarks = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');

export type Op = 'dropAll' | 'dropOne' | 'l1' | 'o0' | 'space' | 'qmark' | 'upper' | 'subst' | 'delete';

export const OPS: Record<Op, (s: string, r: () => number) => string> = {
  dropAll: (s) => stripMarks(s),
  dropOne: (s, r) => {
    const words = s.split(' ');
    const k = Math.floor(r() * words.length);
    words[k] = stripMarks(words[k]);
    return words.join(' ');
  },
  l1: (s) => s.replace(/l/g, '1').replace(/I/g, '1'),
  o0: (s) => s.replace(/o/g, '0').replace(/O/g, '0'),
  space: (s, r) => {
    const cand = [...s].map((c, i) => (i > 0 && /\p{L}/u.test(c) && /\p{L}/u.test(s[i - 1]) ? i : -1)).filter((i) => i > 0);
    if (cand.length === 0) return s;
    const i = pick(r, cand);
    return `${s.slice(0, i)} ${s.slice(i)}`;
  },
  qmark: (s, r) => {
    const i = pick(r, letterIdx(s));
    return `${s.slice(0, i)}?${s.slice(i + 1)}`;
  },
  upper: (s) => s.toUpperCase(),
  subst: (s, r) => {
    const i = pick(r, letterIdx(s));
    return s.slice(0, i) + pick(r, [...'abcdeghiklmnopqrstuvxy']) + s.slice(i + 1);
  },
  delete: (s, r) => {
    const i = pick(r, letterIdx(s));
    return s.slice(0, i) + s.slice(i + 1);
  },
};

/** Apply one to `n` distinct operations picked at random. */
export function corrupt(name: string, r: () => number, n = 2, ops: Op[] = Object.keys(OPS) as Op[]): { text: string; ops: Op[] } {
  const k = Math.min(ops.length, 1 + Math.floor(r() * n));
  const chosen: Op[] = [];
  let text = name.normalize('NFC');
  while (chosen.length < k) {
    const op = pick(r, ops);
    if (chosen.includes(op)) continue;
    chosen.push(op);
    text = OPS[op](text, r);
  }
  return { text, ops: chosen };
}

/** Contexts in which a province name arrives. */
export function wrap(name: string, type: 'tinh' | 'thanh_pho', r: () => number): string {
  const unit = type === 'tinh' ? 'tỉnh' : 'thành phố';
  return pick(r, [
    name,
    `UBND ${unit.toUpperCase()} ${name}`,
    `Sở Lao động - Thương binh và Xã hội ${unit} ${name}`,
    `ỦY BAN MTTQ VIỆT NAM ${unit.toUpperCase()} ${name}`,
    `${name}, ngày 29 tháng 6 năm 2023`,
  ]);
}
