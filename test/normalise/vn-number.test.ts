import fc from 'fast-check';
import { parseAmount, parseVnNumber } from '../../extractors/vn-number.js';

describe('parseVnNumber', () => {
  it.each([
    ['20.761.960', 20761960], ['188.460', 188460], ['1.994', 1994], ['2.892.254', 2892254], ['1,2', 1.2], ['6.154,924', 6154.924],
    ['06', 6], ['05', 5], ['0', 0], ['590', 590], ['12,5', 12.5], ['0,5', 0.5], ['1.234.567,89', 1234567.89], ['-3', -3], ['-1,5', -1.5],
    ['99,99', 99.99], ['100', 100], ['1.000', 1000], ['10.000', 10000], [' 57.550 ', 57550],
  ])('%s → %d', (t, v) => {
    const r = parseVnNumber(t);
    expect(r.value).toBe(v);
    expect(r.ambiguous).toBe(false);
    expect(r.findings).toEqual([]);
  });
  it.each([
    ['1.5', [1.5]], ['12.50', [12.5]], ['1,234', [1.234, 1234]], ['3.14', [3.14]], ['0.25', [0.25]], ['12.3456', [12.3456]],
  ])('%s is ambiguous, not guessed', (t, candidates) => {
    const r = parseVnNumber(t);
    expect(r).toMatchObject({ value: null, ambiguous: true, candidates });
    expect(r.findings.map((f) => f.code)).toEqual(['number.ambiguous']);
  });
  it.each([['1,234,567', 1234567], ['20 761 960', 20761960]])('%s is read with a finding', (t, v) => {
    const r = parseVnNumber(t);
    expect(r.value).toBe(v);
    expect(r.findings).toHaveLength(1);
  });
  it.each([['abc'], ['1.2.3'], [''], ['1,2,3'], ['¡20.761.960']])('%s is invalid', (t) => {
    expect(parseVnNumber(t)).toMatchObject({ value: null, ambiguous: false });
  });
});

describe('parseAmount', () => {
  it.each([
    ['12,5 tỷ đồng', 12_500_000_000, 'đồng', 'exact'],
    ['830 triệu đồng', 830_000_000, 'đồng', 'exact'],
    ['3.093 tỷ 508 triệu đồng', 3_093_508_000_000, 'đồng', 'exact'],
    ['6.154,924 tỷ đồng', 6_154_924_000_000, 'đồng', 'exact'],
    ['12,5 tỉ đồng', 12_500_000_000, 'đồng', 'exact'],
    ['500 nghìn đồng', 500_000, 'đồng', 'exact'],
    ['500 ngàn đồng', 500_000, 'đồng', 'exact'],
    ['500.000đ/đồ ấm', 500_000, 'đồng', 'exact'],
    ['500.000 VNĐ', 500_000, 'đồng', 'exact'],
    ['trên 2.752 tỷ đồng⁴', 2_752_000_000_000, 'đồng', 'at_least'],
    ['vận động được trên 888 tỷ đồng', 888_000_000_000, 'đồng', 'at_least'],
    ['hơn 590 chương trình', 590, null, 'at_least'],
    ['hơn 188.460 tờ', 188_460, 'tờ', 'at_least'],
    ['trên 1,2 triệu lượt người nghèo', 1_200_000, 'lượt người', 'at_least'],
    ['1,2 triệu lượt người', 1_200_000, 'lượt người', 'exact'],
    ['gần 5 tỷ đồng', 5_000_000_000, 'đồng', 'approx'],
    ['khoảng 30%', 30, '%', 'approx'],
    ['đạt 85,5%', 85.5, '%', 'exact'],
    ['đạt 85,5 %', 85.5, '%', 'exact'],
    ['tổng số tiền 05 tỷ đồng', 5_000_000_000, 'đồng', 'exact'],
    ['5.000 triệu đồng', 5_000_000_000, 'đồng', 'exact'],
    ['2.892.254 triệu đồng', 2_892_254_000_000, 'đồng', 'exact'],
    ['45.314 triệu đồng', 45_314_000_000, 'đồng', 'exact'],
    ['700 triệu đồng', 700_000_000, 'đồng', 'exact'],
    ['xấp xỉ 2 tỷ đồng', 2_000_000_000, 'đồng', 'approx'],
    ['trên 95.000 lượt học sinh', 95_000, 'lượt', 'at_least'],
    ['19.618 căn nhà', 19_618, 'căn', 'exact'],
    ['12.233 hộ tham gia', 12_233, 'hộ', 'exact'],
    ['1 tỷ 5 triệu', 1_005_000_000, null, 'exact'],
  ])('%s → %d %s %s', (text, value, unit, qualifier) => {
    expect(parseAmount(text)).toMatchObject({ value, unit, qualifier });
  });
  it.each([['không có số'], ['1.5 tỷ đồng'], ['5 triệu 3 tỷ đồng'], ['']])('%s → null', (text) => {
    expect(parseAmount(text)).toBeNull();
  });
});

describe('property: format → parse round trip', () => {
  const vnFormat = (n: number, decimals: number) => {
    const [int, frac] = n.toFixed(decimals).split('.');
    const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    return frac ? `${grouped},${frac}` : grouped;
  };
  it('integers with dot grouping', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
      const t = vnFormat(n, 0);
      const r = parseVnNumber(t);
      expect(r.value).toBe(n);
    }));
  });
  it('decimals with comma', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 3 }), (cents, dec) => {
      const n = cents / 10 ** dec;
      const t = vnFormat(n, dec);
      const r = parseVnNumber(t);
      if (/^\d{1,3},\d{3}$/.test(t)) expect(r.ambiguous).toBe(true); // "1,234" could be English thousands
      else expect(r.value).toBeCloseTo(Number(n.toFixed(dec)), 9);
    }));
  });
  it('money in tỷ/triệu/nghìn đồng', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 999_999 }), fc.constantFrom(['tỷ', 1e9], ['tỉ', 1e9], ['triệu', 1e6], ['nghìn', 1e3], ['ngàn', 1e3]), (n, [word, scale]) => {
      const a = parseAmount(`đạt ${vnFormat(n, 0)} ${word} đồng`);
      expect(a).toMatchObject({ value: n * (scale as number), unit: 'đồng', qualifier: 'exact' });
    }));
  });
  it('compound tỷ + triệu', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 999 }), (ty, trieu) => {
      expect(parseAmount(`hơn ${vnFormat(ty, 0)} tỷ ${trieu} triệu đồng`)).toMatchObject({ value: ty * 1e9 + trieu * 1e6, qualifier: 'at_least' });
    }));
  });
});
