// Figures in report prose: the number–noun phrases of each clause, matched to the
// catalogue by the words after the number ("452 chương trình phát thanh"), the words
// before it when the number carries only a unit ("số lượng phát hành 20.761.960 tờ",
// "vận động được 12,5 tỷ đồng"), or the label before a colon ("Số tờ rơi: 1.200 tờ").
// Dates, document numbers, year ranges, periods ("6 tháng") and section numbers are
// not figures. Breakdowns "(năm 2022: 16.353 triệu đồng; ...)" become sub-values.
import type { Finding, Qualifier, UnmappedFigure } from '../../model/document.js';
import { parseVnNumber as vnNumber } from '../vn-number.js';
import { type IndicatorCandidate, clamp01 } from './candidate.js';
import { type DocText, locate } from './doc-text.js';
import { alignAround, bestSynonym, preparedCatalogue, wordSim, type PreparedEntry } from './match.js';
import { SCALES, CURRENCY, scale } from './numbers.js';
import { type Clause, type Token, segment } from './sentences.js';

const AT_LEAST_1 = new Set(['hon', 'tren', 'vuot']);
const AT_LEAST_2 = new Set(['it nhat', 'toi thieu']);
const APPROX_1 = new Set(['gan', 'khoang', 'chung', 'uoc']);
const APPROX_2 = new Set(['xap xi', 'uoc tinh', 'uoc dat', 'du kien', 'uoc khoang']);
/** a number right after these is a date part, a period, a section or a programme number */
const NOT_FIGURE_AFTER_1 = new Set(['nam', 'thang', 'ngay', 'quy', 'khoan', 'muc', 'dieu', 'phan', 'dot', 'ky', 'khoa', 'tuan', 'gio', 'chuong', 'buoc', 'diem', 'lan', 'bieu', 'mau', 'so', 'xom', 'thon', 'ap', 'phuong', 'quan', 'khu']);
const NOT_FIGURE_AFTER_2 = new Set(['du an', 'noi dung', 'hop phan', 'giai doan', 'phu luc', 'tieu muc', 'bieu mau', 'nhiem vu', 'muc tieu', 'chi tieu']);
/** a number before these counts time, not things */
const TIME_UNITS = new Set(['thang', 'nam', 'ngay', 'quy', 'tuan', 'gio', 'phut', 'giay', 'thoi']);
/** words that cannot open the noun of a number–noun phrase */
const STOP = new Set(['va', 'cua', 'cho', 'de', 'voi', 'tai', 'trong', 'o', 'la', 'duoc', 'da', 'theo', 'tu', 'den', 'nham', 've', 'nhu', 'hoac', 'cung', 'gom', 'con', 'moi', 'nay', 'do', 'thi', 'ma', 'nen', 'vao', 'ra', 'len', 'bang', 'so', 'sau', 'truoc', 'tren', 'duoi', 'khi', 'vi', 'dat', 'tang', 'giam', 'nhung', 'lan']);
const FILLERS = new Set(['cac', 'nhung']);
/** passive markers between an amount and what it counts ("12 tỷ đồng đã được vận động cho Quỹ …") */
const PASSIVE = new Set(['da', 'duoc']);
/** words after a total that open its parts' own labels */
const PART_OPENERS = new Set(['trong do', 'gom', 'bao gom', 'cu the']);
const DATE_WORDS = new Set(['ngay', 'tu', 'den', 'hom', 'sang', 'chieu', 'toi']);

export interface ProseFigure {
  clause: number;
  /** token index of the number in its clause, and the index after the amount (scale, currency) */
  at: number;
  end: number;
  value: number;
  /** "493/1.589": 1589 */
  of?: number;
  qualifier: Qualifier;
  money: boolean;
  findings: Finding[];
  /** char range of qualifier + number + unit words */
  range: [number, number];
  subValues?: { label: string; value: number }[];
  /** set when the figure is a breakdown part of another */
  partOf?: ProseFigure;
  /** written in words ("hai đoàn"): only read when the entry's unit follows */
  spelled?: boolean;
}

