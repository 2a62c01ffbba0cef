// Province look-up and matching, always as of a date: codes were reused by the 2025 merger
// (15 was Yên Bái, is now the new Lào Cai), so "which province" only has an answer on a day.
//
// Matching works on folded text (no diacritics, lower case, đ→d) with spaces removed inside
// a window of tokens, so "Qu ảng Nam", "QUẢNG NAM", "Quang Nam" and "QuangNam" meet. Order:
//   1. exact alias hits anywhere (names, spelling variants, capitals); the longest span wins;
//   2. otherwise fuzzy hits (natural's Levenshtein and Jaro–Winkler) in a restricted place:
//      right after "tỉnh"/"thành phố"/"TP", or anywhere in a short text (a bare name, the place
//      of a date line). Long lines without such a marker get no fuzzy search: national bodies
//      ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") must not drift onto a province.
// A fuzzy hit is accepted only with a clear margin over the next province; otherwise the
// result carries candidates and province: null. A wrong province is worse than none.
import distance from 'natural/lib/natural/distance/index.js';
import type { Finding } from '../model/document.js';
import { gazetteer, type GazetteerUnit } from '../schemas/gazetteer.js';
import { foldVietnamese, hasDiacritics, nfc } from './text-fold.js';
import { parsePlaceDateLine } from './vn-date.js';

const { JaroWinklerDistance, LevenshteinDistance } = distance;

export interface Province {
  code: string;
  name: string;
  fullName: string;
  type: 'tinh' | 'thanh_pho';
  regionId: string;
  regionName: string;
  seedOrder: number | null;
  validFrom: string | null;
  validTo: string | null;
  /** codes of the units it was formed from (as they were the day before validFrom) */
  predecessors: string[];
  /** internal id: the bare code before 2025, "code@validFrom" after (codes are reused) */
  id: string;
  /** position in lists: region order, then seed order (new units: their same-named predecessor's) */
  order: number;
  capitals: string[];
}

export interface ProvinceMatch {
  province: Province | null;
  /** 0..1 */
  score: number;
  candidates: { province: Province; score: number }[];
  matchedText: string | null;
  ambiguous: boolean;
  findings: Finding[];
}

// ---------- the gazetteer as Province objects ----------

const regionById = new Map(gazetteer.regions.map((r) => [r.id, r]));
const unitById = new Map<string, GazetteerUnit>(gazetteer.units.map((u) => [u.id, u]));
const successorOf = new Map<string, string>();
for (const u of gazetteer.units) for (const p of u.predecessors) successorOf.set(p, u.id);

function seedOrderFor(u: GazetteerUnit): number {
  if (u.seedOrder !== null) return u.seedOrder;
  const same = u.predecessors.map((p) => unitById.get(p)!).find((p) => foldVietnamese(p.name) === foldVietnamese(u.name) || p.id === u.centreOf);
  return same ? seedOrderFor(same) : 99;
}

const provinceById = new Map<string, Province>();
for (const u of gazetteer.units) {
  const region = regionById.get(u.regionId)!;
  provinceById.set(u.id, Object.freeze({
    code: u.code,
    name: u.name,
    fullName: u.fullName ?? `${u.type === 'tinh' ? 'Tỉnh' : 'Thành phố'} ${u.name}`,
    type: u.type,
    regionId: u.regionId,
    regionName: region.name,
    seedOrder: u.seedOrder,
    validFrom: u.validFrom,
    validTo: u.validTo,
    predecessors: u.predecessors.map((p) => unitById.get(p)!.code),
    id: u.id,
    order: region.order * 100 + seedOrderFor(u),
    capitals: [...u.capitals],
  }));
}

const today = () => new Date().toISOString().slice(0, 10);
const isIso = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);
function validOn(p: { validFrom: string | null; validTo: string | null }, d: string): boolean {
  return (p.validFrom === null || p.validFrom <= d) && (p.validTo === null || d < p.validTo);
}

