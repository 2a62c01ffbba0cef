import { extractIndicators, extractFromTables } from '../../extractors/indicators/index.js';
import { isAccepted } from '../../model/acceptance.js';
import { FIVE_COLS, FIVE_HEADER, page, proseItems, tableItems } from './helpers.js';

const ROWS = [
  ['I', 'Công tác thông tin, tuyên truyền', '', '', ''],
  ['1', 'Chương trình phát thanh', 'chương\ntrình', '1.000', '924'],
  ['2', 'Số lượng báo in phát hành', 'tờ', '20.000.000', '20.761.960'],
  ['3', 'Điểm cung cấp dịch vụ thông tin\ncông cộng được hỗ trợ', 'điểm', '-', '16/34'],
  ['4', 'Đài truyền thanh xã nâng cấp,\nchuyển đổi', 'đài', '5', '4'],
  ['II', 'Huy động nguồn lực hỗ trợ người nghèo', '', '', ''],
  ['1', 'Trong đó: Quỹ “Vì người nghèo”', 'triệu đồng', '20.000', '13.970'],
  ['2', 'Ủng hộ an sinh xã hội trực tiếp', 'tỷ đồng', '30', '30,655'],
  ['3', 'Số mô tô tặng hộ nghèo', 'chiếc', '10', '12'],
];

const byKey = (vs: { key: string; value: number }[]) => Object.fromEntries(vs.map((v) => [v.key, v.value]));

describe('summary tables', () => {
  it('reads the Thực hiện column, never Kế hoạch, with wrapped labels and units', () => {
    const r = extractIndicators([page(tableItems({ cols: FIVE_COLS, header: FIVE_HEADER, rows: ROWS }))]);
    expect(byKey(r.indicators)).toEqual({
      radio_programs: 924,
      print_copies: 20761960,
      public_info_points: 16,
      commune_radio_upgraded: 4,
      poor_fund: 13_970_000_000,
      social_security_direct: 30_655_000_000,
    });
    expect(r.indicators.every(isAccepted)).toBe(true);
    const points = r.indicators.find((v) => v.key === 'public_info_points')!;
    expect(points.subValues).toEqual([{ label: 'trên tổng số', value: 34 }]);
    expect(points.provenance.sourceText).toBe('3 | Điểm cung cấp dịch vụ thông tin công cộng được hỗ trợ | điểm | - | 16/34');
    expect(points.provenance.box!.h).toBeGreaterThan(20); // both label lines
  });

  it('keeps a row it cannot map as unmapped, and leaves table cells out of the prose', () => {
    const r = extractIndicators([page(tableItems({ cols: FIVE_COLS, header: FIVE_HEADER, rows: ROWS }))]);
    expect(r.unmapped).toEqual([expect.objectContaining({ value: 12, unit: 'chiếc', text: '3 | Số mô tô tặng hộ nghèo | chiếc | 10 | 12' })]);
  });

  it('finds the columns from a two-line header and stops at the prose after the table', () => {
    const items = [
      ...tableItems({ cols: FIVE_COLS, header: ['TT', 'Nội dung chỉ tiêu', 'Đơn vị\ntính', 'Kế hoạch\nnăm 2023', 'Thực hiện 6\ntháng đầu năm'], rows: ROWS.slice(0, 3) }),
      ...proseItems('Nơi nhận:\n- Như trên;\n- Lưu: VT.', { y0: 560 }),
    ];
    const r = extractFromTables([page(items)]);
    expect(r.candidates.map((c) => [c.key, c.value])).toEqual([['radio_programs', 924], ['print_copies', 20761960]]);
  });

  it('reads OCR word boxes, with table borders glued to numbers', () => {
    const glue = (row: number, col: number) => (row === 2 && col === 4 ? '¡' : row === 1 && col === 4 ? '|' : '');
    const items = tableItems({ cols: FIVE_COLS, header: ['TT', 'Chỉ tiêu', 'Đơn vị tính', 'Kếhoạch', 'Thựchiện'], rows: ROWS.slice(0, 3), ocr: true, conf: 0.96, glue });
    const r = extractIndicators([page(items, 1, 'ocr')]);
    expect(byKey(r.indicators)).toEqual({ radio_programs: 924, print_copies: 20761960 });
  });

  it('cross-checks a border read as "1" against the prose', () => {
    const glue = (row: number, col: number) => (row === 2 && col === 4 ? '1' : '');
    const table = tableItems({ cols: FIVE_COLS, header: FIVE_HEADER, rows: ROWS.slice(0, 3), ocr: true, conf: 0.96, glue });
    // alone, "120.761.960" cannot be judged: it goes to review
    const alone = extractIndicators([page(table, 1, 'ocr')]).indicators.find((v) => v.key === 'print_copies')!;
    expect(isAccepted(alone)).toBe(false);
    expect(alone.findings.map((f) => f.code)).toContain('indicator.ocr_border');
    // the prose says 20.761.960: that reading wins, and no conflict is raised
    const prose = proseItems('phát hành với số lượng phát hành 20.761.960 tờ.', { y0: 80, words: true, conf: 0.97 });
    const both = extractIndicators([page([...prose, ...table], 1, 'ocr')]).indicators.find((v) => v.key === 'print_copies')!;
    expect(both.value).toBe(20761960);
    expect(both.findings).toEqual([]);
  });
});

