// An Excel workbook (XLSX, SpreadsheetML) as positioned pages, one or more per sheet: every
// non-empty row a table row, every cell in its column, so the indicator table reader finds
// label and figure columns as it does in a PDF annex. Numbers are written as a Vietnamese
// document prints them (1.234.567; 12,5). Read from the zip part by part (zip.ts limits) and
// parsed without entities (xml.ts); no formula is evaluated, the cached value is used.
import type { PageText } from '../../model/document.js';
import { TonghopError } from '../../model/errors.js';
import { readZipParts, type ZipLimits, DEFAULT_ZIP_LIMITS } from './zip.js';
import { attr, childrenOf, find, kid, kids, parseXml, tagOf, textOf, type XmlNode } from './xml.js';
import { A4, layoutBlocks, textWidth, type Block, type Cell, type Para } from './layout.js';

const SIZE = 11;
/** rows read per sheet; an annex has tens, a sheet of a million rows is not a report */
const MAX_ROWS = 5000;
const MAX_COLS = 100;
/** points left and right of a cell's text, and room to spare: neighbouring cells never run together */
const CELL_MARGIN = 5.4;

const vnNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6, useGrouping: true });

/** "B12" → column index 1 (0-based). */
export function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Shared strings: rich text runs joined, phonetic guides (rPh) left out. */
function sharedStrings(part: Uint8Array | undefined): string[] {
  if (!part) return [];
  const sst = find(parseXml(Buffer.from(part).toString('utf8'), 'xl/sharedStrings.xml'), 'sst');
  return sst ? kids(sst, 'si').map((si) => childrenOf(si).filter((c) => tagOf(c) !== 'rPh' && tagOf(c) !== 'phoneticPr').map(textOf).join('')) : [];
}

/** A cell's text as printed: shared or inline string, boolean, or a number in Vietnamese notation. */
function cellText(c: XmlNode, strings: string[]): string {
  const t = attr(c, 't');
  const v = kid(c, 'v');
  if (t === 'inlineStr') return textOf(kid(c, 'is') ?? {});
  const raw = v ? textOf(v) : '';
  if (t === 's') return strings[Number(raw)] ?? '';
  if (t === 'b') return raw === '1' ? 'TRUE' : 'FALSE';
  if (t === 'str' || t === 'e') return raw;
  const n = Number(raw);
  return raw !== '' && Number.isFinite(n) ? vnNumber.format(n) : raw;
}

/** 0 → "A", 27 → "AB". */
export function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A sheet row's cells as text, with the row's own number (1-based, as Excel shows it). */
interface SheetRow { cells: string[]; number: number }

/** A merged range: first and last row (as Excel numbers them), first and last column (0-based). */
interface Merge { r0: number; r1: number; c0: number; c1: number }

/** The sheet's merged ranges ("A1:B2"). */
function mergesOf(nodes: ReturnType<typeof parseXml>): Merge[] {
  const mc = find(nodes, 'mergeCells');
  if (!mc) return [];
  return kids(mc, 'mergeCell').flatMap((m) => {
    const [a, b] = (attr(m, 'ref') ?? '').split(':');
    if (!a || !b) return [];
    const row = (x: string) => Number(/\d+$/.exec(x)?.[0] ?? Number.NaN);
    const r = { r0: row(a), r1: row(b), c0: columnIndex(a), c1: columnIndex(b) };
    return Number.isFinite(r.r0) && Number.isFinite(r.r1) && r.r1 >= r.r0 && r.c1 >= r.c0 ? [r] : [];
  });
}

/** The rows of a sheet as text grids (row order kept, empty rows dropped). */
function sheetRows(part: Uint8Array, name: string, strings: string[]): { rows: SheetRow[]; merges: Merge[] } {
  const nodes = parseXml(Buffer.from(part).toString('utf8'), name);
  const data = find(nodes, 'sheetData');
  if (!data) return { rows: [], merges: [] };
  const rows: SheetRow[] = [];
  kids(data, 'row').slice(0, MAX_ROWS).forEach((r, i) => {
    const row: string[] = [];
    kids(r, 'c').forEach((c, j) => {
      const col = attr(c, 'r') ? columnIndex(attr(c, 'r')!) : j;
      if (col < MAX_COLS) row[col] = cellText(c, strings).trim();
    });
    const number = Number(attr(r, 'r')) || (rows[rows.length - 1]?.number ?? i) + 1;
    if (row.some((x) => x)) rows.push({ cells: Array.from(row, (x) => x ?? ''), number });
  });
  return { rows, merges: mergesOf(nodes) };
}

