import {
  matchProvince, provinceByCode, provincesAsOf, regions, rollupTable, successorAsOf,
} from '../../extractors/province-gazetteer.js';
import { gazetteer } from '../../schemas/gazetteer.js';
import { corrupt, rng } from './corrupt.js';

const Y2023 = '2023-10-27';
const Y2026 = '2026-01-15';
const stripMarks = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

// The seed's Phụ lục I in order, with the GSO codes.
const SEED: [number, string, string][] = [
  [1, 'Hà Giang', '02'], [2, 'Tuyên Quang', '08'], [3, 'Cao Bằng', '04'], [4, 'Lạng Sơn', '20'], [5, 'Lào Cai', '10'],
  [6, 'Yên Bái', '15'], [7, 'Thái Nguyên', '19'], [8, 'Bắc Kạn', '06'], [9, 'Phú Thọ', '25'], [10, 'Bắc Giang', '24'],
  [11, 'Hòa Bình', '17'], [12, 'Sơn La', '14'], [13, 'Lai Châu', '12'], [14, 'Điện Biên', '11'], [15, 'Hà Nội', '01'],
  [16, 'Hải Phòng', '31'], [17, 'Quảng Ninh', '22'], [18, 'Hải Dương', '30'], [19, 'Hưng Yên', '33'], [20, 'Vĩnh Phúc', '26'],
  [21, 'Bắc Ninh', '27'], [22, 'Hà Nam', '35'], [23, 'Nam Định', '36'], [24, 'Ninh Bình', '37'], [25, 'Thái Bình', '34'],
  [26, 'Thanh Hóa', '38'], [27, 'Nghệ An', '40'], [28, 'Hà Tĩnh', '42'], [29, 'Quảng Bình', '44'], [30, 'Quảng Trị', '45'],
  [31, 'Thừa Thiên Huế', '46'], [32, 'Đà Nẵng', '48'], [33, 'Quảng Nam', '49'], [34, 'Quảng Ngãi', '51'], [35, 'Bình Định', '52'],
  [36, 'Phú Yên', '54'], [37, 'Khánh Hòa', '56'], [38, 'Ninh Thuận', '58'], [39, 'Bình Thuận', '60'], [40, 'Đắk Lắk', '66'],
  [41, 'Đắk Nông', '67'], [42, 'Gia Lai', '64'], [43, 'Kon Tum', '62'], [44, 'Lâm Đồng', '68'], [45, 'TP Hồ Chí Minh', '79'],
  [46, 'Đồng Nai', '75'], [47, 'Bình Dương', '74'], [48, 'Bình Phước', '70'], [49, 'Tây Ninh', '72'], [50, 'Bà Rịa - Vũng Tàu', '77'],
  [51, 'Long An', '80'], [52, 'Tiền Giang', '82'], [53, 'Bến Tre', '83'], [54, 'Trà Vinh', '84'], [55, 'Vĩnh Long', '86'],
  [56, 'Cần Thơ', '92'], [57, 'Hậu Giang', '93'], [58, 'Sóc Trăng', '94'], [59, 'An Giang', '89'], [60, 'Đồng Tháp', '87'],
  [61, 'Kiên Giang', '91'], [62, 'Bạc Liêu', '95'], [63, 'Cà Mau', '96'],
];

