// Column roles of a summary table, read from its header cells (issue 12): the header band's
// words are grouped into cells — a cell's text may wrap over several lines, and a merged cell
// ("Năm 2023", "Kết quả thực hiện") may stand over two sub-columns — and each leaf column
// gets a role from its own words and its merged parent's. Only an "actual" column
// (Thực hiện, Kết quả, TH, …) holds the period's figure; plan, cumulative, ratio and
// comparison columns never do.
import type { TextItem } from '../../model/document.js';
import { foldVietnamese } from '../text-fold.js';

export type ColumnRole =
  | 'tt' | 'label' | 'unit'
  | 'plan' | 'actual' | 'cumulative' | 'ratio' | 'comparison'
  | 'note' | 'period' | 'other';

export interface Column {
  role: ColumnRole;
  /** horizontal extent of the header cell's words */
  x0: number;
  x1: number;
  text: string;
  /** text of the merged header cell over it, if any */
  group?: string;
  /** actual: named as such (Thực hiện, Kết quả, TH), not only "Số lượng" */
  explicit?: boolean;
}

/** Roles whose cells hold figures. */
export const FIGURE_ROLES: ReadonlySet<ColumnRole> = new Set(['plan', 'actual', 'cumulative', 'ratio', 'comparison', 'period']);

const words = (s: string) => foldVietnamese(s.normalize('NFC')).split(/[^a-z0-9%]+/).filter(Boolean);
const despace = (s: string) => foldVietnamese(s.normalize('NFC')).replace(/[^a-z0-9%]/g, '');

/** words that only name a period ("6 tháng đầu năm 2023", "Quý II", "Kỳ báo cáo") */
const PERIOD_WORDS = new Set(['nam', 'thang', 'quy', 'dau', 'cuoi', 'ky', 'bao', 'cao', 'trong', 'i', 'ii', 'iii', 'iv', 'den', 'nay', 'tu', 'ngay', 'giai', 'doan', 'cung']);

