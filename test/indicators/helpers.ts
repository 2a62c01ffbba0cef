// Hand-made pages for the indicator tests: prose laid out as lines, tables as positioned
// cells (born-digital runs or OCR word boxes with confidences).
import type { PageText, TextItem } from '../../model/document.js';

const CHAR_W = 5.2;
const H = 12;

/** One item per line (or per word), left-aligned at x0, a line every 18 pt. */
export function proseItems(text: string, opts: { x0?: number; y0?: number; words?: boolean; conf?: number } = {}): TextItem[] {
  const x0 = opts.x0 ?? 84, y0 = opts.y0 ?? 80;
  const out: TextItem[] = [];
  text.split('\n').forEach((line, i) => {
    const y = y0 + i * 18;
    if (!line.trim()) return;
    if (!opts.words) { out.push({ str: line, box: { x: x0, y, w: line.length * CHAR_W, h: H }, conf: opts.conf ?? 1 }); return; }
    let x = x0;
    for (const w of line.split(' ')) {
      if (w) out.push({ str: w, box: { x, y, w: w.length * CHAR_W, h: H }, conf: opts.conf ?? 0.95 });
      x += (w.length + 1) * CHAR_W;
    }
  });
  return out;
}

export function page(items: TextItem[], n = 1, source: 'text' | 'ocr' = 'text'): PageText {
  return { page: n, width: 595, height: 842, source, items, lines: [] };
}

export interface TableSpec {
  /** column left edges and widths */
  cols: Array<{ x: number; w: number; align: 'left' | 'center' | 'right' }>;
  header: string[];
  /** cells; "\n" wraps a cell over lines */
  rows: string[][];
  y0?: number;
  /** OCR: one item per word, this confidence (or per-cell override via confOf) */
  ocr?: boolean;
  conf?: number;
  /** text glued to the left of a cell's first word (a border read as a glyph) */
  glue?: (row: number, col: number) => string;
}

/** Positioned items of a table: header centred, rows top-aligned, wrapped lines 14 pt apart. */
export function tableItems(spec: TableSpec): TextItem[] {
  const out: TextItem[] = [];
  let y = spec.y0 ?? 400;
  const put = (text: string, col: number, yy: number, align: 'left' | 'center' | 'right', glue = '') => {
    const c = spec.cols[col];
    const s = glue + text;
    const w = s.length * CHAR_W;
    const x = align === 'left' ? c.x + 4 : align === 'right' ? c.x + c.w - 4 - w : c.x + (c.w - w) / 2;
    if (!spec.ocr) { out.push({ str: s, box: { x, y: yy, w, h: H }, conf: 1 }); return; }
    let xx = x;
    for (const word of s.split(' ')) {
      if (word) out.push({ str: word, box: { x: xx, y: yy, w: word.length * CHAR_W, h: H }, conf: spec.conf ?? 0.95 });
      xx += (word.length + 1) * CHAR_W;
    }
  };
  const rowBlock = (cells: string[], header: boolean, r: number) => {
    let lines = 1;
    cells.forEach((cell, col) => {
      const parts = cell.split('\n');
      lines = Math.max(lines, parts.length);
      parts.forEach((p, k) => { if (p) put(p, col, y + k * 14, header ? 'center' : spec.cols[col].align, k === 0 && spec.glue ? spec.glue(r, col) : ''); });
    });
    y += (lines - 1) * 14 + 20;
  };
  rowBlock(spec.header, true, -1);
  spec.rows.forEach((r, i) => { rowBlock(r, false, i); });
  return out;
}

/** The usual five columns: TT | Chỉ tiêu | Đơn vị tính | Kế hoạch | Thực hiện. */
export const FIVE_COLS: TableSpec['cols'] = [
  { x: 84, w: 26, align: 'center' },
  { x: 110, w: 200, align: 'left' },
  { x: 310, w: 70, align: 'center' },
  { x: 380, w: 75, align: 'right' },
  { x: 455, w: 85, align: 'right' },
];
export const FIVE_HEADER = ['TT', 'Chỉ tiêu', 'Đơn vị tính', 'Kế hoạch', 'Thực hiện'];
