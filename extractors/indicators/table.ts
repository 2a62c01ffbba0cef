// Summary tables laid out by any office — "TT | Chỉ tiêu | ĐVT | Kế hoạch | Thực hiện", plan
// right of the actual figure, extra Lũy kế / Tỷ lệ / Ghi chú columns, merged header cells —
// rebuilt from positioned text (pdfjs runs or OCR word boxes). columns.ts gives each header
// column its role; the body's lines are grouped into rows (a label or unit wrapped over two
// lines stays one row); each figure is placed in a column by where it stands under the header
// cells, and only the actual column's figure is read. A figure that cannot be placed with
// certainty, or a table without one certain actual column, goes to review.
import type { Box, Finding, PageText, TextItem, UnmappedFigure } from '../../model/document.js';
import { foldVietnamese } from '../text-fold.js';
import { type IndicatorCandidate, clamp01 } from './candidate.js';
import { type Column, type ColumnRole, FIGURE_ROLES, headerColumns, type ValueColumn, valueColumn } from './columns.js';
import { pageSlope, unionBoxes } from './doc-text.js';
import { bestSynonym, opensWithUnit, phraseTokens, preparedCatalogue, splitGlued } from './match.js';
import { isClose } from './prose.js';
import { joinNumberFragments, joinsNumber, readNumberCell, scale } from './numbers.js';

export type { Column, ColumnRole } from './columns.js';

interface Line { items: TextItem[]; y0: number; y1: number; h: number }
interface Chunk { items: TextItem[]; text: string; box: Box; numeric: boolean }

const cy = (b: Box) => b.y + b.h / 2;
const despace = (s: string) => foldVietnamese(s).replace(/[^a-z0-9%]/g, '');

/** Items grouped by baseline, left to right. */
export function rowsOf(items: TextItem[]): Line[] {
  const sorted = items.filter((i) => i.str.trim()).sort((p, q) => cy(p.box) - cy(q.box) || p.box.x - q.box.x);
  const lines: Line[] = [];
  for (const it of sorted) {
    const l = lines[lines.length - 1];
    if (l && Math.abs((l.y0 + l.y1) / 2 - cy(it.box)) <= Math.max(2, Math.min(l.h, it.box.h) * 0.5)) {
      l.items.push(it);
      l.y0 = Math.min(l.y0, it.box.y);
      l.y1 = Math.max(l.y1, it.box.y + it.box.h);
    } else lines.push({ items: [it], y0: it.box.y, y1: it.box.y + it.box.h, h: it.box.h });
  }
  for (const l of lines) l.items.sort((p, q) => p.box.x - q.box.x);
  return lines;
}

const NUMERIC = /^[^\p{L}\d]*\d[\d.,]*(?:\/\d[\d.,]*)?[^\p{L}\d]*$/u;
/** a cell that holds no figure: "-", "x", "—", a roman section number */
const PLACEHOLDER = /^([-–—x×/.]+|[IVX]+\.?)$/i;

/** Items of a line merged into phrases where the gap is word-sized. */
function chunksOf(line: Line): Chunk[] {
  const out: Chunk[] = [];
  for (const it of line.items) {
    const c = out[out.length - 1];
    const gap = c ? it.box.x - (c.box.x + c.box.w) : Infinity;
    const itNum = NUMERIC.test(it.str.trim());
    if (c && gap < Math.max(1.5, 0.6 * Math.min(it.box.h, c.box.h)) && itNum === c.numeric) {
      c.items.push(it);
      c.text += (gap > 0.12 * it.box.h ? ' ' : '') + it.str.trim();
      c.box = unionBoxes([c.box, it.box])!;
    } else out.push({ items: [it], text: it.str.trim(), box: { ...it.box }, numeric: itNum });
  }
  return out;
}

const HEADER_WORDS = new Set(('tt stt so thu tu chi tieu noi dung ten hang muc don vi tinh dvt ke hoach kh thuc hien th ket qua nam thang dau cuoi ' +
  'quy uoc luy giao duoc muc ghi chu ty le sanh voi cung ky tang giam % tich dat sl luong hoat dong linh vuc danh gia tri bao cao trong den nay tu ' +
  'phan tram kq du kien tieu chenh lech cong lai dvtinh st t').split(' '));

/** a header word, or header words run together ("Kếhoạch" from a bold OCR-ed header) */
const isHeaderWord = (w: string) => HEADER_WORDS.has(w) || /^(kehoach|thuchien|chitieu|donvi|donvitinh|noidung|noidungchitieu|ketqua|ghichu|tyle|sott|luyke|sosanh)$/.test(w);

/** Roles whose cells may hold words. */
const TEXT_ROLES: ReadonlySet<ColumnRole> = new Set(['label', 'unit', 'note', 'other']);

export interface TableHeader { columns: Column[]; first: number; last: number; value: ValueColumn }

/**
 * Finds the header of a table on a page: a line of header words naming the label column,
 * with the header lines above and below it (wrapped and merged cells), and its columns.
 */
