import { extractIndicators } from '../../extractors/indicators/index.js';
import { isAccepted } from '../../model/acceptance.js';
import { segment } from '../../extractors/indicators/sentences.js';
import { page, proseItems } from './helpers.js';

const run = (text: string) => extractIndicators([page(proseItems(text))]);
const values = (text: string) => Object.fromEntries(run(text).indicators.map((v) => [v.key, v.value]));
const one = (text: string, key: string) => {
  const v = run(text).indicators.find((x) => x.key === key);
  if (!v) throw new Error(`${key} not found in: ${text}`);
  return v;
};

describe('clause segmentation', () => {
  const texts = (s: string) => segment(s).filter((c) => !c.host).map((c) => s.slice(c.start, c.end));

  it('does not end a sentence inside a number', () => {
    expect(texts('Phát sóng 1.234 chương trình. Số lượng phát hành 20.761.960 tờ.')).toEqual(['Phát sóng 1.234 chương trình', 'Số lượng phát hành 20.761.960 tờ']);
    expect(texts('vận động được 12,5 tỷ đồng; hỗ trợ 30 hộ')).toEqual(['vận động được 12,5 tỷ đồng', 'hỗ trợ 30 hộ']);
  });

  it('splits at ";" and ":" and keeps the label before a colon', () => {
    const cs = segment('- Số tờ rơi: 1.200 tờ;\n- Số cụm loa: 5 cụm.');
    const main = cs.filter((c) => !c.host);
    expect(main.map((c) => c.tokens.map((t) => t.text).join(' '))).toEqual(['Số tờ rơi', '1.200 tờ', 'Số cụm loa', '5 cụm']);
    expect(main[1].lead?.map((t) => t.text).join(' ')).toBe('Số tờ rơi');
    expect(main[0].marker).toBe('-');
  });

  it('opens a clause at a list item or section number on a new line', () => {
    const cs = segment('phát sóng 452 chương trình phát thanh\n1.2. Tại địa phương\na) Phân bổ Quỹ');
    expect(cs.map((c) => c.marker)).toEqual([null, '1.2.', 'a)']);
  });

  it('cuts parenthesised asides out of their clause', () => {
    const s = 'huy động được 45.314 triệu đồng (năm 2022: 16.353 triệu đồng; năm 2023: 28.961 triệu đồng) để hỗ trợ';
    const cs = segment(s);
    expect(s.slice(cs[0].start, cs[0].end)).toContain('45.314 triệu đồng');
    expect(cs[0].tokens.map((t) => t.text)).not.toContain('16.353');
    expect(cs.filter((c) => c.host).length).toBeGreaterThan(0);
  });
});