/** Role of one header cell's text, with whether an actual column is named as such. */
export function classifyHeader(text: string): { role: ColumnRole; explicit: boolean } | null {
  const w = words(text);
  const d = despace(text);
  if (!d) return null;
  const has = (...xs: string[]) => xs.some((x) => w.includes(x));
  const plan = has('kh') || /kehoach|mucgiao|duocgiao|chitieugiao|chitieukh|dukien|muctieu/.test(d) || (/chitieu/.test(d) && (/(19|20)\d\d/.test(d) || has('giao')));
  const actual = has('th') || /thuchien|ketqua|datduoc|uocdat/.test(d);
  if (/ghichu/.test(d)) return { role: 'note', explicit: false };
  // a programme's task table: when and by whom, not how much ("Thời gian thực hiện", "Đơn vị thực hiện")
  if (/thoigian|thoihan|tiendo|(coquan|donvi|bophan)(thuchien|chutri|phoihop)/.test(d) || /^(chutri|phoihop)$/.test(d)) return { role: 'other', explicit: false };
  if (/tyle|%|phantram/.test(d) || (has('dat') && w.length <= 2) || (plan && actual && /\//.test(text))) return { role: 'ratio', explicit: false };
  if (/sosanh|sovoi|cungky|tanggiam|chenhlech/.test(d) || has('tang', 'giam')) return { role: 'comparison', explicit: false };
  if (/luyke|tichluy|conglai/.test(d)) return { role: 'cumulative', explicit: false };
  if (/^(s?tt|sott|thutu)$/.test(d)) return { role: 'tt', explicit: false };
  if (/donvi|^dvt|dvtinh/.test(d) || (has('dvt') && w.length <= 2)) return { role: 'unit', explicit: false };
  if (plan && actual) return { role: 'other', explicit: false };
  if (plan) return { role: 'plan', explicit: false };
  if (actual) return { role: 'actual', explicit: true };
  if (/noidung|chitieu|hangmuc|linhvuc|tenchi|danhmuc/.test(d)) return { role: 'label', explicit: false };
  if (has('sl') || /soluong|giatri|khoiluong/.test(d)) return { role: 'actual', explicit: false };
  if (w.every((x) => PERIOD_WORDS.has(x) || /^\d{1,4}$/.test(x))) return { role: 'period', explicit: false };
  return { role: 'other', explicit: false };
}

/** A merged parent's role passed to a sub-column: ratio, comparison, cumulative and notes win; a bare period takes the parent's role. */
export function combineRoles(child: { role: ColumnRole; explicit: boolean }, parent: { role: ColumnRole; explicit: boolean } | null): { role: ColumnRole; explicit: boolean } {
  if (!parent) return child;
  if (parent.role === 'ratio' || parent.role === 'comparison' || parent.role === 'note') return { role: parent.role, explicit: false };
  if (parent.role === 'cumulative' && child.role !== 'ratio') return { role: 'cumulative', explicit: false };
  if (child.role === 'period' || child.role === 'other') {
    if (parent.role === 'plan' || parent.role === 'actual') return parent;
  }
  return child;
}

/** One piece of a header line: items close enough to be words of one cell. */
export interface Fragment { items: TextItem[]; text: string; x0: number; x1: number; y0: number; y1: number; line: number }

const overlap = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);

const SPLITTABLE: ReadonlySet<ColumnRole> = new Set(['plan', 'actual', 'cumulative']);
/** the second part of a split run: it opens a fragment of its own */
const CELL_START = new WeakSet<TextItem>();

/**
 * A text layer may join two header cells on one baseline into one run ("Kế hoạch Thực
 * hiện"): a run whose two parts name two different figure columns is cut in two, the box
 * shared by character count. ("Kết quả thực hiện", "Thực hiện 6 tháng", "Chỉ tiêu KH năm
 * 2023" stay whole.)
 */
function splitHeaderRun(it: TextItem): TextItem[] {
  const str = it.str;
  for (const m of str.matchAll(/\s+/g)) {
    const left = str.slice(0, m.index), right = str.slice(m.index! + m[0].length);
    const a = classifyHeader(left)?.role, b = classifyHeader(right)?.role;
    if (!a || !b || a === b || !SPLITTABLE.has(a) || !SPLITTABLE.has(b)) continue;
    const per = it.box.w / str.length;
    const cut = m.index! + m[0].length;
    const second = { ...it, str: right, box: { ...it.box, x: it.box.x + per * cut, w: per * right.length } };
    CELL_START.add(second);
    return [{ ...it, str: left, box: { ...it.box, w: per * left.length } }, second];
  }
  return [it];
}

/** Fragments of the header lines: items of a line merged where the gap is word-sized. */
export function headerFragments(lines: Array<{ items: TextItem[] }>): Fragment[] {
  const out: Fragment[] = [];
  lines.forEach((l, line) => {
    let cur: Fragment | null = null;
    for (const it of l.items.flatMap(splitHeaderRun).sort((p, q) => p.box.x - q.box.x)) {
      const gap = cur ? it.box.x - cur.x1 : Infinity;
      if (cur && gap < Math.max(1.5, 0.6 * it.box.h) && !CELL_START.has(it)) {
        cur.items.push(it);
        cur.text += (gap > 0.12 * it.box.h ? ' ' : '') + it.str.trim();
        cur.x1 = Math.max(cur.x1, it.box.x + it.box.w);
        cur.y0 = Math.min(cur.y0, it.box.y);
        cur.y1 = Math.max(cur.y1, it.box.y + it.box.h);
      } else {
        cur = { items: [it], text: it.str.trim(), x0: it.box.x, x1: it.box.x + it.box.w, y0: it.box.y, y1: it.box.y + it.box.h, line };
        out.push(cur);
      }
    }
  });
  return out;
}

/**
 * Merged header cells: a fragment over two or more fragments that stand side by side below
 * it (each overlapping it, not each other), or a short one centred over the gap between two
 * fragments that have nothing else above them. Returns, per parent, the fragments under it.
 */
export function findParents(frags: Fragment[]): Map<Fragment, Fragment[]> {
  const parents = new Map<Fragment, Fragment[]>();
  const below = (p: Fragment) => frags.filter((f) => f.y0 >= p.y1 - 0.3 * (p.y1 - p.y0) && f !== p);
  const above = (f: Fragment) => frags.filter((g) => g.y1 <= f.y0 + 0.3 * (f.y1 - f.y0) && g !== f && overlap(g, f) > 0);
  for (const p of frags) {
    const under = below(p).filter((f) => overlap(f, p) > 0);
    // side by side: two fragments below that do not overlap each other
    const sideBySide = under.some((a) => under.some((b) => b !== a && overlap(a, b) < 0));
    if (sideBySide) { parents.set(p, under); continue; }
    // a short parent over the border between two sub-columns, touching one or neither: the
    // fragments on either side of its centre have nothing else above them, and it is centred
    // on neither (a wrapped cell's first line is centred on its next line)
    const cx = (p.x0 + p.x1) / 2;
    const mid = (f: Fragment) => (f.x0 + f.x1) / 2;
    const orphans = below(p).filter((f) => above(f).every((g) => g === p));
    const left = orphans.filter((f) => mid(f) < cx).sort((a, b) => b.x1 - a.x1)[0];
    const right = orphans.filter((f) => mid(f) >= cx).sort((a, b) => a.x0 - b.x0)[0];
    if (!left || !right) continue;
    if (Math.abs(mid(left) - cx) < 0.25 * (left.x1 - left.x0) || Math.abs(mid(right) - cx) < 0.25 * (right.x1 - right.x0)) continue;
    // nothing else may stand between them on the header lines
    const between = frags.some((f) => f !== p && f !== left && f !== right && f.x0 >= left.x1 && f.x1 <= right.x0);
    if (between) continue;
    if (p.x0 < left.x0 || p.x1 > right.x1) continue;
    parents.set(p, [left, right]);
  }
  return parents;
}

/**
 * Leaf columns of a header band: fragments that are not merged parents, stacked where they
 * overlap horizontally (a cell's wrapped lines), each with the role of its text and of its
 * parent. Left to right.
 */
export function headerColumns(lines: Array<{ items: TextItem[] }>): Column[] {
  const frags = headerFragments(lines);
  const parents = findParents(frags);
  const leaves = frags.filter((f) => !parents.has(f));
  // stacks: union of leaves that overlap horizontally
  const stack = leaves.map((_, i) => i);
  const find = (i: number): number => {
    while (stack[i] !== i) i = stack[i];
    return i;
  };
  for (let i = 0; i < leaves.length; i++) {
    for (let j = i + 1; j < leaves.length; j++) {
      if (overlap(leaves[i], leaves[j]) > 0.5 && leaves[i].line !== leaves[j].line) stack[find(j)] = find(i);
    }
  }
  const groups = new Map<number, Fragment[]>();
  leaves.forEach((f, i) => { const r = find(i); if (!groups.has(r)) groups.set(r, []); groups.get(r)!.push(f); });
  const columns: Column[] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
    const text = g.map((f) => f.text).join(' ').replace(/\s+/g, ' ').trim();
    const own = classifyHeader(text);
    if (!own) continue;
    const parent = [...parents].find(([, kids]) => kids.some((k) => g.includes(k)))?.[0];
    const role = combineRoles(own, parent ? classifyHeader(parent.text) : null);
    columns.push({ role: role.role, explicit: role.explicit, x0: Math.min(...g.map((f) => f.x0)), x1: Math.max(...g.map((f) => f.x1)), text, ...(parent ? { group: parent.text } : {}) });
  }
  columns.sort((a, b) => a.x0 - b.x0);
  settleLabels(columns);
  return columns;
}