export function findHeader(lines: Line[]): TableHeader | null {
  for (let i = 0; i < lines.length; i++) {
    const d = despace(lines[i].items.map((x) => x.str).join(' '));
    if (!/chitieu|noidung|hangmuc|linhvuc|danhmuc/.test(d)) continue;
    // a header line is header words in several cells, not a sentence that mentions "chỉ tiêu"
    const words = foldVietnamese(lines[i].items.map((x) => x.str).join(' ')).split(/[^a-z0-9%]+/).filter(Boolean);
    if (words.filter((w) => isHeaderWord(w) || /^\d+$/.test(w)).length < 0.8 * words.length) continue;
    // header lines: this one and neighbours within a line and a half that hold no figures
    let first = i, last = i;
    // a wrapped header line holds header words only ("tính", "năm 2023", "6 tháng đầu năm")
    const noFigures = (l: Line) => l.items.every((it) => foldVietnamese(it.str).split(/[^a-z0-9%]+/).every((w) => !w || isHeaderWord(w) || /^(19|20)\d\d$/.test(w) || /^\d{1,2}$/.test(w)));
    while (first > 0 && lines[first].y0 - lines[first - 1].y1 < 0.8 * lines[i].h && noFigures(lines[first - 1])) first--;
    while (last + 1 < lines.length && lines[last + 1].y0 - lines[last].y1 < 0.8 * lines[i].h && noFigures(lines[last + 1])) last++;
    const columns = headerColumns(lines.slice(first, last + 1));
    if (columns.length < 2 || !columns.some((c) => c.role === 'label') || !columns.some((c) => FIGURE_ROLES.has(c.role))) continue;
    return { columns, first, last, value: valueColumn(columns) };
  }
  return null;
}

/** OCR noise where a figure should be ("Rớ", "B4", "v4", "27T"): a short or unsure chunk */
const isOcrJunk = (ch: Chunk) => ch.items.every((i) => i.conf < 1) && (ch.text.replace(/\s+/g, '').length <= 4 || Math.min(...ch.items.map((i) => i.conf)) < 0.5);

/** Column of a chunk: numbers by centre among numeric columns, text by its left edge among text columns. */
function columnOf(columns: Column[], ch: Chunk): number {
  const centre = ch.box.x + ch.box.w / 2;
  // OCR noise standing under a figure column is a misread figure, not a label
  const junkFigure = !ch.numeric && isOcrJunk(ch)
    && columns.some((c) => FIGURE_ROLES.has(c.role) && Math.abs(centre - (c.x0 + c.x1) / 2) <= c.x1 - c.x0);
  const numeric = ch.numeric || PLACEHOLDER.test(ch.text) || junkFigure;
  let best = -1, bestD = Infinity;
  for (const [i, col] of columns.entries()) {
    if (numeric && col.role === 'label') continue;
    if (!numeric && !TEXT_ROLES.has(col.role)) continue;
    // distance to the column: 0 inside its header span, else to the nearer edge
    const x = numeric ? centre : ch.box.x;
    let d = x < col.x0 ? col.x0 - x : x > col.x1 ? x - col.x1 : 0;
    if (!numeric && col.role === 'label' && x < col.x1) d = 0; // left-aligned labels start left of a centred header
    if (!numeric && col.role === 'unit' && ch.box.x + ch.box.w < col.x0) d += 1000;
    if (d < bestD) { bestD = d; best = i; }
  }
  return best;
}

interface Row { lines: Line[]; cells: Map<number, Chunk[]>; anchorY: number }

/** "triệu đồng", "Tr.đồng", "tỷ đồng", "đồng", "12,5 tỷ" (a unit wrapped mid-word, "Tr.đồ ng", too) */
function moneyScale(unit: string): { money: boolean; factor: number } {
  const d = foldVietnamese(unit).replace(/[^a-z]/g, '');
  const money = /^(|tr|trieu|ty|ti|nghin|ngan)(dong|d|vnd)$/.test(d);
  const m = /^(ty|ti|trieu|tr|nghin|ngan)(dong|d|vnd)?$/.exec(d);
  const factor = !m ? 1 : m[1] === 'ty' || m[1] === 'ti' ? 1e9 : m[1] === 'nghin' || m[1] === 'ngan' ? 1e3 : 1e6;
  return { money, factor };
}

export interface TableResult {
  candidates: IndicatorCandidate[];
  unmapped: UnmappedFigure[];
  findings: Finding[];
  /** items read as table cells: the prose reader leaves them alone */
  consumed: Set<TextItem>;
}

export const MIN_TABLE_MATCH = 0.7;

/** the page item an OCR item copy (straightened, border glyphs cut off) stands for */
const ORIGINAL = new WeakMap<TextItem, TextItem>();
const orig = (it: TextItem) => ORIGINAL.get(it) ?? it;

/** Table-border glyphs OCR glues to a cell's text ("|Công", "¡20.761", "330|"). */
const BORDER_LEAD = /^[|¡¦![\]{}]+/;
const BORDER_TAIL = /[|¡¦![\]{}]+$/;

