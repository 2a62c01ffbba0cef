import fc from 'fast-check';
import { findDates, parsePlaceDateLine, parseVnDate } from '../../extractors/vn-date.js';

describe('parseVnDate', () => {
  it.each([
    ['ngày 29 tháng 6 năm 2023', '2023-06-29'],
    ['ngày 02 tháng 08 năm 2022', '2022-08-02'],
    ['NGÀY 27 THÁNG 10 NĂM 2023', '2023-10-27'],
    ['ngày **27** tháng 10 năm 2023', null],
    ['29 tháng 6 năm 2023', '2023-06-29'],
    ['29/6/2023', '2023-06-29'],
    ['29/06/2023', '2023-06-29'],
    ['29-06-2023', '2023-06-29'],
    ['21.12.2021', '2021-12-21'],
    ['27 / 10 /2023', '2023-10-27'],
    ['ngày 14/6/2023', '2023-06-14'],
    ['1/1/2025', '2025-01-01'],
    ['29/02/2024', '2024-02-29'],
    ['31/12/1999', '1999-12-31'],
    ['ngày 16/02/2023 gửi Giám đốc', '2023-02-16'],
    ['ngay 3 thang 7 nam 2023', '2023-07-03'],
  ])('%s → %s', (text, iso) => {
    const r = parseVnDate(text.replace(/\*\*/g, iso === null ? '**' : ''));
    if (iso === null) {
      // markdown bold around the day is stripped by parsePlaceDateLine, not here
      expect(parsePlaceDateLine(`Hà Nội, ${text}`).iso).toBe('2023-10-27');
      return;
    }
    expect(r.iso).toBe(iso);
    expect(r.findings).toEqual([]);
  });
  it.each([
    ['31/2/2023'], ['30/02/2024'], ['29/2/2023'], ['12/13/2023'], ['0/5/2023'], ['ngày 32 tháng 1 năm 2023'], ['ngày 15 tháng 13 năm 2023'], ['31/4/2023'], ['15/00/2023'],
  ])('impossible %s → null with date.impossible', (text) => {
    const r = parseVnDate(text);
    expect(r.iso).toBeNull();
    expect(r.findings.map((f) => f.code)).toEqual(['date.impossible']);
  });
  it.each([['ngảy 29 thảng 6 năm 2023'], ['ngày 29 thãng 6 nãm 2023'], ['ngàỵ 29 tháng 6 nám 2023']])('OCR keywords %s → lower confidence', (t) => {
    const r = parseVnDate(t);
    expect(r.iso).toBe('2023-06-29');
    expect(r.confidence).toBeLessThan(1);
    expect(r.findings.map((f) => f.code)).toEqual(['date.ocr_keyword']);
  });
  it.each([['không có ngày'], ['2021-2025'], ['20.761.960'], ['']])('%s → not found', (t) => {
    expect(parseVnDate(t)).toMatchObject({ iso: null, confidence: 0 });
  });
});

