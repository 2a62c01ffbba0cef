// Word and Excel files have no pages with positions, but the header and indicator readers work
// on positioned lines (model/document.ts PageText). This lays a document's paragraphs and
// tables out as Word (or LibreOffice) prints them: the document's page size and margins,
// paragraphs wrapped at the text width with the advance widths of the font they are typed in
// (font-widths.ts: Times New Roman, Arial, DejaVu metrics), first-line indents, line heights
// from the font, breaks at spaces and after a hyphen, tables on their grid with the cell
// margins, merged cells (gridSpan, vMerge) and vertical alignment, header rows repeated on a
// new page. Every item stays inside its cell: a word wider than its cell is broken there, as
// Word does, so figures of two cells never run together. The items are then grouped into lines
// by the same function as a PDF text layer (page-text.ts).
import type { PageText, SourceRef, TextItem } from '../../model/document.js';
import { groupIntoLines } from '../page-text.js';
import { CHARS, FAMILIES } from './font-widths.js';

export interface Run { text: string; bold: boolean; italic?: boolean; /** points */ size: number; /** font name as written (w:rFonts) */ font?: string }
export type Align = 'left' | 'center' | 'right' | 'both';
/** auto: a multiple of the font's line; exact / atLeast: points */
export type LineSpacing = { rule: 'auto'; factor: number } | { rule: 'exact' | 'atLeast'; pt: number };
/** a tab stop: points from the text column's left edge */
export interface TabStop { pos: number; align: 'left' | 'center' | 'right' }
export interface Para {
  kind: 'p'; runs: Run[]; align: Align;
  /** left indent, points */
  indent?: number;
  /** the first line's offset from the left indent (negative: hanging), points */
  firstLine?: number;
  rightIndent?: number;
  pageBreakBefore?: boolean; origin?: SourceRef;
  /** points; a paragraph that says nothing of spacing gets a quarter line after it */
  spaceBefore?: number; spaceAfter?: number;
  line?: LineSpacing;
  /** the paragraph's own tab stops; past them, one every `defaultTab` points */
  tabs?: TabStop[];
  defaultTab?: number;
  /** size of the paragraph mark: the height of an empty paragraph */
  size?: number;
}
export interface Cell {
  span: number; paras: Para[];
  /** stamped on the items of every paragraph in the cell */
  origin?: SourceRef;
  /** a cell merged with the cells below it (restart) or into the one above (continue) */
  vMerge?: 'restart' | 'continue';
  vAlign?: 'top' | 'center' | 'bottom';
}
export interface Margins { left: number; right: number; top: number; bottom: number }
export interface RowProps { header?: boolean; /** points */ height?: number; exact?: boolean; gridBefore?: number }
export interface Table {
  kind: 'table';
  /** grid column widths, points */
  colWidths: number[];
  rows: Cell[][];
  /** the table's width: points, or a share of the text width (0..1); left out, the grid's */
  width?: { pt: number } | { share: number };
  /** cell margins; left out, 4 pt left and right, 2 pt top and bottom */
  margins?: Margins;
  rowProps?: RowProps[];
  /** left indent, points */
  indent?: number;
  align?: 'left' | 'center' | 'right';
}
/** A section break before a block: the page size and margins from there on (a landscape annex). */
export interface Section { geometry: PageGeometry; newPage: boolean }
export type Block = (Para | Table) & { section?: Section };

export interface PageGeometry { width: number; height: number; left: number; right: number; top: number; bottom: number }
/** A4 with the margins of Nghị định 30/2020 (left 30 mm, right 15 mm, top and bottom 20 mm). */
export const A4: PageGeometry = { width: 595.3, height: 841.9, left: 85, right: 42.5, top: 56.7, bottom: 56.7 };

// ── Font metrics ────────────────────────────────────────────────────────────────────────────

type Family = keyof typeof FAMILIES;
const CHAR_INDEX = new Map([...CHARS].map((c, i) => [c, i]));
const decoded = new Map<string, number[]>();