/**
 * Items of an OCR page made fit for rebuilding a table: turned back by the page's skew
 * (so the cells of one row share a baseline) and with border glyphs cut off their ends.
 * Born-digital items are returned as they are.
 */
export function tableItems(page: PageText): TextItem[] {
  if (page.source !== 'ocr' && page.items.every((i) => i.conf >= 1)) return page.items;
  const slope = pageSlope(page);
  const out: TextItem[] = [];
  for (const it of page.items) {
    const s = it.str;
    const lead = BORDER_LEAD.exec(s)?.[0].length ?? 0;
    const rest = s.slice(lead);
    const tail = BORDER_TAIL.exec(rest)?.[0].length ?? 0;
    const str = rest.slice(0, rest.length - tail);
    if (!str.trim()) continue;
    const per = it.box.w / Math.max(1, s.length);
    const x = it.box.x + per * lead;
    const w = Math.max(1, it.box.w - per * (lead + tail));
    const y = it.box.y - slope * (x + w / 2 - page.width / 2);
    const copy: TextItem = { ...it, str, box: { x, y, w, h: it.box.h } };
    ORIGINAL.set(copy, it);
    out.push(copy);
  }
  return out;
}

/**
 * A text layer may join a figure and the words of the next cell into one run ("37 Vượt kế",
 * "2.221 Vượt kế", "1 Tổng số tiền …"): such runs are cut in two (not "6 tháng"), the box shared by character count, so each
 * part lands in its own column. The copies map back to the page's item.
 */
function splitFigureRuns(items: TextItem[]): TextItem[] {
  const out: TextItem[] = [];
  for (const it of items) {
    const m = /^(\s*\d[\d.,/]*)(\s+)(\p{L}.*)$/u.exec(it.str);
    // "6 tháng", "năm 2023" are one phrase (a header's period), not a figure and a word
    if (!m || /^(tháng|năm|quý|ngày|tuần|đầu|cuối)(?=\s|$)/iu.test(m[3])) { out.push(it); continue; }
    const per = it.box.w / it.str.length;
    const a: TextItem = { ...it, str: m[1].trim(), box: { ...it.box, w: per * m[1].length } };
    const b: TextItem = { ...it, str: m[3], box: { ...it.box, x: it.box.x + per * (m[1].length + m[2].length), w: per * m[3].length } };
    ORIGINAL.set(a, orig(it));
    ORIGINAL.set(b, orig(it));
    out.push(a, b);
  }
  return out;
}

export function extractFromTables(pages: PageText[]): TableResult {
  const res: TableResult = { candidates: [], unmapped: [], findings: [], consumed: new Set() };
  let carry: TableHeader | null = null;
  for (const page of [...pages].sort((a, b) => a.page - b.page)) {
    const lines = rowsOf(splitFigureRuns(tableItems(page)));
    const header = findHeader(lines);
    let table: TableHeader;
    let from: number;
    if (header) {
      table = header;
      from = header.last + 1;
      for (const l of lines.slice(header.first, header.last + 1)) for (const it of l.items) res.consumed.add(orig(it));
    } else if (carry) {
      table = carry;
      const cols = carry.columns;
      // a table going on from the page before: skip a running header until the first row
      from = lines.findIndex((l) => chunksOf(l).some((c) => c.numeric && FIGURE_ROLES.has(cols[columnOf(cols, c)]?.role)));
      if (from < 0 || lines[from].y0 > page.height * 0.3) { carry = null; continue; }
      // only the first lines may be skipped, and only short ones
      if (lines.slice(0, from).some((l) => chunksOf(l).length > 2)) { carry = null; continue; }
    } else continue;
    const { rows, endedAt } = readRows(lines, from, table.columns, table.value.index);
    carry = endedAt >= lines.length ? table : null;
    for (const row of rows) for (const l of row.lines) for (const it of l.items) res.consumed.add(orig(it));
    const digitW = digitWidth(rows.flatMap((r) => r.lines.flatMap((l) => l.items)));
    const places = placeFigures(rows, table.columns);
    const read = rows.map((row) => readRow(page, table, row, places, res, digitW));
    checkTotals(read, res);
  }
  return res;
}

