// The running text of a document built from positioned items, with a map from every
// character back to the item it came from, so a figure found in the text gets its page
// and box back.
import type { Box, PageText, TextItem, TextLine } from '../../model/document.js';
import { joinsNumber } from './numbers.js';

export interface Span { start: number; end: number; page: number; item: TextItem }

export interface DocText {
  /** NFC text: lines joined by "\n" */
  text: string;
  /** one per item, in text order */
  spans: Span[];
}

export function unionBoxes(boxes: Box[]): Box | null {
  if (!boxes.length) return null;
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.w));
  const y1 = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

const centreY = (b: Box) => b.y + b.h / 2;

const isOcr = (page: PageText) => page.source === 'ocr' || (page.items.length > 0 && page.items.every((i) => i.conf < 1));

/** Median slope (dy/dx) of an OCR page's text lines: a scan is often turned by a degree or two. */
export function pageSlope(page: PageText): number {
  const slopes: number[] = [];
  for (const l of page.lines ?? []) {
    const its = l.items.filter((i) => i.str.trim().length > 1);
    if (its.length < 4) continue;
    const xs = its.map((i) => i.box.x + i.box.w / 2), ys = its.map((i) => i.box.y + i.box.h);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length, my = ys.reduce((a, b) => a + b, 0) / ys.length;
    let num = 0, den = 0;
    xs.forEach((x, k) => { num += (x - mx) * (ys[k] - my); den += (x - mx) ** 2; });
    if (den > 0 && xs[xs.length - 1] - xs[0] > page.width * 0.3) slopes.push(num / den);
  }
  if (slopes.length < 3) return 0;
  slopes.sort((a, b) => a - b);
  const m = slopes[slopes.length >> 1];
  return Math.abs(m) < 0.06 ? m : 0;
}

/** Visual lines of a page: the page's own when present, else items grouped by baseline. */
export function pageLines(page: PageText): TextLine[] {
  const ocr = isOcr(page);
  if (page.lines?.length && !ocr) return page.lines;
  // OCR lines come cut at wide gaps and out of order on a turned scan: regroup the words
  // by their baseline with the page's skew taken out
  const slope = ocr ? pageSlope(page) : 0;
  const cyOf = (b: { x: number; y: number; w: number; h: number }) => centreY(b) - slope * (b.x + b.w / 2 - page.width / 2);
  const hs = page.items.map((i) => i.box.h).sort((a, b) => a - b);
  const medH = hs[hs.length >> 1] ?? 0;
  const sorted = [...page.items].filter((i) => i.str.trim()).sort((p, q) => cyOf(p.box) - cyOf(q.box) || p.box.x - q.box.x);
  const rows: TextItem[][] = [];
  const rowCy: number[] = [];
  for (const it of sorted) {
    const row = rows[rows.length - 1];
    const c = cyOf(it.box);
    const tol = ocr ? Math.max(2, 0.45 * medH) : Math.max(2, Math.min(row?.[0].box.h ?? 0, it.box.h) * 0.5);
    if (row && Math.abs((ocr ? rowCy[rowCy.length - 1] : centreY(row[0].box)) - c) <= tol) {
      row.push(it);
      rowCy[rowCy.length - 1] += (c - rowCy[rowCy.length - 1]) / row.length;
    } else { rows.push([it]); rowCy.push(c); }
  }
  return rows.map((items) => {
    items.sort((p, q) => p.box.x - q.box.x);
    return { text: items.map((i) => i.str).join(' '), box: unionBoxes(items.map((i) => i.box))!, items, conf: Math.min(...items.map((i) => i.conf)) };
  });
}

/**
 * Joins the pages' lines into one text. `skip` drops items (a table already read).
 * Within a line a space goes between items whose gap looks like one.
 */