describe('gazetteer data', () => {
  it('lists the 63 provinces in the seed order with GSO codes', () => {
    const list = provincesAsOf('2023-06-30');
    expect(list.map((p) => [p.seedOrder, p.name, p.code])).toEqual(SEED);
  });
  it('has six regions in the seed order', () => {
    expect(regions().map((r) => r.name)).toEqual([
      'Trung du và miền núi phía Bắc', 'Đồng bằng sông Hồng', 'Bắc Trung Bộ và duyên hải miền Trung',
      'Tây Nguyên', 'Đông Nam Bộ', 'Đồng bằng Sông Cửu Long',
    ]);
  });
  it.each([
    ['2024-12-31', 63], ['2025-01-01', 63], ['2025-06-30', 63], ['2025-07-01', 34], ['2030-01-01', 34],
  ])('on %s there are %i units', (d, n) => {
    expect(provincesAsOf(d)).toHaveLength(n);
  });
  it('has 5 cities before 2025, 6 from 2025 (Huế), 6 after the merger', () => {
    expect(provincesAsOf('2024-06-01').filter((p) => p.type === 'thanh_pho')).toHaveLength(5);
    expect(provincesAsOf('2025-03-01').filter((p) => p.type === 'thanh_pho')).toHaveLength(6);
    expect(provincesAsOf(Y2026).filter((p) => p.type === 'thanh_pho').map((p) => p.name).sort()).toEqual(
      ['Cần Thơ', 'Huế', 'Hà Nội', 'Hải Phòng', 'TP Hồ Chí Minh', 'Đà Nẵng'].sort(),
    );
  });
  it('keeps 11 units unchanged and forms 23 by merger', () => {
    const rows = rollupTable();
    expect(rows).toHaveLength(63);
    const unchanged = rows.filter((r) => r.kind === 'unchanged').map((r) => r.oldName).sort();
    expect(unchanged).toEqual(['Cao Bằng', 'Hà Nội', 'Hà Tĩnh', 'Lai Châu', 'Lạng Sơn', 'Nghệ An', 'Quảng Ninh', 'Sơn La', 'Thanh Hóa', 'Điện Biên'].sort());
    expect(rows.filter((r) => r.kind === 'renamed')).toEqual([
      { oldCode: '46', oldName: 'Thừa Thiên Huế', newCode: '46', newName: 'Huế', effective: '2025-01-01', kind: 'renamed' },
    ]);
    expect(new Set(rows.filter((r) => r.kind === 'merged').map((r) => r.newCode)).size).toBe(23);
    expect(new Set(rows.map((r) => r.newCode)).size).toBe(34);
  });
  it('every predecessor of a merged unit is a 63-era unit, each used once', () => {
    const preds = provincesAsOf(Y2026).flatMap((p) => (p.validFrom === '2025-07-01' ? p.predecessors : []));
    expect(preds).toHaveLength(52);
    expect(new Set(preds).size).toBe(52);
  });
  it('is frozen', () => {
    expect(Object.isFrozen(gazetteer.units[0])).toBe(true);
    expect(Object.isFrozen(provincesAsOf(Y2023)[0])).toBe(true);
  });
});

// Old → new per Nghị quyết 202/2025/QH15: [old code, new code, new name]
const MERGER: [string, string, string][] = [
  ['02', '08', 'Tuyên Quang'], ['08', '08', 'Tuyên Quang'], ['10', '15', 'Lào Cai'], ['15', '15', 'Lào Cai'],
  ['06', '19', 'Thái Nguyên'], ['19', '19', 'Thái Nguyên'], ['17', '25', 'Phú Thọ'], ['26', '25', 'Phú Thọ'], ['25', '25', 'Phú Thọ'],
  ['24', '24', 'Bắc Ninh'], ['27', '24', 'Bắc Ninh'], ['33', '33', 'Hưng Yên'], ['34', '33', 'Hưng Yên'],
  ['30', '31', 'Hải Phòng'], ['31', '31', 'Hải Phòng'], ['35', '37', 'Ninh Bình'], ['36', '37', 'Ninh Bình'], ['37', '37', 'Ninh Bình'],
  ['44', '44', 'Quảng Trị'], ['45', '44', 'Quảng Trị'], ['48', '48', 'Đà Nẵng'], ['49', '48', 'Đà Nẵng'],
  ['51', '51', 'Quảng Ngãi'], ['62', '51', 'Quảng Ngãi'], ['52', '52', 'Gia Lai'], ['64', '52', 'Gia Lai'],
  ['56', '56', 'Khánh Hòa'], ['58', '56', 'Khánh Hòa'], ['60', '68', 'Lâm Đồng'], ['67', '68', 'Lâm Đồng'], ['68', '68', 'Lâm Đồng'],
  ['54', '66', 'Đắk Lắk'], ['66', '66', 'Đắk Lắk'], ['74', '79', 'TP Hồ Chí Minh'], ['77', '79', 'TP Hồ Chí Minh'], ['79', '79', 'TP Hồ Chí Minh'],
  ['70', '75', 'Đồng Nai'], ['75', '75', 'Đồng Nai'], ['72', '80', 'Tây Ninh'], ['80', '80', 'Tây Ninh'],
  ['92', '92', 'Cần Thơ'], ['93', '92', 'Cần Thơ'], ['94', '92', 'Cần Thơ'], ['83', '86', 'Vĩnh Long'], ['84', '86', 'Vĩnh Long'], ['86', '86', 'Vĩnh Long'],
  ['82', '82', 'Đồng Tháp'], ['87', '82', 'Đồng Tháp'], ['95', '96', 'Cà Mau'], ['96', '96', 'Cà Mau'], ['89', '91', 'An Giang'], ['91', '91', 'An Giang'],
  ['01', '01', 'Hà Nội'], ['04', '04', 'Cao Bằng'], ['11', '11', 'Điện Biên'], ['12', '12', 'Lai Châu'], ['14', '14', 'Sơn La'],
  ['20', '20', 'Lạng Sơn'], ['22', '22', 'Quảng Ninh'], ['38', '38', 'Thanh Hóa'], ['40', '40', 'Nghệ An'], ['42', '42', 'Hà Tĩnh'], ['46', '46', 'Huế'],
];