// Long because it is one loop deciding, line by line, where the table ends; each stop rule is one condition.
function readRows(lines: Line[], from: number, columns: Column[], valueAt: number): { rows: Row[]; endedAt: number } {
  const role = (i: number) => columns[i]?.role;
  const body: BodyLine[] = [];
  let i = from;
  const pitches: number[] = [];
  const heights = lines.slice(from, from + 6).flatMap((l) => l.items.map((it) => it.box.h)).sort((a, b) => a - b);
  const tableH = heights[heights.length >> 1] ?? 0;
  // a label running into the figure columns is prose, not a cell
  const label = columns.find((k) => k.role === 'label');
  const firstFigure = columns.find((k) => k.role !== 'unit' && k.role !== 'label' && (!label || k.x0 > label.x1));
  const figureStart = firstFigure ? firstFigure.x0 : Infinity;
  // a section heading row ("III | Xây dựng, nhân rộng mô hình …") may run on under the plan column
  const valueStart = columns[valueAt]?.x0 ?? Math.max(...columns.filter((k) => FIGURE_ROLES.has(k.role)).map((k) => k.x0));
  for (; i < lines.length; i++) {
    const line = lines[i];
    // Word/Excel pages know their structure: a line of a body paragraph is past the table's end
    if (body.length && line.items.some((it) => it.origin?.kind === 'paragraph')) break;
    const prev = body[body.length - 1]?.line;
    if (prev) {
      const pitch = line.y0 - prev.y0;
      const typical = pitches.length ? [...pitches].sort((a, b) => a - b)[pitches.length >> 1] : 2.2 * prev.h;
      if (pitch > Math.max(3 * typical, 3 * prev.h)) break;
      pitches.push(pitch);
    }
    // a heading or a paragraph in the body font after the table
    if (body.length && line.items.every((it) => it.conf >= 1) && line.items.some((it) => Math.abs(it.box.h - tableH) > 0.12 * tableH)) break;
    // an OCR-ed section heading in capitals ("II. ĐÁNH GIÁ CHUNG") ends the table
    if (body.length && line.items.every((it) => it.conf < 1)) {
      const words = line.items.map((it) => it.str).join(' ').split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w));
      if (words.length >= 2 && words.every((w) => w === w.toUpperCase())) break;
    }
    const cells = new Map<number, Chunk[]>();
    let stop = false;
    let anchor = false;
    const tt = columns.find((k) => k.role === 'tt');
    for (const [ci, ch] of chunksOf(line).entries()) {
      // a row number OCR could not read as one ("H", "IH" for "II") still opens a row
      if (ci === 0 && tt && !ch.numeric && ch.items.every((it) => it.conf < 1) && /^[\p{Lu}\d.:]{1,4}$/u.test(ch.text)
        && ch.box.x + ch.box.w / 2 >= tt.x0 - 4 && ch.box.x + ch.box.w / 2 <= tt.x1 + 4) { anchor = true; continue; }
      const c = columnOf(columns, ch);
      if (c < 0) { stop = true; break; }
      const r = role(c);
      const numeric = ch.numeric || PLACEHOLDER.test(ch.text);
      // prose or a signature block running through the figure columns ends the table
      if (!numeric && !TEXT_ROLES.has(r) && !isOcrJunk(ch)) { stop = true; break; }
      if (!numeric && r === 'label' && ch.box.x + ch.box.w > (anchor ? Math.max(valueStart, figureStart) : figureStart)) { stop = true; break; }
      // OCR: words running from the unit column into the figure columns are prose below the table
      if (!numeric && r === 'unit' && !isOcrJunk(ch) && ch.items.every((it) => it.conf < 1)
        && ch.box.x + ch.box.w > figureStart + 0.5 * ch.box.h) { stop = true; break; }
      // a ratio wrapped in a narrow cell ("108," / "3"), or the rest of a figure wrapped in a
      // narrow cell ("31.505.000." / "000", "120.300.0" / "00.000"), does not open a row
      const wrapped = !!body[body.length - 1]?.cells.get(c)?.some((p) => /\d[.,]$/.test(p.text) && /^\d+$/.test(ch.text) || joinsNumber(p.text, ch.text));
      if (numeric && !wrapped && (r === 'tt' || (FIGURE_ROLES.has(r) && r !== 'ratio' && r !== 'comparison'))) anchor = true;
      if (!cells.has(c)) cells.set(c, []);
      cells.get(c)!.push(ch);
    }
    if (stop) break;
    body.push({ line, cells, anchor, at: i });
  }
  const cut = trailingProse(body, columns);
  if (cut >= 0) { i = body[cut].at; body.length = cut; }
  return { rows: groupRows(body), endedAt: i };
}

/** Rows: each anchor line, plus the label-only lines nearest to it (ties go to the row above). */
function groupRows(body: BodyLine[]): Row[] {
  const anchors = body.filter((b) => b.anchor);
  const rows: Row[] = anchors.map((a) => ({ lines: [a.line], cells: new Map([...a.cells].map(([k, v]) => [k, [...v]])), anchorY: cy({ x: 0, y: a.line.y0, w: 0, h: a.line.y1 - a.line.y0 }) }));
  if (!rows.length) return rows;
  const rowOf = rowSplits(body);
  for (const [k, b] of body.entries()) {
    if (b.anchor) continue;
    const y = (b.line.y0 + b.line.y1) / 2;
    let best = rowOf[k];
    if (best < 0) {
      best = 0;
      for (let r = 1; r < rows.length; r++) if (Math.abs(rows[r].anchorY - y) < Math.abs(rows[best].anchorY - y) - 0.5) best = r;
    }
    const row = rows[best];
    row.lines.push(b.line);
    for (const [k, v] of b.cells) { if (!row.cells.has(k)) row.cells.set(k, []); row.cells.get(k)!.push(...v); }
  }
  for (const r of rows) for (const v of r.cells.values()) v.sort((p, q) => p.box.y - q.box.y || p.box.x - q.box.x);
  return rows;
}

