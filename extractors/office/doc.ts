// A Word 97–2003 document (.doc, OLE compound file) as text: word-extractor reads the body
// text (no LibreOffice), which is laid out as left-aligned paragraphs. The header's two-column
// table is lost in this format (cells come out one after another), so header fields read from
// a .doc are less certain than from a DOCX; the readers' own confidences say so.
import WordExtractor from 'word-extractor';
import type { PageText } from '../../model/document.js';
import { TonghopError } from '../../model/errors.js';
import type { SourceRef } from '../../model/document.js';
import { layoutBlocks, type Block, type Cell, type Para } from './layout.js';

/** The OLE compound-file signature (D0 CF 11 E0 A1 B1 1A E1). */
export const isOle = (b: Uint8Array) => b.length >= 8 && Buffer.from(b.subarray(0, 8)).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));

const para = (t: string, origin?: SourceRef): Para => ({ kind: 'p', runs: t ? [{ text: t, bold: false, size: 13 }] : [], align: 'left', ...(origin ? { origin } : {}) });
/** at most this many paragraphs stand above a header table's first cell mark (issuer lines, a blank, the number) */
const HEADER_CELL_LINES = 6;

/** Paragraphs of plain text as blocks, each knowing its paragraph number. */
export function textBlocks(text: string): Block[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.replace(/\t+/g, '  ').trim()).map((t, i) => para(t, { kind: 'paragraph', paragraph: i + 1 }));
}

/**
 * A two-column table that starts the document is laid out as Nghị định 30/2020 sets the header
 * (the .doc text has no widths or alignment): left column about 6.5 cm, right about 10 cm,
 * every line centred in its column, so the Quốc hiệu stays on one line as Word prints it.
 */
function asHeaderTable(rows: Cell[][]): Block {
  if (!rows.every((r) => r.length === 2)) return { kind: 'table', colWidths: [], rows };
  return { kind: 'table', colWidths: [188, 282], rows: rows.map((r) => r.map((c) => ({ ...c, paras: c.paras.map((p) => ({ ...p, align: 'center' as const })) }))) };
}

/**
 * The body text of a .doc as paragraphs and tables. word-extractor writes a cell's end mark as
 * a tab and a row's end as a newline right after its last cell's tab; paragraphs inside a cell
 * are newlines. The text does not say where a table starts, so a row's first cell is what
 * stands on the line of its first tab, except for a table that starts the document: that is
 * the header table (Nghị định 30/2020 layout: issuer and number left, Quốc hiệu and date
 * right), and every paragraph before its first tab belongs to its first cell. A tab typed in
 * the text looks like a cell mark; a row left open at the end shows it, and the whole text is
 * then read as plain paragraphs (textBlocks).
 */
// Long because it is one single-pass scanner over the text with its cursor state.
export function docBlocks(text: string): Block[] {
  const out: Block[] = [];
  let paragraphs = 0;
  let tables = 0;
  let loose: string[] = []; // paragraphs since the last row that may yet belong to a first cell
  let table: Cell[][] | null = null;
  let row: Cell[] | null = null;
  let cell: string[] = [];
  let buf = '';
  let prev = '';
  const flushLoose = () => {
    for (const t of loose) out.push(para(t, { kind: 'paragraph', paragraph: ++paragraphs }));
    loose = [];
  };
  let headerTable = false;
  const endTable = () => {
    if (table) out.push(headerTable ? asHeaderTable(table) : { kind: 'table', colWidths: [], rows: table });
    table = null;
    headerTable = false;
  };
  for (const tok of text.replace(/\r\n?/g, '\n').split(/(\t|\n)/)) {
    if (tok === '\t') {
      if (!row) {
        // a new row: the first cell takes the paragraphs before it only when the table starts the document
        const atStart = out.length === 0 && !table && loose.length < HEADER_CELL_LINES;
        if (!atStart) flushLoose();
        if (!table) { endTable(); table = []; tables++; headerTable = atStart; }
        row = [];
        cell = atStart ? [...loose, buf] : [buf];
        loose = [];
      } else cell.push(buf);
      const t = tables;
      const r = table!.length + 1;
      row.push({ span: 1, paras: cell.map((x) => para(x.trim())), origin: { kind: 'cell', table: t, row: r, cell: row.length + 1 } });
      cell = [];
      buf = '';
    } else if (tok === '\n') {
      if (row && prev === '\t' && buf === '') {
        table!.push(row); // row end
        row = null;
      } else if (row) cell.push(buf);
      else {
        if (table) endTable();
        loose.push(buf.trim());
        if (out.length > 0 || tables > 0) flushLoose();
      }
      buf = '';
    } else buf += tok;
    if (tok !== '') prev = tok === '\t' || tok === '\n' ? tok : 'x';
  }
  // A row never closed means the tabs were typed ones (word-extractor writes both as tabs):
  // then nothing is known about tables, and the text is read as plain paragraphs.
  if (row) return textBlocks(text);
  endTable();
  if (buf.trim()) loose.push(buf.trim());
  flushLoose();
  return out;
}

/** A .doc as positioned pages. Throws office.invalid when it is not a Word 97 document. */
export async function readDoc(bytes: Uint8Array): Promise<PageText[]> {
  let body: string;
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes));
    body = doc.getBody();
  } catch (err) {
    throw new TonghopError('office.invalid', { detail: `không đọc được văn bản Word 97–2003: ${((err as Error)?.message ?? String(err)).slice(0, 200)}` });
  }
  return layoutBlocks(docBlocks(body));
}