/** Sheet parts in workbook order, with their names (workbook.xml + its relationships). */
function sheetOrder(parts: Map<string, Uint8Array>): { name: string; part: string }[] {
  const wb = parts.get('xl/workbook.xml');
  const rels = parts.get('xl/_rels/workbook.xml.rels');
  const targets = new Map<string, string>();
  if (rels) {
    for (const r of kids(find(parseXml(Buffer.from(rels).toString('utf8'), 'workbook.xml.rels'), 'Relationships') ?? {}, 'Relationship')) {
      const target = (attr(r, 'Target') ?? '').replace(/^\/?xl\//, '').replace(/^\//, '');
      targets.set(attr(r, 'Id') ?? '', `xl/${target}`);
    }
  }
  const sheets = wb ? kids(find(parseXml(Buffer.from(wb).toString('utf8'), 'xl/workbook.xml'), 'sheets') ?? {}, 'sheet') : [];
  return sheets
    .map((s, i) => ({ name: attr(s, 'name') ?? `Sheet${i + 1}`, part: targets.get(attr(s, 'r:id') ?? '') ?? `xl/worksheets/sheet${i + 1}.xml` }))
    .filter((s) => parts.has(s.part));
}

const para = (text: string, bold: boolean, align: Para['align'] = 'left'): Para => ({ kind: 'p', runs: [{ text, bold, size: SIZE }], align });
const isFigure = (s: string) => /^[-+]?[\d.]+(,\d+)?%?$/.test(s);

/**
 * One sheet as blocks: its name, then its rows as a table with columns as wide as their longest
 * cell; every cell knows its sheet and reference (E3) for provenance. A merged range is one
 * cell over its columns and rows, centred as "Merge & Center" leaves it (a two-row header:
 * "Năm 2023" over "Kế hoạch | Thực hiện", "TT" and "Chỉ tiêu" over both rows).
 */
function sheetBlocks(name: string, sheetRowsRead: SheetRow[], merges: Merge[]): { blocks: Block[]; width: number } {
  const rows = sheetRowsRead.map((r) => r.cells);
  const ref = (i: number, c: number) => ({ kind: 'sheet' as const, sheet: name, ref: `${columnName(c)}${sheetRowsRead[i].number}` });
  const cols = Math.max(1, ...rows.map((r) => r.length), ...merges.map((m) => Math.min(MAX_COLS, m.c1 + 1)));
  const mergeAt = (i: number, c: number) => merges.find((m) => sheetRowsRead[i].number >= m.r0 && sheetRowsRead[i].number <= m.r1 && c >= m.c0 && c <= m.c1);
  // A row with one filled cell (a title, a section heading) spans the sheet, as Excel lets it
  // overflow into empty neighbours; it does not widen its column, nor does a merged cell.
  const lone = (r: string[], i: number) => r.filter((x) => x).length === 1 && cols > 1 && !mergeAt(i, r.findIndex((x) => x));
  const widths = Array.from({ length: cols }, (_, c) => Math.min(320, Math.max(30, ...rows.map((r, i) => {
    const m = mergeAt(i, c);
    return lone(r, i) || (m && m.c1 > m.c0) ? 0 : textWidth(r[c] ?? '', SIZE, false) + 2 * CELL_MARGIN + 12;
  }))));
  const cells: Cell[][] = rows.map((r, i) => {
    if (lone(r, i)) return [{ span: cols, paras: [para(r.find((x) => x)!, false)], origin: ref(i, r.findIndex((x) => x)) }];
    const out: Cell[] = [];
    for (let c = 0; c < cols; c++) {
      const m = mergeAt(i, c);
      if (m && c !== m.c0) continue;
      const span = m ? Math.min(cols, m.c1 + 1) - c : 1;
      const text = r[c] ?? '';
      if (m && sheetRowsRead[i].number > m.r0) { out.push({ span, paras: [], vMerge: 'continue' }); continue; }
      const align = m ? 'center' : isFigure(text) ? 'right' : 'left';
      out.push({ span, paras: text ? [para(text, false, align)] : [], origin: ref(i, c), ...(m && m.r1 > m.r0 ? { vMerge: 'restart' as const, vAlign: 'center' as const } : {}) });
    }
    return out;
  });
  const margins = { left: CELL_MARGIN, right: CELL_MARGIN, top: 1, bottom: 1 };
  return { blocks: [para(name, true), { kind: 'table', colWidths: widths, rows: cells, margins }], width: widths.reduce((s, w) => s + w, 0) };
}

/** An XLSX as positioned pages (each sheet from a new page). Throws office.* / xml.* for a hostile or broken file. */
export function readXlsx(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): PageText[] {
  const parts = readZipParts(bytes, (n) => /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|worksheets\/[^/]+\.xml)$/.test(n), limits);
  if (!parts.has('xl/workbook.xml')) throw new TonghopError('office.invalid', { detail: 'thiếu xl/workbook.xml' });
  const strings = sharedStrings(parts.get('xl/sharedStrings.xml'));
  const pages: PageText[] = [];
  for (const s of sheetOrder(parts)) {
    const { rows, merges } = sheetRows(parts.get(s.part)!, s.part, strings);
    if (rows.length === 0) continue;
    const { blocks, width } = sheetBlocks(s.name, rows, merges);
    // a wide sheet gets a wide page rather than squeezed columns
    const g = { ...A4, width: Math.max(A4.width, width + A4.left + A4.right) };
    for (const p of layoutBlocks(blocks, g)) pages.push({ ...p, page: pages.length + 1 });
  }
  return pages;
}