describe('tables over a page break', () => {
  it('goes on reading a table on the next page without a repeated header', () => {
    const p1 = tableItems({ cols: FIVE_COLS, header: FIVE_HEADER, rows: [['1', 'Chương trình phát thanh', 'chương trình', '1.000', '924']], y0: 760 });
    const p2 = tableItems({ cols: FIVE_COLS, header: FIVE_HEADER, rows: [['2', 'Tờ rơi, áp phích', 'tờ', '5.000', '4.335']], y0: 40 }).filter((i) => i.box.y > 50);
    const folio = { str: '2', box: { x: 300, y: 20, w: 6, h: 12 }, conf: 1 };
    const r = extractIndicators([page(p1, 1), page([folio, ...p2], 2)]);
    expect(r.indicators.map((v) => [v.key, v.value, v.provenance.page])).toEqual([['radio_programs', 924, 1], ['leaflets', 4335, 2]]);
    expect(r.unmapped).toEqual([]);
  });
});

describe('one figure, one count', () => {
  const table = tableItems({ cols: FIVE_COLS, header: FIVE_HEADER, rows: ROWS.slice(0, 2), y0: 300 });

  it('merges the same value stated in prose and table, citing the table', () => {
    const r = extractIndicators([page([...proseItems('Sở đã phát sóng 924 chương trình phát thanh.'), ...table])]);
    expect(r.indicators).toHaveLength(1);
    const v = r.indicators[0];
    expect(v).toMatchObject({ key: 'radio_programs', value: 924, findings: [] });
    expect(v.provenance.sourceText).toContain('|');
    expect(v.confidence).toBeGreaterThanOrEqual(0.98);
  });

  it('takes the prose qualifier when prose and table agree', () => {
    const r = extractIndicators([page([...proseItems('phát sóng hơn 924 chương trình phát thanh.'), ...table])]);
    expect(r.indicators[0]).toMatchObject({ value: 924, qualifier: 'at_least' });
  });

  it('raises a conflict for review when they differ', () => {
    const r = extractIndicators([page([...proseItems('Sở đã phát sóng 920 chương trình phát thanh.'), ...table])]);
    expect(r.indicators).toHaveLength(1);
    const v = r.indicators[0];
    expect(v.value).toBe(924);
    expect(v.confidence).toBeLessThanOrEqual(0.5);
    expect(v.findings.map((f) => f.code)).toEqual(['indicator.conflict']);
    expect(v.findings[0].message).toMatch(/920.*924|924.*920/);
    expect(r.findings.map((f) => f.code)).toContain('indicator.conflict');
    expect(isAccepted(v)).toBe(false);
  });
});