describe('roll-up old → new', () => {
  it.each(MERGER)('%s rolls up to %s %s', (oldCode, newCode, newName) => {
    const p = successorAsOf(oldCode, '2023-01-01', Y2026);
    expect(p?.code).toBe(newCode);
    expect(p?.name).toBe(newName);
    const row = rollupTable().find((r) => r.oldCode === oldCode)!;
    expect([row.newCode, row.newName]).toEqual([newCode, newName]);
  });
  it('a code means different provinces before and after 2025-07-01', () => {
    expect(provinceByCode('15', '2023-05-01')?.name).toBe('Yên Bái');
    expect(provinceByCode('15', Y2026)?.name).toBe('Lào Cai');
    expect(provinceByCode('10', Y2026)).toBeNull();
    expect(provinceByCode('46', '2024-12-31')?.name).toBe('Thừa Thiên Huế');
    expect(provinceByCode('46', '2025-01-01')?.name).toBe('Huế');
    expect(successorAsOf('46', '2024-01-01', '2025-03-01')?.fullName).toBe('Thành phố Huế');
  });
});

describe('Yên Bái 2023 / Lào Cai 2026', () => {
  it('a 2023 document from Yên Bái resolves to code 15 Yên Bái', () => {
    const m = matchProvince('Yên Bái, ngày 29 tháng 6 năm 2023', { asOf: '2023-06-29' });
    expect([m.province?.code, m.province?.name, m.findings]).toEqual(['15', 'Yên Bái', []]);
  });
  it('a 2026 document from Lào Cai resolves to the new Lào Cai, code 15', () => {
    const m = matchProvince('UBND TỈNH LÀO CAI', { asOf: Y2026 });
    expect([m.province?.code, m.province?.name, m.province?.predecessors]).toEqual(['15', 'Lào Cai', ['10', '15']]);
    expect(m.findings).toEqual([]);
  });
  it('a 2026 "Yên Bái" goes to its successor with a finding', () => {
    const m = matchProvince('Yên Bái', { asOf: Y2026 });
    expect(m.province?.code).toBe('15');
    expect(m.findings.map((f) => f.code)).toEqual(['province.superseded']);
  });
  it('a 2023 "Lào Cai" is the old code 10', () => {
    expect(matchProvince('Lào Cai', { asOf: Y2023 }).province?.code).toBe('10');
  });
  it('Thừa Thiên Huế in 2026 is Thành phố Huế, renamed', () => {
    const m = matchProvince('Thừa Thiên Huế', { asOf: Y2026 });
    expect([m.province?.name, m.findings.map((f) => f.code)]).toEqual(['Huế', ['province.renamed']]);
  });
});

const CTX: [string, (n: string, t: 'tinh' | 'thanh_pho') => string][] = [
  ['as printed', (n) => n],
  ['upper case', (n) => n.toUpperCase()],
  ['no diacritics', (n) => stripMarks(n)],
  ['UBND line', (n, t) => `UBND ${t === 'tinh' ? 'TỈNH' : 'THÀNH PHỐ'} ${n.toUpperCase()}`],
  ['date line', (n) => `${n}, ngày 29 tháng 6 năm 2023`],
];
const CASES = SEED.flatMap(([, name, code]) => {
  const type = ['01', '31', '48', '79', '92'].includes(code) ? 'thanh_pho' : 'tinh';
  return CTX.map(([label, f]) => [label, f(name, type), code] as const);
});

describe('matchProvince: every name in five forms (2023)', () => {
  it.each(CASES)('%s: %s → %s', (_label, text, code) => {
    const m = matchProvince(text, { asOf: Y2023 });
    expect(m.province?.code).toBe(code);
    expect(m.ambiguous).toBe(false);
    expect(m.score).toBeGreaterThanOrEqual(0.9);
  });
});