interface BodyLine { line: Line; cells: Map<number, Chunk[]>; anchor: boolean; at: number }

/**
 * The row each line between two anchor lines belongs to: rows are set apart by the cell
 * padding, so the widest gap between the two anchors is the border — a top-aligned row's
 * wrapped lines go up, a middle-aligned row's first lines go down. Where no gap stands out
 * (-1), the caller takes the nearest anchor.
 */
function rowSplits(body: BodyLine[]): number[] {
  const out = body.map(() => -1);
  const anchorsAt = body.flatMap((b, k) => (b.anchor ? [k] : []));
  anchorsAt.forEach((k, r) => { out[k] = r; });
  for (let r = 0; r + 1 < anchorsAt.length; r++) {
    const a = anchorsAt[r], b = anchorsAt[r + 1];
    if (b - a < 2) continue;
    const gaps = Array.from({ length: b - a }, (_, j) => body[a + j + 1].line.y0 - body[a + j].line.y0);
    const widest = gaps.indexOf(Math.max(...gaps));
    if (gaps.some((g, j) => j !== widest && g * 1.15 > gaps[widest])) continue;
    for (let k = a + 1; k < b; k++) out[k] = k <= a + widest ? r : r + 1;
  }
  return out;
}

/**
 * A paragraph right under the table, in the table's font, reads like one more line of the
 * last row's label. The last row's own wrapped lines follow it at the label's line pitch;
 * a label-only line after the last figures that stands further off begins the prose
 * (index into body, or -1).
 */
function trailingProse(body: BodyLine[], columns: Column[]): number {
  const lastAnchor = body.map((b) => b.anchor).lastIndexOf(true);
  if (lastAnchor < 0) return -1;
  const labelOnly = (b: BodyLine) => !b.anchor && [...b.cells.keys()].every((k) => columns[k]?.role === 'label');
  // the pitch of a wrapped label: consecutive lines that both hold label words
  const steps: number[] = [];
  for (let k = 1; k < body.length; k++) {
    if (body[k].cells.has(columns.findIndex((c) => c.role === 'label')) && body[k - 1].cells.has(columns.findIndex((c) => c.role === 'label'))) steps.push(body[k].line.y0 - body[k - 1].line.y0);
  }
  const h = body[lastAnchor].line.h;
  const step = Math.max(Math.min(...steps, 1.25 * h), 1.05 * h);
  for (let k = lastAnchor + 1; k < body.length; k++) {
    // OCR boxes are too uneven in height to judge a line pitch by
    if (body[k].line.items.some((it) => it.conf < 1)) return -1;
    if (labelOnly(body[k]) && body[k].line.y0 - body[k - 1].line.y0 > 1.35 * step) return k;
  }
  return -1;
}

/** width of a number token in digits, as OCR boxes the ink: a "1", a group dot or a decimal comma is narrower */
const digitUnits = (s: string) => (s.match(/[02-9]/g)?.length ?? 0) + 0.6 * (s.match(/1/g)?.length ?? 0) + 0.5 * (s.match(/[.,]/g)?.length ?? 0);

/** Median width of one digit over a table's number tokens (0 when there are too few to tell). */
function digitWidth(items: TextItem[]): number {
  const w = items.filter((i) => /^\d[\d.,]*\d$/.test(i.str.trim())).map((i) => i.box.w / digitUnits(i.str.trim())).sort((a, b) => a - b);
  return w.length >= 4 ? w[w.length >> 1] : 0;
}

/** Where a figure of the body stands: its column, whether that is sure, and the columns it may be in. */
interface Place { col: number; sure: boolean; cands: number[] }

const overlapX = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);

/**
 * Places the body's figures in columns by where they stand under the header cells, never
 * by how many figures a row has. The figures of one column make one vertical stripe (their
 * boxes overlap, whether the column is right-, centre- or left-aligned); a stripe belongs to
 * the one header cell it stands under, or, under none, to the nearest one when that is
 * clearly nearer than the next. A stripe under two header cells, two stripes under one
 * column, or stripes out of the columns' order are not sure. Rows' cells are rebuilt to
 * match.
 */