export function regions(asOf?: string): { id: string; name: string; order: number }[] {
  // the six regions are used on both sides of the 2025 merger; asOf kept for symmetry
  void asOf;
  return gazetteer.regions.map((r) => ({ id: r.id, name: r.name, order: r.order }));
}

export function provincesAsOf(asOf: string = today()): Province[] {
  return [...provinceById.values()].filter((p) => validOn(p, asOf)).sort((a, b) => a.order - b.order);
}

export function provinceByCode(code: string, asOf: string = today()): Province | null {
  const c = code.trim().padStart(2, '0');
  return [...provinceById.values()].find((p) => p.code === c && validOn(p, asOf)) ?? null;
}

/** Follow successors from the unit with `code` on fromDate to the one existing on toDate. */
export function successorAsOf(code: string, fromDate: string, toDate: string): Province | null {
  let p = provinceByCode(code, fromDate);
  if (!p || toDate < fromDate) return p && validOn(p, toDate) ? p : null;
  while (p && !validOn(p, toDate)) {
    const next = successorOf.get(p.id);
    p = next ? provinceById.get(next)! : null;
  }
  return p;
}

/** One row per pre-2025 province: where it went. Unchanged units map to themselves. */
export function rollupTable(): { oldCode: string; oldName: string; newCode: string; newName: string; effective: string; kind: 'unchanged' | 'renamed' | 'merged' }[] {
  const MERGER = '2025-07-01';
  return provincesAsOf('2024-12-31').map((old) => {
    const to = successorAsOf(old.code, '2024-12-31', MERGER)!;
    const merged = to.predecessors.length > 1;
    const kind = to.id === old.id ? 'unchanged' : merged ? 'merged' : 'renamed';
    return { oldCode: old.code, oldName: old.name, newCode: to.code, newName: to.name, effective: kind === 'renamed' ? to.validFrom! : MERGER, kind };
  });
}

// ---------- aliases ----------

interface Alias {
  key: string; // folded, no spaces
  unitId: string;
  kind: 'name' | 'variant' | 'capital';
  text: string; // as written in the gazetteer
  /** short or common-word aliases ("Vinh", "Huế", "HCM") must match as printed, never fuzzily */
  strict: boolean;
}

const squash = (s: string) => foldVietnamese(s).replace(/[^a-z0-9]/g, '');
const aliases: Alias[] = [];
for (const u of gazetteer.units) {
  // later units only add names that did not exist before (Huế); merged names resolve by date
  if (u.validFrom !== null && u.predecessors.some((p) => squash(unitById.get(p)!.name) === squash(u.name))) continue;
  const add = (text: string, kind: Alias['kind']) => {
    const key = squash(text);
    if (!aliases.some((a) => a.key === key && a.unitId === u.id)) {
      aliases.push({ key, unitId: u.id, kind, text, strict: key.length <= 4 });
    }
  };
  add(u.name, 'name');
  if (u.fullName) add(u.fullName, 'variant');
  for (const v of u.variants) add(v, 'variant');
  for (const c of u.capitals) add(c, 'capital');
}
const aliasByKey = new Map<string, Alias[]>();
for (const a of aliases) aliasByKey.set(a.key, [...(aliasByKey.get(a.key) ?? []), a]);
const MAX_ALIAS = Math.max(...aliases.map((a) => a.key.length));

// "Hồ Chí Minh" in these contexts is a person or an organisation, not the city
const HCM_BLOCKERS = /(tncs|cong san|tu tuong|chu tich|bac|guong|dao duc|phong cach|lang|bao tang|doan)$/;
const MARKER = /^(tinh|t[1l|!]nh|tp|thanhpho)$/;

