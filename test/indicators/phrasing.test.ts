// The same figures written the way different offices write them (issue 12 part 5): word
// order, verbs, qualifiers, counts in words, pairs in words, labels before a colon, and the
// cross-checks between a sentence, a table and a total.
import { extractIndicators, reconcile, tokenize } from '../../extractors/indicators/index.js';
import { spelledNumber } from '../../extractors/indicators/prose.js';
import { isAccepted } from '../../model/acceptance.js';
import type { IndicatorValue } from '../../model/document.js';
import { type GridColumn, gridItems } from './grid.js';
import { page, proseItems } from './helpers.js';

const read = (text: string) => extractIndicators([page(proseItems(text))]);
const one = (text: string, key: string): IndicatorValue | undefined => read(text).indicators.find((v) => v.key === key);

describe('word order and verbs', () => {
  it.each([
    'Đài Phát thanh - Truyền hình tỉnh đã phát sóng 452 chương trình phát thanh về giảm nghèo.',
    'Có 452 chương trình phát thanh được phát sóng trên sóng Đài tỉnh.',
    'Số chương trình phát thanh: 452 chương trình.',
    'Chương trình phát thanh được phát sóng trên Đài Phát thanh - Truyền hình tỉnh: 452 chương trình.',
  ])('"%s"', (text) => {
    const v = one(text, 'radio_programs');
    expect(v).toMatchObject({ value: 452, qualifier: 'exact' });
    expect(isAccepted(v!)).toBe(true);
  });

  it('reads teams organised, trainees "with N people taking part", money "đã được vận động"', () => {
    expect(one('Các sở, ngành đã tổ chức 5 đoàn kiểm tra, giám sát cấp tỉnh.', 'inspection_teams_provincial')?.value).toBe(5);
    expect(one('Mở 12 lớp tập huấn với 1.234 lượt người tham gia.', 'trainees')?.value).toBe(1234);
    expect(one('Trong kỳ, 61 tỷ 269 triệu đồng đã được vận động cho Quỹ “Vì người nghèo” và an sinh xã hội.', 'fund_mobilised')?.value).toBe(61_269_000_000);
    expect(one('Hơn 99 tỷ đồng được ủng hộ vào Quỹ “Vì người nghèo”.', 'poor_fund')).toMatchObject({ value: 99_000_000_000, qualifier: 'at_least' });
    expect(one('Các cơ quan, đơn vị đã thu hút 106 hộ tham gia.', 'project_households')?.value).toBe(106);
  });

  it('cuts a label before "được …" ahead of a colon', () => {
    expect(one('- Tin, bài, ảnh được đăng tải trên các phương tiện thông tin đại chúng: 5.832 bài;', 'articles')?.value).toBe(5832);
    expect(one('- Tờ rơi, áp phích được in, cấp phát tới thôn, bản: 4.335 tờ;', 'leaflets')?.value).toBe(4335);
  });

  it('leaves "thành lập 12 tổ" without a catalogue meaning unclaimed', () => {
    const r = read('Ban Chỉ đạo đã thành lập 12 tổ công tác.');
    expect(r.indicators).toEqual([]);
  });
});

describe('qualifiers', () => {
  it.each([
    ['gần 500 chương trình phát thanh', 'approx'], ['khoảng 500 chương trình phát thanh', 'approx'], ['xấp xỉ 500 chương trình phát thanh', 'approx'],
    ['hơn 500 chương trình phát thanh', 'at_least'], ['trên 500 chương trình phát thanh', 'at_least'], ['500 chương trình phát thanh', 'exact'],
  ])('"%s" is %s', (phrase, qualifier) => {
    expect(one(`Đài tỉnh đã phát sóng ${phrase}.`, 'radio_programs')).toMatchObject({ value: 500, qualifier });
  });
});

describe('counts written in words', () => {
  it.each([
    ['hai', 2], ['mười', 10], ['mười lăm', 15], ['hai mươi', 20], ['hai mươi mốt', 21], ['ba mươi tư', 34], ['chín', 9],
  ])('"%s" is %d', (words, n) => {
    expect(spelledNumber(tokenize(`${words} đoàn`), 0)).toEqual({ value: n, len: words.split(' ').length });
  });

  it('reads small counts before their unit', () => {
    expect(one('Ban Chỉ đạo tỉnh đã tổ chức hai đoàn kiểm tra, giám sát cấp tỉnh.', 'inspection_teams_provincial')?.value).toBe(2);
    expect(one('Toàn tỉnh xây dựng mười lăm mô hình giảm nghèo.', 'poverty_projects')?.value).toBe(15);
    expect(one('Ấn phẩm báo in được xuất bản: ba ấn phẩm.', 'print_publications')?.value).toBe(3);
  });

  it('never reads words that only look like numbers', () => {
    const r = read('Một số đơn vị triển khai chậm; sau khi kiểm tra, năm 2023 các huyện Ba Vì, Ba Chẽ khắc phục. Tạm ứng kinh phí cho một cách làm mới.');
    expect(r.indicators).toEqual([]);
    expect(r.unmapped).toEqual([]);
  });
});

