// Text layer of a born-digital page, with positions, grouped into visual lines.
// Boxes are PDF points with the origin at the page's top-left (pdfjs gives bottom-left).
import type { PDFDocumentProxy } from './pdf-document.js';
import type { PDFPageProxy, TextContent } from 'pdfjs-dist/types/src/display/api.js';
import type { PageText, TextItem, TextLine, Box } from '../model/document.js';

interface RawItem { str: string; transform: number[]; width: number; height: number; fontName: string; hasEOL?: boolean }

/** Characters a page needs before its text layer counts as usable (else it is OCR-ed). */
export const MIN_TEXT_CHARS = 40;

export async function extractPageText(doc: PDFDocumentProxy, pageNumber: number): Promise<PageText> {
  const page = await doc.getPage(pageNumber);
  const text = pageTextOf(page, pageNumber, await page.getTextContent());
  page.cleanup();
  return text;
}

/** Non-space characters of a page's text layer (the probe's test for a usable one). */
export function textLayerChars(content: TextContent): number {
  return content.items.reduce((n, it) => n + ('str' in it ? it.str.replace(/\s/g, '').length : 0), 0);
}

/** A page's text with positions from its text content, read once (the probe uses it for both). */
export function pageTextOf(page: PDFPageProxy, pageNumber: number, content: TextContent): PageText {
  const viewport = page.getViewport({ scale: 1 });
  const styles = content.styles as Record<string, { fontFamily?: string }>;
  const fontNames = new Map<string, string>();
  const items: TextItem[] = [];
  for (const raw of content.items as RawItem[]) {
    if (!('str' in raw) || raw.str.trim() === '') continue;
    const [a, b, , d, e, f] = raw.transform;
    const size = Math.hypot(a, b) || Math.abs(d) || raw.height;
    const h = raw.height || size;
    const top = viewport.height - f - h * 0.8; // baseline f; ascent ≈ 0.8 em
    const fontName = realFontName(page, raw.fontName, fontNames) ?? styles[raw.fontName]?.fontFamily;
    items.push({
      str: raw.str.normalize('NFC'),
      box: { x: e, y: top, w: raw.width, h },
      fontName,
      bold: /bold/i.test(fontName ?? ''),
      italic: /italic|oblique/i.test(fontName ?? ''),
      conf: 1,
    });
  }
  return { page: pageNumber, width: viewport.width, height: viewport.height, source: 'text', items, lines: groupIntoLines(items) };
}

/** pdfjs only exposes the embedded font name ("ABCDEF+DejaVuSerif-Bold") through commonObjs. */
function realFontName(page: { commonObjs: { has(id: string): boolean; get(id: string): unknown } }, id: string, cache: Map<string, string>): string | undefined {
  if (cache.has(id)) return cache.get(id);
  let name: string | undefined;
  try {
    if (page.commonObjs.has(id)) name = (page.commonObjs.get(id) as { name?: string })?.name;
  } catch { /* font not loaded: fall back to the style's family */ }
  if (name) cache.set(id, name);
  return name;
}

export function unionBox(boxes: Box[]): Box {
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.w));
  const y1 = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/**
 * Groups items into lines: items whose vertical centres are within half a line height
 * share a line; a horizontal gap wider than `columnGap` em (of the smaller text) splits it
 * (the two-column header puts the issuer and the Quốc hiệu on the same baseline; word
 * spaces, even justified ones, stay well under that).
 */
export function groupIntoLines(items: TextItem[], columnGap = 1.2): TextLine[] {
  const sorted = [...items].sort((p, q) => centre(p.box) - centre(q.box) || p.box.x - q.box.x);
  const rows: TextItem[][] = [];
  for (const item of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(centre(row[0].box) - centre(item.box)) <= Math.max(2, Math.min(row[0].box.h, item.box.h) * 0.5)) row.push(item);
    else rows.push([item]);
  }
  const lines: TextLine[] = [];
  for (const row of rows) {
    row.sort((p, q) => p.box.x - q.box.x);
    let current: TextItem[] = [];
    for (const item of row) {
      const prev = current[current.length - 1];
      if (prev && item.box.x - (prev.box.x + prev.box.w) > columnGap * Math.max(4, Math.min(prev.box.h, item.box.h))) {
        lines.push(makeLine(current));
        current = [];
      }
      current.push(item);
    }
    if (current.length) lines.push(makeLine(current));
  }
  return lines;
}

/** One line of the items as they stand, in order (text joined where the gaps look like spaces). */
export function makeLine(items: TextItem[]): TextLine {
  let text = '';
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (i > 0) {
      const prev = items[i - 1];
      const gap = it.box.x - (prev.box.x + prev.box.w);
      // pdfjs splits runs without spaces; insert one where the gap looks like a space.
      if (gap > Math.min(prev.box.h, it.box.h) * 0.15 && !text.endsWith(' ') && !it.str.startsWith(' ')) text += ' ';
    }
    text += it.str;
  }
  return {
    text: text.replace(/\s+/g, ' ').trim(),
    box: unionBox(items.map((i) => i.box)),
    items,
    conf: Math.min(...items.map((i) => i.conf)),
  };
}

const centre = (b: Box) => b.y + b.h / 2;