/** The metric family of a font name: Arial-like, DejaVu, or (the default) Times-like. */
export function familyOf(font?: string): Family {
  const f = (font ?? '').toLowerCase();
  if (/dejavu.*sans|verdana/.test(f)) return 'dejavu-sans';
  if (/dejavu/.test(f)) return 'dejavu-serif';
  if (/arial|helvetica|arimo|liberation sans|calibri|tahoma|segoe|roboto|open sans|noto sans|sans/.test(f)) return 'sans';
  return 'serif';
}

const styleIndex = (bold: boolean, italic: boolean) => (bold ? 1 : 0) + (italic ? 2 : 0);

function widthsOf(family: Family, style: number): number[] {
  const key = `${family}/${style}`;
  let w = decoded.get(key);
  if (!w) {
    const s = FAMILIES[family].widths[style];
    w = Array.from({ length: s.length / 2 }, (_, i) => Number.parseInt(s.slice(2 * i, 2 * i + 2), 36) / 1000);
    decoded.set(key, w);
  }
  return w;
}

/** Advance of a text in points, from the font's own widths (an unknown character counts as an "n"). */
export function textWidth(s: string, size: number, bold: boolean, italic = false, font?: string): number {
  const w = widthsOf(familyOf(font), styleIndex(bold, italic));
  const n = w[CHAR_INDEX.get('n')!];
  let em = 0;
  for (const ch of s.normalize('NFC')) {
    const i = CHAR_INDEX.get(ch);
    em += i !== undefined ? w[i] : /\p{M}/u.test(ch) ? 0 : ch === '\t' ? w[0] : n;
  }
  return em * size;
}

/** Height of one single-spaced line of a font at a size (ascent + descent + line gap). */
const fontLine = (size: number, font: string | undefined, bold: boolean, italic: boolean) => size * FAMILIES[familyOf(font)].line[styleIndex(bold, italic)] / 1000;

// ── Paragraphs ──────────────────────────────────────────────────────────────────────────────

/** A piece of a word in one style; `before` says what separates it from the previous piece. */
interface Piece { text: string; run: Run; before: 'space' | 'glue' | 'break' }
/** A word: pieces glued together (runs split inside a word), the unit of wrapping. */
interface Word { pieces: Piece[]; space: boolean; width: number; /** a tab: its width is where the next stop is */ tab?: boolean }
type Token = Word | 'br' | 'page';

const pieceWidth = (p: Piece) => textWidth(p.text, p.run.size, p.run.bold, !!p.run.italic, p.run.font);
const spaceWidth = (r: Run) => textWidth(' ', r.size, r.bold, !!r.italic, r.font);

/**
 * A run's text as pieces: words split at spaces, and after a hyphen that a letter follows
 * ("SLĐTBXH-" | "MTTQ": Word and LibreOffice may break a line there; "2021-2025" stays whole).
 */
function piecesOf(r: Run, pending: { space: boolean }, out: (Piece | 'br' | 'page' | 'tab')[]): void {
  r.text.split(/(\n|\f|\t)/).forEach((part) => {
    if (part === '\n' || part === '\f' || part === '\t') { out.push(part === '\n' ? 'br' : part === '\t' ? 'tab' : 'page'); pending.space = false; return; }
    for (const m of part.matchAll(/(\s*)(\S+)/g)) {
      const bits = m[2].split(/(?<=\p{L}-)(?=\p{L})/u);
      bits.forEach((text, i) => { out.push({ text, run: r, before: i > 0 ? 'break' : pending.space || m[1].length > 0 ? 'space' : 'glue' }); });
      pending.space = false;
    }
    if (/\s$/.test(part)) pending.space = true;
  });
}

