// Is a word a well-formed Vietnamese syllable? Onset + (medial) + nucleus + coda, at most one
// tone mark, placed on the nucleus, and only sắc/nặng before a stop coda (c, ch, p, t). OCR
// misreads of a line of Vietnamese often break this structure ("PHỔỐI", "ĐƠÀ", "THUE", "taì"),
// so a word that is no syllable says the line was not read right. (A misread that is itself a
// syllable, "TÍNH" for "TỈNH", passes: the check only ever refutes.)

/** Combining tone marks: huyền, sắc, ngã, hỏi, nặng. */
const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const SAC = '\u0301';
const NANG = '\u0323';

/** Nuclei (vowel modifiers kept) and the codas each takes. */
const NUCLEI: Record<string, readonly string[]> = {
  a: ['', 'c', 'ch', 'i', 'm', 'n', 'ng', 'nh', 'o', 'p', 't', 'u', 'y'],
  ă: ['c', 'k', 'm', 'n', 'ng', 'p', 't'], // k: the Tây Nguyên names ("Đắk Lắk", "Đắk Nông")
  â: ['c', 'm', 'n', 'ng', 'p', 't', 'u', 'y'],
  e: ['', 'c', 'm', 'n', 'ng', 'o', 'p', 't'],
  ê: ['', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't', 'u'],
  i: ['', 'a', 'ch', 'm', 'n', 'nh', 'p', 't', 'u'],
  iê: ['c', 'm', 'n', 'ng', 'p', 't', 'u'],
  yê: ['c', 'm', 'n', 'ng', 'p', 't', 'u'],
  o: ['', 'c', 'i', 'm', 'n', 'ng', 'p', 't'],
  oo: ['c', 'ng'],
  ô: ['', 'c', 'i', 'm', 'n', 'ng', 'p', 't'],
  ơ: ['', 'i', 'm', 'n', 'p', 't', 'u'],
  u: ['', 'a', 'c', 'i', 'm', 'n', 'ng', 'p', 't'],
  uô: ['c', 'i', 'm', 'n', 'ng', 't'],
  ư: ['', 'a', 'c', 'i', 'm', 'n', 'ng', 't', 'u'],
  ươ: ['c', 'i', 'm', 'n', 'ng', 'p', 't', 'u'],
  y: [''],
};

/** Rhymes with a medial (o before a, ă, e; u before â, ê, y, ơ), with their codas. */
const MEDIAL_RHYMES: Record<string, readonly string[]> = {
  oa: ['', 'c', 'ch', 'i', 'm', 'n', 'ng', 'nh', 'o', 'p', 't', 'y'],
  oă: ['c', 'm', 'n', 'ng', 't'],
  oe: ['', 'c', 'n', 'ng', 'o', 't'],
  uâ: ['n', 'ng', 't', 'y'],
  uê: ['', 'ch', 'n', 'nh'],
  uy: ['', 'a', 'ch', 'n', 'nh', 'p', 't', 'u'],
  uyê: ['n', 't'],
  uơ: [''],
};

interface Rhyme { vowels: string; coda: string }

/** Every way to read a rhyme as vowels (medial + nucleus, where the tone goes) and a coda. */
function rhymes(): Map<string, Rhyme> {
  const out = new Map<string, Rhyme>();
  for (const table of [NUCLEI, MEDIAL_RHYMES]) {
    for (const [vowels, codas] of Object.entries(table)) for (const coda of codas) out.set(vowels + coda, { vowels, coda });
  }
  return out;
}
const RHYMES = rhymes();