const isWord = (t: Token | undefined, ...w: string[]) => !!t && t.kind === 'word' && w.includes(t.fold);
const glued = (a: Token | undefined, b: Token | undefined) => !!a && !!b && a.end === b.start;

/** Figures of one clause. */
// Long on purpose: one left-to-right scan whose early `continue`s each reject one kind of non-figure
// (date, code, period, unit); the cursors i/k/a are shared by every step, so pieces would pass them all around.
export function scanClause(clause: Clause, index: number): ProseFigure[] {
  const T = clause.tokens;
  const out: ProseFigure[] = [];
  for (let i = 0; i < T.length; i++) {
    const t = T[i];
    if (t.kind === 'word') {
      const sp = spelledFigure(T, i, index);
      if (sp) { out.push(sp); i = sp.end - 1; }
      continue;
    }
    if (t.kind !== 'num') continue;
    // the run of tokens glued to it: 14/6/2023, 329/CV-VPQGGN, 2021-2025, 493/1.589
    let k = i;
    while (T[k + 1] && glued(T[k], T[k + 1]) && (T[k + 1].kind === 'num' || ['/', '-', '–', '—'].includes(T[k + 1].text) || (T[k + 1].kind === 'word' && ['/', '-', '–', '—'].includes(T[k].text)))) k++;
    const chain = T.slice(i, k + 1);
    const skipTo = k;
    const prev = T[i - 1];
    if (prev && glued(prev, t) && (prev.kind === 'word' || prev.kind === 'num' || ['/', '-', '.', ','].includes(prev.text))) { i = skipTo; continue; }
    if (chain.some((c) => c.kind === 'word') || chain.some((c) => c.text !== '/' && c.kind === 'punct' && c.text !== '/')) { i = skipTo; continue; }
    const slashes = chain.filter((c) => c.text === '/').length;
    if (slashes >= 2 || (slashes === 1 && chain.length !== 3) || chain[chain.length - 1].kind !== 'num') { i = skipTo; continue; }
    // words before: a date, a period, a section
    const p1 = T[i - 1]?.kind === 'word' ? T[i - 1].fold : '';
    const p2 = T[i - 2]?.kind === 'word' && p1 ? `${T[i - 2].fold} ${p1}` : '';
    if ((NOT_FIGURE_AFTER_1.has(p1) && p2 !== 'tong so' && p2 !== 'voi so') || NOT_FIGURE_AFTER_2.has(p2)) { i = skipTo; continue; }
    if (chain.length === 1 && /^(19|20)\d\d$/.test(t.text)) { i = skipTo; continue; }
    let a = k + 1;
    const next = T[a];
    // "Số: 19 /CTrPH-MTTQ": a document number with a stray space
    if (next?.text === '/' && T[a + 1]?.kind === 'word' && glued(next, T[a + 1])) { i = skipTo; continue; }
    // glued letters other than a currency or scale mark: a code ("3G"), a footnote
    if (next && glued(chain[chain.length - 1], next) && next.kind === 'word' && !CURRENCY.has(next.fold) && !(next.fold in SCALES)) { i = skipTo; continue; }
    if (!next && clause.closer === ':') { i = skipTo; continue; } // "Dự án 2:", "Năm 2023:"
    if (next && (TIME_UNITS.has(next.fold) || next.text === '%' || (next.fold === 'phan' && T[a + 1]?.fold === 'tram'))) { i = skipTo; continue; }
    const findings: Finding[] = [];
    const read = (tok: Token, decimal = false): number | null => {
      // before "tỷ"/"triệu" a comma is the decimal mark: "13,998 tỷ đồng"
      if (decimal && /^\d+,\d+$/.test(tok.text)) return Number(tok.text.replace(',', '.'));
      const r = vnNumber(tok.text);
      if (r.value !== null) { findings.push(...r.findings); return r.value; }
      if (r.ambiguous && r.candidates?.length) { findings.push(...r.findings); return r.candidates[0]; }
      return null;
    };
    let value: number | null;
    let of: number | undefined;
    if (slashes === 1) {
      const x = read(chain[0]);
      const y = read(chain[2]);
      if (x === null || y === null) { i = skipTo; continue; }
      const dateLike = x >= 1 && x <= 31 && y >= 1 && y <= 12 && Number.isInteger(x) && Number.isInteger(y);
      if (DATE_WORDS.has(p1) || (dateLike && !(next && next.kind === 'word' && !STOP.has(next.fold)))) { i = skipTo; continue; }
      if (x > y) { i = skipTo; continue; }
      value = x;
      of = y;
    } else {
      value = read(t, !!T[a] && T[a].fold in SCALES);
      if (value === null) { i = skipTo; continue; }
      // "9 trên tổng số 20 điểm", "9 trên 20 điểm", "9 trong tổng số 20 điểm": x out of y
      const outOf = outOfAt(T, a);
      if (outOf) {
        const y = read(T[outOf]);
        if (y !== null && y >= value) { of = y; a = outOf + 1; }
      }
    }
    // "12,5 tỷ", "3.093 tỷ 508 triệu", then "đồng"
    let money = false;
    if (T[a] && T[a].fold in SCALES) {
      let last = SCALES[T[a].fold];
      value = scale(value, last);
      a++;
      while (T[a]?.kind === 'num' && T[a + 1] && T[a + 1].fold in SCALES && SCALES[T[a + 1].fold] < last) {
        const v = read(T[a], true);
        if (v === null) break;
        last = SCALES[T[a + 1].fold];
        value += scale(v, last);
        a += 2;
      }
      if (of !== undefined) of = undefined;
    }
    const properNoun = T[a] && /^\p{Lu}/u.test(T[a].text) && T[a + 1]?.kind === 'word' && /^\p{Lu}/u.test(T[a + 1].text);
    if (T[a] && CURRENCY.has(T[a].fold) && !properNoun && !isWord(T[a + 1], 'bao', 'chi', 'thoi', 'hanh', 'long', 'y', 'minh', 'nghiep', 'dang')) { money = true; a++; }
    if (money) value = Math.round(value);
    // qualifier
    let qualifier: Qualifier = 'exact';
    let qStart = i;
    if (p2 && (AT_LEAST_2.has(p2) || APPROX_2.has(p2))) { qualifier = AT_LEAST_2.has(p2) ? 'at_least' : 'approx'; qStart = i - 2; }
    else if (AT_LEAST_1.has(p1)) { qualifier = 'at_least'; qStart = i - 1; }
    else if (APPROX_1.has(p1)) { qualifier = 'approx'; qStart = i - 1; }
    out.push({
      clause: index, at: qStart, end: a, value, of, qualifier, money, findings,
      range: [T[qStart].start, T[Math.max(a - 1, k)].end],
    });
    i = a - 1;
  }
  return out;
}