function tokensOf(p: Para): Token[] {
  const pieces: (Piece | 'br' | 'page' | 'tab')[] = [];
  const pending = { space: false };
  for (const r of p.runs) piecesOf(r, pending, pieces);
  const out: Token[] = [];
  for (const x of pieces) {
    const last = out[out.length - 1];
    if (x === 'br' || x === 'page') out.push(x);
    else if (x === 'tab') out.push({ pieces: [], space: false, width: 0, tab: true });
    else if (x.before === 'glue' && last && last !== 'br' && last !== 'page' && !last.tab) { last.pieces.push(x); last.width += pieceWidth(x); }
    else out.push({ pieces: [x], space: x.before === 'space', width: pieceWidth(x) });
  }
  return out;
}

/** A word wider than `width` cut where it must be, character by character, as Word breaks it. */
function cutWord(w: Word, width: number): Word[] {
  const out: Word[] = [];
  let cur: Word = { pieces: [], space: w.space, width: 0 };
  for (const p of w.pieces) {
    for (const ch of p.text) {
      const cw = pieceWidth({ ...p, text: ch });
      if (cur.width + cw > width && cur.width > 0) { out.push(cur); cur = { pieces: [], space: false, width: 0 }; }
      const last = cur.pieces[cur.pieces.length - 1];
      if (last && last.run === p.run) last.text += ch;
      else cur.pieces.push({ text: ch, run: p.run, before: cur.pieces.length ? 'glue' : 'break' });
      cur.width += cw;
    }
  }
  if (cur.pieces.length) out.push(cur);
  return out;
}

interface LaidLine { words: Word[]; /** x of each word from the line's start */ xs: number[]; width: number; pageBefore: boolean }

/**
 * Where a tab at `start` (points from the text column's edge) takes the text: the next stop of
 * the paragraph's own, or of the default ones; a right or centre stop aligns the `seg` points
 * after it. Null when no stop is left on the line (the text goes on the next line).
 */
function tabStop(p: Para, start: number, seg: number, width: number): number | null {
  const own = (p.tabs ?? []).filter((t) => t.pos > start + 0.5 && t.pos <= width + 0.5).sort((a, b) => a.pos - b.pos);
  for (const t of own) {
    const at = t.align === 'right' ? t.pos - seg : t.align === 'center' ? t.pos - seg / 2 : t.pos;
    if (at >= start) return at;
  }
  const step = p.defaultTab && p.defaultTab > 0 ? p.defaultTab : 36;
  const next = (Math.floor(start / step) + 1) * step;
  return next < width ? next : null;
}

/** Wraps a paragraph's words into lines: the first `first` wide from `firstX`, the others `rest` wide from `left`. */
function wrap(p: Para, first: number, rest: number, firstX = 0, left = 0): LaidLine[] {
  const full = Math.max(first + firstX, rest + left);
  const lines: LaidLine[] = [{ words: [], xs: [], width: 0, pageBefore: false }];
  const avail = () => (lines.length === 1 ? first : rest);
  const push = (w: Word) => {
    const line = lines[lines.length - 1];
    const gap = line.words.length && w.space ? spaceWidth(w.pieces[0].run) : 0;
    line.xs.push(line.width + gap);
    line.words.push(w);
    line.width += gap + w.width;
  };
  const newLine = (pageBefore = false) => lines.push({ words: [], xs: [], width: 0, pageBefore });
  const tokens = tokensOf(p);
  tokens.forEach((t, k) => {
    if (t === 'br' || t === 'page') { newLine(t === 'page'); return; }
    if (t.tab) {
      const line = lines[lines.length - 1];
      const start = (lines.length === 1 ? firstX : left) + line.width;
      // the stop is measured from the column's edge; the line's words from the line's start
      const stop = tabStop(p, start, segmentWidth(tokens, k + 1), full);
      if (stop === null) { newLine(); return; }
      line.xs.push(line.width);
      line.words.push({ ...t, width: Math.max(0, stop - start) });
      line.width += Math.max(0, stop - start);
      return;
    }
    const line = lines[lines.length - 1];
    const gap = line.words.length && t.space ? spaceWidth(t.pieces[0].run) : 0;
    if (line.words.length && line.width + gap + t.width > avail()) newLine();
    if (t.width > avail()) {
      const parts = cutWord(t, Math.max(1, avail()));
      parts.forEach((part, i) => { if (i > 0) newLine(); push(part); });
      return;
    }
    push(t);
  });
  return lines;
}