function placeFigures(rows: Row[], columns: Column[]): Map<Chunk, Place> {
  const figs: Chunk[] = [];
  for (const r of rows) for (const v of r.cells.values()) for (const ch of v) if (ch.numeric && !PLACEHOLDER.test(ch.text)) figs.push(ch);
  figs.sort((a, b) => a.box.x - b.box.x);
  const stripes: Array<{ x0: number; x1: number; chunks: Chunk[]; place: Place }> = [];
  for (const ch of figs) {
    const s = stripes[stripes.length - 1];
    if (s && ch.box.x < s.x1 - 0.5) { s.chunks.push(ch); s.x1 = Math.max(s.x1, ch.box.x + ch.box.w); }
    else stripes.push({ x0: ch.box.x, x1: ch.box.x + ch.box.w, chunks: [ch], place: { col: -1, sure: false, cands: [] } });
  }
  const usable = columns.flatMap((c, i) => (c.role === 'label' ? [] : [i]));
  for (const s of stripes) {
    const under = usable.map((i) => ({ i, ov: overlapX(s, columns[i]) })).filter((c) => c.ov > 1).sort((a, b) => b.ov - a.ov);
    if (under.length) { s.place = { col: under[0].i, sure: under.length === 1, cands: under.map((c) => c.i) }; continue; }
    const near = usable.map((i) => ({ i, d: -overlapX(s, columns[i]) })).sort((a, b) => a.d - b.d);
    if (!near.length) continue;
    const sure = near.length === 1 || near[0].d * 2 <= near[1].d;
    s.place = { col: near[0].i, sure, cands: sure ? [near[0].i] : [near[0].i, near[1].i] };
  }
  // one stripe per figure column, in the columns' order
  for (let a = 0; a < stripes.length; a++) {
    for (let b = a + 1; b < stripes.length; b++) {
      const pa = stripes[a].place, pb = stripes[b].place;
      if (pa.col < 0 || pb.col < 0) continue;
      if (pa.col === pb.col && columns[pa.col].role !== 'tt' || pa.col > pb.col) {
        pa.sure = pb.sure = false;
        pa.cands = [...new Set([...pa.cands, pb.col])];
        pb.cands = [...new Set([...pb.cands, pa.col])];
      }
    }
  }
  const places = new Map<Chunk, Place>();
  for (const s of stripes) for (const ch of s.chunks) places.set(ch, s.place);
  for (const r of rows) {
    const cells = new Map<number, Chunk[]>();
    for (const [k, v] of r.cells) for (const ch of v) {
      const col = places.get(ch)?.col ?? k;
      if (col < 0) continue;
      if (!cells.has(col)) cells.set(col, []);
      cells.get(col)!.push(ch);
    }
    r.cells = cells;
  }
  return places;
}

/** What a row gave: its label, value and candidate, for the totals check. */
interface RowRead { label: string; unit: string; value: number | null; total: boolean; candidate?: IndicatorCandidate; provenance?: { page: number; box: Box | null; sourceText: string } }

/** "Tổng cộng", "Cộng", "Tổng số": a row that adds up the rows above it. */
const TOTAL_LABEL = /^(tong cong|cong|tong so|tong|cong chung|tong so chung)\s*:?$/;
/** "Trong đó", "- ", "+ ": a part of the row above, not added again */
const PART_LABEL = /^(trong do|gom|bao gom|[-+–])/;

/** The cell of the value column, or a figure that may stand in it though it is not sure which column it is in. */
function valueCell(table: TableHeader, row: Row, places: Map<Chunk, Place>): { chunks: Chunk[]; reasons: string[] } {
  const v = table.value;
  const cols = table.columns;
  const reasons = v.certain ? [] : [v.why ?? 'không xác định được cột thực hiện'];
  let chunks = row.cells.get(v.index) ?? [];
  const name = (i: number) => `"${cols[i].text}"`;
  const unsure = chunks.map((c) => places.get(c)).filter((p): p is Place => !!p && !p.sure);
  if (unsure.length) reasons.push(`số đứng giữa các cột ${[...new Set(unsure.flatMap((p) => p.cands))].map(name).join(', ')}`);
  if (!chunks.length) {
    const maybe = [...row.cells.values()].flat().filter((c) => { const p = places.get(c); return !!p && !p.sure && p.cands.includes(v.index); });
    if (maybe.length) {
      chunks = maybe;
      reasons.push(`số có thể thuộc cột ${name(places.get(maybe[0])!.col)} hoặc cột ${name(v.index)}`);
    }
  }
  return { chunks, reasons };
}

