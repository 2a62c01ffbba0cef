// Word and Excel files have no pages with positions, but the header and indicator readers work
// on positioned lines (model/document.ts PageText). This lays a document's paragraphs and
// tables out roughly as Word prints them: A4 with the document's margins, paragraphs wrapped
// at the text width and aligned as written, table cells side by side at their grid widths, a
// new page when one is full or at a page break. Glyph widths are estimated (Times-like
// proportions), which is enough for what the readers ask: which side of the page a line is
// on, what is centred, what stands in a column, what is bold and how large. The items are
// then grouped into lines by the same function as a PDF text layer (page-text.ts).
import type { PageText, SourceRef, TextItem } from '../../model/document.js';
import { groupIntoLines } from '../page-text.js';

export interface Run { text: string; bold: boolean; italic?: boolean; /** points */ size: number }
export type Align = 'left' | 'center' | 'right' | 'both';
export interface Para { kind: 'p'; runs: Run[]; align: Align; /** left indent, points */ indent?: number; pageBreakBefore?: boolean; origin?: SourceRef; /** points */ spaceBefore?: number; spaceAfter?: number }
export interface Cell { span: number; paras: Para[]; /** stamped on the items of every paragraph in the cell */ origin?: SourceRef }
export interface Table { kind: 'table'; /** grid column widths, points */ colWidths: number[]; rows: Cell[][] }
export type Block = Para | Table;

export interface PageGeometry { width: number; height: number; left: number; right: number; top: number; bottom: number }
/** A4 with the margins of Nghị định 30/2020 (left 30 mm, right 15 mm, top and bottom 20 mm). */
export const A4: PageGeometry = { width: 595.3, height: 841.9, left: 85, right: 42.5, top: 56.7, bottom: 56.7 };

/** Estimated advance of a text in points: capitals and bold are wider. */
export function textWidth(s: string, size: number, bold: boolean): number {
  let em = 0;
  for (const ch of s) em += ch === ' ' ? 0.25 : /\p{Lu}/u.test(ch) ? 0.68 : /[0-9]/.test(ch) ? 0.5 : /[.,:;'!|il]/.test(ch) ? 0.28 : 0.47;
  return em * size * (bold ? 1.06 : 1);
}

interface Word { text: string; bold: boolean; italic: boolean; size: number; space: boolean }

/**
 * A paragraph's runs as words with their style; `space` says whether a space precedes the word
 * (runs often split a word: "Số" + ": 280"). A line break (`\n`, w:br) is its own marker.
 */
function wordsOf(p: Para): (Word | 'br')[] {
  const out: (Word | 'br')[] = [];
  let pendingSpace = false;
  for (const r of p.runs) {
    r.text.split('\n').forEach((part, i) => {
      if (i > 0) { out.push('br'); pendingSpace = false; }
      for (const m of part.matchAll(/(\s*)(\S+)/g)) {
        out.push({ text: m[2], bold: r.bold, italic: !!r.italic, size: r.size, space: pendingSpace || m[1].length > 0 });
        pendingSpace = false;
      }
      if (/\s$/.test(part)) pendingSpace = true;
    });
  }
  return out;
}

/** Wraps a paragraph into lines no wider than `width`, breaking only where a space stands. */
function wrap(p: Para, width: number): Word[][] {
  const lines: Word[][] = [[]];
  let used = 0;
  for (const w of wordsOf(p)) {
    const line = lines[lines.length - 1];
    if (w === 'br') { lines.push([]); used = 0; continue; }
    const gap = line.length && w.space ? textWidth(' ', w.size, false) : 0;
    const ww = textWidth(w.text, w.size, w.bold);
    if (line.length && w.space && used + gap + ww > width) { lines.push([{ ...w, space: false }]); used = ww; continue; }
    line.push(w);
    used += gap + ww;
  }
  return lines.filter((l) => l.length > 0);
}

const lineSize = (ws: Word[], fallback: number) => (ws.length ? Math.max(...ws.map((w) => w.size)) : fallback);

/** Items of one wrapped line placed at (x, y): one item per run of words with the same style. */
function placeLine(ws: Word[], x: number, y: number, origin: SourceRef | undefined): TextItem[] {
  const items: TextItem[] = [];
  let cx = x;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    const gap = i > 0 && w.space ? textWidth(' ', w.size, false) : 0;
    const last = items[items.length - 1];
    const prev = ws[i - 1];
    if (last && prev && prev.bold === w.bold && prev.italic === w.italic && prev.size === w.size) {
      last.str += (gap ? ' ' : '') + w.text;
      last.box.w += gap + textWidth(w.text, w.size, w.bold);
    } else {
      items.push({ str: w.text, box: { x: cx + gap, y, w: textWidth(w.text, w.size, w.bold), h: w.size }, bold: w.bold, italic: w.italic, conf: 1, ...(origin ? { origin } : {}) });
    }
    cx += gap + textWidth(w.text, w.size, w.bold);
  }
  return items;
}