/** Width of the words after a tab, up to the next tab or line break (what a right or centre stop aligns). */
function segmentWidth(tokens: Token[], from: number): number {
  let w = 0;
  for (let k = from; k < tokens.length; k++) {
    const t = tokens[k];
    if (t === 'br' || t === 'page' || t.tab) break;
    w += (w > 0 && t.space ? spaceWidth(t.pieces[0].run) : 0) + t.width;
  }
  return w;
}

const sameStyle = (a: Run, b: Run) => a.bold === b.bold && !!a.italic === !!b.italic && a.size === b.size && a.font === b.font;

/** Items of one line: one per stretch of pieces in the same style, at (x, top); `base` is the baseline offset. */
function placeLine(l: LaidLine, x: number, top: number, base: number, origin: SourceRef | undefined): TextItem[] {
  const items: TextItem[] = [];
  let prev: Run | null = null;
  l.words.forEach((w, i) => {
    if (w.tab) { prev = null; return; }
    let cx = x + l.xs[i];
    w.pieces.forEach((p, j) => {
      const pw = pieceWidth(p);
      const last = items[items.length - 1];
      if (last && prev && sameStyle(prev, p.run)) {
        last.str += (j === 0 && w.space ? ' ' : '') + p.text;
        last.box.w = cx + pw - last.box.x;
      } else {
        items.push({ str: p.text, box: { x: cx, y: top + base - 0.8 * p.run.size, w: pw, h: p.run.size }, bold: p.run.bold, italic: !!p.run.italic, conf: 1, ...(origin ? { origin } : {}) });
      }
      prev = p.run;
      cx += pw;
    });
  });
  return items;
}

/** A paragraph's lines laid out from y = 0 inside [x0, x1]: each with its items, top and height. */
interface ParaLayout { lines: { items: TextItem[]; top: number; height: number; pageBefore: boolean }[]; before: number; after: number }

function layoutPara(p: Para, x0: number, x1: number, origin = p.origin): ParaLayout {
  const width = x1 - x0 - (p.rightIndent ?? 0);
  const left = Math.min(Math.max(0, p.indent ?? 0), width / 2);
  const firstX = Math.max(0, Math.min(left + (p.firstLine ?? 0), width / 2));
  const lines = wrap(p, width - firstX, width - left, firstX, left);
  const markSize = p.size ?? p.runs[0]?.size ?? 13;
  const markRun = p.runs[0] ?? { text: '', bold: false, size: markSize };
  const spaced = (h: number) => (!p.line ? h : p.line.rule === 'auto' ? h * p.line.factor : p.line.rule === 'exact' ? p.line.pt : Math.max(p.line.pt, h));
  const out: ParaLayout['lines'] = [];
  let y = 0;
  lines.forEach((l, i) => {
    const runs = l.words.flatMap((w) => w.pieces.map((x) => x.run));
    const natural = Math.max(...(runs.length ? runs : [markRun]).map((r) => fontLine(r.size || markSize, r.font, r.bold, !!r.italic)));
    const height = spaced(natural);
    const maxSize = Math.max(...(runs.length ? runs : [markRun]).map((r) => r.size || markSize));
    const start = i === 0 ? firstX : left;
    const room = (i === 0 ? width - firstX : width - left) - l.width;
    const x = x0 + start + (p.align === 'center' ? room / 2 : p.align === 'right' ? room : 0);
    // the baseline sits an ascent (≈ 0.9 em of the largest text) below the line's top, plus half of any extra spacing
    const base = (height - natural) / 2 + 0.9 * maxSize;
    out.push({ items: placeLine(l, x, y, base, origin), top: y, height, pageBefore: l.pageBefore });
    y += height;
  });
  return { lines: out, before: p.spaceBefore ?? 0, after: p.spaceAfter ?? markSize * 0.25 };
}

const shifted = (items: TextItem[], dy: number) => items.map((it) => ({ ...it, box: { ...it.box, y: it.box.y + dy } }));