const DIGIT_WORDS: Record<string, number> = { mot: 1, hai: 2, ba: 3, bon: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9 };
/** after "mươi"/"mười": "mốt" 1, "tư" 4, "lăm"/"nhăm" 5 */
const UNIT_AFTER_TENS: Record<string, number> = { ...DIGIT_WORDS, tu: 4, lam: 5, nham: 5 };

/** A count written in words at T[i] ("hai", "mười lăm", "hai mươi mốt"): value and length, or null. */
export function spelledNumber(T: Token[], i: number): { value: number; len: number } | null {
  const w = (k: number) => (T[k]?.kind === 'word' ? T[k].fold : '');
  let value: number, j = i;
  if (w(j) === 'muoi') { value = 10; j++; }
  else if (w(j) in DIGIT_WORDS) {
    value = DIGIT_WORDS[w(j)]; j++;
    if (w(j) !== 'muoi' || value < 2) return { value, len: j - i };
    value *= 10; j++;
  } else return null;
  if (w(j) in UNIT_AFTER_TENS && UNIT_AFTER_TENS[w(j)] !== undefined && !(value === 10 && w(j) === 'mot')) { value += UNIT_AFTER_TENS[w(j)]; j++; }
  return { value, len: j - i };
}

/**
 * A small count written in words before what it counts ("hai đoàn kiểm tra", "mười lăm mô
 * hình"); matchFigure reads it only when the entry's unit follows, so "một số", "sau khi",
 * "năm 2023" are never figures.
 */
