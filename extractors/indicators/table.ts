// Summary tables "TT | Chỉ tiêu | Đơn vị tính | Kế hoạch | Thực hiện" rebuilt from
// positioned text (pdfjs runs or OCR word boxes): the header row gives the columns, lines
// below are grouped into rows (a label wrapped over two lines stays one row), the figure
// is the "Thực hiện" cell, never "Kế hoạch".
import type { Box, Finding, PageText, TextItem, UnmappedFigure } from '../../model/document.js';
import { foldVietnamese } from '../text-fold.js';
import { type IndicatorCandidate, clamp01 } from './candidate.js';
import { pageSlope, unionBoxes } from './doc-text.js';
import { bestSynonym, opensWithUnit, phraseTokens, preparedCatalogue, splitGlued } from './match.js';
import { isClose } from './prose.js';
import { joinNumberFragments, readNumberCell, SCALES, scale } from './numbers.js';

export type ColumnRole = 'tt' | 'label' | 'unit' | 'plan' | 'actual' | 'other';

export interface Column { role: ColumnRole; x0: number; x1: number; text: string }

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
  'quy uoc luy giao duoc muc ghi chu ty le sanh voi cung ky tang giam %').split(' '));

/** a header word, or header words run together ("Kếhoạch" from a bold OCR-ed header) */
const isHeaderWord = (w: string) => HEADER_WORDS.has(w) || /^(kehoach|thuchien|chitieu|donvi|donvitinh|noidung|noidungchitieu|ketqua|ghichu|tyle|sott)$/.test(w);

function classify(text: string): ColumnRole | null {
  const d = despace(text);
  if (!d) return null;
  if (/tyle|%|sosanh|ghichu|sovoi|tang|giam/.test(d)) return 'other';
  if (/^(s?tt|sott|thutu)$/.test(d)) return 'tt';
  if (/chitieu|noidung|hangmuc|tenchi/.test(d)) return 'label';
  if (/donvi|dvt/.test(d)) return 'unit';
  if (/kehoach|^kh$|mucgiao|duocgiao/.test(d)) return 'plan';
  if (/thuchien|ketqua|^th$/.test(d)) return 'actual';
  return 'other';
}

