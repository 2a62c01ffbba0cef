// Summary tables read by column role (issue 12 part 3): the actual column is found from the
// header cells whatever the order, wrapping or merging; a figure that cannot be placed in it
// with certainty goes to review, and a plan figure is never accepted as the actual one.
import fc from 'fast-check';
import { classifyHeader } from '../../extractors/indicators/columns.js';
import { extractIndicators } from '../../extractors/indicators/index.js';
import { isAccepted } from '../../model/acceptance.js';
import type { IndicatorValue } from '../../model/document.js';
import { type GridColumn, type GridSpec, gridPage } from './grid.js';

const byKey = (vs: IndicatorValue[]) => Object.fromEntries(vs.map((v) => [v.key, v.value]));
const codes = (v: IndicatorValue | undefined) => v?.findings.map((f) => f.code) ?? [];

describe('header cell roles', () => {
  it.each([
    ['Kế hoạch', 'plan'], ['KH giao', 'plan'], ['Kế hoạch năm 2023', 'plan'], ['Chỉ tiêu KH năm 2023', 'plan'], ['Kếhoạch', 'plan'],
    ['Thực hiện', 'actual'], ['Thực hiện 6 tháng', 'actual'], ['TH năm 2023', 'actual'], ['Kết quả thực hiện', 'actual'], ['Thựchiện', 'actual'], ['Kết quả đạt được', 'actual'],
    ['Lũy kế', 'cumulative'], ['Lũy kế từ đầu năm', 'cumulative'],
    ['Tỷ lệ %', 'ratio'], ['Thực hiện so với KH (%)', 'ratio'], ['TH/KH', 'ratio'], ['Đạt %', 'ratio'],
    ['So với cùng kỳ', 'comparison'], ['Tăng/giảm', 'comparison'],
    ['Ghi chú', 'note'], ['ĐVT', 'unit'], ['Đơn vị tính', 'unit'], ['STT', 'tt'], ['TT', 'tt'],
    ['Nội dung', 'label'], ['Chỉ tiêu', 'label'], ['Nội dung hoạt động', 'label'],
    ['6 tháng đầu năm', 'period'], ['Năm 2023', 'period'],
    ['Thời gian thực hiện', 'other'], ['Đơn vị thực hiện', 'other'], ['Cơ quan chủ trì', 'other'], ['Phối hợp', 'other'],
  ])('"%s" is %s', (text, role) => {
    expect(classifyHeader(text)?.role).toBe(role);
  });

  it('takes "SL" and "Số lượng" for the figure, but not as a named actual column', () => {
    expect(classifyHeader('SL')).toEqual({ role: 'actual', explicit: false });
    expect(classifyHeader('Số lượng')).toEqual({ role: 'actual', explicit: false });
  });
});

const C = (header: string, w: number, align: GridColumn['align'] = 'right'): GridColumn => ({ header, w, align });
const TT = C('TT', 26, 'center');
const LABEL = C('Chỉ tiêu', 190, 'left');
const UNIT = C('ĐVT', 56, 'center');

const ROWS: Array<{ key: string; label: string; unit: string; plan: string; actual: string; cum: string; rate: string }> = [
  { key: 'radio_programs', label: 'Chương trình phát thanh', unit: 'chương\ntrình', plan: '500', actual: '452', cum: '1.310', rate: '90,4' },
  { key: 'trainees', label: 'Người tham gia tập huấn', unit: 'lượt\nngười', plan: '2.000', actual: '1.234', cum: '3.900', rate: '61,7' },
  { key: 'inspection_teams_provincial', label: 'Đoàn kiểm tra, giám sát cấp tỉnh', unit: 'đoàn', plan: '6', actual: '5', cum: '11', rate: '83,3' },
  { key: 'leaflets', label: 'Tờ rơi, áp phích', unit: 'tờ', plan: '4.000', actual: '4.335', cum: '9.100', rate: '108,4' },
];
const TRUTH = { radio_programs: 452, trainees: 1234, inspection_teams_provincial: 5, leaflets: 4335 };

type Fig = 'plan' | 'actual' | 'cum' | 'rate';
/** A table with TT | Chỉ tiêu | ĐVT and the figure columns in the given order. */
function table(figs: Array<[Fig, string]>, opts: Partial<GridSpec> = {}): GridSpec {
  const cols = [TT, LABEL, UNIT, ...figs.map(([, h]) => C(h, 62))];
  return {
    cols,
    rows: ROWS.map((r, i) => [String(i + 1), r.label, r.unit, ...figs.map(([f]) => r[f])]),
    ...opts,
  };
}

