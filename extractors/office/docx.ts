// A Word document (DOCX, WordprocessingML) as positioned pages: word/document.xml read in
// order — paragraphs with their runs (bold, italic, size, font, alignment, indents, spacing,
// breaks), tables with their grid, width, cell margins, merged cells (gridSpan, vMerge) and
// vertical alignment (the two-column header table: issuer and number left, Quốc hiệu and date
// right; summary tables with two-row headers) — and the page size and margins of its section,
// then laid out (layout.ts) so the header and indicator readers see it as they see the PDF
// Word prints. Properties follow Word's order: document defaults, the Normal or named
// paragraph style (basedOn chain), the table style, the character style, then what is written
// on the paragraph or run itself (styles.xml, theme fonts from theme1.xml).
import type { PageText } from '../../model/document.js';
import { TonghopError } from '../../model/errors.js';
import { readZipParts, type ZipLimits, DEFAULT_ZIP_LIMITS } from './zip.js';
import { levelIndent, nextLabel, readNumbering, type Numbering } from './numbering.js';
import { attr, childrenOf, find, kid, kids, parseXml, tagOf, textOf, type XmlNode } from './xml.js';
import {
  A4, layoutBlocks, type Align, type Block, type Cell, type LineSpacing, type Margins, type PageGeometry, type Para, type RowProps, type Run, type Table, type TabStop,
} from './layout.js';

const DOCUMENT = 'word/document.xml';
const STYLES = 'word/styles.xml';
const THEME = 'word/theme/theme1.xml';
const SETTINGS = 'word/settings.xml';
const NUMBERING = 'word/numbering.xml';

/** `<w:b/>` and `<w:b w:val="1"/>` are on, `w:val="0"`/`"false"` off. */
const on = (n: XmlNode | undefined) => !!n && !/^(0|false|off)$/i.test(attr(n, 'w:val') ?? '');
const num = (v: string | undefined) => (v === undefined || v === '' ? Number.NaN : Number(v));
/** twentieths of a point → points, or undefined */
const twipsOf = (v: string | undefined) => (Number.isFinite(num(v)) ? num(v) / 20 : undefined);
const twips = (v: string | undefined, fallback: number) => {
  const n = num(v);
  return Number.isFinite(n) && n > 0 ? n / 20 : fallback;
};

interface RunProps { bold?: boolean; italic?: boolean; size?: number; font?: string; caps?: boolean; hidden?: boolean }
interface ParaProps {
  align?: Align; left?: number; right?: number; firstLine?: number; before?: number; after?: number;
  line?: LineSpacing; pageBreakBefore?: boolean; tabs?: TabStop[];
  /** automatic numbering: the list and level (numbering.ts) */
  numId?: string; ilvl?: number;
}
interface StyleDef { basedOn?: string; r: RunProps; p: ParaProps; margins?: Partial<Margins> }
interface Styles {
  r: RunProps; p: ParaProps; byId: Map<string, StyleDef>;
  /** the default paragraph and table styles (Normal, Table Normal) */
  paragraph?: string; table?: string;
  theme: { minor?: string; major?: string };
  /** settings.xml defaultTabStop, points */
  defaultTab: number;
  numbering: Numbering;
}

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

function runProps(rPr: XmlNode | undefined, theme: Styles['theme']): RunProps {
  if (!rPr) return {};
  const fonts = kid(rPr, 'w:rFonts');
  const themeFont = fonts && (attr(fonts, 'w:asciiTheme') ?? attr(fonts, 'w:hAnsiTheme'));
  const sz = num(attr(kid(rPr, 'w:sz') ?? {}, 'w:val'));
  return defined({
    bold: kid(rPr, 'w:b') ? on(kid(rPr, 'w:b')) : undefined,
    italic: kid(rPr, 'w:i') ? on(kid(rPr, 'w:i')) : undefined,
    size: sz > 0 ? sz / 2 : undefined,
    font: (fonts && (attr(fonts, 'w:ascii') ?? attr(fonts, 'w:hAnsi'))) ?? (themeFont ? (/^major/.test(themeFont) ? theme.major : theme.minor) : undefined),
    caps: kid(rPr, 'w:caps') ? on(kid(rPr, 'w:caps')) : kid(rPr, 'w:smallCaps') ? on(kid(rPr, 'w:smallCaps')) : undefined,
    hidden: kid(rPr, 'w:vanish') ? on(kid(rPr, 'w:vanish')) : undefined,
  });
}