describe('pairs written in words', () => {
  it('reads "x trên tổng số y" as x out of y', () => {
    const v = one('Đồng thời, 9 trên tổng số 20 điểm cung cấp dịch vụ thông tin công cộng được hỗ trợ.', 'public_info_points');
    expect(v).toMatchObject({ value: 9, subValues: [{ label: 'trên tổng số', value: 20 }] });
  });
});

describe('a sentence and a table', () => {
  const cols: GridColumn[] = [
    { header: 'TT', w: 26, align: 'center' }, { header: 'Chỉ tiêu', w: 190, align: 'left' }, { header: 'ĐVT', w: 56, align: 'center' },
    { header: 'Kế hoạch', w: 62, align: 'right' }, { header: 'Thực hiện', w: 62, align: 'right' },
  ];
  const table = (actual: string) => gridItems({ cols, rows: [['1', 'Chương trình phát thanh', 'chương trình', '1.000', actual]], y0: 300 }).items;

  it('takes the table figure when the prose says "hơn" a smaller one, without a conflict', () => {
    const r = extractIndicators([page([...proseItems('Đài tỉnh phát sóng hơn 900 chương trình phát thanh.'), ...table('924')])]);
    expect(r.indicators).toHaveLength(1);
    expect(r.indicators[0]).toMatchObject({ value: 924, findings: [] });
  });

  it('raises a conflict when "hơn" a larger figure meets a smaller one in the table', () => {
    const r = extractIndicators([page([...proseItems('Đài tỉnh phát sóng hơn 950 chương trình phát thanh.'), ...table('924')])]);
    expect(r.indicators[0].findings.map((f) => f.code)).toEqual(['indicator.conflict']);
  });

  it('reads a short row label with its unit in front ("Phát thanh" | chương trình)', () => {
    const items = gridItems({ cols, rows: [['1', 'Phát thanh', 'chương trình', '1.000', '924'], ['2', 'Truyền hình', 'chương trình', '300', '277']], y0: 300 }).items;
    const r = extractIndicators([page([...proseItems('Kết quả phát sóng chương trình về giảm nghèo như sau:'), ...items])]);
    expect(Object.fromEntries(r.indicators.map((v) => [v.key, v.value]))).toEqual({ radio_programs: 924, tv_programs: 277 });
  });
});

describe('a total and its parts', () => {
  const text = (fund: string) => `Tổng số tiền vận động Quỹ “Vì người nghèo” và an sinh xã hội là ${fund} triệu đồng, trong đó Quỹ “Vì người nghèo” các cấp vận động được 30.000 triệu đồng; ủng hộ an sinh xã hội trực tiếp 20.000 triệu đồng.`;

  it('accepts parts that add up to the total', () => {
    const r = read(text('50.000'));
    expect(r.indicators.map((v) => [v.key, v.value])).toEqual([['fund_mobilised', 50e9], ['poor_fund', 30e9], ['social_security_direct', 20e9]]);
    expect(r.indicators.every(isAccepted)).toBe(true);
  });

  it('sends a total and parts that do not add up to review', () => {
    const r = read(text('55.000'));
    expect(r.indicators.some(isAccepted)).toBe(false);
    expect(r.findings.map((f) => f.code)).toContain('indicator.sum_mismatch');
  });
});