function spelledFigure(T: Token[], i: number, index: number): ProseFigure | null {
  const sp = spelledNumber(T, i);
  if (!sp) return null;
  const end = i + sp.len;
  const next = T[end];
  // a capital inside a clause is a name ("huyện Ba Vì"), not a count
  if (i > 0 && !/^\p{Ll}/u.test(T[i].text)) return null;
  if (next?.kind !== 'word' || T[i - 1]?.kind === 'num' || isWord(T[i - 1], 'so', 'thu', 'lan', 'nam', 'thang')) return null;
  const p1 = T[i - 1]?.kind === 'word' ? T[i - 1].fold : '';
  const p2 = T[i - 2]?.kind === 'word' && p1 ? `${T[i - 2].fold} ${p1}` : '';
  let qualifier: Qualifier = 'exact';
  let qStart = i;
  if (p2 && (AT_LEAST_2.has(p2) || APPROX_2.has(p2))) { qualifier = AT_LEAST_2.has(p2) ? 'at_least' : 'approx'; qStart = i - 2; }
  else if (AT_LEAST_1.has(p1)) { qualifier = 'at_least'; qStart = i - 1; }
  else if (APPROX_1.has(p1)) { qualifier = 'approx'; qStart = i - 1; }
  return { clause: index, at: qStart, end, value: sp.value, qualifier, money: false, findings: [], range: [T[qStart].start, T[end - 1].end], spelled: true };
}

/** Index of y in "x trên (tổng số) y" / "x trong tổng số y" when T[a] opens it, else 0. */
function outOfAt(T: Token[], a: number): number {
  let j = a;
  if (isWord(T[j], 'tren')) j++;
  else if (isWord(T[j], 'trong') && isWord(T[j + 1], 'tong')) j++;
  else return 0;
  if (isWord(T[j], 'tong') && isWord(T[j + 1], 'so')) j += 2;
  return T[j]?.kind === 'num' && /^\d[\d.]*$/.test(T[j].text) ? j : 0;
}

interface Phrase { words: string[]; toks: Token[] }

const phraseOf = (toks: Token[]): Phrase => {
  const kept = toks.filter((t) => t.kind !== 'punct');
  return { toks: kept, words: kept.map((t) => (t.kind === 'num' ? '#' : t.fold)) };
};

/** Words after the amount up to the next number (at most 14). */
function afterPhrase(clause: Clause, f: ProseFigure, figs: ProseFigure[]): Phrase {
  const nextFig = figs.find((g) => g.at >= f.end);
  const stop = nextFig ? nextFig.at : clause.tokens.length;
  const toks = clause.tokens.slice(f.end, stop).filter((t) => t.kind !== 'punct').slice(0, 14);
  let s = 0;
  while (s < toks.length - 1 && (FILLERS.has(toks[s].fold) || (f.money && PASSIVE.has(toks[s].fold)))) s++;
  return phraseOf(toks.slice(s));
}

/** Words before the number (qualifier excluded) back to the clause start (at most 14). */
function beforePhrase(clause: Clause, f: ProseFigure): Phrase {
  const p = phraseOf(clause.tokens.slice(0, f.at));
  return { words: p.words.slice(-14), toks: p.toks.slice(-14) };
}

export interface ProseMatch {
  pe: PreparedEntry;
  score: number;
  where: 'after' | 'before' | 'lead';
  labelToks: Token[];
  synonym: string;
  /** synonym words matched */
  matched?: number;
}

const QUALIFIER_WORDS = new Set([...AT_LEAST_1, ...APPROX_1, 'it', 'nhat', 'toi', 'thieu']);

/**
 * "số chương trình phát thanh đã được phát sóng là trên 1.640 chương trình": a label closed
 * by "là" right before the figure (a qualifier may stand between) reads like a label before a
 * colon. The label runs from the clause start, or from the end of an earlier figure.
 */
