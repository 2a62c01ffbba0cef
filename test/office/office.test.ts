// Word and Excel files (issue 14 parts 2 and 4): a report written as DOCX gives the header
// fields and figures a PDF of it gives, its XLSX annex the same figures; hostile zips (bombs,
// path entries, too many entries) and XML with entities are refused with their own codes.
import { zipSync, strToU8 } from 'fflate';
import { extractHeaderFields } from '../../extractors/header-fields.js';
import { extractIndicators } from '../../extractors/indicators/index.js';
import { readDocx } from '../../extractors/office/docx.js';
import { readXlsx, columnIndex } from '../../extractors/office/xlsx.js';
import { docBlocks, readDoc, textBlocks } from '../../extractors/office/doc.js';
import { readFileSync } from 'node:fs';
import { sourceAt, describeOrigin } from '../../extractors/office/provenance.js';
import { officeKindOf } from '../../extractors/office/index.js';
import { decodeEntities, parseXml } from '../../extractors/office/xml.js';
import { readZipParts, unsafeEntryName } from '../../extractors/office/zip.js';
import { layoutBlocks } from '../../extractors/office/layout.js';
import { TonghopError } from '../../model/errors.js';
import { annexXlsx, HEADER_LEFT, MERGED_FIGURES, mergedHeaderDocx, mergedHeaderXlsx, reportDocx, TITLE, TYPE_NAME } from './report-docs.js';

const FIGURES = { radio_programs: 924, print_copies: 20761960, commune_radio_upgraded: 4 };
const byKey = (vs: { key: string; value: number }[]) => Object.fromEntries(vs.map((v) => [v.key, v.value]));

/** The code of the TonghopError `fn` throws (or 'none'). */
function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (err) {
    if (err instanceof TonghopError) return err.code;
    throw err;
  }
}

const minimalDocx = (documentXml: string, extra: Record<string, Uint8Array> = {}) => zipSync({
  '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
  'word/document.xml': strToU8(documentXml),
  ...extra,
});
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

