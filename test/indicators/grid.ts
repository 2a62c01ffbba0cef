// Synthesized summary tables for the column-role tests: header cells laid out with boxes as a
// text layer or OCR would give them — cells wrapped over several lines ("\n"), merged cells
// over two sub-columns (a second header row), body cells aligned left / centre / right and
// top / middle, wrapped unit cells.
import type { PageText, TextItem } from '../../model/document.js';

const CHAR_W = 5.2;
const H = 12;
const LINE = 14;

export interface GridColumn { header: string; w: number; align: 'left' | 'center' | 'right' }
export interface GridSpec {
  cols: GridColumn[];
  /** merged header cells over columns from..to on a first header row */
  merged?: Array<{ text: string; from: number; to: number }>;
  rows: string[][];
  x0?: number;
  y0?: number;
  /** body cells centred vertically in their row */
  middle?: boolean;
  /** one item per word with this confidence (OCR), else one item per cell line */
  ocr?: number;
}

/** Items of the table, and the y under it. */
export function gridItems(spec: GridSpec): { items: TextItem[]; bottom: number } {
  const items: TextItem[] = [];
  const x0 = spec.x0 ?? 70;
  const colX = (i: number) => x0 + spec.cols.slice(0, i).reduce((a, c) => a + c.w, 0);
  const put = (text: string, x: number, w: number, y: number, align: GridColumn['align']) => {
    const tw = text.length * CHAR_W;
    const tx = align === 'left' ? x + 3 : align === 'right' ? x + w - 3 - tw : x + (w - tw) / 2;
    if (!spec.ocr) { items.push({ str: text, box: { x: tx, y, w: tw, h: H }, conf: 1 }); return; }
    let xx = tx;
    for (const word of text.split(' ')) {
      if (word) items.push({ str: word, box: { x: xx, y, w: word.length * CHAR_W, h: H }, conf: spec.ocr });
      xx += (word.length + 1) * CHAR_W;
    }
  };
  /** a cell's lines centred (or top-aligned) in [y, y + h] */
  const cell = (text: string, x: number, w: number, y: number, h: number, align: GridColumn['align'], middle: boolean) => {
    const lines = text ? text.split('\n') : [];
    const top = middle ? y + (h - lines.length * LINE) / 2 : y + 3;
    lines.forEach((l, k) => { if (l) put(l, x, w, top + k * LINE, align); });
  };
  const hLines = (t: string) => t.split('\n').length;
  let y = spec.y0 ?? 300;
  const merged = spec.merged ?? [];
  const under = new Set(merged.flatMap((m) => Array.from({ length: m.to - m.from + 1 }, (_, k) => m.from + k)));
  const topH = merged.length ? Math.max(...merged.map((m) => hLines(m.text))) * LINE + 6 : 0;
  const subH = under.size ? Math.max(...[...under].map((i) => hLines(spec.cols[i].header))) * LINE + 6 : 0;
  const fullH = Math.max(topH + subH, ...spec.cols.map((c, i) => (under.has(i) ? 0 : hLines(c.header) * LINE + 6)));
  for (const m of merged) cell(m.text, colX(m.from), colX(m.to + 1) - colX(m.from), y, topH, 'center', true);
  spec.cols.forEach((c, i) => {
    if (under.has(i)) cell(c.header, colX(i), c.w, y + topH, fullH - topH, 'center', true);
    else cell(c.header, colX(i), c.w, y, fullH, 'center', true);
  });
  y += fullH;
  for (const r of spec.rows) {
    const h = Math.max(...r.map(hLines)) * LINE + 6;
    r.forEach((t, i) => { cell(t, colX(i), spec.cols[i].w, y, h, spec.cols[i].align, !!spec.middle); });
    y += h;
  }
  return { items, bottom: y };
}

export function gridPage(spec: GridSpec, extra: TextItem[] = []): PageText {
  const { items } = gridItems(spec);
  return { page: 1, width: 595, height: 842, source: spec.ocr ? 'ocr' : 'text', items: [...extra, ...items], lines: [] };
}