const ALIGN: Record<string, Align> = { center: 'center', right: 'right', end: 'right', both: 'both', distribute: 'both', left: 'left', start: 'left' };

function paraProps(pPr: XmlNode | undefined): ParaProps {
  if (!pPr) return {};
  const ind = kid(pPr, 'w:ind');
  const sp = kid(pPr, 'w:spacing');
  const jc = attr(kid(pPr, 'w:jc') ?? {}, 'w:val');
  const hanging = ind ? twipsOf(attr(ind, 'w:hanging')) : undefined;
  const numPr = kid(pPr, 'w:numPr');
  const lineVal = sp ? num(attr(sp, 'w:line')) : Number.NaN;
  const rule = sp ? attr(sp, 'w:lineRule') ?? 'auto' : 'auto';
  const line: LineSpacing | undefined = !Number.isFinite(lineVal) || lineVal <= 0 ? undefined
    : rule === 'auto' ? { rule: 'auto', factor: lineVal / 240 } : { rule: rule === 'exact' ? 'exact' : 'atLeast', pt: lineVal / 20 };
  return defined({
    align: jc ? ALIGN[jc] ?? 'left' : undefined,
    left: ind ? twipsOf(attr(ind, 'w:left') ?? attr(ind, 'w:start')) : undefined,
    right: ind ? twipsOf(attr(ind, 'w:right') ?? attr(ind, 'w:end')) : undefined,
    firstLine: hanging !== undefined ? -hanging : ind ? twipsOf(attr(ind, 'w:firstLine')) : undefined,
    before: sp ? twipsOf(attr(sp, 'w:before')) : undefined,
    after: sp ? twipsOf(attr(sp, 'w:after')) : undefined,
    line,
    pageBreakBefore: kid(pPr, 'w:pageBreakBefore') ? on(kid(pPr, 'w:pageBreakBefore')) : undefined,
    tabs: kid(pPr, 'w:tabs') ? tabStops(kid(pPr, 'w:tabs')!) : undefined,
    numId: numPr ? attr(kid(numPr, 'w:numId') ?? {}, 'w:val') : undefined,
    ilvl: numPr && kid(numPr, 'w:ilvl') ? Number(attr(kid(numPr, 'w:ilvl')!, 'w:val')) || 0 : undefined,
  });
}

const TAB_ALIGN: Record<string, TabStop['align']> = { left: 'left', start: 'left', center: 'center', right: 'right', end: 'right', decimal: 'right' };

/** A paragraph's tab stops (w:tabs); a "clear" stop removes one its style set (dropped here). */
function tabStops(tabs: XmlNode): TabStop[] {
  return kids(tabs, 'w:tab').flatMap((t) => {
    const pos = twipsOf(attr(t, 'w:pos'));
    const align = TAB_ALIGN[attr(t, 'w:val') ?? 'left'];
    return pos !== undefined && pos > 0 && align ? [{ pos, align }] : [];
  });
}

/** Cell margins of a tblCellMar / tcMar element (points). */
function margins(n: XmlNode | undefined): Partial<Margins> {
  if (!n) return {};
  const side = (...tags: string[]) => {
    const e = tags.map((t) => kid(n, t)).find(Boolean);
    return e && (attr(e, 'w:type') ?? 'dxa') === 'dxa' ? twipsOf(attr(e, 'w:w')) : undefined;
  };
  return defined({ top: side('w:top'), bottom: side('w:bottom'), left: side('w:left', 'w:start'), right: side('w:right', 'w:end') });
}

