// A Word document (DOCX, WordprocessingML) as positioned pages: word/document.xml read in
// order — paragraphs with their runs (bold, size, alignment, breaks), tables with their grid
// widths and cells (the two-column header table: issuer and number left, Quốc hiệu and date
// right) — and the page size and margins of its section, then laid out (layout.ts) so the
// header and indicator readers see it as they see a PDF. Default run size from styles.xml.
import type { PageText } from '../../model/document.js';
import { TonghopError } from '../../model/errors.js';
import { readZipParts, type ZipLimits, DEFAULT_ZIP_LIMITS } from './zip.js';
import { attr, childrenOf, find, kid, kids, parseXml, tagOf, textOf, type XmlNode } from './xml.js';
import { A4, layoutBlocks, type Align, type Block, type Cell, type PageGeometry, type Para, type Run } from './layout.js';

const DOCUMENT = 'word/document.xml';
const STYLES = 'word/styles.xml';

/** `<w:b/>` and `<w:b w:val="1"/>` are on, `w:val="0"`/`"false"` off. */
const on = (n: XmlNode | undefined) => !!n && !/^(0|false|off)$/i.test(attr(n, 'w:val') ?? '');
const halfPoints = (n: XmlNode | undefined) => {
  const v = Number(n ? attr(n, 'w:val') : Number.NaN);
  return Number.isFinite(v) && v > 0 ? v / 2 : null;
};
const twips = (v: string | undefined, fallback: number) => {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n / 20 : fallback;
};

interface Defaults { size: number; bold: boolean }

/** The runs of a paragraph, following hyperlinks, smart tags, insertions and content controls; deletions skipped. */
function runsOf(n: XmlNode, pStyle: Defaults, out: Run[] = []): Run[] {
  for (const c of childrenOf(n)) {
    const tag = tagOf(c);
    if (tag === 'w:r') {
      const rPr = kid(c, 'w:rPr');
      const bold = rPr ? (kid(rPr, 'w:b') ? on(kid(rPr, 'w:b')) : pStyle.bold) : pStyle.bold;
      const size = (rPr && halfPoints(kid(rPr, 'w:sz'))) ?? pStyle.size;
      const italic = rPr ? on(kid(rPr, 'w:i')) : false;
      let text = '';
      for (const r of childrenOf(c)) {
        const t = tagOf(r);
        if (t === 'w:t') text += textOf(r);
        else if (t === 'w:tab') text += ' ';
        else if (t === 'w:br' || t === 'w:cr') text += attr(r, 'w:type') === 'page' ? '\f' : '\n';
      }
      if (text) out.push({ text, bold, italic, size });
    } else if (tag && tag !== 'w:pPr' && tag !== 'w:del' && tag !== 'w:moveFrom' && tag !== 'w:instrText') {
      runsOf(c, pStyle, out);
    }
  }
  return out;
}

const ALIGN: Record<string, Align> = { center: 'center', right: 'right', end: 'right', both: 'both', distribute: 'both', left: 'left', start: 'left' };

/** One paragraph (w:p); a page break inside it (w:br type=page) is honoured before the paragraph. */
function paragraph(p: XmlNode, d: Defaults): Para {
  const pPr = kid(p, 'w:pPr');
  const markRpr = pPr ? kid(pPr, 'w:rPr') : undefined;
  const style: Defaults = { size: (markRpr && halfPoints(kid(markRpr, 'w:sz'))) ?? d.size, bold: markRpr ? on(kid(markRpr, 'w:b')) : d.bold };
  const runs = runsOf(p, style);
  const jc = pPr ? attr(kid(pPr, 'w:jc') ?? {}, 'w:val') : undefined;
  const ind = pPr ? kid(pPr, 'w:ind') : undefined;
  const pageBreak = runs.some((r) => r.text.includes('\f')) || (pPr ? on(kid(pPr, 'w:pageBreakBefore')) : false);
  // Space before/after a paragraph is what separates a title from the authority line under it.
  const spacing = pPr ? kid(pPr, 'w:spacing') : undefined;
  return {
    ...(spacing ? { spaceBefore: twips(attr(spacing, 'w:before'), 0), spaceAfter: twips(attr(spacing, 'w:after'), 0) } : {}),
    kind: 'p', runs: runs.map((r) => ({ ...r, text: r.text.replace(/\f/g, '') })), align: ALIGN[jc ?? 'left'] ?? 'left',
    indent: ind ? twips(attr(ind, 'w:left') ?? attr(ind, 'w:start'), 0) + Math.max(0, twips(attr(ind, 'w:firstLine'), 0)) : 0,
    pageBreakBefore: pageBreak,
  };
}

/** Body paragraphs and tables counted in document order (the provenance of what is read from them). */
interface Counter { paragraphs: number; tables: number }