describe('indicators from prose', () => {
  it.each([
    ['Sở đã phát sóng 452 chương trình phát thanh về giảm nghèo.', 'radio_programs', 452],
    ['Số chương trình phát thanh: 452.', 'radio_programs', 452],
    ['Đài tỉnh duy trì 452 chương trình trên sóng phát thanh.', 'radio_programs', 452],
    ['Kết quả cụ thể như sau:\n- Số tờ rơi: 1.200 tờ;\n- Cụm loa thôn, bản: 5 cụm.', 'leaflets', 1200],
    ['Các cơ quan báo chí đăng tải hơn 3.120 tin, bài, ảnh.', 'articles', 3120],
    ['Ủy ban MTTQ tỉnh vận động Quỹ “Vì người nghèo” và an sinh xã hội được 12,5 tỷ đồng.', 'fund_mobilised', 12_500_000_000],
    ['Quỹ “Vì người nghèo” các cấp vận động được 3.093 tỷ 508 triệu đồng.', 'poor_fund', 3_093_508_000_000],
    ['phát hành 7 ấn phẩm báo in với số lượng phát hành 82.149 tờ.', 'print_copies', 82149],
    ['thiết lập mới 06 cụm thông tin điện tử tại khu vực cửa khẩu.', 'info_clusters_new', 6],
    ['sửa chữa, thay thế thiết bị hư hỏng đối với 10 cụm thông tin điện tử.', 'info_clusters_repaired', 10],
    ['hỗ trợ trên 1,2 triệu lượt người nghèo, người có hoàn cảnh khó khăn về khám chữa bệnh.', 'health_support_people', 1_200_000],
    ['Tổng số dự án giảm nghèo là 1.639 dự án với trên 12.233 hộ tham gia.', 'poverty_projects', 1639],
    ['Tổng số dự án giảm nghèo là 1.639 dự án với trên 12.233 hộ tham gia.', 'project_households', 12233],
    ['tặng Bằng khen cho 44 tập thể; 26 cá nhân, 17 hộ gia đình có thành tích.', 'commended_households', 17],
    ['thực hiện 1.056 đoàn cấp tỉnh, 406 đoàn cấp huyện.', 'inspection_teams_district', 406],
  ])('%s → %s', (text, key, value) => {
    const v = one(text, key);
    expect(v.value).toBe(value);
    expect(isAccepted(v)).toBe(true);
  });

  it('reads qualifiers: hơn/trên → at_least, gần/khoảng → approx', () => {
    expect(one('phát sóng hơn 452 chương trình phát thanh', 'radio_programs').qualifier).toBe('at_least');
    expect(one('phát sóng trên 452 chương trình phát thanh', 'radio_programs').qualifier).toBe('at_least');
    expect(one('phát sóng gần 452 chương trình phát thanh', 'radio_programs').qualifier).toBe('approx');
    expect(one('phát sóng khoảng 452 chương trình phát thanh', 'radio_programs').qualifier).toBe('approx');
    expect(one('phát sóng 452 chương trình trên sóng phát thanh', 'radio_programs').qualifier).toBe('exact');
  });

  it('keeps each figure of a run on its own indicator', () => {
    expect(values('sản xuất và phát sóng 488 chương trình trên sóng phát thanh và 1.053 chương trình trên sóng truyền hình; 748 ấn phẩm báo in với số lượng phát hành hơn 20.761.960 tờ; 493 video clip và 76.710 tờ rơi, áp phích.'))
      .toEqual({ radio_programs: 488, tv_programs: 1053, print_publications: 748, print_copies: 20761960, video_clips: 493, leaflets: 76710 });
  });

  it('reads "x/y" pairs with the whole as a sub-value', () => {
    const v = one('hỗ trợ 493/1.589 điểm cung cấp dịch vụ thông tin công cộng.', 'public_info_points');
    expect(v.value).toBe(493);
    expect(v.subValues).toEqual([{ label: 'trên tổng số', value: 1589 }]);
  });

  it('keeps yearly breakdowns as sub-values, not as figures of their own', () => {
    const r = run('Quỹ “Vì người nghèo” vận động được 13.970 triệu đồng (năm 2022: 4.590 triệu đồng; năm 2023: 9.380 triệu đồng).');
    expect(r.indicators).toHaveLength(1);
    expect(r.indicators[0]).toMatchObject({ key: 'poor_fund', value: 13_970_000_000, unit: 'đồng' });
    expect(r.indicators[0].subValues).toEqual([{ label: 'năm 2022', value: 4_590_000_000 }, { label: 'năm 2023', value: 9_380_000_000 }]);
    expect(r.unmapped).toEqual([]);
  });

  it('finds no figures in dates, document numbers, periods and section numbers', () => {
    const r = run([
      'II. KẾT QUẢ THỰC HIỆN',
      '1.2. Tại địa phương',
      'Thực hiện Công văn số 329/CV-VPQGGN ngày 14/6/2023 của Văn phòng Quốc gia về giảm nghèo,',
      'Thông tư số 10/2022/TT-BLĐTBXH, giai đoạn 2021-2025, trong 6 tháng đầu năm 2023, từ ngày 09-10/02/2023;',
      'Số: 19 /CTrPH-MTTQ-SLĐTBXH; Dự án 2: Đa dạng hóa sinh kế; tỷ lệ hộ nghèo giảm còn 3,5%.',
    ].join('\n'));
    expect(r.indicators).toEqual([]);
    expect(r.unmapped).toEqual([]);
  });

  it('keeps a number–noun phrase that no entry claims as unmapped, with its place', () => {
    const r = run('Qua kiểm tra tại 17 xã, các đoàn đã chấn chỉnh; tổng kinh phí thực hiện các dự án là 3.544 triệu đồng.');
    expect(r.indicators).toEqual([]);
    expect(r.unmapped.map((u) => [u.value, u.unit])).toEqual([[17, 'xã'], [3_544_000_000, 'đồng']]);
    expect(r.unmapped[0].provenance.page).toBe(1);
    expect(r.unmapped[0].provenance.box).not.toBeNull();
  });

  it('gives every value a page, a box round the number and label, and the clause', () => {
    const v = one('Trong kỳ, Sở đã\nphát sóng 452 chương trình phát thanh; in 300 tờ rơi.', 'radio_programs');
    expect(v.provenance.page).toBe(1);
    expect(v.provenance.sourceText).toBe('Trong kỳ, Sở đã phát sóng 452 chương trình phát thanh');
    const box = v.provenance.box!;
    expect(box.y).toBeCloseTo(98, 0); // second line
    expect(box.x).toBeGreaterThan(84 + 'phát sóng'.length * 5.2 - 1);
    expect(box.w).toBeGreaterThan('452 chương trình phát thanh'.length * 5.2 - 1);
  });

  it('tolerates OCR noise in the words and marks low-confidence numbers for review', () => {
    const v = one('Sở đã phát sóng 452 chuơng trình phát thanb.', 'radio_programs');
    expect(v.value).toBe(452);
    const ocr = extractIndicators([page(proseItems('phát sóng 452 chương trình phát thanh', { words: true, conf: 0.6 }), 1, 'ocr')]);
    expect(ocr.indicators[0].value).toBe(452);
    expect(isAccepted(ocr.indicators[0])).toBe(false);
  });

  it('sends a figure two entries fit equally to review', () => {
    const v = run('đã tổ chức 3 đoàn kiểm tra, giám sát.').indicators;
    expect(v.every((x) => !isAccepted(x))).toBe(true);
  });
});