/** A style's properties with those of the styles it is based on (a loop in basedOn is cut). */
function styleChain(s: Styles, id: string | undefined, seen = new Set<string>()): StyleDef {
  const own = id ? s.byId.get(id) : undefined;
  if (!own || seen.has(id!)) return { r: {}, p: {} };
  seen.add(id!);
  const base = styleChain(s, own.basedOn, seen);
  return { r: { ...base.r, ...own.r }, p: { ...base.p, ...own.p }, margins: { ...base.margins, ...own.margins } };
}

/** The document defaults, the styles by id and the theme's fonts. */
function readStyles(part: Uint8Array | undefined, themePart: Uint8Array | undefined): Styles {
  const theme: Styles['theme'] = {};
  if (themePart) {
    const t = parseXml(Buffer.from(themePart).toString('utf8'), THEME);
    const latin = (tag: string) => { const f = find(t, tag); const l = f && find([f], 'a:latin'); return l ? attr(l, 'typeface') : undefined; };
    theme.minor = latin('a:minorFont');
    theme.major = latin('a:majorFont');
  }
  const s: Styles = { r: { size: 13, bold: false }, p: {}, byId: new Map(), theme, defaultTab: 36, numbering: readNumbering(undefined) };
  if (!part) return s;
  const nodes = parseXml(Buffer.from(part).toString('utf8'), STYLES);
  const rDefault = find(nodes, 'w:rPrDefault');
  const pDefault = find(nodes, 'w:pPrDefault');
  s.r = { ...s.r, ...runProps(rDefault && kid(rDefault, 'w:rPr'), theme) };
  s.p = paraProps(pDefault && kid(pDefault, 'w:pPr'));
  for (const st of kids(find(nodes, 'w:styles') ?? {}, 'w:style')) {
    const id = attr(st, 'w:styleId');
    if (!id) continue;
    const tblPr = kid(st, 'w:tblPr');
    s.byId.set(id, { basedOn: attr(kid(st, 'w:basedOn') ?? {}, 'w:val'), r: runProps(kid(st, 'w:rPr'), theme), p: paraProps(kid(st, 'w:pPr')), margins: margins(tblPr && kid(tblPr, 'w:tblCellMar')) });
    if (/^(1|true|on)$/i.test(attr(st, 'w:default') ?? '')) {
      if (attr(st, 'w:type') === 'paragraph') s.paragraph = id;
      if (attr(st, 'w:type') === 'table') s.table = id;
    }
  }
  return s;
}

/** What a paragraph inherits before its own style: document defaults, or those with a table style over them. */
interface Base { r: RunProps; p: ParaProps }

/** The runs of a paragraph, following hyperlinks, smart tags, insertions, fields and content controls; deletions skipped. */
function runsOf(n: XmlNode, base: RunProps, s: Styles, out: Run[] = []): Run[] {
  for (const c of childrenOf(n)) {
    const tag = tagOf(c);
    if (tag === 'w:r') {
      const rPr = kid(c, 'w:rPr');
      const rStyle = rPr ? attr(kid(rPr, 'w:rStyle') ?? {}, 'w:val') : undefined;
      const r = { ...base, ...styleChain(s, rStyle).r, ...runProps(rPr, s.theme) };
      if (r.hidden) continue;
      let text = '';
      for (const x of childrenOf(c)) {
        const t = tagOf(x);
        if (t === 'w:t') text += textOf(x);
        else if (t === 'w:tab') text += '\t';
        else if (t === 'w:ptab') text += ' ';
        else if (t === 'w:noBreakHyphen') text += '\u2011';
        else if (t === 'w:br' || t === 'w:cr') text += attr(x, 'w:type') === 'page' ? '\f' : '\n';
      }
      text = text.normalize('NFC');
      if (r.caps) text = text.toLocaleUpperCase('vi');
      if (text) out.push({ text, bold: !!r.bold, italic: !!r.italic, size: r.size ?? 13, ...(r.font ? { font: r.font } : {}) });
    } else if (tag && tag !== 'w:pPr' && tag !== 'w:del' && tag !== 'w:moveFrom' && tag !== 'w:instrText' && tag !== 'w:rPr') {
      runsOf(c, base, s, out);
    }
  }
  return out;
}