// ── Tables ──────────────────────────────────────────────────────────────────────────────────

const LEGACY_MARGINS: Margins = { left: 4, right: 4, top: 2, bottom: 2 };

/** A cell on the grid: its first row and column, how many of each it covers. */
interface Placed { cell: Cell; row: number; col: number; span: number; rowSpan: number }

/** Cells on the grid: gridBefore skipped, vertical merges joined to the cell they continue. */
function placeCells(t: Table): Placed[] {
  const placed: Placed[] = [];
  const owner = new Map<string, Placed>();
  t.rows.forEach((row, r) => {
    let col = t.rowProps?.[r]?.gridBefore ?? 0;
    for (const cell of row) {
      const span = Math.max(1, cell.span);
      const above = owner.get(`${r - 1}/${col}`);
      if (cell.vMerge === 'continue' && above) {
        above.rowSpan = r - above.row + 1;
        owner.set(`${r}/${col}`, above);
      } else {
        const p = { cell, row: r, col, span, rowSpan: 1 };
        placed.push(p);
        owner.set(`${r}/${col}`, p);
      }
      col += span;
    }
  });
  return placed;
}

/** Column edges of a table: its grid scaled to the table's width, never wider than the text. */
function columnEdges(t: Table, x0: number, x1: number, cols: number): number[] {
  const avail = x1 - x0;
  const grid = t.colWidths.length >= cols && t.colWidths.some((w) => w > 0) ? t.colWidths.slice(0, cols) : Array.from({ length: cols }, () => avail / cols);
  const sum = grid.reduce((s, w) => s + w, 0) || 1;
  const want = t.width ? ('pt' in t.width ? t.width.pt : t.width.share * avail) : sum;
  const total = Math.min(avail, want > 0 ? want : sum);
  const left = x0 + (t.align === 'center' ? (avail - total) / 2 : t.align === 'right' ? avail - total : Math.min(t.indent ?? 0, avail - total));
  const edges = [left];
  for (const w of grid) edges.push(edges[edges.length - 1] + w * (total / sum));
  return edges;
}

/** A cell's paragraphs laid out inside its box from y = 0 (margins included). */
function cellContent(c: Placed, edges: number[], m: Margins): { items: TextItem[]; height: number } {
  const x0 = edges[c.col] + m.left;
  const x1 = Math.max(x0 + 4, edges[Math.min(c.col + c.span, edges.length - 1)] - m.right);
  const items: TextItem[] = [];
  let y = m.top;
  for (const p of c.cell.paras) {
    const l = layoutPara(p, x0, x1, c.cell.origin ?? p.origin);
    y += l.before;
    for (const line of l.lines) items.push(...shifted(line.items, y));
    y += l.lines.reduce((s, x) => s + x.height, 0) + l.after;
  }
  return { items, height: y + m.bottom };
}

/** Row heights: the tallest single-row cell, the row's own height rule, and room for merged cells. */
function rowHeights(t: Table, placed: Placed[], content: Map<Placed, { height: number }>): number[] {
  const h = t.rows.map((_, r) => {
    const own = placed.filter((p) => p.row === r && p.rowSpan === 1).map((p) => content.get(p)!.height);
    const natural = Math.max(0, ...own);
    const rp = t.rowProps?.[r];
    return rp?.height ? (rp.exact ? rp.height : Math.max(rp.height, natural)) : natural;
  });
  for (const p of placed.filter((x) => x.rowSpan > 1)) {
    const have = h.slice(p.row, p.row + p.rowSpan).reduce((s, x) => s + x, 0);
    const need = content.get(p)!.height;
    if (need > have) h[p.row + p.rowSpan - 1] += need - have;
  }
  return h;
}

// ── Pages ───────────────────────────────────────────────────────────────────────────────────