describe('tables by column role', () => {
  it.each([
    ['plan right of actual', [['actual', 'Thực hiện'], ['plan', 'Kế hoạch']]],
    ['plan left of actual', [['plan', 'Kế hoạch\nnăm 2023'], ['actual', 'TH 6 tháng\nđầu năm']]],
    ['extra Lũy kế and Tỷ lệ columns', [['plan', 'KH'], ['actual', 'Thực hiện'], ['cum', 'Lũy kế'], ['rate', 'Tỷ lệ %']]],
    ['Lũy kế before the actual column', [['cum', 'Lũy kế\nđến nay'], ['actual', 'Kết quả\nthực hiện'], ['plan', 'Kế hoạch']]],
    ['headers wrapped over three lines', [['plan', 'Kế hoạch\nnăm\n2023'], ['actual', 'Thực hiện\n6 tháng\nđầu năm']]],
  ] as Array<[string, Array<[Fig, string]>]>)('%s: reads the actual column only', (_name, figs) => {
    for (const middle of [false, true]) {
      const r = extractIndicators([gridPage(table(figs, { middle }))]);
      expect(byKey(r.indicators)).toEqual(TRUTH);
      expect(r.indicators.filter((v) => !isAccepted(v))).toEqual([]);
    }
  });

  it('reads a merged "Năm 2023" cell over Kế hoạch | Thực hiện, the short sub-headers touching neither', () => {
    const spec = table([['plan', 'KH'], ['actual', 'TH']], { merged: [{ text: 'Năm 2023', from: 3, to: 4 }] });
    spec.cols[3].w = spec.cols[4].w = 90;
    const r = extractIndicators([gridPage(spec)]);
    expect(byKey(r.indicators)).toEqual(TRUTH);
    expect(r.indicators.every(isAccepted)).toBe(true);
  });

  it('reads the period column under a merged "Kết quả thực hiện" cell, not its Lũy kế sub-column', () => {
    const spec = table([['actual', '6 tháng'], ['cum', 'Lũy kế'], ['plan', 'Kế hoạch']], { merged: [{ text: 'Kết quả thực hiện', from: 3, to: 4 }] });
    const r = extractIndicators([gridPage(spec)]);
    expect(byKey(r.indicators)).toEqual(TRUTH);
    expect(r.indicators.every(isAccepted)).toBe(true);
  });

  it('reads OCR word boxes with glued header words, actual column first', () => {
    const r = extractIndicators([gridPage(table([['actual', 'Thựchiện'], ['plan', 'Kếhoạch']], { ocr: 0.96 }))]);
    expect(byKey(r.indicators)).toEqual(TRUTH);
  });

  it('sends the figures of a table with only a Lũy kế column to review', () => {
    const r = extractIndicators([gridPage(table([['plan', 'Kế hoạch'], ['cum', 'Lũy kế']]))]);
    expect(r.indicators.length).toBeGreaterThan(0);
    for (const v of r.indicators) {
      expect(isAccepted(v)).toBe(false);
      expect(codes(v)).toContain('indicator.column_uncertain');
    }
  });

  it('sends the figures of a table with two actual columns to review', () => {
    const r = extractIndicators([gridPage(table([['plan', 'Thực hiện\n2022'], ['actual', 'Thực hiện\n2023']]))]);
    expect(r.indicators.length).toBe(4);
    expect(r.indicators.some(isAccepted)).toBe(false);
    expect(codes(r.indicators[0])).toContain('indicator.column_uncertain');
  });

  it('reads nothing from a table with a plan column only', () => {
    const r = extractIndicators([gridPage(table([['plan', 'Kế hoạch\nnăm 2024']]))]);
    expect(r.indicators).toEqual([]);
  });

  it('sends a figure standing between the plan and the actual column to review', () => {
    const spec = table([['plan', 'Kế hoạch'], ['actual', 'Thực hiện']]);
    const page = gridPage(spec);
    // the leaflets row's actual figure drawn half under the plan header
    const moved = page.items.find((i) => i.str === '4.335')!;
    moved.box.x -= 40;
    const r = extractIndicators([page]);
    const v = r.indicators.find((x) => x.key === 'leaflets');
    expect(v && isAccepted(v)).toBeFalsy();
    if (v) expect(codes(v)).toContain('indicator.column_uncertain');
    // the other rows are untouched
    expect(r.indicators.filter(isAccepted).map((x) => x.key).sort()).toEqual(['inspection_teams_provincial', 'radio_programs', 'trainees']);
  });
});

