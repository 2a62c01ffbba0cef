// Matching a phrase (folded tokens) to catalogue entries: an in-order alignment of a
// synonym's words to the phrase, gaps allowed at a price, near-misses of long words
// (OCR noise) allowed at a price (natural's Levenshtein / Jaro-Winkler).
import { LevenshteinDistance, JaroWinklerDistance } from 'natural/lib/natural/distance/index.js';
import { catalogue, type IndicatorEntry } from '../../schemas/indicator-catalogue.js';
import { foldVietnamese } from '../text-fold.js';

export interface PreparedSynonym { text: string; toks: string[]; looseBefore: boolean[] }
export interface PreparedEntry { entry: IndicatorEntry; synonyms: PreparedSynonym[]; units: string[][]; money: boolean }

/** Folded word tokens of a phrase; "…" / "..." marks a loose gap before the next word. */
export function phraseTokens(s: string): { toks: string[]; looseBefore: boolean[] } {
  const toks: string[] = [];
  const looseBefore: boolean[] = [];
  let loose = false;
  for (const m of foldVietnamese(s.normalize('NFC')).matchAll(/\.\.\.|…|[a-z0-9]+/g)) {
    if (m[0] === '...' || m[0] === '…') { loose = true; continue; }
    toks.push(m[0]);
    looseBefore.push(loose);
    loose = false;
  }
  return { toks, looseBefore };
}

let prepared: PreparedEntry[] | null = null;

export function preparedCatalogue(): PreparedEntry[] {
  if (prepared) return prepared;
  prepared = catalogue().indicators.map((entry) => {
    const seen = new Set<string>();
    const synonyms: PreparedSynonym[] = [];
    for (const s of [entry.label, ...entry.synonyms]) {
      const p = phraseTokens(s);
      const k = p.toks.join(' ');
      if (!p.toks.length || seen.has(k)) continue;
      seen.add(k);
      synonyms.push({ text: s, ...p });
    }
    const units = [entry.unit, ...(entry.unitAliases ?? [])].map((u) => phraseTokens(u).toks).filter((u) => u.length);
    return { entry, synonyms, units, money: phraseTokens(entry.unit).toks.join(' ') === 'dong' };
  });
  return prepared;
}

let vocabulary: Set<string> | null = null;

/** Every word of the catalogue's labels, synonyms and units. */
function vocab(): Set<string> {
  if (vocabulary) return vocabulary;
  vocabulary = new Set();
  for (const pe of preparedCatalogue()) {
    for (const s of pe.synonyms) for (const t of s.toks) vocabulary.add(t);
    for (const u of pe.units) for (const t of u) vocabulary.add(t);
  }
  return vocabulary;
}

function splitInto(w: string, parts: number): string[] | null {
  const v = vocab();
  if (v.has(w) && w.length >= 2) return [w];
  if (parts <= 1) return null;
  for (let i = 2; i <= w.length - 2; i++) {
    const head = w.slice(0, i);
    if (!v.has(head)) continue;
    const rest = splitInto(w.slice(i), parts - 1);
    if (rest) return [head, ...rest];
  }
  return null;
}

/**
 * OCR runs words together ("Cụmloa", "Dựán", "tậpthể") and reads a table border as a
 * letter ("JTờrơi"): a folded word the catalogue does not know is cut into catalogue
 * words where it can be (two or three, each of two letters or more).
 */
export function splitGlued(words: string[]): string[] {
  const v = vocab();
  const out: string[] = [];
  for (const w of words) {
    if (v.has(w) || w.length < 4 || /\d/.test(w)) { out.push(w); continue; }
    const parts = splitInto(w, 3) ?? (/^[jil]/.test(w) ? splitInto(w.slice(1), 3) : null);
    if (parts) out.push(...parts); else out.push(w);
  }
  return out;
}

const simCache = new Map<string, number>();

/** 1 for equal words, 0.7 for a likely OCR misreading of a long word, else 0. */
export function wordSim(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 4 || b.length < 4 || Math.abs(a.length - b.length) > 1) return 0;
  const key = a < b ? `${a}|${b}` : `${b}|${a}`;
  let v = simCache.get(key);
  if (v === undefined) {
    v = fuzzySim(a, b);
    if (simCache.size > 200_000) simCache.clear();
    simCache.set(key, v);
  }
  return v;
}

function fuzzySim(a: string, b: string): number {
  const len = Math.min(a.length, b.length);
  if (len >= 4 && Math.abs(a.length - b.length) <= 1) {
    // one slip in a short word, two in a long one ("fild" for "file", "khdn" for "khen")
    if (LevenshteinDistance(a, b) <= (len >= 7 ? 2 : 1) && JaroWinklerDistance(a, b) >= 0.8) return 0.7;
  }
  return 0;
}

export type AlignMode = 'prefix' | 'suffix' | 'any';

export interface Alignment {
  /** 0..1 after penalties */
  score: number;
  /** weight of matched words / synonym length */
  coverage: number;
  matched: number;
  /** first and last matched phrase positions */
  first: number;
  last: number;
}

interface DpState { v: number; w: number; matched: number; first: number }

/** Gap cost per skipped word before synonym word i ("…" in a synonym makes the gap loose). */
const gapCost = (syn: PreparedSynonym, i: number) => (syn.looseBefore[i] ? 0.01 : 0.1);