function copulaLabel(clause: Clause, f: ProseFigure, figs: ProseFigure[]): Phrase | null {
  let k = f.at - 1;
  while (k >= 0 && clause.tokens[k].kind === 'word' && QUALIFIER_WORDS.has(clause.tokens[k].fold)) k--;
  if (k < 1 || !isWord(clause.tokens[k], 'la')) return null;
  const from = Math.max(0, ...figs.filter((g) => g.end <= k).map((g) => g.end));
  const p = phraseOf(clause.tokens.slice(from, k));
  return p.words.length >= 2 ? p : null;
}

/** Scores every catalogue entry for a figure; best first. */
export function matchFigure(clause: Clause, f: ProseFigure, figs: ProseFigure[]): { matches: ProseMatch[]; after: Phrase; before: Phrase; lead: Phrase | null } {
  const after = afterPhrase(clause, f, figs);
  const before = beforePhrase(clause, f);
  const lead = f.at === 0 && clause.lead ? phraseOf(clause.lead) : copulaLabel(clause, f, figs);
  const noNoun = !after.words.length || STOP.has(after.words[0]);
  const words = [...before.words, '\u0000', ...after.words];
  const n = before.words.length;
  const tokAt = (k: number) => (k < n ? before.toks[k] : after.toks[k - n - 1]);
  const matches: ProseMatch[] = [];
  for (const pe of preparedCatalogue()) {
    if (pe.money !== f.money) continue;
    if (f.of !== undefined && pe.entry.aggregate !== 'pair') continue;
    const unitLen = unitLength(pe, after.words);
    if (f.spelled && !unitLen) continue;
    const unitOk = f.money || unitLen > 0 || noNoun;
    // words before the number that open right after an earlier figure are that figure's noun
    // ("488 chương trình phát thanh và 1.053 chương trình truyền hình")
    const ownedByEarlier = (firstTok: Token): boolean => {
      const idx = clause.tokens.indexOf(firstTok);
      return figs.some((g) => {
        if (g === f || g.end > idx) return false;
        const between = clause.tokens.slice(g.end, idx).filter((t) => t.kind !== 'punct');
        // "…, trong đó Quỹ …", "gồm …" open a part of their own
        return between.length <= 2 && !PART_OPENERS.has(between.map((t) => t.fold).join(' '));
      });
    };
    let best: ProseMatch | null = null;
    let bestMatched = 0;
    for (const syn of pe.synonyms) {
      const a = alignAround(syn, words, n);
      if (!a || a.coverage < 0.6) continue;
      let score = a.score;
      if (a.side === 'before') {
        if (!unitOk) continue;
        score *= ownedByEarlier(tokAt(a.first)) ? 0.5 : 0.97;
      }
      if (!best || score + 0.01 * a.matched > best.score + 0.01 * bestMatched) {
        const labelToks = [];
        for (let k = a.first; k <= a.last; k++) if (k !== n) labelToks.push(tokAt(k));
        best = { pe, score, where: a.side === 'before' ? 'before' : 'after', labelToks, synonym: syn.text };
        bestMatched = a.matched;
      }
    }
    if (unitOk && lead?.words.length) {
      // "Tin, bài, ảnh được đăng tải trên …: 5.832 bài": the label is what comes before "được"
      for (const words of leadLabels(lead.words)) {
        const l = bestSynonym(pe, words, 'suffix');
        if (l && (!best || l.score * 0.97 > best.score)) best = { pe, score: l.score * 0.97, where: 'lead', labelToks: lead.toks.slice(l.first, l.last + 1), synonym: l.synonym };
      }
    }
    if (best) matches.push({ ...best, matched: best.where === 'lead' ? best.labelToks.length : bestMatched });
  }
  matches.sort((x, y) => y.score + 0.01 * (y.matched ?? 0) - (x.score + 0.01 * (x.matched ?? 0)));
  return { matches, after, before, lead };
}