describe('matchProvince: spellings, issuer lines, capitals', () => {
  it.each([
    ['SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH ĐẮK LẮK', '66'],
    ['UBND TỈNH HÀ GIANG', '02'],
    ['ỦY BAN MTTQ VIỆT NAM TỈNH LÀO CAI', '10'],
    ['TP.HCM', '79'], ['TP HCM', '79'], ['Tp.Hồ Chí Minh', '79'], ['Thành phố Hồ Chí Minh', '79'], ['Hồ Chí Minh', '79'], ['TPHCM', '79'],
    ['Hoà Bình', '17'], ['Khánh Hoà', '56'], ['Thanh Hoá', '38'], ['Đắc Lắc', '66'], ['Đăk Lăk', '66'], ['Đắk Lắc', '66'], ['DakLak', '66'],
    ['Đắc Nông', '67'], ['Bắc Cạn', '06'], ['Bà Rịa – Vũng Tàu', '77'], ['Bà Rịa—Vũng Tàu', '77'], ['BR-VT', '77'], ['Kontum', '62'],
    ['Buôn Ma Thuột, ngày 21 tháng 6 năm 2023', '66'], ['Việt Trì, ngày 20/06/2023', '25'], ['Pleiku', '64'], ['Quy Nhơn', '52'],
    ['Vinh, ngày 03 tháng 7 năm 2023', '40'], ['Thành phố Vinh', '40'], ['Đồng Hới', '44'], ['Nha Trang', '56'], ['Đà Lạt', '68'],
    ['Huế', '46'], ['TT Huế', '46'], ['Buôn Ma Thuộc', '66'], ['Sở LĐTBXH tỉnh Vĩnh Long', '86'], ['Trà Vinh', '84'],
    ['Qu?ng Nam', '49'], ['HA N?I', '01'], ['Lao Ca1', '10'], ['B1nh Dương', '74'], ['Qu ảng Ng ãi', '51'], ['H à N ội', '01'],
  ])('%s → %s', (text, code) => {
    expect(matchProvince(text, { asOf: Y2023 }).province?.code).toBe(code);
  });
});

describe('matchProvince: must not guess', () => {
  it.each([
    ['BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI'], ['Quỹ Vì người nghèo'], ['Việt Nam'], ['ỦY BAN TRUNG ƯƠNG MẶT TRẬN TỔ QUỐC VIỆT NAM'],
    ['Đoàn TNCS Hồ Chí Minh'], ['Huệ'], ['Các tỉnh, thành phố trực thuộc trung ương'], ['Ban Quản trị'], ['vinh danh'],
  ])('%s → null', (text) => {
    const m = matchProvince(text, { asOf: Y2023 });
    expect(m.province).toBeNull();
    expect(m.candidates).toEqual([]);
    expect(m.score).toBeLessThan(0.5);
  });
  it.each([
    ['Quảng ?inh', ['22', '44']], ['?ien Giang', ['82', '91']], ['?inh Thuận', ['58', '60']], ['Bình ?hước', null],
  ])('%s is ambiguous between candidates', (text, codes) => {
    const m = matchProvince(text, { asOf: Y2023 });
    if (codes === null) { expect(m.province === null || m.province.code === '70').toBe(true); return; }
    expect(m.province).toBeNull();
    expect(m.ambiguous).toBe(true);
    expect(m.candidates.map((c) => c.province.code).sort()).toEqual(expect.arrayContaining(codes));
    expect(m.findings[0].code).toBe('province.ambiguous');
  });
  it.each([['Hà Nam Hà Nội'], ['UBND tỉnh Quảng Nam; UBND tỉnh Quảng Ngãi']])('two provinces named: %s is ambiguous', (text) => {
    const m = matchProvince(text, { asOf: Y2023 });
    expect(m.province).toBeNull();
    expect(m.ambiguous).toBe(true);
    expect(m.candidates).toHaveLength(2);
  });
  it('of two provinces the one after "tỉnh" is the issuer', () => {
    const m = matchProvince('Sở LĐTBXH Hà Nội gửi UBND tỉnh Hà Nam', { asOf: Y2023 });
    expect(m.province?.code).toBe('35');
    expect(m.findings.map((f) => f.code)).toEqual(['province.multiple']);
  });
  it.each([['Hà Nam', '35'], ['Hà Nội', '01'], ['Quảng Bình', '44'], ['Quảng Trị', '45'], ['Hậu Giang', '93'], ['Tiền Giang', '82'], ['Bình Thuận', '60'], ['Bình Định', '52']])(
    'near-twin %s is exact', (text, code) => {
      expect(matchProvince(text, { asOf: Y2023 }).province?.code).toBe(code);
    },
  );
});

// Seeded corruptions over all 63 names: the matcher is right or abstains, never wrong.
const r = rng(42);
const CORRUPTED = SEED.flatMap(([, name, code]) =>
  [0, 1, 2, 3].map(() => [corrupt(name, r, 2, ['dropAll', 'dropOne', 'l1', 'o0', 'space', 'qmark', 'upper']).text, code] as const),
);
describe('matchProvince: corrupted names are right or abstain', () => {
  it.each(CORRUPTED)('%s (want %s)', (text, code) => {
    const m = matchProvince(text, { asOf: Y2023 });
    if (m.province) expect(m.province.code).toBe(code);
    else expect(m.candidates.length === 0 || m.ambiguous || m.findings.length > 0).toBe(true);
  });
});