const ONSETS = ['ngh', 'ng', 'gh', 'gi', 'kh', 'nh', 'ph', 'th', 'tr', 'ch', 'qu', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', ''];
const FRONT = /^[ieêy]/;

/** The rhymes an onset may take: "qu" and "gi" swallow the rhyme's first u / i ("quốc", "giếng"). */
function rhymeAfter(onset: string, rest: string): Rhyme | null {
  const direct = RHYMES.get(rest);
  // "qu" is the onset with its medial: the rest is a plain rhyme ("quả", "quốc", "quyết")
  if (onset === 'qu') {
    if (rest.startsWith('u')) return null;
    const medial = RHYMES.get(`u${rest}`); // "quỳnh", "quyển": the medial rhymes uy-, uyê-
    return direct ?? (medial && medial.vowels.length > 1 && medial.vowels.startsWith('u') ? { vowels: medial.vowels.slice(1), coda: medial.coda } : null);
  }
  if (onset === 'gi') {
    if (rest === '') return null; // "gi" alone is g + i
    const withI = RHYMES.get(`i${rest}`);
    return direct ?? (withI ? { vowels: withI.vowels.slice(1), coda: withI.coda } : null);
  }
  if (!direct) return null;
  // k, gh, ngh only before i, e, ê, y; c, g, ng never there ("ki", "ghế", but "ca", "gà")
  if (['k', 'gh', 'ngh'].includes(onset) && !FRONT.test(rest)) return null;
  if (['c', 'ng'].includes(onset) && FRONT.test(rest)) return null;
  if (onset === 'g' && /^[eê]/.test(rest)) return null;
  // "iê" opens a syllable as "yê" ("yên"), after a consonant as "iê" ("tiên"); "yê" needs none or a medial u
  if (onset !== '' && direct.vowels === 'yê') return null;
  return direct;
}

/** A word's letters without their tone, and the tone (if any) with the index of the letter that bears it. */
function splitTone(word: string): { base: string; tone: string | null; at: number; tones: number } | null {
  let base = '';
  let tone: string | null = null;
  let at = -1;
  let tones = 0;
  for (const ch of word.normalize('NFD')) {
    if (TONES.has(ch)) { tone = ch; at = [...base.normalize('NFC')].length - 1; tones++; continue; }
    base += ch;
  }
  return { base: base.normalize('NFC'), tone, at, tones };
}

/** Is `word` (one syllable, any case, no punctuation) a well-formed Vietnamese syllable? */
export function isVietnameseSyllable(word: string): boolean {
  const t = splitTone(word.toLocaleLowerCase('vi'));
  if (!t || t.tones > 1 || !/^[a-zăâđêôơư]+$/u.test(t.base)) return false;
  for (const onset of ONSETS) {
    if (!t.base.startsWith(onset)) continue;
    const r = rhymeAfter(onset, t.base.slice(onset.length));
    if (r && toneFits(t, r)) return true;
  }
  return false;
}

/**
 * The tone sits on the rhyme's vowels (never on a coda i/y/o/u): on its marked vowel (â, ê, ô,
 * ơ, ă; else ư) when it has one, anywhere on the plain vowels otherwise ("hoà" and "hòa" are
 * both in use). A stop coda takes only sắc or nặng.
 */
function toneFits(t: { base: string; tone: string | null; at: number }, r: Rhyme): boolean {
  if (['c', 'ch', 'k', 'p', 't'].includes(r.coda) && t.tone !== null && t.tone !== SAC && t.tone !== NANG) return false;
  if (t.tone === null) return true;
  // the vowels end where the coda starts (after qu, gi they hold no swallowed u / i)
  const end = t.base.length - r.coda.length;
  const vStart = end - r.vowels.length;
  if (t.at < vStart || t.at >= end) return false;
  const letters = [...t.base];
  const marked = [...r.vowels].map((c, i) => (/[âêôơă]/.test(c) ? vStart + i : -1)).filter((i) => i >= 0);
  if (marked.length) return t.at === marked[marked.length - 1];
  const horn = letters.findIndex((c, i) => i >= vStart && i < end && c === 'ư');
  return horn < 0 || t.at === horn;
}

/** Punctuation that may wrap a word on a printed line: brackets, quotes, a full stop or comma after it. */
const WRAP = /^[([{"'“‘«]+|[)\]}"'”’».,;:!?…]+$/gu;

export type WordVerdict = 'syllable' | 'acronym' | 'symbol' | 'bad';

/**
 * What one printed word is: a syllable, an acronym in capitals ("UBND", "MTTQ", "CTr" — at most
 * one vowel, as initials have), a symbol or figure ("109/CTr-BLĐTBXH", "2021-2025"), or none of
 * these (an OCR misread, a foreign word, stray marks). Hyphenated words are judged part by part.
 */
export function judgeWord(raw: string): WordVerdict {
  const w = raw.replace(WRAP, '');
  if (w === '' || /^[-–—]$/.test(w)) return /^[-–—]?$/.test(raw.trim()) ? 'symbol' : 'bad';
  if (/\d/.test(w) || w.includes('/')) return /^[\p{L}\d/.\-–]+$/u.test(w) ? 'symbol' : 'bad';
  const parts = w.split(/[-–]/);
  if (parts.length > 1) return parts.every((p) => p !== '' && judgeWord(p) !== 'bad') ? 'symbol' : 'bad';
  if (!/^\p{L}+$/u.test(w)) return 'bad';
  if (isVietnameseSyllable(w)) return 'syllable';
  const vowels = (w.toLocaleLowerCase('vi').normalize('NFD').replace(/\p{M}/gu, '').match(/[aeiouy]/g) ?? []).length;
  // initials carry no tone mark (Đ, Ư, Ơ are letters of their own: "HĐND", "TƯ")
  return /^\p{Lu}/u.test(w) && w.length >= 2 && vowels <= 1 && !/\p{M}/u.test(w.replace(/[ĐđƯưƠơ]/g, '').normalize('NFD')) ? 'acronym' : 'bad';
}