/** Words that open a complement after a passive verb ("… được nâng cấp, chuyển đổi sang công nghệ mới"). */
const COMPLEMENT = new Set(['sang', 'tren', 'toi', 'tai', 'vao', 'cho', 'o']);

/**
 * A lead label as written; cut before a passive "(đã) được …" clause when one follows the noun;
 * and with that clause but without the complement that follows its verb ("sang công nghệ mới",
 * "trên các phương tiện …"), which says where or how, not what was counted.
 */
function leadLabels(words: string[]): string[][] {
  const at = words.indexOf('duoc');
  if (at < 2) return [words];
  const out = [words, words.slice(0, words[at - 1] === 'da' ? at - 1 : at)];
  const comp = words.findIndex((w, i) => i > at + 1 && COMPLEMENT.has(w));
  if (comp > 0) out.push(words.slice(0, comp));
  return out;
}

/** How many words of the phrase are the entry's unit ("lượt người" → 2), 0 if it does not open with it. */
function unitLength(pe: PreparedEntry, phrase: string[]): number {
  let best = 0;
  for (const u of pe.units) if (u.length <= phrase.length && u.every((w, i) => wordSim(w, phrase[i]) > 0)) best = Math.max(best, u.length);
  return best;
}

const YEAR_LABEL = /(?:^|\s)nam (\d{4})$/;

/** The "năm 2022" a breakdown part is labelled with, if any. */
function yearLabel(clause: Clause, f: ProseFigure): string | null {
  const src = f.at === 0 && clause.lead ? clause.lead : clause.tokens.slice(Math.max(0, f.at - 3), f.at);
  const words = src.filter((t) => t.kind !== 'punct').map((t) => (t.kind === 'num' ? t.text : t.fold)).join(' ');
  const m = YEAR_LABEL.exec(words);
  return m ? `năm ${m[1]}` : null;
}

export interface ProseResult { candidates: IndicatorCandidate[]; unmapped: UnmappedFigure[]; findings: Finding[] }

export const MIN_MATCH = 0.7;

/** Two entries fit about as well: a person decides. */
export const isClose = (best: number, second: number) => best - second < (best >= 0.95 ? 0.1 : 0.15);

/**
 * The best label is a longer reading of the same words as the runner-up: the runner-up's words
 * all lie inside the best's, and the best matched more of them ("đài truyền thanh xã" inside
 * "đài truyền thanh xã được nâng cấp, chuyển đổi"; "Quỹ Vì người nghèo" inside "vận động cho
 * Quỹ Vì người nghèo và an sinh xã hội"). The extra words tell the two apart: not a close call.
 */
export function subsumes(best: ProseMatch, second: ProseMatch): boolean {
  if (!best.labelToks.length || !second.labelToks.length) return false;
  const span = (m: ProseMatch) => [m.labelToks[0].start, m.labelToks[m.labelToks.length - 1].end] as const;
  const [b0, b1] = span(best);
  const [s0, s1] = span(second);
  return b0 <= s0 && s1 <= b1 && b1 - b0 > s1 - s0 && (best.matched ?? 0) > (second.matched ?? 0);
}

/**
 * Every figure with its clause. Breakdowns (figures labelled "năm YYYY" with no noun of their own)
 * hang on the figure before them: `partOf` on the part, `subValues` on its host.
 */
function withBreakdowns(clauses: Clause[], figsByClause: ProseFigure[][]): Array<{ c: Clause; f: ProseFigure; figs: ProseFigure[] }> {
  const all: Array<{ c: Clause; f: ProseFigure; figs: ProseFigure[] }> = [];
  for (const [ci, c] of clauses.entries()) for (const f of figsByClause[ci]) all.push({ c, f, figs: figsByClause[ci] });
  const hostOf = (c: Clause, f: ProseFigure): ProseFigure | null => {
    if (c.host) {
      const hostFigs = figsByClause[c.host.clause] ?? [];
      return [...hostFigs].reverse().find((h) => h.end <= c.host!.at) ?? null;
    }
    // same sentence, earlier, not itself a part
    const earlier = all.filter((x) => x.c.sentence === c.sentence && !x.c.host && (x.c.start < c.start || (x.c === c && x.f.at < f.at)) && !x.f.partOf && x.f.money === f.money);
    return earlier.length ? earlier[earlier.length - 1].f : null;
  };
  for (const { c, f, figs } of all) {
    const label = yearLabel(c, f);
    if (!label) continue;
    const after = afterPhrase(c, f, figs);
    if (after.words.length && !STOP.has(after.words[0])) continue;
    const host = hostOf(c, f);
    if (!host || host.money !== f.money) continue;
    f.partOf = host;
    host.subValues = [...(host.subValues ?? []), { label, value: f.value }];
  }
  return all;
}