/**
 * The dynamic programme both alignments share: synonym words matched in order to `words`.
 * `penalty(i, j, k)` is the cost of matching synonym word i at position k when the previous
 * match was at j (j = -1: first match), or null where k may not be used. Returns, for each
 * last matched position j, the best state at index j + 1 (index 0: nothing matched).
 */
function alignStates(syn: PreparedSynonym, words: string[], penalty: (i: number, j: number, k: number) => number | null): (DpState | null)[] {
  const n = syn.toks.length, m = words.length;
  let dp: (DpState | null)[] = Array(m + 1).fill(null);
  dp[0] = { v: 0, w: 0, matched: 0, first: -1 };
  for (let i = 0; i < n; i++) {
    const next = dp.slice();
    for (let j = -1; j < m; j++) {
      const s = dp[j + 1];
      if (!s) continue;
      for (let k = j + 1; k < m; k++) {
        const pen = penalty(i, j, k);
        if (pen === null) continue;
        const w = wordSim(syn.toks[i], words[k]);
        if (!w) continue;
        const cand = { v: s.v + w / n - pen, w: s.w + w, matched: s.matched + 1, first: s.first < 0 ? k : s.first };
        const cur = next[k + 1];
        if (!cur || cand.v > cur.v) next[k + 1] = cand;
      }
    }
    dp = next;
  }
  return dp;
}

/**
 * Aligns synonym words in order to phrase words. prefix: the match must open the phrase
 * (a word of slack costs 0.25); suffix: it must close it (each trailing word costs 0.05,
 * more than 6 fail); any: it may sit anywhere (unmatched phrase words cost 0.03 each).
 */
export function align(syn: PreparedSynonym, phrase: string[], mode: AlignMode): Alignment | null {
  const n = syn.toks.length, m = phrase.length;
  if (!n || !m) return null;
  const dp = alignStates(syn, phrase, (i, j, k) => {
    if (j < 0) return mode === 'prefix' ? 0.25 * k : mode === 'any' ? 0.03 * k : 0;
    return gapCost(syn, i) * (k - j - 1);
  });
  let best: Alignment | null = null;
  for (let j = 0; j < m; j++) {
    const s = dp[j + 1];
    if (!s?.matched) continue;
    const trailing = m - 1 - j;
    let pen = 0;
    if (mode === 'suffix') { if (trailing > 6) continue; pen = 0.05 * trailing; }
    if (mode === 'any') pen = 0.03 * trailing;
    const score = s.v - pen;
    if (!best || score > best.score) best = { score, coverage: s.w / n, matched: s.matched, first: s.first, last: j };
  }
  return best;
}

export interface EntryMatch {
  entry: IndicatorEntry;
  score: number;
  coverage: number;
  /** which phrase matched and where */
  where: 'after' | 'before' | 'lead' | 'label';
  first: number;
  last: number;
  synonym: string;
  matched: number;
}

/** Best alignment of any of an entry's synonyms to a phrase. */
export function bestSynonym(pe: PreparedEntry, phrase: string[], mode: AlignMode): (Alignment & { synonym: string }) | null {
  let best: (Alignment & { synonym: string }) | null = null;
  for (const syn of pe.synonyms) {
    const a = align(syn, phrase, mode);
    if (!a || a.coverage < 0.6) continue;
    // among equal scores prefer the synonym that explains more words
    if (!best || a.score + 0.01 * a.matched > best.score + 0.01 * best.matched) best = { ...a, synonym: syn.text };
  }
  return best;
}

/** Does the phrase open with one of the entry's units ("tờ", "lượt người")? */
export function opensWithUnit(pe: PreparedEntry, phrase: string[]): boolean {
  return pe.units.some((u) => u.length <= phrase.length && u.every((w, i) => wordSim(w, phrase[i]) > 0));
}

export interface AroundAlignment extends Alignment {
  /** where the matched words lie relative to the number */
  side: 'before' | 'after' | 'both';
}

/**
 * Aligns a synonym over "before-words NUMBER after-words" (`words[n]` is the number's
 * slot): the match may sit after the number ("452 chương trình phát thanh"), before it
 * ("số lượng phát hành 20.761.960 tờ") or round it ("thiết lập mới 06 cụm thông tin
 * điện tử"). Words between the match and the number cost 0.05 each before it and 0.25
 * each after it; the number's own slot costs nothing.
 */
export function alignAround(syn: PreparedSynonym, words: string[], n: number): AroundAlignment | null {
  const len = syn.toks.length, m = words.length;
  if (!len || !m) return null;
  const dp = alignStates(syn, words, (i, j, k) => {
    if (k === n) return null; // the number's own slot
    if (j < 0) return k > n ? 0.25 * (k - n - 1) : 0;
    if (j < n && k > n) return (syn.looseBefore[i] ? 0.01 : 0.05) * (n - 1 - j) + 0.25 * (k - n - 1);
    return gapCost(syn, i) * (k - j - 1);
  });
  let best: AroundAlignment | null = null;
  for (let j = 0; j < m; j++) {
    const s = dp[j + 1];
    if (!s?.matched) continue;
    let pen = 0;
    if (j < n) { if (n - 1 - j > 6) continue; pen = 0.05 * (n - 1 - j); }
    const score = s.v - pen;
    const side = j < n ? 'before' : s.first > n ? 'after' : 'both';
    if (!best || score > best.score) best = { score, coverage: s.w / len, matched: s.matched, first: s.first, last: j, side };
  }
  return best;
}
