// Tokens and clauses of Vietnamese report prose. Numbers keep their dots and commas
// ("1.234", "12,5" are one token, so "1.234" never ends a sentence); ";" and ":" end a
// clause, and so does a sentence-final "." or a new line that opens a list item
// ("- ", "+ ", "a) ", "1.2. "). Parenthesised asides are cut out of their clause and kept
// apart, with the place they stood, so "(năm 2022: 16.353 triệu đồng; ...)" can be hung
// on the figure before it.
import { foldVietnamese } from '../text-fold.js';

export type TokenKind = 'num' | 'word' | 'punct';

export interface Token {
  text: string;
  /** folded: lower case, no diacritics, đ → d */
  fold: string;
  kind: TokenKind;
  start: number;
  end: number;
}

export interface Clause {
  tokens: Token[];
  start: number;
  end: number;
  /** for a clause after ":", the clause before it in the same sentence ("Số tờ rơi" in "Số tờ rơi: 1.200 tờ") */
  lead: Token[] | null;
  /** sentence number, for grouping */
  sentence: number;
  /** set for text inside parentheses: the clause it stood in and how many of that clause's tokens came before it */
  host: { clause: number; at: number } | null;
  /** list marker or section number the clause opened with ("-", "a)", "1.2.") */
  marker: string | null;
  /** the punctuation that closed it (";", ":", "."), null at a line-opened list item or the end */
  closer: string | null;
}

const TOKEN_RE = /\d(?:[\d.,]*\d)?|[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)?|[^\s\p{L}\p{M}\d]/gu;

export function tokenize(text: string, offset = 0): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const t = m[0];
    const kind: TokenKind = /^\d/.test(t) ? 'num' : /^[\p{L}\p{M}]/u.test(t) ? 'word' : 'punct';
    out.push({ text: t, fold: kind === 'word' ? foldVietnamese(t) : t, kind, start: m.index! + offset, end: m.index! + offset + t.length });
  }
  return out;
}

const LIST_MARKS = new Set(['-', '+', '•', '–', '—', '*', '·', '●', '○', '▪', '']);
const ROMAN = /^[IVXLC]+$/;

/** Is there a line break in text between two offsets? */
const breakBetween = (text: string, a: number, b: number) => text.slice(a, b).includes('\n');

/** Number of tokens a list marker / section number at `i` takes ("1.2." → 2, "a)" → 2, "-" → 1), or 0. */
function markerLength(toks: Token[], i: number): number {
  const t = toks[i];
  const n = toks[i + 1];
  if (!t) return 0;
  if (t.kind === 'punct' && LIST_MARKS.has(t.text)) return 1;
  if (n && n.kind === 'punct' && (n.text === '.' || n.text === ')')) {
    if (t.kind === 'num' && /^\d+(\.\d+)*$/.test(t.text) && !/^\d{1,3}(\.\d{3})+$/.test(t.text)) return 2;
    if (t.kind === 'num' && /^\d{1,2}$/.test(t.text)) return 2;
    if (t.kind === 'word' && (/^[a-zđ]$/i.test(t.text) || ROMAN.test(t.text))) return 2;
  }
  return 0;
}

/** Parenthesised spans [open, close] as token indexes (one level; unclosed ones are ignored). */
function parenSpans(toks: Token[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].text !== '(') continue;
    for (let j = i + 1; j < toks.length && j < i + 120; j++) {
      if (toks[j].text === '(') break;
      if (toks[j].text === ')') { out.push([i, j]); i = j; break; }
    }
  }
  return out;
}

/** Splits text into clauses. */
// Long on purpose: one pass whose clause state (cur, lead, marker, sentence, pending parentheses) every
// punctuation rule updates; split apart, that state would travel through every helper.
export function segment(text: string): Clause[] {
  const toks = tokenize(text);
  const parens = parenSpans(toks);
  const inParen = new Map<number, number>(); // open index → close index
  for (const [a, b] of parens) inParen.set(a, b);

  const clauses: Clause[] = [];
  let sentence = 0;
  const pendingParens: Array<{ open: number; close: number; host: number; at: number }> = [];

  const run = (from: number, to: number, host: Clause['host'], parenMode: boolean) => {
    let cur: Token[] = [];
    let lead: Token[] | null = null;
    let marker: string | null = null;
    let prevClauseTokens: Token[] | null = null;
    const flush = (closer: string | null = null) => {
      if (cur.length) {
        clauses.push({ tokens: cur, start: cur[0].start, end: cur[cur.length - 1].end, lead, sentence, host, marker, closer });
        prevClauseTokens = cur;
      }
      cur = [];
      lead = null;
      marker = null;
    };
    for (let i = from; i < to; i++) {
      const t = toks[i];
      if (!parenMode && inParen.has(i)) {
        const close = inParen.get(i)!;
        pendingParens.push({ open: i, close, host: clauses.length, at: cur.length });
        i = close;
        continue;
      }
      // a new line that opens a list item or a section ends the clause and the sentence
      const prev = toks[i - 1];
      if (i > from && prev && (text.slice(prev.end, t.start).includes('\n\n') || (breakBetween(text, prev.end, t.start) && markerLength(toks, i) > 0))) { flush(); sentence++; prevClauseTokens = null; }
      if (cur.length === 0) {
        const ml = markerLength(toks, i);
        if (ml > 0 && (i === 0 || !prev || breakBetween(text, prev.end, t.start) || i === from)) {
          marker = toks.slice(i, i + ml).map((x) => x.text).join('');
          i += ml - 1;
          continue;
        }
      }
      if (t.kind === 'punct') {
        if (t.text === ';' || t.text === '!' || t.text === '?') { flush(t.text); if (t.text !== ';') { sentence++; prevClauseTokens = null; } continue; }
        if (t.text === ':') { const before = cur; flush(':'); lead = before.length ? before : prevClauseTokens; continue; }
        if (t.text === '.' || t.text === '…') {
          const next = toks[i + 1];
          const after = text.slice(t.end, t.end + 1);
          // "./." closes a document; ". " before a capital, a list mark or the end closes a sentence
          if (!next || /\s/.test(after) || next.text === '/') {
            if (next?.kind !== 'word' || /^\p{Lu}/u.test(next.text) || breakBetween(text, t.end, next.start) || next.text === '/') {
              flush('.'); sentence++; prevClauseTokens = null;
              if (next?.text === '/') { i++; if (toks[i + 1]?.text === '.') i++; }
              continue;
            }
          }
        }
      }
      cur.push(t);
    }
    flush();
  };

  run(0, toks.length, null, false);
  for (const p of pendingParens) run(p.open + 1, p.close, { clause: p.host, at: p.at }, true);
  return clauses;
}