export function extractFromProse(doc: DocText): ProseResult {
  const clauses = segment(doc.text);
  const all = withBreakdowns(clauses, clauses.map((c, i) => scanClause(c, i)));
  const candidates: IndicatorCandidate[] = [];
  const unmapped: UnmappedFigure[] = [];
  const findings: Finding[] = [];
  for (const { c, f, figs } of all) {
    if (f.partOf) continue;
    const { matches, after, lead } = matchFigure(c, f, figs);
    const best = matches[0];
    const sourceText = fullSource(doc, c, lead);
    if (best && best.score >= MIN_MATCH) {
      const second = matches.find((m) => m.pe.entry.key !== best.pe.entry.key);
      const ranges: Array<[number, number]> = [f.range];
      if (best.labelToks.length) ranges.push([best.labelToks[0].start, best.labelToks[best.labelToks.length - 1].end]);
      const loc = locate(doc, ranges);
      let confidence = 0.5 + 0.5 * clamp01(best.score);
      if (second && isClose(best.score, second.score) && !subsumes(best, second)) confidence = Math.min(confidence, 0.8);
      if (f.findings.some((x) => x.code === 'number.ambiguous')) confidence = Math.min(confidence, 0.6);
      if (loc.conf < 1) confidence *= loc.conf >= 0.9 ? 0.97 + 0.03 * loc.conf : Math.min(0.85, loc.conf);
      confidence = Math.min(confidence, 0.97);
      const subValues = [...(f.subValues ?? [])];
      if (f.of !== undefined) subValues.push({ label: 'trên tổng số', value: f.of });
      candidates.push({
        key: best.pe.entry.key,
        value: f.value,
        qualifier: f.qualifier,
        source: 'prose',
        confidence,
        provenance: { page: loc.page, box: loc.box, sourceText },
        ...(subValues.length ? { subValues } : {}),
        findings: [...f.findings],
      });
      continue;
    }
    // a number–noun phrase nobody claims; words that may be counts ("một số", "sau khi") are not reported
    if (f.spelled) continue;
    const hasNoun = after.words.length > 0 && !STOP.has(after.words[0]) && after.words[0] !== '#';
    if (!hasNoun && !f.money && !lead) continue;
    const loc = locate(doc, [f.range]);
    unmapped.push({
      text: sourceText,
      value: f.value,
      unit: f.money ? 'đồng' : hasNoun ? unitWords(after.toks) : null,
      provenance: { page: loc.page, box: loc.box, sourceText },
    });
  }
  return { candidates, unmapped, findings };
}

function fullSource(doc: DocText, c: Clause, lead: Phrase | null): string {
  const start = lead && c.lead?.length ? c.lead[0].start : c.start;
  return doc.text.slice(start, c.end).replace(/\s+/g, ' ').trim();
}

const TWO_WORD_UNITS = new Set(['luot nguoi', 'chuong trinh', 'san pham', 'an pham', 'du an', 'tap the', 'ca nhan', 'ho gia', 'hoc vien', 'doi tuong', 'video clip']);

function unitWords(toks: Token[]): string {
  const w = toks.filter((t) => t.kind === 'word');
  if (w.length >= 2 && TWO_WORD_UNITS.has(`${w[0].fold} ${w[1].fold}`)) return `${w[0].text} ${w[1].text}`;
  return w[0]?.text ?? '';
}