/**
 * A table (w:tbl): grid widths and rows of cells, each cell knowing its place (table, row,
 * cell, 1-based) when the table is in the body; a table nested in a cell becomes its paragraphs.
 */
function table(t: XmlNode, d: Defaults, count: Counter | null): Block {
  const grid = kid(t, 'w:tblGrid');
  const colWidths = grid ? kids(grid, 'w:gridCol').map((c) => twips(attr(c, 'w:w'), 0)) : [];
  const n = count ? ++count.tables : 0;
  const rows: Cell[][] = kids(t, 'w:tr').map((tr, r) => kids(tr, 'w:tc').map((tc, c) => {
    const tcPr = kid(tc, 'w:tcPr');
    const span = Number(tcPr ? attr(kid(tcPr, 'w:gridSpan') ?? {}, 'w:val') : 1) || 1;
    const paras = blocksOf(tc, d, null).flatMap((b) => (b.kind === 'p' ? [b] : b.rows.flatMap((row) => row.flatMap((x) => x.paras))));
    return { span, paras, ...(count ? { origin: { kind: 'cell' as const, table: n, row: r + 1, cell: c + 1 } } : {}) };
  }));
  return { kind: 'table', colWidths, rows };
}

/** Paragraphs and tables of a body (or cell, or content control), in order; body ones numbered. */
function blocksOf(n: XmlNode, d: Defaults, count: Counter | null): Block[] {
  const out: Block[] = [];
  for (const c of childrenOf(n)) {
    const tag = tagOf(c);
    if (tag === 'w:p') {
      const p = paragraph(c, d);
      out.push(count ? { ...p, origin: { kind: 'paragraph', paragraph: ++count.paragraphs } } : p);
    } else if (tag === 'w:tbl') out.push(table(c, d, count));
    else if (tag === 'w:sdt') out.push(...blocksOf(kid(c, 'w:sdtContent') ?? {}, d, count));
    else if (tag === 'w:customXml' || tag === 'w:ins') out.push(...blocksOf(c, d, count));
  }
  return out;
}

/** Page size and margins of the body's last section (the document's own, usually the only one). */
function geometry(body: XmlNode): PageGeometry {
  const sect = kid(body, 'w:sectPr');
  const sz = sect ? kid(sect, 'w:pgSz') : undefined;
  const mar = sect ? kid(sect, 'w:pgMar') : undefined;
  const g = {
    width: twips(sz && attr(sz, 'w:w'), A4.width), height: twips(sz && attr(sz, 'w:h'), A4.height),
    left: twips(mar && attr(mar, 'w:left'), A4.left), right: twips(mar && attr(mar, 'w:right'), A4.right),
    top: twips(mar && attr(mar, 'w:top'), A4.top), bottom: twips(mar && attr(mar, 'w:bottom'), A4.bottom),
  };
  return g.width > g.left + g.right + 72 && g.height > g.top + g.bottom + 72 ? g : A4;
}

/** The document default run size and boldness (styles.xml docDefaults, then the Normal style). */
function defaults(styles: Uint8Array | undefined): Defaults {
  const d: Defaults = { size: 13, bold: false };
  if (!styles) return d;
  const nodes = parseXml(Buffer.from(styles).toString('utf8'), STYLES);
  const rPrDefault = find(nodes, 'w:rPrDefault');
  const size = rPrDefault && halfPoints(find([rPrDefault], 'w:sz'));
  const normal = childrenOf(find(nodes, 'w:styles') ?? {}).find((s) => tagOf(s) === 'w:style' && attr(s, 'w:styleId') === 'Normal');
  const normalSize = normal && halfPoints(find([normal], 'w:sz'));
  return { size: normalSize ?? size ?? d.size, bold: false };
}

/** The blocks and page geometry of a DOCX (also used by tests and the edXML reader). */
export function readDocxBlocks(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): { blocks: Block[]; geometry: PageGeometry } {
  const parts = readZipParts(bytes, (n) => n === DOCUMENT || n === STYLES, limits);
  const doc = parts.get(DOCUMENT);
  if (!doc) throw new TonghopError('office.invalid', { detail: `thiếu ${DOCUMENT}` });
  const d = defaults(parts.get(STYLES));
  const body = find(parseXml(Buffer.from(doc).toString('utf8'), DOCUMENT), 'w:body');
  if (!body) throw new TonghopError('office.invalid', { detail: 'không có phần thân văn bản (w:body)' });
  return { blocks: blocksOf(body, d, { paragraphs: 0, tables: 0 }), geometry: geometry(body) };
}

/** A DOCX as positioned pages. Throws a TonghopError (office.*, xml.*) for a hostile or broken file. */
export function readDocx(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): PageText[] {
  const { blocks, geometry: g } = readDocxBlocks(bytes, limits);
  return layoutBlocks(blocks, g);
}