/** Lays out one paragraph inside [x0, x1] from y; returns its items and the y below it. */
function layoutPara(p: Para, x0: number, x1: number, y: number, origin = p.origin): { items: TextItem[]; bottom: number } {
  const fallback = p.runs[0]?.size ?? 13;
  const indent = Math.min(p.indent ?? 0, (x1 - x0) / 2);
  const lines = wrap(p, x1 - x0 - indent);
  const items: TextItem[] = [];
  // an empty paragraph still takes a line (offices space headers with them)
  const top = y + (p.spaceBefore ?? 0);
  let cy = lines.length === 0 ? top + fallback * 1.2 : top;
  for (const ws of lines) {
    const size = lineSize(ws, fallback);
    const w = ws.reduce((s, word, i) => s + (i > 0 && word.space ? textWidth(' ', word.size, false) : 0) + textWidth(word.text, word.size, word.bold), 0);
    const x = p.align === 'center' ? x0 + (x1 - x0 - w) / 2 : p.align === 'right' ? x1 - w : x0 + indent;
    items.push(...placeLine(ws, x, cy, origin));
    cy += size * 1.2;
  }
  return { items, bottom: cy + fallback * 0.25 + (p.spaceAfter ?? 0) };
}

/** Lays out one table row; each cell from the row's top, the row as tall as its tallest cell. */
function layoutRow(row: Cell[], colX: number[], y: number): { items: TextItem[]; bottom: number } {
  const items: TextItem[] = [];
  let bottom = y;
  let col = 0;
  for (const cell of row) {
    const x0 = colX[Math.min(col, colX.length - 1)];
    const x1 = colX[Math.min(col + Math.max(1, cell.span), colX.length - 1)];
    col += Math.max(1, cell.span);
    let cy = y + 2;
    for (const p of cell.paras) {
      const r = layoutPara(p, x0 + 4, Math.max(x0 + 8, x1 - 4), cy, cell.origin ?? p.origin);
      items.push(...r.items);
      cy = r.bottom;
    }
    bottom = Math.max(bottom, cy + 2);
  }
  return { items, bottom };
}

/** Column edges of a table, its grid scaled down to the text width when wider. */
function columnEdges(t: Table, x0: number, x1: number, cols: number): number[] {
  const widths = t.colWidths.length >= cols ? t.colWidths : Array.from({ length: cols }, () => (x1 - x0) / cols);
  const total = widths.reduce((s, w) => s + w, 0) || 1;
  const scale = total > x1 - x0 ? (x1 - x0) / total : 1;
  const edges = [x0];
  for (const w of widths) edges.push(edges[edges.length - 1] + w * scale);
  return edges;
}

/** Pages of positioned text from paragraphs and tables, in document order. */
export function layoutBlocks(blocks: Block[], g: PageGeometry = A4): PageText[] {
  const pages: TextItem[][] = [[]];
  const x0 = g.left;
  const x1 = g.width - g.right;
  const limit = g.height - g.bottom;
  let y = g.top;
  const newPage = () => { pages.push([]); y = g.top; };
  const place = (r: { items: TextItem[]; bottom: number }, top: number, redo: (top: number) => { items: TextItem[]; bottom: number }) => {
    // a block that does not fit starts the next page (unless it is alone on a fresh page)
    if (r.bottom > limit && top > g.top) { newPage(); r = redo(y); }
    pages[pages.length - 1].push(...r.items);
    y = r.bottom;
  };
  for (const b of blocks) {
    if (b.kind === 'p') {
      if (b.pageBreakBefore && pages[pages.length - 1].length) newPage();
      place(layoutPara(b, x0, x1, y), y, (top) => layoutPara(b, x0, x1, top));
      continue;
    }
    const cols = Math.max(1, ...b.rows.map((r) => r.reduce((s, c) => s + Math.max(1, c.span), 0)));
    const edges = columnEdges(b, x0, x1, cols);
    for (const row of b.rows) place(layoutRow(row, edges, y), y, (top) => layoutRow(row, edges, top));
    y += 4;
  }
  return pages
    .map((items, i) => ({ page: i + 1, width: g.width, height: g.height, source: 'text' as const, items, lines: groupIntoLines(items) }))
    .filter((p, i) => p.items.length > 0 || i === 0);
}