describe('what a text layer does to cells', () => {
  it('cuts a header run joining two cells ("Kế hoạch Thực hiện") in two', () => {
    const p = gridPage(table([['plan', 'Kế hoạch'], ['actual', 'Thực hiện']]));
    const kh = p.items.find((i) => i.str === 'Kế hoạch')!, th = p.items.find((i) => i.str === 'Thực hiện')!;
    const joined = { ...kh, str: 'Kế hoạch Thực hiện', box: { ...kh.box, w: th.box.x + th.box.w - kh.box.x } };
    p.items = [joined, ...p.items.filter((i) => i !== kh && i !== th)];
    const r = extractIndicators([p]);
    expect(byKey(r.indicators)).toEqual(TRUTH);
    expect(r.indicators.filter((v) => !isAccepted(v))).toEqual([]);
  });

  it('keeps a figure wrapped in a narrow cell ("120.300.0" / "00.000") one figure, in its row', () => {
    const spec: GridSpec = {
      cols: [TT, LABEL, C('ĐVT', 40, 'center'), C('Kế hoạch', 60), C('Thực hiện', 60)],
      rows: [['1', 'An sinh xã hội trực tiếp', 'Đồng', '177.000.\n000.000', '120.300.0\n00.000'], ['2', 'Cụm loa thôn, bản', 'Cụm', '8', '7']],
    };
    const r = extractIndicators([gridPage(spec)]);
    expect(byKey(r.indicators)).toEqual({ social_security_direct: 120_300_000_000, loudspeaker_clusters: 7 });
    expect(r.indicators.filter((v) => !isAccepted(v))).toEqual([]);
  });
});

describe('rows of a table whose header is not recognised', () => {
  it('are not read as prose (a row number or a plan figure is no count)', () => {
    const spec = table([['plan', 'Năm\ntrước'], ['actual', 'Năm\nnay']]);
    spec.cols[1] = C('Tên', 190, 'left');
    const r = extractIndicators([gridPage(spec)]);
    expect(r.indicators.filter(isAccepted)).toEqual([]);
  });
});

describe('totals rows', () => {
  const spec = (total: string): GridSpec => ({
    cols: [TT, LABEL, UNIT, C('Kế hoạch', 62), C('Thực hiện', 62)],
    rows: [
      ['1', 'Đoàn kiểm tra, giám sát cấp tỉnh', 'đoàn', '6', '5'],
      ['2', 'Đoàn kiểm tra, giám sát cấp huyện', 'đoàn', '20', '17'],
      ['', 'Tổng cộng', 'đoàn', '26', total],
    ],
  });

  it('accepts rows whose total adds up', () => {
    const r = extractIndicators([gridPage(spec('22'))]);
    expect(byKey(r.indicators)).toEqual({ inspection_teams_provincial: 5, inspection_teams_district: 17 });
    expect(r.indicators.every(isAccepted)).toBe(true);
  });

  it('sends every row of a block whose total does not add up to review', () => {
    const r = extractIndicators([gridPage(spec('23'))]);
    expect(r.indicators.some(isAccepted)).toBe(false);
    expect(r.indicators.every((v) => codes(v).includes('indicator.total_mismatch'))).toBe(true);
    expect(r.findings.find((f) => f.code === 'indicator.total_mismatch')?.message).toMatch(/23.*22/);
  });
});

describe('property: a plan figure is never accepted as the actual one', () => {
  const FIGS: Array<[Fig, string[]]> = [
    ['plan', ['Kế hoạch', 'KH', 'Kế hoạch\nnăm 2023', 'KH giao', 'Chỉ tiêu KH\nnăm 2023']],
    ['actual', ['Thực hiện', 'TH', 'Thực hiện\n6 tháng', 'Kết quả\nthực hiện', 'TH năm\n2023']],
    ['cum', ['Lũy kế', 'Lũy kế\nđến nay']],
    ['rate', ['Tỷ lệ %', 'Tỷ lệ\n(%)']],
  ];
  const arb = fc.record({
    order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 2, maxLength: 4 }),
    headers: fc.array(fc.nat(4), { minLength: 4, maxLength: 4 }),
    widths: fc.array(fc.integer({ min: 60, max: 90 }), { minLength: 4, maxLength: 4 }),
    align: fc.constantFrom<GridColumn['align']>('right', 'center', 'left'),
    middle: fc.boolean(),
    unitW: fc.integer({ min: 30, max: 70 }),
    wrapUnits: fc.boolean(),
  });

  it('holds for random column orders, widths, wraps and alignments', () => {
    fc.assert(fc.property(arb, (a) => {
      const figs = a.order.map((k) => FIGS[k]);
      const spec: GridSpec = {
        cols: [TT, LABEL, C('Đơn vị\ntính', a.unitW, 'center'), ...figs.map(([, hs], j) => C(hs[a.headers[j] % hs.length], a.widths[j], a.align))],
        rows: ROWS.map((r, i) => [String(i + 1), r.label, a.wrapUnits ? r.unit : r.unit.replace('\n', ' '), ...figs.map(([f]) => r[f])]),
        middle: a.middle,
      };
      const r = extractIndicators([gridPage(spec)]);
      for (const v of r.indicators) {
        if (!isAccepted(v)) continue;
        // an accepted figure is the row's actual one, and only a table with an actual column gives one
        expect(a.order).toContain(1);
        expect(v.value).toBe(TRUTH[v.key as keyof typeof TRUTH]);
      }
    }), { numRuns: 150, seed: 12 });
  });
});
