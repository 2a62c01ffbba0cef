// Provenance for Word and Excel files. Their pages are laid out by tonghop (layout.ts), so a
// page box means little to a reviewer; every laid-out item carries the paragraph or cell it
// came from (model/document.ts SourceRef), and a value's page and box lead back to it: the
// review UI shows that paragraph or cell with the value highlighted, and the parse stage
// fills Provenance.origin so the stored header and figures say where they were read.
import type { Box, ExtractedField, IndicatorValue, PageText, Provenance, SourceRef } from '../../model/document.js';
import type { HeaderFields } from '../../model/header.js';
import type { IndicatorExtraction } from '../../model/indicators.js';

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const sameRef = (a: SourceRef, b: SourceRef) => JSON.stringify(a) === JSON.stringify(b);
const digits = (s: string) => s.replace(/[^\d]/g, '');

export interface OfficeSource {
  origin: SourceRef;
  /** the whole paragraph or cell as written, its lines joined by newlines */
  text: string;
  /** the part of `text` the value was read from */
  highlight: string;
}

/** The text of every item of the page from one paragraph or cell, line by line. */
function textOf(page: PageText, origin: SourceRef): string {
  const items = page.items.filter((i) => i.origin && sameRef(i.origin, origin));
  const lines: string[][] = [];
  let lastY: number | null = null;
  for (const i of items) {
    if (lastY === null || Math.abs(i.box.y - lastY) > 1) lines.push([]);
    lines[lines.length - 1].push(i.str);
    lastY = i.box.y;
  }
  return lines.map((l) => l.join(' ')).join('\n');
}

/**
 * The paragraph or cell a value was read from, given its page and box on a laid-out Word or
 * Excel page. A box over a whole table row (an indicator figure) names the cell that holds
 * the figure when `value` is given (its digits, the rightmost such cell: figures stand in the
 * value column); otherwise the paragraph or cell covering most of the box. Null when the page
 * carries no origins (a PDF).
 */
export function sourceAt(page: PageText, box: Box, value?: number | null): OfficeSource | null {
  const hit = page.items.filter((i) => i.origin && overlaps(i.box, box));
  if (hit.length === 0) return null;
  const want = value != null ? digits(String(value).replace('.', ',')) : '';
  const figure = want ? [...hit].reverse().find((i) => digits(i.str) === want) : undefined;
  if (figure) return { origin: figure.origin!, text: textOf(page, figure.origin!), highlight: figure.str };
  const area = new Map<string, { origin: SourceRef; area: number }>();
  for (const i of hit) {
    const k = JSON.stringify(i.origin);
    const a = area.get(k) ?? { origin: i.origin!, area: 0 };
    a.area += i.box.w * i.box.h;
    area.set(k, a);
  }
  const origin = [...area.values()].sort((a, b) => b.area - a.area)[0].origin;
  const inBox = hit.filter((i) => sameRef(i.origin!, origin)).map((i) => i.str).join(' ');
  return { origin, text: textOf(page, origin), highlight: inBox };
}

/** A provenance with its origin filled in from the laid-out pages (unchanged for a PDF page). */
export function withOrigin<P extends { page: number; box: Box | null; origin?: SourceRef }>(prov: P, pages: readonly PageText[], value?: number | null): P {
  const page = pages.find((p) => p.page === prov.page);
  const src = page && prov.box ? sourceAt(page, prov.box, value) : null;
  return src ? { ...prov, origin: src.origin } : prov;
}

/** Where a paragraph or cell is, as a person says it. */
export function describeOrigin(o: SourceRef): string {
  if (o.kind === 'paragraph') return `Đoạn ${o.paragraph}`;
  if (o.kind === 'cell') return `Bảng ${o.table}, hàng ${o.row}, ô ${o.cell}`;
  return `Trang tính “${o.sheet}”, ô ${o.ref}`;
}

const isField = (v: unknown): v is ExtractedField<unknown> => !!v && typeof v === 'object' && 'provenance' in v && 'confidence' in v;

/** Every header field's provenance with its origin (a PDF's header comes back unchanged). */
export function headerWithOrigins(h: HeaderFields, pages: readonly PageText[]): HeaderFields {
  if (!pages.some((p) => p.items.some((i) => i.origin))) return h;
  const out: Record<string, unknown> = { ...h };
  for (const [k, v] of Object.entries(h)) {
    if (isField(v) && v.provenance) out[k] = { ...v, provenance: withOrigin(v.provenance, pages) };
  }
  return out as unknown as HeaderFields;
}

/** Every figure's provenance with the cell that holds it (a PDF's figures come back unchanged). */
export function indicatorsWithOrigins(x: IndicatorExtraction, pages: readonly PageText[]): IndicatorExtraction {
  if (!pages.some((p) => p.items.some((i) => i.origin))) return x;
  const one = (i: IndicatorValue): IndicatorValue => ({ ...i, provenance: withOrigin<Provenance>(i.provenance, pages, i.value) });
  return { ...x, indicators: x.indicators.map(one) };
}