/** Token positions right after "tỉnh", "TP", "thành phố" (where a province name starts). */
function markerEnds(tokens: Token[]): Set<number> {
  const ends = new Set<number>();
  tokens.forEach((t, i) => {
    if (MARKER.test(t.fold)) ends.add(i + 1);
    else if (t.fold === 'thanh' && tokens[i + 1]?.fold === 'pho') ends.add(i + 2);
  });
  return ends;
}
const afterCityMarker = (tokens: Token[], i: number) =>
  ['tp', 'thanhpho'].includes(tokens[i - 1]?.fold ?? '') || (tokens[i - 1]?.fold === 'pho' && tokens[i - 2]?.fold === 'thanh');
const isMarkerToken = (tokens: Token[], i: number) =>
  MARKER.test(tokens[i].fold) || (tokens[i].fold === 'thanh' && tokens[i + 1]?.fold === 'pho') || (tokens[i].fold === 'pho' && tokens[i - 1]?.fold === 'thanh');

// ---------- tokens ----------

interface Token { orig: string; fold: string }

function tokenize(text: string): Token[] {
  const src = nfc(text).replace(/[ÐĐ]/g, 'Đ').replace(/ð/g, 'đ');
  const out: Token[] = [];
  for (const m of src.matchAll(/[\p{L}\p{M}\d?|]+/gu)) {
    let fold = foldVietnamese(m[0]);
    // O/0 inside a word is always the letter; 1/l/| stay as they are for the fuzzy projection
    if (/\p{L}/u.test(fold)) fold = fold.replace(/0/g, 'o');
    out.push({ orig: m[0].toLowerCase(), fold });
  }
  return out;
}

/** Wildcards and OCR confusables in a window, resolved against an alias of equal length. */
function project(win: string, key: string): { s: string; fixed: number } {
  if (win.length !== key.length) return { s: win, fixed: 0 };
  let s = '';
  let fixed = 0;
  for (let i = 0; i < win.length; i++) {
    const w = win[i];
    const k = key[i];
    if (w !== k && (w === '?' || ((w === '1' || w === '|') && (k === 'l' || k === 'i')))) { s += k; fixed++; } else s += w;
  }
  return { s, fixed };
}

/**
 * Diacritics agreement of a span with its alias, syllable by syllable: a wrong tone or vowel
 * mark ("Huệ" for "Huế") costs much, a missing one little (OCR drops marks), and text
 * without any diacritics costs nothing. Accent placement (Hòa/Hoà) is not a difference.
 */
function diacriticPenalty(span: string, alias: string, textHasMarks: boolean): number {
  const syl = alias.normalize('NFC').toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
  const flat = span.normalize('NFC').toLowerCase().replace(/[^\p{L}]/gu, '').replace(/ð/g, 'đ');
  if (flat.length !== syl.join('').length) return 0;
  const tone = (s: string) => (s.normalize('NFD').match(/[\u0300\u0301\u0303\u0309\u0323]/) ?? [''])[0];
  const quality = (s: string) => s.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC');
  let pen = 0;
  let at = 0;
  for (const a of syl) {
    const o = flat.slice(at, at + a.length);
    at += a.length;
    if (!hasDiacritics(o)) { if (textHasMarks && hasDiacritics(a)) pen += 0.02; continue; }
    if (quality(o) !== quality(a)) pen += 0.15;
    else if (tone(o) !== tone(a)) pen += tone(o) === '' ? 0.03 : 0.15;
  }
  return pen;
}

// ---------- resolution as of a date ----------

function resolve(unitId: string, asOf: string): { province: Province | null; rolled: boolean } {
  let p = provinceById.get(unitId) ?? null;
  if (!p) return { province: null, rolled: false };
  if (p.validFrom !== null && asOf < p.validFrom) {
    // a name that only exists later (Huế before 2025): its single predecessor
    const u = unitById.get(p.id)!;
    return { province: u.predecessors.length === 1 ? provinceById.get(u.predecessors[0])! : null, rolled: false };
  }
  let rolled = false;
  while (p && !validOn(p, asOf)) {
    const next = successorOf.get(p.id);
    p = next ? provinceById.get(next)! : null;
    rolled = true;
  }
  return { province: p, rolled };
}