/** One paragraph (w:p) with its properties resolved. */
function paragraph(p: XmlNode, base: Base, s: Styles): Para {
  const pPr = kid(p, 'w:pPr');
  const pStyle = pPr ? attr(kid(pPr, 'w:pStyle') ?? {}, 'w:val') : undefined;
  const style = styleChain(s, pStyle ?? s.paragraph);
  const own = paraProps(pPr);
  const listed = { ...base.p, ...style.p, ...own };
  // a list level's indents come between the table style and the paragraph style (Word's order)
  const pp: ParaProps = { ...base.p, ...levelIndent(s.numbering, listed.numId, listed.ilvl ?? 0), ...style.p, ...own };
  const rBase: RunProps = { ...base.r, ...style.r };
  const mark = { ...rBase, ...runProps(pPr && kid(pPr, 'w:rPr'), s.theme) };
  const runs = runsOf(p, rBase, s);
  // Word prints the list label ("1.", "a)", "II.", "-") before the text; it is not in the runs
  const label = pp.numId !== undefined ? nextLabel(s.numbering, pp.numId, pp.ilvl ?? 0) : null;
  if (label && runs.length) runs.unshift({ ...runs[0], text: label });
  return {
    kind: 'p', runs, align: pp.align ?? 'left',
    indent: pp.left ?? 0, firstLine: pp.firstLine ?? 0, rightIndent: pp.right ?? 0,
    spaceBefore: pp.before ?? 0, spaceAfter: pp.after ?? 0,
    ...(pp.line ? { line: pp.line } : {}),
    ...(pp.tabs?.length ? { tabs: pp.tabs } : {}),
    defaultTab: s.defaultTab,
    pageBreakBefore: !!pp.pageBreakBefore,
    size: mark.size ?? 13,
  };
}

/** Body paragraphs and tables counted in document order (the provenance of what is read from them). */
interface Counter { paragraphs: number; tables: number; /** body paragraphs that end a section, with its w:sectPr */ ends: Map<Block, XmlNode> }

const CELL_ALIGN: Record<string, Cell['vAlign']> = { top: 'top', center: 'center', bottom: 'bottom' };

/** The width of a table (tblW): points, or a share of the text width. */
function tableWidth(tblPr: XmlNode | undefined): Table['width'] {
  const w = tblPr && kid(tblPr, 'w:tblW');
  if (!w) return undefined;
  const type = attr(w, 'w:type');
  const raw = attr(w, 'w:w') ?? '';
  if (type === 'pct') {
    const share = raw.endsWith('%') ? Number.parseFloat(raw) / 100 : num(raw) / 5000;
    return share > 0 ? { share } : undefined;
  }
  const pt = twipsOf(raw);
  return type === 'dxa' && pt && pt > 0 ? { pt } : undefined;
}

/** Row properties: repeated header row, height rule, grid columns skipped before the first cell. */
function rowProps(tr: XmlNode): RowProps {
  const trPr = kid(tr, 'w:trPr');
  if (!trPr) return {};
  const h = kid(trPr, 'w:trHeight');
  const height = h ? twipsOf(attr(h, 'w:val')) : undefined;
  const gridBefore = num(attr(kid(trPr, 'w:gridBefore') ?? {}, 'w:val'));
  return defined({
    header: kid(trPr, 'w:tblHeader') ? on(kid(trPr, 'w:tblHeader')) : undefined,
    height: height && height > 0 ? height : undefined,
    exact: h ? attr(h, 'w:hRule') === 'exact' : undefined,
    gridBefore: gridBefore > 0 ? gridBefore : undefined,
  });
}