describe('readings that were capped below acceptance (issue 12 part 4): the words settle them', () => {
  it('a passive money clause names the total, not only the fund inside it', () => {
    for (const text of [
      'Kết quả: 26 tỷ 535 triệu đồng đã được vận động cho Quỹ “Vì người nghèo” và an sinh xã hội.',
      'Trong kỳ, trên 158 tỷ 999 triệu đồng đã được vận động cho Quỹ “Vì người nghèo” và an sinh xã hội.',
    ]) {
      const v = read(text).indicators;
      expect(v.map((x) => x.key)).toEqual(['fund_mobilised']);
      expect(isAccepted(v[0])).toBe(true);
    }
  });

  it('a label with its verb and a complement ("được nâng cấp, chuyển đổi sang công nghệ mới: 04 (bốn) đài")', () => {
    for (const [text, value] of [['Đài truyền thanh xã được nâng cấp, chuyển đổi sang công nghệ mới: 04 (bốn) đài.', 4], ['Đài truyền thanh xã được nâng cấp, chuyển đổi sang công nghệ mới: ba đài.', 3]] as const) {
      const v = one(text, 'commune_radio_upgraded');
      expect(v?.value).toBe(value);
      expect(isAccepted(v!)).toBe(true);
    }
    // the new stations are a different indicator: the shorter label does not take the figure
    expect(one('Đài truyền thanh xã được xây mới: 3 đài.', 'commune_radio_upgraded')).toBeUndefined();
  });

  it('a label closed by "là" before the figure', () => {
    expect(one('Kết quả: số căn nhà Đại đoàn kết được xây mới, sửa chữa cho hộ nghèo là 1.461 căn.', 'houses_built_repaired')?.value).toBe(1461);
    expect(one('Đến nay, số chương trình phát thanh đã được phát sóng là trên 1.640 chương trình.', 'radio_programs')).toMatchObject({ value: 1640, qualifier: 'at_least' });
    expect(one('Số đoàn kiểm tra, giám sát cấp tỉnh được thành lập là 05 đoàn.', 'inspection_teams_provincial')?.value).toBe(5);
    // "là" after a label the catalogue does not know claims nothing
    expect(read('Số hộ nghèo còn lại là 1.234 hộ.').indicators).toEqual([]);
    expect(read('Số xã đặc biệt khó khăn là 45 xã.').indicators).toEqual([]);
  });

  it('other verbs and shorter nouns: "thành lập", "mở", "tổ chức được", "đoàn kiểm tra cấp tỉnh"', () => {
    expect(one('Các cấp, các ngành đã thành lập gần 72 đoàn kiểm tra cấp tỉnh và 24 đoàn kiểm tra cấp huyện.', 'inspection_teams_provincial')).toMatchObject({ value: 72, qualifier: 'approx' });
    expect(one('Các cấp, các ngành đã thành lập gần 72 đoàn kiểm tra cấp tỉnh và 24 đoàn kiểm tra cấp huyện.', 'inspection_teams_district')?.value).toBe(24);
    expect(one('Các sở đã tổ chức được 3 đoàn kiểm tra, giám sát cấp tỉnh.', 'inspection_teams_provincial')?.value).toBe(3);
    expect(one('Hộ tham gia các dự án giảm nghèo: hơn 313 hộ.', 'project_households')).toMatchObject({ value: 313, qualifier: 'at_least' });
  });
});

describe('a sentence and a table cell that agree confirm each other', () => {
  const cand = (source: 'prose' | 'table', value: number, confidence: number) => ({
    key: 'trainees', value, qualifier: 'exact' as const, source, confidence, provenance: { page: 1, box: null, sourceText: source }, findings: [],
  });
  it('lifts two fair readings of the same figure to accepted', () => {
    const [v] = reconcile([cand('table', 1234, 0.85), cand('prose', 1234, 0.82)]).indicators;
    expect(v.confidence).toBeGreaterThanOrEqual(0.95);
    expect(isAccepted(v)).toBe(true);
  });
  it('does not lift two readings of one kind, a poor reading, or a disagreement', () => {
    expect(reconcile([cand('prose', 1234, 0.85), cand('prose', 1234, 0.82)]).indicators[0].confidence).toBeLessThan(0.9);
    expect(reconcile([cand('table', 1234, 0.85), cand('prose', 1234, 0.6)]).indicators[0].confidence).toBeLessThan(0.9);
    expect(isAccepted(reconcile([cand('table', 1234, 0.85), cand('prose', 1243, 0.85)]).indicators[0])).toBe(false);
  });
});

describe('an OCR table cell against a sentence whose own parts add up', () => {
  const money = (source: 'prose' | 'table', value: number, parts?: number[]) => ({
    key: 'fund_mobilised', value, qualifier: 'exact' as const, source, confidence: 0.9,
    provenance: { page: 2, box: null, sourceText: source }, findings: [],
    ...(parts ? { subValues: parts.map((v, i) => ({ label: `năm ${2022 + i}`, value: v })) } : {}),
  });
  const total = 101_720_000_000;
  const parts = [35_190_000_000, 66_530_000_000];

  it('takes the sentence on an OCR page, and says the cell was read otherwise', () => {
    const [v] = reconcile([money('table', 181_720_000_000), money('prose', total, parts)], new Set([2])).indicators;
    expect(v.value).toBe(total);
    expect(isAccepted(v)).toBe(true);
    expect(v.findings.map((f) => f.code)).toContain('indicator.cell_misread');
  });
  it('leaves a text layer, parts that do not add up, or no parts to a person', () => {
    expect(isAccepted(reconcile([money('table', 181_720_000_000), money('prose', total, parts)]).indicators[0])).toBe(false);
    expect(isAccepted(reconcile([money('table', 181_720_000_000), money('prose', total, [35_190_000_000, 66_000_000_000])], new Set([2])).indicators[0])).toBe(false);
    expect(isAccepted(reconcile([money('table', 181_720_000_000), money('prose', total)], new Set([2])).indicators[0])).toBe(false);
  });
});