class Pager {
  pages: TextItem[][] = [[]];
  /** each page's size and margins (a landscape section's pages are wider) */
  geometries: PageGeometry[];
  y: number;
  constructor(public g: PageGeometry) { this.y = g.top; this.geometries = [g]; }
  get limit() { return this.g.height - this.g.bottom; }
  get empty() { return this.pages[this.pages.length - 1].length === 0; }
  newPage() { this.pages.push([]); this.geometries.push(this.g); this.y = this.g.top; }
  /** a new section: its page size from here on, on a new page unless it runs on (continuous) */
  section(s: Section) {
    this.g = s.geometry;
    if (s.newPage && !this.empty) this.newPage();
    else this.geometries[this.geometries.length - 1] = this.empty ? s.geometry : this.geometries[this.geometries.length - 1];
  }
  /** room for `h` more points on this page, else a new page (unless this one is still empty) */
  fit(h: number) { if (this.y + h > this.limit && this.y > this.g.top && !this.empty) this.newPage(); }
  add(items: TextItem[]) { this.pages[this.pages.length - 1].push(...items); }
}

/** A paragraph line by line, each line going to the next page when this one is full. */
function placePara(pg: Pager, p: Para, x0: number, x1: number): void {
  if (p.pageBreakBefore && !pg.empty) pg.newPage();
  const l = layoutPara(p, x0, x1);
  pg.y += l.before;
  for (const line of l.lines) {
    if (line.pageBefore) pg.newPage();
    pg.fit(line.height);
    pg.add(shifted(line.items, pg.y - line.top));
    pg.y += line.height;
  }
  pg.y += l.after;
}

/**
 * A table row by row: rows that do not fit go to the next page, where the table's header rows
 * are repeated (as Word and LibreOffice print them); a merged cell is placed with the row it
 * starts in, centred or bottom-aligned over the rows it covers.
 */
function placeTable(pg: Pager, t: Table, x0: number, x1: number): void {
  const placed = placeCells(t);
  const cols = Math.max(1, t.colWidths.length, ...placed.map((p) => p.col + p.span));
  const edges = columnEdges(t, x0, x1, cols);
  const m = t.margins ?? LEGACY_MARGINS;
  const content = new Map(placed.map((p) => [p, cellContent(p, edges, m)]));
  const heights = rowHeights(t, placed, content);
  const headerRows = t.rowProps ? t.rowProps.findIndex((r) => !r?.header) : 0;
  const repeat = headerRows > 0 && headerRows < t.rows.length ? headerRows : 0;
  const rowItems = (r: number, top: number) => placed.filter((p) => p.row === r).flatMap((p) => {
    const c = content.get(p)!;
    const span = heights.slice(p.row, p.row + p.rowSpan).reduce((s, x) => s + x, 0);
    const free = Math.max(0, span - c.height);
    const dy = p.cell.vAlign === 'center' ? free / 2 : p.cell.vAlign === 'bottom' ? free : 0;
    return shifted(c.items, top + dy);
  });
  for (let r = 0; r < t.rows.length; r++) {
    const before = pg.pages.length;
    pg.fit(heights[r]);
    if (pg.pages.length > before && repeat && r >= repeat) {
      for (let h = 0; h < repeat; h++) { pg.add(rowItems(h, pg.y)); pg.y += heights[h]; }
    }
    pg.add(rowItems(r, pg.y));
    pg.y += heights[r];
  }
}

/** Pages of positioned text from paragraphs and tables, in document order. */
export function layoutBlocks(blocks: Block[], g: PageGeometry = A4): PageText[] {
  const pg = new Pager(g);
  for (const b of blocks) {
    if (b.section) pg.section(b.section);
    const x0 = pg.g.left;
    const x1 = pg.g.width - pg.g.right;
    if (b.kind === 'p') placePara(pg, b, x0, x1);
    else { placeTable(pg, b, x0, x1); pg.y += b.margins ? 0 : 4; }
  }
  return pg.pages
    .map((items, i) => ({ page: i + 1, width: pg.geometries[i].width, height: pg.geometries[i].height, source: 'text' as const, items, lines: groupIntoLines(items) }))
    .filter((p, i) => p.items.length > 0 || i === 0);
}