function readRow(page: PageText, table: TableHeader, row: Row, places: Map<Chunk, Place>, res: TableResult, digitW = 0): RowRead | null {
  const columns = table.columns;
  if (table.value.index < 0) return null;
  const text = (role: ColumnRole) => columns.flatMap((c, i) => (c.role === role ? (row.cells.get(i) ?? []) : []));
  const labelChunks = text('label');
  const unitChunks = text('unit');
  const { chunks: actualChunks, reasons } = valueCell(table, row, places);
  let label = labelChunks.map((c) => c.text).join(' ').replace(/\s+/g, ' ').trim();
  let unit = unitChunks.map((c) => c.text).join(' ').replace(/\s+/g, ' ').trim();
  // no unit column: the unit in brackets after the label ("Quỹ “Vì người nghèo” (triệu đồng)")
  const inLabel = !unitChunks.length && !columns.some((c) => c.role === 'unit') ? /\s*\(([^()]{1,24})\)$/.exec(label) : null;
  if (inLabel) { unit = inLabel[1].trim(); label = label.slice(0, inLabel.index).trim(); }
  const actualText = actualChunks.map((c) => c.text).join('').trim();
  if (!label) return null;
  const total = TOTAL_LABEL.test(foldVietnamese(label).replace(/[^a-z0-9:]+/g, ' ').trim());
  if (!actualText || PLACEHOLDER.test(actualText)) return { label, unit, value: null, total };
  const items = actualChunks.flatMap((c) => c.items);
  const ocr = items.some((i) => i.conf < 1) || page.source === 'ocr';
  const read = readFigure(actualText, unit, ocr);
  if (!read) return { label, unit, value: null, total };
  const { value, of, money, alternatives, num } = read;
  const ordered = columns.map((c, i) => ({ c, i })).filter(({ i }) => row.cells.has(i));
  const sourceText = ordered.map(({ i }) => row.cells.get(i)!.map((c) => c.text).join(' ')).join(' | ');
  const box = unionBoxes([...labelChunks, ...actualChunks].flatMap((c) => c.items.map((i) => orig(i).box)));
  const provenance = { page: page.page, box, sourceText };
  if (total) return { label, unit, value, total, provenance };

  const match = matchRow(label, unit, money, of !== null, ocr);
  if (!match) {
    res.unmapped.push({ text: sourceText, value, unit: money ? 'đồng' : unit || null, provenance });
    return { label, unit, value, total };
  }
  let confidence = match.confidence;
  const findings: Finding[] = [];
  if (ocr) confidence = ocrDoubts({ items, actualText, value, num, alternatives, digitW, provenance, confidence, findings });
  if (reasons.length) {
    // never accepted: a person says which column the figure is in
    confidence = Math.min(confidence, 0.5);
    findings.push({
      code: 'indicator.column_uncertain',
      message: `Không chắc số ${value.toLocaleString('vi-VN')} ở hàng "${label}" là số thực hiện: ${reasons.join('; ')}. Cần kiểm tra.`,
      place: provenance,
    });
  }
  const candidate: IndicatorCandidate = {
    key: match.key,
    value,
    qualifier: 'exact',
    source: 'table',
    confidence,
    provenance,
    ...(alternatives.length ? { alternatives } : {}),
    ...(of !== null ? { subValues: [{ label: 'trên tổng số', value: of }] } : {}),
    findings,
  };
  res.candidates.push(candidate);
  return { label, unit, value, total, candidate };
}

/** The figure of a value cell, scaled by the unit ("triệu đồng") or a scale in the cell ("12,5 tỷ"). */
function readFigure(actualText: string, unit: string, ocr: boolean) {
  const cellScale = moneyScale(actualText.replace(/[\d.,\s]/g, ' '));
  // "493/1.589": x out of y
  const pair = /^(\S+?)\s*\/\s*(\d[\d.,]*\d|\d)\D*$/.exec(actualText);
  const num = readNumberCell(joinNumberFragments(pair ? pair[1] : actualText).replace(/[\p{L}]+/gu, ' ').trim().split(/\s+/)[0] ?? '', ocr);
  if (num.value === null) return null;
  const of = pair ? readNumberCell(pair[2], ocr).value : null;
  const u = moneyScale(unit);
  const factor = Math.max(u.factor, cellScale.factor);
  const money = u.money || cellScale.money;
  const value = money ? Math.round(scale(num.value, factor)) : scale(num.value, factor);
  const alternatives = num.alternatives.map((v) => (money ? Math.round(scale(v, factor)) : scale(v, factor)));
  return { value, of, money, alternatives, num };
}

/**
 * The catalogue entry of a row's label (the unit helps: "lượt người", "chương trình"); a
 * short label that only makes sense with its unit ("Phát thanh" | "Chương trình") is read
 * with the unit in front. Null under MIN_TABLE_MATCH.
 */
function matchRow(label: string, unit: string, money: boolean, pair: boolean, ocr: boolean): { key: string; confidence: number } | null {
  const words = ocr ? splitGlued(phraseTokens(label).toks) : phraseTokens(label).toks;
  const unitWords = ocr ? splitGlued(phraseTokens(unit).toks) : phraseTokens(unit).toks;
  const scoreOf = (phrase: string[], withUnit: boolean) => preparedCatalogue().map((pe) => {
    if (unit && pe.money !== money) return null;
    if (pair && pe.entry.aggregate !== 'pair') return null;
    if (!unit && pe.money && !money) return null;
    const a = bestSynonym(pe, phrase, 'any');
    if (!a) return null;
    let score = a.score;
    if (withUnit) score -= 0.03; // the unit read into the label: a little less sure
    else if (unitWords.length && !pe.money) score += opensWithUnit(pe, unitWords) ? 0.02 : -0.05;
    return { pe, score };
  }).filter((x): x is NonNullable<typeof x> => !!x).sort((p, q) => q.score - p.score);
  let scored = scoreOf(words, false);
  if ((!scored[0] || scored[0].score < MIN_TABLE_MATCH) && unitWords.length && !money && words.length <= 3) scored = scoreOf([...unitWords, ...words], true);
  const best = scored[0];
  if (!best || best.score < MIN_TABLE_MATCH) return null;
  const second = scored.find((s) => s.pe.entry.key !== best.pe.entry.key);
  let confidence = Math.min(0.98, 0.5 + 0.5 * clamp01(best.score));
  if (second && isClose(best.score, second.score)) confidence = Math.min(confidence, 0.8);
  return { key: best.pe.entry.key, confidence };
}