function rollFinding(alias: Alias, from: Province, to: Province, asOf: string): Finding | null {
  if (squash(from.name) === squash(to.name) || alias.kind === 'capital') return null;
  const merged = to.predecessors.length > 1;
  return {
    code: merged ? 'province.superseded' : 'province.renamed',
    message: merged
      ? `${from.fullName} đã sáp nhập vào ${to.fullName} (mã ${to.code}) từ ${fmt(to.validFrom)}; văn bản ngày ${fmt(asOf)} được quy về ${to.fullName}`
      : `${from.fullName} đổi thành ${to.fullName} từ ${fmt(to.validFrom)}`,
  };
}
const fmt = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '');

// ---------- matching ----------

interface Hit { alias: Alias; start: number; end: number; cost: number; score: number; matched: string }

function exactHits(tokens: Token[], text: string): Hit[] {
  const textHasMarks = hasDiacritics(text);
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let key = '';
    for (let j = i; j < tokens.length && j < i + 6; j++) {
      key += tokens[j].fold;
      if (key.length > MAX_ALIAS) break;
      for (const alias of aliasByKey.get(key) ?? []) {
        const orig = tokens.slice(i, j + 1).map((t) => t.orig).join(' ');
        // strict aliases: printed exactly, or without any diacritics ("VINH" yes, "Vĩnh" no)
        if (alias.strict && hasDiacritics(orig) && orig.replace(/ /g, '') !== nfc(alias.text).toLowerCase().replace(/[^\p{L}]/gu, '')) continue;
        // a common word as capital ("Vinh") only alone or after "thành phố": never the tail of a
        // damaged "Trà Vĩnh"/"Vĩnh Long" with its marks lost
        if (alias.strict && alias.kind === 'capital' && !(i === 0 && j === tokens.length - 1) && !afterCityMarker(tokens, i)) continue;
        const score = 1 - diacriticPenalty(orig, alias.text, textHasMarks);
        hits.push({ alias, start: i, end: j + 1, cost: 0, score, matched: orig });
      }
    }
  }
  // a hit inside a longer hit is part of it ("Điện Biên" in "Điện Biên Phủ", "Vinh" never in "Vĩnh Long")
  return hits.filter((h) => !hits.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start));
}

/** Edits allowed for a fuzzy hit: none for short keys ("hanam"/"hanoi" are two apart). */
const budgetOf = (a: Alias) => (a.key.length <= 5 ? 0 : a.key.length <= 9 ? 1 : 2);

/** Is the edit distance ≤ max? Plain DP that stops once a whole row exceeds max. */
function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return false;
    prev = cur;
  }
  return prev[b.length] <= max;
}

/** Positions where both the text and the alias carry marks and the marks differ. */
function markConflicts(orig: string, alias: Alias): number {
  const a = nfc(alias.text).toLowerCase().replace(/[^\p{L}\d]/gu, '');
  if (orig.length !== a.length) return 0;
  let n = 0;
  for (let k = 0; k < a.length; k++) {
    if (orig[k] !== a[k] && hasDiacritics(orig[k]) && hasDiacritics(a[k])) n++;
  }
  return n;
}