/**
 * A table (w:tbl): grid, width, cell margins and rows of cells, each cell knowing its place
 * (table, row, cell, 1-based) when the table is in the body; a table nested in a cell becomes
 * its paragraphs. The table style's paragraph and run properties apply inside it.
 */
function table(t: XmlNode, base: Base, s: Styles, count: Counter | null): Table {
  const tblPr = kid(t, 'w:tblPr');
  const grid = kid(t, 'w:tblGrid');
  const colWidths = grid ? kids(grid, 'w:gridCol').map((c) => twips(attr(c, 'w:w'), 0)) : [];
  const n = count ? ++count.tables : 0;
  const tStyle = styleChain(s, (tblPr && attr(kid(tblPr, 'w:tblStyle') ?? {}, 'w:val')) ?? s.table);
  const inner: Base = { r: { ...base.r, ...tStyle.r }, p: { ...base.p, ...tStyle.p } };
  const m: Margins = { left: 5.4, right: 5.4, top: 0, bottom: 0, ...styleChain(s, s.table).margins, ...tStyle.margins, ...margins(tblPr && kid(tblPr, 'w:tblCellMar')) };
  const trs = kids(t, 'w:tr');
  const rows: Cell[][] = trs.map((tr, r) => kids(tr, 'w:tc').map((tc, c) => {
    const tcPr = kid(tc, 'w:tcPr');
    const span = Number(tcPr ? attr(kid(tcPr, 'w:gridSpan') ?? {}, 'w:val') : 1) || 1;
    const vm = tcPr && kid(tcPr, 'w:vMerge');
    const vAlign = tcPr ? CELL_ALIGN[attr(kid(tcPr, 'w:vAlign') ?? {}, 'w:val') ?? ''] : undefined;
    const paras = blocksOf(tc, inner, s, null).flatMap((b) => (b.kind === 'p' ? [b] : b.rows.flatMap((row) => row.flatMap((x) => x.paras))));
    return {
      span, paras,
      ...(vm ? { vMerge: attr(vm, 'w:val') === 'restart' ? 'restart' as const : 'continue' as const } : {}),
      ...(vAlign ? { vAlign } : {}),
      ...(count ? { origin: { kind: 'cell' as const, table: n, row: r + 1, cell: c + 1 } } : {}),
    };
  }));
  const jc = tblPr ? attr(kid(tblPr, 'w:jc') ?? {}, 'w:val') : undefined;
  const width = tableWidth(tblPr);
  return {
    kind: 'table', colWidths, rows, margins: m, rowProps: trs.map(rowProps),
    ...(width ? { width } : {}),
    indent: (tblPr && twipsOf(attr(kid(tblPr, 'w:tblInd') ?? {}, 'w:w'))) ?? 0,
    align: jc === 'center' ? 'center' : jc === 'right' || jc === 'end' ? 'right' : 'left',
  };
}

/** Paragraphs and tables of a body (or cell, or content control), in order; body ones numbered. */
function blocksOf(n: XmlNode, base: Base, s: Styles, count: Counter | null): Block[] {
  const out: Block[] = [];
  for (const c of childrenOf(n)) {
    const tag = tagOf(c);
    if (tag === 'w:p') {
      const p = paragraph(c, base, s);
      const block = count ? { ...p, origin: { kind: 'paragraph' as const, paragraph: ++count.paragraphs } } : p;
      const sectPr = count && kid(kid(c, 'w:pPr') ?? {}, 'w:sectPr');
      if (sectPr) count.ends.set(block, sectPr);
      out.push(block);
    } else if (tag === 'w:tbl') out.push(table(c, base, s, count));
    else if (tag === 'w:sdt') out.push(...blocksOf(kid(c, 'w:sdtContent') ?? {}, base, s, count));
    else if (tag === 'w:customXml' || tag === 'w:ins') out.push(...blocksOf(c, base, s, count));
  }
  return out;
}