describe('DOCX', () => {
  it('reads the header from the two-column header table, as from a PDF', async () => {
    const bytes = await reportDocx();
    expect(officeKindOf(bytes)).toBe('docx');
    const pages = readDocx(bytes);
    const h = extractHeaderFields(pages);
    expect(h.docNumberRaw.value).toBe('280/BC-UBND');
    expect(h.dateLine.value).toBe('Hà Giang, ngày 29 tháng 6 năm 2023');
    expect(h.issuerLines.value).toEqual(HEADER_LEFT.slice(0, 2));
    expect(h.typeName.value).toBe(TYPE_NAME);
    expect(h.title.value).toBe(TITLE);
    expect(h.findings).toEqual([]);
    // the issuer's cell is left of the Quốc hiệu's, on the same lines
    const left = pages[0].lines.find((l) => l.text === 'TỈNH HÀ GIANG')!;
    const right = pages[0].lines.find((l) => l.text === 'Độc lập - Tự do - Hạnh phúc')!;
    expect(left.box.x + left.box.w).toBeLessThan(right.box.x);
    expect(Math.abs(left.box.y - right.box.y)).toBeLessThan(left.box.h);
    expect(left.items.every((i) => i.bold)).toBe(true);
  });

  it('reads the indicator table from the Word table', async () => {
    expect(byKey(extractIndicators(readDocx(await reportDocx())).indicators)).toEqual(FIGURES);
  });

  it('reads a two-row merged header (vMerge, gridSpan) with plan and actual side by side, every cell inside its box', async () => {
    const pages = readDocx(await mergedHeaderDocx());
    const x = extractIndicators(pages);
    expect(byKey(x.indicators)).toEqual(MERGED_FIGURES);
    expect(x.indicators.every((i) => i.confidence >= 0.9)).toBe(true);
    // the figures of two cells never touch: each stands in its own cell, apart from the next
    const rowOf = (t: string) => pages[0].lines.filter((l) => l.items.some((i) => i.str === t))[0];
    const row = rowOf('File điện tử');
    const figures = row ? pages[0].items.filter((i) => Math.abs(i.box.y - row.items[0].box.y) < 1 && /^\d/.test(i.str)) : [];
    expect(figures.map((i) => i.str)).toEqual(['3', '110', '82', '74,5']);
    for (let k = 1; k < figures.length; k++) expect(figures[k].box.x - (figures[k - 1].box.x + figures[k - 1].box.w)).toBeGreaterThan(10);
    // "Chương trình" wraps in its narrow unit cell, and stays in its row
    const unit = pages[0].items.filter((i) => i.origin && 'row' in i.origin && i.origin.row === 3 && i.origin.cell === 3).map((i) => i.str);
    expect(unit).toEqual(['Chương', 'trình']);
  });

  it('breaks a line after a hyphen inside a symbol, and a word wider than its cell inside the cell', () => {
    const cell = (w: number, text: string) => `<w:tc><w:tcPr><w:tcW w:w="${w}" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
    const xml = `<w:document ${W}><w:body><w:tbl><w:tblGrid><w:gridCol w:w="2400"/><w:gridCol w:w="700"/></w:tblGrid>
      <w:tr>${cell(2400, 'Số: 988/CTrPH-SLĐTBXH-MTTQ')}${cell(700, '120.300.000.000')}</w:tr></w:tbl></w:body></w:document>`;
    const items = readDocx(minimalDocx(xml))[0].items;
    const symbol = items.filter((i) => i.origin && 'cell' in i.origin && i.origin.cell === 1).map((i) => i.str);
    expect(symbol).toEqual(['Số: 988/CTrPH-', 'SLĐTBXH-MTTQ']);
    const figure = items.filter((i) => i.origin && 'cell' in i.origin && i.origin.cell === 2);
    expect(figure.length).toBeGreaterThan(1);
    expect(figure.map((i) => i.str).join('')).toBe('120.300.000.000');
    for (const i of figure) expect(i.box.x + i.box.w).toBeLessThanOrEqual(85 + 155 + 0.01);
  });

  it('lays tabs out at their stops: a header typed with tabs stays in two columns', () => {
    const xml = `<w:document ${W}><w:body>
      <w:p><w:r><w:t>UBND TỈNH A</w:t></w:r><w:r><w:tab/><w:tab/><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p>
      <w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="9355"/></w:tabs></w:pPr><w:r><w:t>Số: 5/BC-UBND</w:t><w:tab/><w:t>A, ngày 1 tháng 2 năm 2023</w:t></w:r></w:p>
    </w:body></w:document>`;
    const lines = readDocx(minimalDocx(xml))[0].lines;
    expect(lines.map((l) => l.text)).toEqual(['UBND TỈNH A', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: 5/BC-UBND', 'A, ngày 1 tháng 2 năm 2023']);
    expect(lines[1].box.x).toBeCloseTo(85 + 144, 0);
    // a right stop at the margin: the date ends there
    expect(lines[3].box.x + lines[3].box.w).toBeCloseTo(85 + 467.75, 0);
  });

  it('prints automatic numbering as Word does: "I.", "1.", "2.", "-", then "II." and "1." again', () => {
    const lvl = (i: number, fmt: string, text: string) => `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/><w:pPr><w:ind w:left="${720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>`;
    const numbering = `<w:numbering ${W}><w:abstractNum w:abstractNumId="0">${lvl(0, 'upperRoman', '%1.')}${lvl(1, 'decimal', '%2.')}${lvl(2, 'bullet', '')}</w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
    const para = (ilvl: number, text: string) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const xml = `<w:document ${W}><w:body>${para(0, 'KẾT QUẢ')}${para(1, 'Tuyên truyền')}${para(1, 'Hỗ trợ')}${para(2, 'Vay vốn')}${para(0, 'ĐÁNH GIÁ')}${para(1, 'Ưu điểm')}</w:body></w:document>`;
    const lines = readDocx(minimalDocx(xml, { 'word/numbering.xml': strToU8(numbering) }))[0].lines.map((l) => l.text);
    expect(lines).toEqual(['I. KẾT QUẢ', '1. Tuyên truyền', '2. Hỗ trợ', '• Vay vốn', 'II. ĐÁNH GIÁ', '1. Ưu điểm']);
  });

  it('lays a landscape section (an annex) out on landscape pages', () => {
    const sect = (w: number, h: number) => `<w:sectPr><w:pgSz w:w="${w}" w:h="${h}"/><w:pgMar w:top="1134" w:bottom="1134" w:left="1701" w:right="850"/></w:sectPr>`;
    const xml = `<w:document ${W}><w:body>
      <w:p><w:pPr>${sect(11906, 16838)}</w:pPr><w:r><w:t>Báo cáo</w:t></w:r></w:p>
      <w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>Phụ lục</w:t></w:r></w:p>
      ${sect(16838, 11906)}</w:body></w:document>`;
    const pages = readDocx(minimalDocx(xml));
    expect(pages.map((p) => [Math.round(p.width), Math.round(p.height), p.lines.map((l) => l.text).join('|')])).toEqual([[595, 842, 'Báo cáo'], [842, 595, 'Phụ lục']]);
    const annex = pages[1].lines[0];
    expect(annex.box.x + annex.box.w).toBeCloseTo(841.9 - 42.5, 0);
  });

  it('keeps runs split inside a word together, and honours page breaks and empty paragraphs', () => {
    const xml = `<w:document ${W}><w:body>
      <w:p><w:r><w:t>Số</w:t></w:r><w:r><w:t xml:space="preserve">: 12/BC-UBND &amp; tiếp</w:t></w:r></w:p>
      <w:p/>
      <w:p><w:r><w:br w:type="page"/><w:t>Trang hai</w:t></w:r></w:p>
    </w:body></w:document>`;
    const pages = readDocx(minimalDocx(xml));
    expect(pages.map((p) => p.lines.map((l) => l.text))).toEqual([['Số: 12/BC-UBND & tiếp'], ['Trang hai']]);
  });
});

describe('XLSX', () => {
  it('reads the annex sheet as a table: the same figures as the DOCX', async () => {
    const bytes = await annexXlsx();
    expect(officeKindOf(bytes)).toBe('xlsx');
    const pages = readXlsx(bytes);
    expect(pages[0].lines.map((l) => l.text)).toContain('20.761.960');
    expect(byKey(extractIndicators(pages).indicators)).toEqual(FIGURES);
  });

  it('reads merged header cells (Merge & Center) as the two-row header they are', async () => {
    const pages = readXlsx(await mergedHeaderXlsx());
    expect(byKey(extractIndicators(pages).indicators)).toEqual(MERGED_FIGURES);
    // "Năm 2023" (D2:E2) is centred over both of its columns
    const year = pages[0].items.find((i) => i.str === 'Năm 2023')!;
    const plan = pages[0].items.find((i) => i.str === 'Kế hoạch')!;
    const actual = pages[0].items.find((i) => i.str === 'Thực hiện')!;
    expect(year.box.x).toBeLessThan(actual.box.x);
    expect(year.box.x + year.box.w).toBeGreaterThan(plan.box.x + plan.box.w);
  });

  it('column letters', () => {
    expect([columnIndex('A1'), columnIndex('Z9'), columnIndex('AA10')]).toEqual([0, 25, 26]);
  });
});

describe('DOC (Word 97–2003)', () => {
  it('plain text becomes left-aligned paragraphs', () => {
    const pages = layoutBlocks(textBlocks('ỦY BAN NHÂN DÂN\r\nSố: 5/BC-UBND\r\n\r\nBÁO CÁO'));
    expect(pages[0].lines.map((l) => l.text)).toEqual(['ỦY BAN NHÂN DÂN', 'Số: 5/BC-UBND', 'BÁO CÁO']);
  });

  it('cell marks (tabs) and row ends rebuild the header table and the figure table', () => {
    // word-extractor's text: a cell ends with a tab, a row with a newline after its last tab
    const text = 'ỦY BAN NHÂN DÂN\nTỈNH A\n\nSố: 5/BC-UBND\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nA, ngày 1 tháng 2 năm 2023\t\n\nBÁO CÁO\nTT\tNội dung\tSố\t\n1\tLớp tập huấn\t12\t\nHết.\n';
    const blocks = docBlocks(text);
    expect(blocks.map((b) => (b.kind === 'p' ? `p${b.origin?.kind === 'paragraph' ? b.origin.paragraph : ''}` : `table ${b.rows.length}×${b.rows[0].length}`))).toEqual(['table 1×2', 'p1', 'p2', 'table 2×3', 'p3']);
    const header = blocks[0].kind === 'table' ? blocks[0].rows[0] : [];
    expect(header.map((c) => c.paras.map((p) => p.runs.map((r) => r.text).join('')))).toEqual([
      ['ỦY BAN NHÂN DÂN', 'TỈNH A', '', 'Số: 5/BC-UBND'], ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '', 'A, ngày 1 tháng 2 năm 2023'],
    ]);
    expect(blocks[3].kind === 'table' && blocks[3].rows[1].map((c) => c.origin)).toEqual([1, 2, 3].map((cell) => ({ kind: 'cell', table: 2, row: 2, cell })));
    // a typed tab leaves a row open: the text is read as plain paragraphs
    expect(docBlocks('Nơi nhận:\tcác tỉnh\nHết.').every((b) => b.kind === 'p')).toBe(true);
  });

  it('a genuine Word 97 file gives the header fields and figures of its DOCX twin', async () => {
    // fixtures/office/bao-cao-280.doc: reportDocx() saved as Word 97 by LibreOffice (fixtures/office/README.md)
    const pages = await readDoc(readFileSync(new URL('../../fixtures/office/bao-cao-280.doc', import.meta.url)));
    const twin = readDocx(await reportDocx());
    const fields = (ps: typeof pages) => {
      const h = extractHeaderFields(ps);
      return { number: h.docNumberRaw.value, date: h.dateLine.value, issuer: h.issuerLines.value, type: h.typeName.value, title: h.title.value };
    };
    expect(fields(pages)).toEqual(fields(twin));
    expect(fields(pages)).toMatchObject({ number: '280/BC-UBND', date: 'Hà Giang, ngày 29 tháng 6 năm 2023', title: TITLE });
    expect(byKey(extractIndicators(pages).indicators)).toEqual(FIGURES);
    const number = extractHeaderFields(pages).docNumberRaw.provenance!;
    expect(describeOrigin(sourceAt(pages[0], number.box!)!.origin)).toBe('Bảng 1, hàng 1, ô 1');
  });

  it('an OLE file that is not a Word document is office.invalid', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    expect(officeKindOf(ole)).toBe('doc');
    await expect(readDoc(ole)).rejects.toMatchObject({ code: 'office.invalid' });
  });
});

describe('hostile Office files', () => {
  it('a path entry (zip slip) is refused before anything is inflated', () => {
    for (const name of ['../../etc/passwd', '/abs/file.xml', 'word\\..\\x.xml', 'C:/x.xml']) expect(unsafeEntryName(name)).toBe(true);
    expect(unsafeEntryName('word/document.xml')).toBe(false);
    const zip = minimalDocx(`<w:document ${W}><w:body/></w:document>`, { '../../evil.sh': strToU8('rm -rf /') });
    expect(codeOf(() => officeKindOf(zip))).toBe('office.path_entry');
  });

  it('a zip bomb (a part that inflates 1000:1) is refused', () => {
    const zeros = new Uint8Array(20 * 1024 * 1024);
    const zip = zipSync({ 'word/document.xml': zeros }, { level: 9 });
    expect(zip.length).toBeLessThan(100_000);
    expect(codeOf(() => readDocx(zip))).toBe('office.zip_bomb');
    expect(codeOf(() => readZipParts(zip, () => false, { maxEntries: 10, maxEntryBytes: 1e9, maxTotalBytes: 1024 * 1024, maxRatio: 1e9 }))).toBe('office.zip_bomb');
  });

  it('too many entries is refused', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 2100; i++) files[`word/media/x${i}.bin`] = new Uint8Array(1);
    expect(codeOf(() => officeKindOf(zipSync(files)))).toBe('office.too_many_entries');
  });

  it('XML external entities and entity expansion (billion laughs) are refused, never resolved', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document ${W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>`;
    expect(codeOf(() => readDocx(minimalDocx(xxe)))).toBe('xml.entities');
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
    expect(codeOf(() => parseXml(lol, 'x.xml'))).toBe('xml.entities');
    expect(decodeEntities('&lol; &amp; &#x1EA1; &#0;')).toBe('&lol; & ạ &#0;');
  });

  it('malformed XML and a zip without a document are refused with their codes', () => {
    expect(codeOf(() => readDocx(minimalDocx('<w:document><w:body><w:p></w:body>')))).toBe('xml.invalid');
    expect(codeOf(() => readDocx(zipSync({ 'word/other.xml': strToU8('<x/>') })))).toBe('office.invalid');
    expect(codeOf(() => readDocx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).toBe('office.invalid');
    expect(officeKindOf(zipSync({ 'readme.txt': strToU8('hello') }))).toBeNull();
  });
});