describe('parsePlaceDateLine', () => {
  it.each([
    ['Hà Giang, ngày 29 tháng 6 năm 2023', 'Hà Giang', '2023-06-29'],
    ['Hà Nội, ngày **27** tháng 10 năm 2023', 'Hà Nội', '2023-10-27'],
    ['Buôn Ma Thuột, ngày 21 tháng 6 năm 2023', 'Buôn Ma Thuột', '2023-06-21'],
    ['Thành phố Hồ Chí Minh, ngày 27 tháng 6 năm 2023', 'Thành phố Hồ Chí Minh', '2023-06-27'],
    ['Bà Rịa - Vũng Tàu, ngày 21/06/2023', 'Bà Rịa - Vũng Tàu', '2023-06-21'],
    ['Hà Giang, ngảy 29 thảng 6 năm 2023', 'Hà Giang', '2023-06-29'],
    ['Hà Giang ngày 29 tháng 6 năm 2023', 'Hà Giang', '2023-06-29'],
    ['  Cà Mau,ngày 03 tháng 7 năm 2023 ', 'Cà Mau', '2023-07-03'],
    ['ngày 29 tháng 6 năm 2023', null, '2023-06-29'],
  ])('%s', (line, place, iso) => {
    const r = parsePlaceDateLine(line);
    expect([r.place, r.iso]).toEqual([place, iso]);
    expect(r.confidence).toBeGreaterThan(0.5);
  });
  it('missing comma and OCR keywords are findings', () => {
    expect(parsePlaceDateLine('Hà Giang ngày 29 tháng 6 năm 2023').findings.map((f) => f.code)).toEqual(['date.place_no_comma']);
    expect(parsePlaceDateLine('Hà Giang, ngảy 29 thảng 6 năm 2023').findings.map((f) => f.code)).toEqual(['date.ocr_keyword']);
  });
  it('an impossible date keeps the place and reports', () => {
    const r = parsePlaceDateLine('Hà Giang, ngày 31 tháng 2 năm 2023');
    expect([r.place, r.iso, r.findings[0].code]).toEqual(['Hà Giang', null, 'date.impossible']);
  });
});

describe('findDates', () => {
  it.each([
    ['Hội nghị vùng đợt 1 Tây Nguyên ngày 09-10/02/2023; Trung du ngày 12-13/02/2023', ['2023-02-09', '2023-02-10', '2023-02-12', '2023-02-13']],
    ['22/07/2022 28/4/2023', ['2022-07-22', '2023-04-28']],
    ['(07/5/1954 - 07/5/2024)', ['1954-05-07', '2024-05-07']],
    ['ngày 21/4/2022, ngày 29/7/2022 và ngày 18/10/2022', ['2022-04-21', '2022-07-29', '2022-10-18']],
    ['giai đoạn 2021-2025; 20.761.960 tờ; 493/1.589 điểm', []],
    ['từ ngày 17/10 đến ngày 18/11', []],
    ['ngày 29 tháng 6 năm 2023 và 30/6/2023', ['2023-06-29', '2023-06-30']],
    ['31/2/2023 và 01/3/2023', ['2023-03-01']],
  ])('%s', (text, isos) => {
    const found = findDates(text);
    expect(found.map((d) => d.iso)).toEqual(isos);
    for (const d of found) expect(text.slice(d.index, d.index + d.raw.length)).toBe(d.raw);
  });
});

describe('property: format → parse round trip', () => {
  const day = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const parts = (d: Date) => [d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear()] as const;
  const p2 = (n: number) => String(n).padStart(2, '0');
  it('numeric forms with any separator and padding', () => {
    fc.assert(fc.property(day, fc.constantFrom('/', '-', '.'), fc.boolean(), fc.boolean(), (d, sep, pad, spaced) => {
      const [dd, mm, yy] = parts(d);
      const s = spaced ? ' ' : '';
      const text = [pad ? p2(dd) : dd, pad ? p2(mm) : mm, yy].join(`${s}${sep}${s}`);
      expect(parseVnDate(text).iso).toBe(iso(d));
      expect(findDates(`ngày ${text} về việc`).map((x) => x.iso)).toEqual([iso(d)]);
    }));
  });
  it('the spelled-out form, with a place', () => {
    fc.assert(fc.property(day, fc.constantFrom('Hà Giang', 'Cà Mau', 'Thành phố Hồ Chí Minh'), (d, place) => {
      const [dd, mm, yy] = parts(d);
      const line = `${place}, ngày ${p2(dd)} tháng ${mm} năm ${yy}`;
      expect(parsePlaceDateLine(line)).toMatchObject({ place, iso: iso(d), confidence: 1 });
    }));
  });
  it('day past the month end is always rejected', () => {
    fc.assert(fc.property(fc.integer({ min: 1950, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 3 }), (y, m, extra) => {
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      if (last + extra > 31 + 3) return;
      const r = parseVnDate(`${last + extra}/${m}/${y}`);
      if (last + extra <= 99) expect(r.iso).toBeNull();
    }));
  });
});
