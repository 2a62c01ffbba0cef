// Word's automatic numbering (word/numbering.xml): the labels Word prints before a numbered
// paragraph ("1.", "a)", "II.", "-") are not in the paragraph's text, but a PDF of it has them,
// and readers lean on them (section headings "II.", row numbers in a table's TT column). Each
// list (w:num) counts its levels in document order; a level restarts when a shallower one moves.
import { attr, find, kid, kids, parseXml, type XmlNode } from './xml.js';

interface Level { start: number; format: string; text: string; suffix: string; /** the level's indents (points): where the label and the text stand */ left?: number; firstLine?: number }
export interface Numbering {
  /** numId → its levels (by ilvl) and start overrides */
  lists: Map<string, { abstract: string; levels: Map<number, Level> }>;
  /** numId → the counters of its levels */
  counters: Map<string, number[]>;
}

const ROMAN: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
function roman(n: number): string {
  let s = '';
  for (const [v, r] of ROMAN) while (n >= v) { s += r; n -= v; }
  return s;
}
function letters(n: number): string {
  const ch = String.fromCharCode(96 + (((n - 1) % 26) + 1));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

/** One counter in a level's format. */
function format(n: number, fmt: string): string {
  switch (fmt) {
    case 'lowerLetter': return letters(n);
    case 'upperLetter': return letters(n).toUpperCase();
    case 'lowerRoman': return roman(n);
    case 'upperRoman': return roman(n).toUpperCase();
    case 'decimalZero': return String(n).padStart(2, '0');
    case 'none': return '';
    default: return String(n);
  }
}

function levelsOf(abs: XmlNode): Map<number, Level> {
  const out = new Map<number, Level>();
  for (const l of kids(abs, 'w:lvl')) {
    const val = (tag: string) => attr(kid(l, tag) ?? {}, 'w:val');
    const ind = kid(kid(l, 'w:pPr') ?? {}, 'w:ind');
    const pt = (name: string) => { const v = ind ? Number(attr(ind, name)) : Number.NaN; return Number.isFinite(v) ? v / 20 : undefined; };
    const hanging = pt('w:hanging');
    out.set(Number(attr(l, 'w:ilvl') ?? 0), {
      start: Number(val('w:start') ?? 1) || 0, format: val('w:numFmt') ?? 'decimal', text: val('w:lvlText') ?? '', suffix: val('w:suff') ?? 'tab',
      left: pt('w:left') ?? pt('w:start'), firstLine: hanging !== undefined ? -hanging : pt('w:firstLine'),
    });
  }
  return out;
}

/** The lists of numbering.xml (none when the part is missing). */
export function readNumbering(part: Uint8Array | undefined): Numbering {
  const n: Numbering = { lists: new Map(), counters: new Map() };
  if (!part) return n;
  const root = find(parseXml(Buffer.from(part).toString('utf8'), 'word/numbering.xml'), 'w:numbering');
  if (!root) return n;
  const abstracts = new Map(kids(root, 'w:abstractNum').map((a) => [attr(a, 'w:abstractNumId') ?? '', levelsOf(a)]));
  for (const num of kids(root, 'w:num')) {
    const abstract = attr(kid(num, 'w:abstractNumId') ?? {}, 'w:val') ?? '';
    const levels = new Map(abstracts.get(abstract) ?? []);
    for (const o of kids(num, 'w:lvlOverride')) {
      const ilvl = Number(attr(o, 'w:ilvl') ?? 0);
      const start = attr(kid(o, 'w:startOverride') ?? {}, 'w:val');
      const lvl = kid(o, 'w:lvl') ? levelsOf({ x: [kid(o, 'w:lvl')!] } as XmlNode).get(ilvl) : undefined;
      const base = lvl ?? levels.get(ilvl);
      if (base) levels.set(ilvl, { ...base, ...(start ? { start: Number(start) } : {}) });
    }
    n.lists.set(attr(num, 'w:numId') ?? '', { abstract, levels });
  }
  return n;
}

/** The indents a list level gives its paragraphs (a paragraph style or the paragraph may override them). */
export function levelIndent(n: Numbering, numId: string | undefined, ilvl: number): { left?: number; firstLine?: number } {
  const lvl = numId && numId !== '0' ? n.lists.get(numId)?.levels.get(ilvl) : undefined;
  return lvl ? Object.fromEntries(Object.entries({ left: lvl.left, firstLine: lvl.firstLine }).filter(([, v]) => v !== undefined)) : {};
}

/** A bullet as printed: a symbol-font glyph (private use area) becomes "•". */
const bullet = (t: string) => (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(t) && !/[\uE000-\uF8FF]/.test(t) ? t : '•');

/**
 * The label of the next paragraph of list `numId` at level `ilvl` (counting it), with what
 * follows it; null when the paragraph is not numbered (numId 0, or an unknown list).
 */
export function nextLabel(n: Numbering, numId: string | undefined, ilvl: number): string | null {
  const list = numId && numId !== '0' ? n.lists.get(numId) : undefined;
  const lvl = list?.levels.get(ilvl);
  if (!list || !lvl) return null;
  const counters = n.counters.get(numId!) ?? [];
  for (let k = 0; k <= ilvl; k++) if (counters[k] === undefined) counters[k] = (list.levels.get(k)?.start ?? 1) - (k === ilvl ? 1 : 0);
  counters[ilvl] += 1;
  counters.length = ilvl + 1;
  n.counters.set(numId!, counters);
  const label = lvl.format === 'bullet' ? bullet(lvl.text) : lvl.text.replace(/%(\d)/g, (_, d: string) => {
    const k = Number(d) - 1;
    return format(counters[k] ?? list.levels.get(k)?.start ?? 1, list.levels.get(k)?.format ?? 'decimal');
  });
  if (!label) return null;
  return label + (lvl.suffix === 'nothing' ? '' : lvl.suffix === 'space' ? ' ' : '\t');
}
