// OCR-specific table and prose cases (issue 5, scanned reports): a turned scan, border
// glyphs glued to cells or read as words, misread cells, words run together, numbers
// split in two, and page lines that come back from the database as copies of the items.
import { extractIndicators } from '../../extractors/indicators/index.js';
import { isAccepted } from '../../model/acceptance.js';
import { joinNumberFragments, joinsNumber } from '../../extractors/indicators/numbers.js';
import { splitGlued } from '../../extractors/indicators/match.js';
import type { PageText, TextItem, TextLine } from '../../model/document.js';
import { FIVE_COLS, proseItems, tableItems } from './helpers.js';

const byKey = (vs: { key: string; value: number }[]) => Object.fromEntries(vs.map((v) => [v.key, v.value]));

const PROSE = [
  'Sở Lao động - Thương binh và Xã hội phối hợp với Ủy ban MTTQ Việt Nam tỉnh',
  'tổ chức triển khai thực hiện Chương trình phối hợp trên địa bàn toàn tỉnh, kết',
  'quả thực hiện các nội dung phối hợp trong 6 tháng đầu năm như sau, cụ thể là',
  'Một số chỉ tiêu cụ thể (chi tiết tại biểu dưới đây):',
].join('\n');

/**
 * An OCR page turned by `deg` degrees: the words' boxes sheared about the page centre,
 * tesseract-like lines for the prose, and every line's items JSON copies of page.items
 * (as the pipeline's stored 'pages' artifact has them).
 */
function scannedPage(table: TextItem[], deg: number, extra: TextItem[] = []): PageText {
  const prose = proseItems(PROSE, { y0: 300, words: true, conf: 0.95 });
  const slope = Math.tan((deg * Math.PI) / 180);
  const turn = (it: TextItem): TextItem => ({ ...it, box: { ...it.box, y: it.box.y + slope * (it.box.x + it.box.w / 2 - 297) } });
  const items = [...prose, ...table, ...extra].map(turn);
  const proseTurned = items.slice(0, prose.length);
  const lines: TextLine[] = [];
  for (const y of new Set(prose.map((p) => p.box.y))) {
    const its = proseTurned.filter((_, k) => prose[k].box.y === y);
    const x0 = its[0].box.x, x1 = its[its.length - 1].box.x + its[its.length - 1].box.w;
    lines.push({ text: its.map((i) => i.str).join(' '), box: { x: x0, y: its[0].box.y, w: x1 - x0, h: 12 }, items: its, conf: 0.95 });
  }
  return JSON.parse(JSON.stringify({ page: 1, width: 595, height: 842, source: 'ocr', items, lines }));
}

describe('OCR-ed summary tables', () => {
  const header = ['TT', 'Chỉ tiêu', 'Đơn vị tính', 'Kế hoạch', 'Thực hiện'];
  const rows = [
    ['I', 'Công tác thông tin, tuyên truyền', '', '', ''],
    ['1', 'Chương trình phát thanh', 'chương\ntrình', '1.000', '924'],
    ['2', 'Số lượng báo in phát hành', 'tờ', '20.000.000', '20.761.960'],
    ['3', 'Đài truyền thanh xã nâng cấp,\nchuyển đổi', 'đài', '5', '4'],
    ['IH', 'Huy động nguồn lực hỗ trợ người nghèo', '', '', ''],
    ['1', 'Cụmloa thôn, bản', 'cụm', '8', '7'],
  ];
  // a border glued to each label ("|Chương"), and one read as a word between two header cells
  const glue = (_r: number, col: number) => (col === 1 ? '|' : '');
  const bar: TextItem = { str: '|', box: { x: 456, y: 400, w: 5, h: 12 }, conf: 0.9 };

  it.each([0, 1.8, -1.8])('reads the Thực hiện column of a table turned by %s°, never the row numbers', (deg) => {
    const table = tableItems({ cols: FIVE_COLS, header, rows, ocr: true, conf: 0.96, glue });
    const r = extractIndicators([scannedPage(table, deg, [bar])]);
    expect(byKey(r.indicators)).toEqual({ radio_programs: 924, print_copies: 20761960, commune_radio_upgraded: 4, loudspeaker_clusters: 7 });
    expect(r.indicators.every(isAccepted)).toBe(true);
    // the cells were read as a table: the prose reader did not take "1 |Chương trình phát thanh" for a figure
    expect(r.indicators.every((v) => v.provenance.sourceText.includes(' | '))).toBe(true);
  });

  it('keeps reading past a misread cell, and sends the misread value to review', () => {
    const bad = [...rows.slice(0, 3), ['3', 'Đài truyền thanh xã nâng cấp,\nchuyển đổi', 'đài', 'Rớ', '27T']];
    const table = tableItems({ cols: FIVE_COLS, header, rows: [...bad, ['4', 'Tờ rơi, áp phích', 'tờ', '5.000', '4.335']], ocr: true, conf: 0.96 });
    const r = extractIndicators([scannedPage(table, 1)]);
    const radio = r.indicators.find((v) => v.key === 'commune_radio_upgraded')!;
    expect(isAccepted(radio)).toBe(false);
    expect(radio.findings.map((f) => f.code)).toContain('indicator.ocr_doubt');
    expect(r.indicators.find((v) => v.key === 'leaflets')).toMatchObject({ value: 4335 });
  });

  it('doubts a figure of thousands printed without its group dots', () => {
    const table = tableItems({ cols: FIVE_COLS, header, rows: [['1', 'Chương trình phát thanh', 'chương trình', '1.000', '23456']], ocr: true, conf: 0.96 });
    const v = extractIndicators([scannedPage(table, 0)]).indicators.find((x) => x.key === 'radio_programs')!;
    expect(v.value).toBe(23456);
    expect(isAccepted(v)).toBe(false);
  });
});

describe('OCR-ed prose', () => {
  it('joins the parts of a grouped number OCR split', () => {
    expect(joinsNumber('102.5', '05')).toBe(true);
    expect(joinsNumber('20.761', '.960')).toBe(true);
    expect(joinsNumber('1.234', '567')).toBe(false); // two figures
    expect(joinsNumber('12', '345')).toBe(false);
    expect(joinNumberFragments('20.761 .960 tờ')).toBe('20.761.960 tờ');
    const items = proseItems('hỗ trợ 102.5 05 lượt người nghèo được hỗ trợ khám chữa bệnh.', { words: true, conf: 0.95 });
    const r = extractIndicators([{ page: 1, width: 595, height: 842, source: 'ocr', items, lines: [] }]);
    expect(byKey(r.indicators)).toEqual({ health_support_people: 102505 });
  });

  it('cuts words OCR ran together into catalogue words', () => {
    expect(splitGlued(['cumloa', 'thon', 'ban'])).toEqual(['cum', 'loa', 'thon', 'ban']);
    expect(splitGlued(['jtoroi'])).toEqual(['to', 'roi']);
    expect(splitGlued(['chuong', 'trinh'])).toEqual(['chuong', 'trinh']);
  });
});