export function buildDocText(pages: PageText[], skip?: (item: TextItem) => boolean): DocText {
  let text = '';
  const spans: Span[] = [];
  for (const page of [...pages].sort((a, b) => a.page - b.page)) {
    let prevLine: Box | null = null;
    let prevText = '';
    const ocr = isOcr(page);
    const right = Math.max(0, ...pageLines(page).map((l) => l.box.x + l.box.w));
    for (const line of pageLines(page)) {
      // running page numbers ("2", "- 2 -") at the top or bottom of a page
      if (/^[-–\s]*\d{1,3}[-–\s]*$/.test(line.text) && (line.box.y < page.height * 0.1 || line.box.y > page.height * 0.9)) continue;
      const items = line.items.filter((i) => !skip?.(i) && i.str.length > 0).sort((p, q) => p.box.x - q.box.x);
      if (!items.length) continue;
      const box = unionBoxes(items.map((i) => i.box))!;
      // a blank line's worth of space (or a new page) ends a paragraph: "\n\n"
      const firstStr = items[0].str.trimStart();
      // a blank line's worth of space, or a short line without closing punctuation before a
      // capital (a heading), ends a paragraph
      const para = prevLine && (box.y - (prevLine.y + prevLine.h) > 0.8 * Math.min(box.h, prevLine.h)
        || (prevLine.x + prevLine.w < right - 0.15 * page.width && !/[,;:\-–(]$/.test(prevText.trimEnd()) && /^\p{Lu}/u.test(firstStr)));
      if (text.length) text += para ? '\n\n' : '\n';
      prevLine = box;
      prevText = items.map((i) => i.str).join('');
      let prev: TextItem | null = null;
      for (const it of items) {
        const str = it.str.normalize('NFC');
        if (prev) {
          const gap = it.box.x - (prev.box.x + prev.box.w);
          // OCR splits a grouped number ("102.5 05", "20.761 .960"): keep its parts together
          const split = ocr && gap < Math.min(prev.box.h, it.box.h) * 0.8 && joinsNumber(/[\d.]*$/.exec(text)![0], /^[\d.]*/.exec(str)![0]);
          if (!split && gap > Math.min(prev.box.h, it.box.h) * 0.15 && !/\s$/.test(text) && !/^\s/.test(str)) text += ' ';
        }
        spans.push({ start: text.length, end: text.length + str.length, page: page.page, item: it });
        text += str;
        prev = it;
      }
    }
  }
  return { text, spans };
}

/** Index of the first span whose end is after `pos`. */
function firstSpan(doc: DocText, pos: number): number {
  let lo = 0, hi = doc.spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.spans[mid].end <= pos) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Spans overlapping [start, end). */
export function spansIn(doc: DocText, start: number, end: number): Span[] {
  const out: Span[] = [];
  for (let i = firstSpan(doc, start); i < doc.spans.length && doc.spans[i].start < end; i++) out.push(doc.spans[i]);
  return out;
}

/** The part of an item's box that holds characters [start, end) of the text (by character share). */
function subBox(span: Span, start: number, end: number): Box {
  const len = Math.max(1, span.end - span.start);
  const s = Math.max(start, span.start) - span.start;
  const e = Math.min(end, span.end) - span.start;
  const b = span.item.box;
  return { x: b.x + (b.w * s) / len, y: b.y, w: (b.w * Math.max(1, e - s)) / len, h: b.h };
}

/** Page and box of character ranges; the page is the first range's, boxes on other pages are left out. */
export function locate(doc: DocText, ranges: Array<[number, number]>): { page: number; box: Box | null; conf: number } {
  const first = spansIn(doc, ranges[0][0], ranges[0][1]);
  const page = first[0]?.page ?? doc.spans[0]?.page ?? 1;
  const boxes: Box[] = [];
  for (const [s, e] of ranges) for (const sp of spansIn(doc, s, e)) if (sp.page === page) boxes.push(subBox(sp, s, e));
  const conf = first.length ? Math.min(...first.map((s) => s.item.conf)) : 1;
  return { page, box: unionBoxes(boxes), conf };
}

/**
 * Lines laid out as a table row that no table header claimed: two or more figures standing
 * apart as in columns ("5   Chương trình phát thanh   chương trình   1.000   924"). The prose
 * reader cannot tell a plan from an actual figure or a row number there, so it leaves them alone.
 */
export function looseTableRows(pages: PageText[], skip?: (item: TextItem) => boolean): Set<TextItem> {
  const out = new Set<TextItem>();
  for (const page of pages) {
    for (const line of pageLines(page)) {
      const items = line.items.filter((i) => i.str.trim() && !skip?.(i)).sort((p, q) => p.box.x - q.box.x);
      let figures = 0;
      items.forEach((it, k) => {
        const prev = items[k - 1];
        const gap = prev ? it.box.x - (prev.box.x + prev.box.w) : Infinity;
        if (/^\d[\d.,/]*$/.test(it.str.trim()) && gap > 1.5 * it.box.h) figures++;
      });
      if (figures >= 2) for (const it of items) out.add(it);
    }
  }
  return out;
}