function fuzzyHits(tokens: Token[], starts: number[]): Hit[] {
  const hits: Hit[] = [];
  for (const i of starts) {
    let win = '';
    for (let j = i; j < tokens.length && j < i + 6; j++) {
      if (isMarkerToken(tokens, j)) break;
      win += tokens[j].fold;
      if (win.length > MAX_ALIAS + 2) break;
      if (win.length < 5 || !/[a-z]/.test(win)) continue;
      const wild = (win.match(/[?1|]/g) ?? []).length;
      if (wild * 3 > win.length) continue;
      for (const alias of aliases) {
        if (alias.strict || Math.abs(alias.key.length - win.length) > 2) continue;
        const { s, fixed } = project(win, alias.key);
        const budget = budgetOf(alias);
        // a cheap banded check first: natural's implementations are ~50 µs a call, and a line
        // gives thousands of window × alias pairs
        if (!withinEdits(s, alias.key, budget + 1)) continue;
        // a mark that contradicts the alias ("?ình" against "Tĩnh") counts as an edit
        const cost = LevenshteinDistance(s, alias.key) + markConflicts(tokens.slice(i, j + 1).map((t) => t.orig).join(''), alias);
        const sim = 1 - cost / Math.max(s.length, alias.key.length);
        const jw = JaroWinklerDistance(s, alias.key);
        // resolved wildcards are near-certain but not proof; real edits weigh more
        const score = Math.min(cost === 0 ? 0.97 : 0.95, (sim + jw) / 2) - 0.02 * fixed;
        hits.push({ alias, start: i, end: j + 1, cost, score, matched: tokens.slice(i, j + 1).map((t) => t.orig).join(' ') });
      }
    }
  }
  return hits;
}


/**
 * Where the text names a province: exact alias hits, else fuzzy hits where a name is expected.
 * `ends` are the token indexes right after a marker ("tỉnh", "thành phố", "UBND"...).
 */
function nameHits(tokens: Token[], scope: string): { exact: Hit[]; hits: Hit[]; ends: Set<number> } {
  // "Hồ Chí Minh" after "TNCS", "tư tưởng", "Chủ tịch"... is a person or a body, not the city
  const blocked = (h: Hit) => h.alias.unitId === '79' && HCM_BLOCKERS.test(tokens.slice(Math.max(0, h.start - 2), h.start).map((t) => t.fold).join(' '));
  const exact = exactHits(tokens, scope).filter((h) => h.score >= 0.7 && !blocked(h));
  let hits = exact;
  const ends = markerEnds(tokens);
  if (hits.length === 0) {
    // fuzzy only where a name is expected: after a marker, or anywhere in a short text
    const starts = new Set([...ends].filter((i) => i < tokens.length));
    if (tokens.length <= 6) for (let i = 0; i < tokens.length; i++) starts.add(i);
    // without a marker the fuzzy window must be the whole text: "Ban Quản trị" is not Quảng Trị
    hits = fuzzyHits(tokens, [...starts].filter((i) => !isMarkerToken(tokens, i)))
      .filter((h) => !blocked(h) && (ends.has(h.start) || (h.start === 0 && h.end === tokens.length)));
  }
  return { exact, hits, ends };
}

interface RankedHit { hit: Hit; province: Province; rolledFrom: Province | null }

/** The best hit per province as of `asOf` (renamed or merged units rolled forward), cheapest first. */
function rankByProvince(hits: Hit[], asOf: string): RankedHit[] {
  // best hit per resolved province
  const best = new Map<string, RankedHit>();
  for (const hit of hits) {
    const { province, rolled } = resolve(hit.alias.unitId, asOf);
    if (!province) continue;
    const cur = best.get(province.id);
    if (!cur || hit.cost < cur.hit.cost || (hit.cost === cur.hit.cost && hit.score > cur.hit.score)) {
      best.set(province.id, { hit, province, rolledFrom: rolled ? provinceById.get(hit.alias.unitId)! : null });
    }
  }
  return [...best.values()].sort((a, b) => a.hit.cost - b.hit.cost || b.hit.score - a.hit.score);
}