/**
 * Sections: a paragraph whose properties hold a w:sectPr ends a section of that page size;
 * the body's own w:sectPr is the last section's. The first block after each break carries
 * the next section's geometry (a landscape annex is laid out on landscape pages).
 */
function withSections(body: XmlNode, blocks: Block[], ends: Map<Block, XmlNode>): Block[] {
  let current = geometry(kid(body, 'w:sectPr'));
  let currentType = attr(kid(kid(body, 'w:sectPr') ?? {}, 'w:type') ?? {}, 'w:val');
  const out = [...blocks];
  for (let i = out.length - 1; i >= 0; i--) {
    const end = ends.get(out[i]);
    if (end) {
      // the blocks after this one open the section that follows
      if (i + 1 < out.length) out[i + 1] = { ...out[i + 1], section: { geometry: current, newPage: currentType !== 'continuous' } };
      current = geometry(end);
      currentType = attr(kid(end, 'w:type') ?? {}, 'w:val');
    }
  }
  return out;
}

/** Page size and margins of a section (w:sectPr); A4 with Nghị định 30's margins when it says nothing usable. */
function geometry(sect: XmlNode | undefined): PageGeometry {
  const sz = sect ? kid(sect, 'w:pgSz') : undefined;
  const mar = sect ? kid(sect, 'w:pgMar') : undefined;
  const g = {
    width: twips(sz && attr(sz, 'w:w'), A4.width), height: twips(sz && attr(sz, 'w:h'), A4.height),
    left: twips(mar && attr(mar, 'w:left'), A4.left), right: twips(mar && attr(mar, 'w:right'), A4.right),
    top: twips(mar && attr(mar, 'w:top'), A4.top), bottom: twips(mar && attr(mar, 'w:bottom'), A4.bottom),
  };
  return g.width > g.left + g.right + 72 && g.height > g.top + g.bottom + 72 ? g : A4;
}

/** The blocks and page geometry of a DOCX (also used by tests and the edXML reader). */
export function readDocxBlocks(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): { blocks: Block[]; geometry: PageGeometry } {
  const parts = readZipParts(bytes, (n) => n === DOCUMENT || n === STYLES || n === THEME || n === SETTINGS || n === NUMBERING, limits);
  const doc = parts.get(DOCUMENT);
  if (!doc) throw new TonghopError('office.invalid', { detail: `thiếu ${DOCUMENT}` });
  const s = readStyles(parts.get(STYLES), parts.get(THEME));
  const settings = parts.get(SETTINGS);
  const tab = settings ? find(parseXml(Buffer.from(settings).toString('utf8'), SETTINGS), 'w:defaultTabStop') : undefined;
  s.defaultTab = twips(tab && attr(tab, 'w:val'), 36);
  s.numbering = readNumbering(parts.get(NUMBERING));
  const body = find(parseXml(Buffer.from(doc).toString('utf8'), DOCUMENT), 'w:body');
  if (!body) throw new TonghopError('office.invalid', { detail: 'không có phần thân văn bản (w:body)' });
  const counter: Counter = { paragraphs: 0, tables: 0, ends: new Map() };
  const blocks = blocksOf(body, { r: s.r, p: s.p }, s, counter);
  const sections = withSections(body, blocks, counter.ends);
  const first = [...counter.ends.values()][0];
  return { blocks: sections, geometry: geometry(first ?? kid(body, 'w:sectPr')) };
}

/** A DOCX as positioned pages. Throws a TonghopError (office.*, xml.*) for a hostile or broken file. */
export function readDocx(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): PageText[] {
  const { blocks, geometry: g } = readDocxBlocks(bytes, limits);
  return layoutBlocks(blocks, g);
}