interface OcrCheck {
  items: TextItem[]; actualText: string; value: number; num: { token: string; repaired: boolean };
  alternatives: number[]; digitW: number; provenance: { page: number; box: Box | null; sourceText: string };
  confidence: number; findings: Finding[];
}

/** Confidence of an OCR-ed figure, with ocr_doubt / ocr_border findings where the reading is not to be trusted. */
function ocrDoubts(o: OcrCheck): number {
  const c = Math.min(...o.items.map((i) => i.conf));
  let confidence = o.confidence * (c >= 0.9 ? 0.97 + 0.03 * c : Math.min(0.85, c));
  // letters among the digits ("27T"), or a token much wider or narrower than its digits
  // (a digit lost or made up): the reading is not to be trusted without a look
  const numItems = o.items.filter((i) => /\d/.test(i.str));
  const units = numItems.reduce((a, i) => a + digitUnits(i.str), 0);
  const width = numItems.reduce((a, i) => a + i.box.w, 0);
  const perDigit = units ? width / units : 0;
  const lettered = /[\p{L}]/u.test(o.actualText.replace(/\b(tỷ|tỉ|triệu|nghìn|ngàn|đồng|đ)\b/giu, ''));
  // a figure of thousands printed without its group dots ("10772"): a dot or comma was lost
  const ungrouped = /^\d{4,}$/.test(o.num.token);
  if (lettered || ungrouped || (o.digitW && perDigit && (perDigit > 1.45 * o.digitW || perDigit < 0.6 * o.digitW))) {
    confidence = Math.min(confidence, 0.6);
    o.findings.push({
      code: 'indicator.ocr_doubt',
      message: `Ô số "${o.actualText}" nhận dạng (OCR) không chắc chắn; đọc là ${o.value}, cần kiểm tra.`,
      place: o.provenance,
    });
  }
  // a leading "1" that may be a border: doubtful on a number of millions, or when the token was repaired;
  // on smaller ones the other reading is only kept for the cross-check with the prose
  if (o.num.repaired || (o.alternatives.length && o.num.token.split('.').length >= 3)) {
    confidence = Math.min(confidence, 0.85);
    o.findings.push({
      code: 'indicator.ocr_border',
      message: `Ô số "${o.actualText}" có thể dính nét kẻ bảng; đọc là ${o.value}${o.alternatives.length ? ` (hoặc ${o.alternatives.join(', ')})` : ''}.`,
      place: o.provenance,
    });
  }
  return confidence;
}

/**
 * Totals rows ("Tổng cộng", "Cộng", "Tổng số") against the rows they add up: those since the
 * previous total or section heading, parts ("Trong đó", "- ") left out or not. Equal: an
 * OCR doubt on one of them is settled. Unequal: every row in the block goes to review.
 */
function checkTotals(read: Array<RowRead | null>, res: TableResult): void {
  let from = 0;
  for (let k = 0; k < read.length; k++) {
    const t = read[k];
    if (!t?.total) continue;
    const block = read.slice(from, k).filter((r): r is RowRead => !!r && !r.total);
    from = k + 1;
    // the block since the last section heading (a row with a label and no figure), or since the previous total
    const heading = block.map((r) => r.value === null).lastIndexOf(true);
    const sets = [block, block.slice(heading + 1)].map((b) => b.filter((r) => r.value !== null))
      .flatMap((b) => [b, b.filter((r) => !PART_LABEL.test(foldVietnamese(r.label)))])
      .filter((b) => b.length >= 2 && new Set(b.map((r) => foldVietnamese(r.unit))).size === 1);
    if (t.value === null || !sets.length) continue;
    const sum = (b: RowRead[]) => b.reduce((a, r) => a + r.value!, 0);
    const agreeing = sets.find((b) => Math.abs(sum(b) - t.value!) < 1e-6);
    if (agreeing) {
      const doubted = agreeing.filter((r) => r.candidate?.findings.some((f) => f.code === 'indicator.ocr_border' || f.code === 'indicator.ocr_doubt'));
      if (doubted.length === 1) {
        const c = doubted[0].candidate!;
        c.findings = c.findings.filter((f) => f.code !== 'indicator.ocr_border' && f.code !== 'indicator.ocr_doubt');
        if (!c.findings.length) c.confidence = Math.max(c.confidence, 0.9);
      }
      continue;
    }
    const members = sets[0];
    const f: Finding = {
      code: 'indicator.total_mismatch',
      message: `Hàng "${t.label}" ghi ${t.value.toLocaleString('vi-VN')} nhưng các hàng bên trên cộng lại được ${sum(members).toLocaleString('vi-VN')}; cần kiểm tra các số của bảng.`,
      ...(t.provenance ? { place: t.provenance } : {}),
    };
    res.findings.push(f);
    for (const r of members) if (r.candidate) { r.candidate.findings.push(f); r.candidate.confidence = Math.min(r.candidate.confidence, 0.6); }
  }
}