/**
 * "Chỉ tiêu" heads the label column, or a plan column when a label column ("Nội dung")
 * stands left of it; a short header left of the label column is the row number, however
 * OCR spells it ("TY", "T7").
 */
function settleLabels(columns: Column[]): void {
  const labels = columns.filter((c) => c.role === 'label');
  for (const c of labels.slice(1)) if (/chitieu/.test(despace(c.text))) c.role = 'plan';
  const labelAt = columns.findIndex((c) => c.role === 'label');
  if (labelAt === 1 && columns[0].role === 'other' && despace(columns[0].text).length <= 3) columns[0].role = 'tt';
}

export interface ValueColumn {
  /** index of the column the figures are read from, -1 when none */
  index: number;
  /** false: the value goes to review with indicator.column_uncertain */
  certain: boolean;
  /** why it is not certain (Vietnamese, for the finding) */
  why?: string;
}

/**
 * The column the period's figures are read from: the one actual column. Two actual columns
 * (one named, one only "Số lượng": the named one), none but a Lũy kế column, or none but one
 * bare period column: read, but not certain.
 */
export function valueColumn(columns: Column[]): ValueColumn {
  const idx = (pred: (c: Column) => boolean) => columns.flatMap((c, i) => (pred(c) ? [i] : []));
  const actual = idx((c) => c.role === 'actual');
  const named = actual.filter((i) => columns[i].explicit);
  if (actual.length === 1) return { index: actual[0], certain: true };
  if (named.length === 1) return { index: named[0], certain: true };
  if (actual.length > 1) return { index: (named[0] ?? actual[0]), certain: false, why: `bảng có ${actual.length} cột thực hiện (${actual.map((i) => `"${columns[i].text}"`).join(', ')})` };
  const cum = idx((c) => c.role === 'cumulative');
  if (cum.length === 1) return { index: cum[0], certain: false, why: `bảng chỉ có cột lũy kế ("${columns[cum[0]].text}"), không có cột thực hiện trong kỳ` };
  const period = idx((c) => c.role === 'period');
  if (period.length === 1 && !columns.some((c) => c.role === 'plan')) return { index: period[0], certain: false, why: `cột số liệu "${columns[period[0]].text}" không ghi rõ là thực hiện` };
  return { index: -1, certain: false };
}
