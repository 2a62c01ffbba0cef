// Provenance in Word and Excel files (issue 14 part 2): a value read from a DOCX names the
// paragraph or the header-table cell it came from, a figure the table cell that holds it, a
// figure of an XLSX annex its sheet and cell reference (E3), in the provenance PDF boxes use.
import { extractHeaderFields } from '../../extractors/header-fields.js';
import { extractIndicators } from '../../extractors/indicators/index.js';
import { readDocx } from '../../extractors/office/docx.js';
import { readXlsx, columnName } from '../../extractors/office/xlsx.js';
import { describeOrigin, headerWithOrigins, indicatorsWithOrigins, sourceAt } from '../../extractors/office/provenance.js';
import { annexXlsx, reportDocx } from './report-docs.js';

describe('paragraph and cell provenance', () => {
  it('header fields of a DOCX name their header-table cell, the title its paragraph', async () => {
    const pages = readDocx(await reportDocx());
    const h = headerWithOrigins(extractHeaderFields(pages), pages);
    expect(h.docNumberRaw.provenance?.origin).toEqual({ kind: 'cell', table: 1, row: 1, cell: 1 });
    expect(h.issuerLines.provenance?.origin).toEqual({ kind: 'cell', table: 1, row: 1, cell: 1 });
    expect(h.dateLine.provenance?.origin).toEqual({ kind: 'cell', table: 1, row: 1, cell: 2 });
    // body paragraphs counted from 1: (empty), type name, title
    expect(h.typeName.provenance?.origin).toEqual({ kind: 'paragraph', paragraph: 2 });
    expect(h.title.provenance?.origin).toEqual({ kind: 'paragraph', paragraph: 3 });
    // the cell's whole text, with the part the value was read from
    const src = sourceAt(pages[0], h.docNumberRaw.provenance!.box!);
    expect(src).toEqual({ origin: { kind: 'cell', table: 1, row: 1, cell: 1 }, text: 'ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 280/BC-UBND', highlight: 'Số: 280/BC-UBND' });
    expect(describeOrigin(src!.origin)).toBe('Bảng 1, hàng 1, ô 1');
  });

  it('a DOCX figure names the cell of the value column, not the whole row', async () => {
    const pages = readDocx(await reportDocx());
    const x = indicatorsWithOrigins(extractIndicators(pages), pages);
    expect(Object.fromEntries(x.indicators.map((i) => [i.key, i.provenance.origin]))).toEqual({
      radio_programs: { kind: 'cell', table: 2, row: 2, cell: 5 },
      print_copies: { kind: 'cell', table: 2, row: 3, cell: 5 },
      commune_radio_upgraded: { kind: 'cell', table: 2, row: 4, cell: 5 },
    });
    const print = x.indicators.find((i) => i.key === 'print_copies')!;
    expect(sourceAt(pages[0], print.provenance.box!, print.value)).toMatchObject({ text: '20.761.960', highlight: '20.761.960' });
  });

  it('an XLSX figure names its sheet and cell reference', async () => {
    const pages = readXlsx(await annexXlsx());
    const x = indicatorsWithOrigins(extractIndicators(pages), pages);
    // row 1 is the title, row 2 the header, rows 3–5 the figures; column E the value
    expect(x.indicators.map((i) => [i.value, i.provenance.origin])).toEqual([
      [924, { kind: 'sheet', sheet: 'Phụ lục', ref: 'E3' }],
      [20761960, { kind: 'sheet', sheet: 'Phụ lục', ref: 'E4' }],
      [4, { kind: 'sheet', sheet: 'Phụ lục', ref: 'E5' }],
    ]);
    expect(describeOrigin({ kind: 'sheet', sheet: 'Phụ lục', ref: 'E3' })).toBe('Trang tính “Phụ lục”, ô E3');
    expect([columnName(0), columnName(4), columnName(25), columnName(26), columnName(27)]).toEqual(['A', 'E', 'Z', 'AA', 'AB']);
  });

  it('a PDF page (no origins) is left as it was', () => {
    const page = { page: 1, width: 595, height: 842, source: 'text' as const, items: [{ str: 'Số: 1/BC', box: { x: 10, y: 10, w: 50, h: 12 }, conf: 1 }], lines: [] };
    expect(sourceAt(page, { x: 0, y: 0, w: 100, h: 30 })).toBeNull();
  });
});