/** Finds the header of a table on a page and returns its columns and its lines' index range. */
export function findHeader(lines: Line[]): { columns: Column[]; first: number; last: number } | null {
  for (let i = 0; i < lines.length; i++) {
    const d = despace(lines[i].items.map((x) => x.str).join(' '));
    if (!/chitieu|noidung/.test(d)) continue;
    // a header line is header words in several cells, not a sentence that mentions "chỉ tiêu"
    const words = foldVietnamese(lines[i].items.map((x) => x.str).join(' ')).split(/[^a-z0-9%]+/).filter(Boolean);
    if (words.filter((w) => isHeaderWord(w) || /^\d+$/.test(w)).length < 0.8 * words.length || chunksOf(lines[i]).length < 2) continue;
    // header lines: this one and neighbours within a line and a half that hold no figures
    let first = i, last = i;
    // a wrapped header line holds header words only ("tính", "năm 2023", "6 tháng đầu năm")
    const noFigures = (l: Line) => l.items.every((it) => foldVietnamese(it.str).split(/[^a-z0-9%]+/).every((w) => !w || isHeaderWord(w) || /^(19|20)\d\d$/.test(w) || /^\d{1,2}$/.test(w)));
    while (first > 0 && lines[first].y0 - lines[first - 1].y1 < 0.8 * lines[i].h && noFigures(lines[first - 1])) first--;
    while (last + 1 < lines.length && lines[last + 1].y0 - lines[last].y1 < 0.8 * lines[i].h && noFigures(lines[last + 1])) last++;
    const dAll = despace(lines.slice(first, last + 1).flatMap((l) => l.items.map((x) => x.str)).join(' '));
    if (!/thuchien|ketqua/.test(dAll)) continue;
    // header cells: items that overlap or nearly touch horizontally, across the header lines
    const lineOf = new Map<TextItem, number>();
    for (let k = first; k <= last; k++) for (const it of lines[k].items) lineOf.set(it, k);
    const items = lines.slice(first, last + 1).flatMap((l) => l.items).sort((p, q) => p.box.x - q.box.x);
    const cells: Array<{ x0: number; x1: number; items: TextItem[] }> = [];
    for (const it of items) {
      const c = cells[cells.length - 1];
      if (c && it.box.x <= c.x1 + 0.6 * it.box.h) { c.items.push(it); c.x1 = Math.max(c.x1, it.box.x + it.box.w); }
      else cells.push({ x0: it.box.x, x1: it.box.x + it.box.w, items: [it] });
    }
    const columns: Column[] = [];
    for (const c of cells) {
      const text = [...c.items].sort((p, q) => lineOf.get(p)! - lineOf.get(q)! || p.box.x - q.box.x).map((x) => x.str.trim()).join(' ');
      const role = classify(text);
      if (role) columns.push({ role, x0: c.x0, x1: c.x1, text });
    }
    // a short header left of the label column is the row number, however OCR spells it ("TY", "T7")
    const labelAt = columns.findIndex((c) => c.role === 'label');
    if (labelAt === 1 && columns[0].role === 'other' && despace(columns[0].text).length <= 3) columns[0].role = 'tt';
    if (!columns.some((c) => c.role === 'label') || !columns.some((c) => c.role === 'actual')) continue;
    return { columns, first, last };
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
    && columns.some((c) => (c.role === 'plan' || c.role === 'actual') && Math.abs(centre - (c.x0 + c.x1) / 2) <= c.x1 - c.x0);
  const numeric = ch.numeric || PLACEHOLDER.test(ch.text) || junkFigure;
  let best = -1, bestD = Infinity;
  for (const [i, col] of columns.entries()) {
    const textCol = col.role === 'label' || col.role === 'unit';
    if (numeric && col.role === 'label') continue;
    if (!numeric && !textCol && col.role !== 'other') continue;
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

function moneyScale(unit: string): { money: boolean; factor: number } {
  const f = foldVietnamese(unit);
  const money = /\b(dong|d|vnd)\b/.test(f);
  let factor = 1;
  for (const [w, v] of Object.entries(SCALES)) if (new RegExp(`\\b${w}\\b`).test(f)) factor = Math.max(factor, v);
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

export function extractFromTables(pages: PageText[]): TableResult {
  const res: TableResult = { candidates: [], unmapped: [], findings: [], consumed: new Set() };
  let carry: Column[] | null = null;
  for (const page of [...pages].sort((a, b) => a.page - b.page)) {
    const lines = rowsOf(tableItems(page));
    const header = findHeader(lines);
    let columns: Column[] | null;
    let from: number;
    if (header) {
      columns = header.columns;
      from = header.last + 1;
      for (const l of lines.slice(header.first, header.last + 1)) for (const it of l.items) res.consumed.add(orig(it));
    } else if (carry) {
      columns = carry;
      // a table going on from the page before: skip a running header until the first row
      from = lines.findIndex((l) => chunksOf(l).some((c) => c.numeric && columns![columnOf(columns!, c)]?.role === 'actual'));
      if (from < 0 || lines[from].y0 > page.height * 0.3) { carry = null; continue; }
      // only the first lines may be skipped, and only short ones
      if (lines.slice(0, from).some((l) => chunksOf(l).length > 2)) { carry = null; continue; }
    } else continue;
    const { rows, endedAt } = readRows(lines, from, columns);
    carry = endedAt >= lines.length ? columns : null;
    for (const row of rows) for (const l of row.lines) for (const it of l.items) res.consumed.add(orig(it));
    const digitW = digitWidth(rows.flatMap((r) => r.lines.flatMap((l) => l.items)));
    for (const row of rows) readRow(page, columns, row, res, digitW);
  }
  return res;
}

function readRows(lines: Line[], from: number, columns: Column[]): { rows: Row[]; endedAt: number } {
  const role = (i: number) => columns[i]?.role;
  const body: Array<{ line: Line; cells: Map<number, Chunk[]>; anchor: boolean }> = [];
  let i = from;
  const pitches: number[] = [];
  const heights = lines.slice(from, from + 6).flatMap((l) => l.items.map((it) => it.box.h)).sort((a, b) => a - b);
  const tableH = heights[heights.length >> 1] ?? 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
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
      if (!numeric && r !== 'label' && r !== 'unit' && r !== 'other' && !isOcrJunk(ch)) { stop = true; break; }
      if (!numeric && r === 'label' && ch.box.x + ch.box.w > Math.max(...columns.filter((k) => k.role === 'actual').map((k) => k.x0))) { stop = true; break; }
      // OCR: words running from the unit column into the figure columns are prose below the table
      if (!numeric && r === 'unit' && !isOcrJunk(ch) && ch.items.every((it) => it.conf < 1)
        && ch.box.x + ch.box.w > Math.min(...columns.filter((k) => k.role === 'plan' || k.role === 'actual').map((k) => k.x0)) + 0.5 * ch.box.h) { stop = true; break; }
      if (numeric && (r === 'tt' || r === 'plan' || r === 'actual')) anchor = true;
      if (!cells.has(c)) cells.set(c, []);
      cells.get(c)!.push(ch);
    }
    if (stop) break;
    body.push({ line, cells, anchor });
  }
  // rows: each anchor line, plus the label-only lines nearest to it (ties go to the row above)
  const anchors = body.filter((b) => b.anchor);
  const rows: Row[] = anchors.map((a) => ({ lines: [a.line], cells: new Map([...a.cells].map(([k, v]) => [k, [...v]])), anchorY: cy({ x: 0, y: a.line.y0, w: 0, h: a.line.y1 - a.line.y0 }) }));
  if (!rows.length) return { rows, endedAt: i };
  for (const b of body) {
    if (b.anchor) continue;
    const y = (b.line.y0 + b.line.y1) / 2;
    let best = 0;
    for (let r = 1; r < rows.length; r++) if (Math.abs(rows[r].anchorY - y) < Math.abs(rows[best].anchorY - y) - 0.5) best = r;
    const row = rows[best];
    row.lines.push(b.line);
    for (const [k, v] of b.cells) { if (!row.cells.has(k)) row.cells.set(k, []); row.cells.get(k)!.push(...v); }
  }
  for (const r of rows) for (const v of r.cells.values()) v.sort((p, q) => p.box.y - q.box.y || p.box.x - q.box.x);
  return { rows, endedAt: i };
}

/** width of a number token in digits, as OCR boxes the ink: a "1", a group dot or a decimal comma is narrower */
const digitUnits = (s: string) => (s.match(/[02-9]/g)?.length ?? 0) + 0.6 * (s.match(/1/g)?.length ?? 0) + 0.5 * (s.match(/[.,]/g)?.length ?? 0);

/** Median width of one digit over a table's number tokens (0 when there are too few to tell). */
function digitWidth(items: TextItem[]): number {
  const w = items.filter((i) => /^\d[\d.,]*\d$/.test(i.str.trim())).map((i) => i.box.w / digitUnits(i.str.trim())).sort((a, b) => a - b);
  return w.length >= 4 ? w[w.length >> 1] : 0;
}

function readRow(page: PageText, columns: Column[], row: Row, res: TableResult, digitW = 0): void {
  const text = (role: ColumnRole) => columns.flatMap((c, i) => (c.role === role ? (row.cells.get(i) ?? []) : []));
  const labelChunks = text('label');
  const unitChunks = text('unit');
  const actualChunks = text('actual');
  const label = labelChunks.map((c) => c.text).join(' ').replace(/\s+/g, ' ').trim();
  const unit = unitChunks.map((c) => c.text).join(' ').replace(/\s+/g, ' ').trim();
  const actualText = actualChunks.map((c) => c.text).join('').trim();
  if (!label || !actualText || PLACEHOLDER.test(actualText)) return;
  const items = actualChunks.flatMap((c) => c.items);
  const ocr = items.some((i) => i.conf < 1) || page.source === 'ocr';
  // a scale in the cell itself ("12,5 tỷ")
  const cellScale = moneyScale(actualText.replace(/[\d.,\s]/g, ' '));
  // "493/1.589": x out of y
  const pair = /^(\S+?)\s*\/\s*(\d[\d.,]*\d|\d)\D*$/.exec(actualText);
  const num = readNumberCell(joinNumberFragments(pair ? pair[1] : actualText).replace(/[\p{L}]+/gu, ' ').trim().split(/\s+/)[0] ?? '', ocr);
  if (num.value === null) return;
  const of = pair ? readNumberCell(pair[2], ocr).value : null;
  const u = moneyScale(unit);
  const factor = Math.max(u.factor, cellScale.factor);
  const money = u.money || cellScale.money;
  const value = money ? Math.round(scale(num.value, factor)) : scale(num.value, factor);
  const alternatives = num.alternatives.map((v) => (money ? Math.round(scale(v, factor)) : scale(v, factor)));
  const ordered = columns.map((c, i) => ({ c, i })).filter(({ i }) => row.cells.has(i));
  const sourceText = ordered.map(({ i }) => row.cells.get(i)!.map((c) => c.text).join(' ')).join(' | ');
  const box = unionBoxes([...labelChunks, ...actualChunks].flatMap((c) => c.items.map((i) => orig(i).box)));
  const provenance = { page: page.page, box, sourceText };

  const words = ocr ? splitGlued(phraseTokens(label).toks) : phraseTokens(label).toks;
  const unitWords = ocr ? splitGlued(phraseTokens(unit).toks) : phraseTokens(unit).toks;
  const scored = preparedCatalogue().map((pe) => {
    if (unit && pe.money !== money) return null;
    if ((of !== null) !== (pe.entry.aggregate === 'pair') && of !== null) return null;
    if (!unit && pe.money && !money) return null;
    const a = bestSynonym(pe, words, 'any');
    if (!a) return null;
    let score = a.score;
    if (unitWords.length && !pe.money) score += opensWithUnit(pe, unitWords) ? 0.02 : -0.05;
    return { pe, score };
  }).filter((x): x is NonNullable<typeof x> => !!x).sort((p, q) => q.score - p.score);
  const best = scored[0];
  if (!best || best.score < MIN_TABLE_MATCH) {
    res.unmapped.push({ text: sourceText, value, unit: money ? 'đồng' : unit || null, provenance });
    return;
  }
  const second = scored.find((s) => s.pe.entry.key !== best.pe.entry.key);
  let confidence = Math.min(0.98, 0.5 + 0.5 * clamp01(best.score));
  if (second && isClose(best.score, second.score)) confidence = Math.min(confidence, 0.8);
  const findings: Finding[] = [];
  if (ocr) {
    const c = Math.min(...items.map((i) => i.conf));
    confidence *= c >= 0.9 ? 0.97 + 0.03 * c : Math.min(0.85, c);
    // a leading "1" that may be a border: doubtful on a number of millions, or when the token was repaired;
    // on smaller ones the other reading is only kept for the cross-check with the prose
    // letters among the digits ("27T"), or a token much wider or narrower than its digits
    // (a digit lost or made up): the reading is not to be trusted without a look
    const numItems = items.filter((i) => /\d/.test(i.str));
    const units = numItems.reduce((a, i) => a + digitUnits(i.str), 0);
    const width = numItems.reduce((a, i) => a + i.box.w, 0);
    const perDigit = units ? width / units : 0;
    const lettered = /[\p{L}]/u.test(actualText.replace(/\b(tỷ|tỉ|triệu|nghìn|ngàn|đồng|đ)\b/giu, ''));
    // a figure of thousands printed without its group dots ("10772"): a dot or comma was lost
    const ungrouped = /^\d{4,}$/.test(num.token);
    if (lettered || ungrouped || (digitW && perDigit && (perDigit > 1.45 * digitW || perDigit < 0.6 * digitW))) {
      confidence = Math.min(confidence, 0.6);
      findings.push({
        code: 'indicator.ocr_doubt',
        message: `Ô số "${actualText}" nhận dạng (OCR) không chắc chắn; đọc là ${value}, cần kiểm tra.`,
        place: provenance,
      });
    }
    if (num.repaired || (alternatives.length && num.token.split('.').length >= 3)) {
      confidence = Math.min(confidence, 0.85);
      findings.push({
        code: 'indicator.ocr_border',
        message: `Ô số "${actualText}" có thể dính nét kẻ bảng; đọc là ${value}${alternatives.length ? ` (hoặc ${alternatives.join(', ')})` : ''}.`,
        place: provenance,
      });
    }
  }
  res.candidates.push({
    key: best.pe.entry.key,
    value,
    qualifier: 'exact',
    source: 'table',
    confidence,
    provenance,
    ...(alternatives.length ? { alternatives } : {}),
    ...(of !== null ? { subValues: [{ label: 'trên tổng số', value: of }] } : {}),
    findings,
  });
}