export function matchProvince(text: string, opts: { asOf?: string } = {}): ProvinceMatch {
  const asOf = opts.asOf && isIso(opts.asOf) ? opts.asOf : today();
  const src = nfc(text ?? '').trim();
  const none = (findings: Finding[] = [], candidates: ProvinceMatch['candidates'] = [], score = 0): ProvinceMatch =>
    ({ province: null, score, candidates, matchedText: null, ambiguous: false, findings });
  if (!src) return none([{ code: 'province.empty', message: 'Không có tên tỉnh, thành phố' }]);

  // a date line: only its place part names the province
  const dl = /ng[aàảãáạ]y\s*\d|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}/iu.test(src) ? parsePlaceDateLine(src) : null;
  const scope = dl?.place ?? src;
  const tokens = tokenize(scope);

  const { exact, hits, ends } = nameHits(tokens, scope);
  if (hits.length === 0) {
    return none([{ code: 'province.not_found', message: `Không nhận ra tỉnh, thành phố trong "${src}"` }]);
  }

  const ranked = rankByProvince(hits, asOf);
  if (ranked.length === 0) return none([{ code: 'province.not_found', message: `Không có tỉnh, thành phố tương ứng vào ngày ${fmt(asOf)}` }]);
  // near misses (one edit over budget) block a fuzzy acceptance but are not offered as candidates
  const withinBudget = ranked.filter((r) => r.hit.cost <= budgetOf(r.hit.alias));
  const candidates = withinBudget.slice(0, 5).map((r) => ({ province: r.province, score: round(r.hit.score) }));
  if (candidates.length === 0) {
    return none([{ code: 'province.not_found', message: `Không nhận ra tỉnh, thành phố trong "${src}"` }], [], 0.1);
  }
  const top = ranked[0];
  const second = ranked[1];

  let accepted = false;
  const findings: Finding[] = [];
  if (exact.length > 0) {
    if (ranked.length === 1) accepted = true;
    else {
      // two provinces named: the one introduced by "tỉnh"/"thành phố" is the issuer
      const marked = ranked.filter((r) => ends.has(r.hit.start));
      if (marked.length === 1) {
        findings.push({ code: 'province.multiple', message: `Dòng nêu nhiều tỉnh, thành phố (${ranked.map((r) => r.province.name).join(', ')}); chọn ${marked[0].province.name} đứng sau "tỉnh/thành phố"` });
        return finishMatch(marked[0], candidates, findings, asOf);
      }
    }
  } else {
    const need = top.hit.cost === 0 ? 1 : 2; // a real edit needs a wider margin than a wildcard
    accepted = top.hit.cost <= budgetOf(top.hit.alias) && (!second || second.hit.cost >= top.hit.cost + need);
  }
  if (accepted) return finishMatch(top, candidates, findings, asOf);

  const ambiguous = !!second && second.hit.cost <= budgetOf(second.hit.alias) && top.hit.cost <= budgetOf(top.hit.alias);
  findings.push(ambiguous
    ? { code: 'province.ambiguous', message: `Không phân biệt được tỉnh, thành phố trong "${src}": ${candidates.map((c) => c.province.name).join(', ')}` }
    : { code: 'province.weak', message: `Khớp yếu với ${top.province.fullName} trong "${src}", cần kiểm tra` });
  return { province: null, score: round(top.hit.score * (ambiguous ? 0.5 : 0.6)), candidates, matchedText: top.hit.matched, ambiguous, findings };
}

/** An accepted match, with the findings that say how it was reached (fuzzy, via a capital, rolled to today's unit). */
function finishMatch(r: RankedHit, candidates: ProvinceMatch['candidates'], findings: Finding[], asOf: string): ProvinceMatch {
  const fs: Finding[] = [];
  if (r.hit.cost > 0 || r.hit.score < 0.97) {
    fs.push({ code: 'province.fuzzy', message: `Đọc "${r.hit.matched}" là ${r.province.fullName} (khớp gần đúng)` });
  }
  if (r.hit.alias.kind === 'capital') {
    fs.push({ code: 'province.via_capital', message: `"${r.hit.matched}" là tỉnh lỵ của ${provinceById.get(r.hit.alias.unitId)!.fullName}` });
  }
  if (r.rolledFrom) {
    const f = rollFinding(r.hit.alias, r.rolledFrom, r.province, asOf);
    if (f) fs.push(f);
  }
  return { province: r.province, score: round(r.hit.score), candidates, matchedText: r.hit.matched, ambiguous: false, findings: [...findings, ...fs] };
}

const round = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;
