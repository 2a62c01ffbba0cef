import { findDocNumbers, normaliseDocNumber, splitDocNumbers } from '../../extractors/doc-number.js';

// [raw, value, docType, year]
const CLEAN: [string, string, string | null, string | null][] = [
  ['150 /BC-LĐT BXH', '150/BC-LĐTBXH', 'BC', null],
  ['Số: **150** /BC-LĐTĐBXH', '150/BC-LĐTĐBXH', 'BC', null],
  ['150 /BC-LĐTBXH', '150/BC-LĐTBXH', 'BC', null],
  ['47/2011/QĐ-UBND', '47/2011/QĐ-UBND', 'QĐ', '2011'],
  ['10/2022/TT-BLĐTBXH', '10/2022/TT-BLĐTBXH', 'TT', '2022'],
  ['27/2022/NĐ-CP', '27/2022/NĐ-CP', 'NĐ', '2022'],
  ['01/QCPH/UBND-UBMTTQ', '01/QCPH/UBND-UBMTTQ', 'QCPH', null],
  ['03/CTrPH-MTTW-TCTV', '03/CTrPH-MTTW-TCTV', 'CTrPH', null],
  ['500/CTPH/UBND-MTTQ', '500/CTPH/UBND-MTTQ', 'CTPH', null],
  ['1520/SLĐTBXH-BTXHTEBĐG', '1520/SLĐTBXH-BTXHTEBĐG', null, null],
  ['1550/SLĐTBXH-BT&PCTNXH', '1550/SLĐTBXH-BT&PCTNXH', null, null],
  ['954/SLĐTBXH-BTXH&PCTN', '954/SLĐTBXH-BTXH&PCTN', null, null],
  ['14237/SLĐTBXH-VPB', '14237/SLĐTBXH-VPB', null, null],
  ['3417/SLĐTBHXH-UBMTTQ', '3417/SLĐTBHXH-UBMTTQ', null, null],
  ['109/CTr-BLĐTBXH-MTTW', '109/CTr-BLĐTBXH-MTTW', 'CTr', null],
  ['109/CTr- BLĐTBXH-MTTW', '109/CTr-BLĐTBXH-MTTW', 'CTr', null],
  ['109/CTr–BLĐTBXH–MTTW', '109/CTr-BLĐTBXH-MTTW', 'CTr', null],
  ['393/LĐTĐBXH-VPQGGN', '393/LĐTĐBXH-VPQGGN', null, null],
  ['329/CV-VPQGGN', '329/CV-VPQGGN', 'CV', null],
  ['6120/MTTQ-BTT', '6120/MTTQ-BTT', null, null],
  ['7031/MTTW-BTT', '7031/MTTW-BTT', null, null],
  ['09/ĐA-MTTW-BTT', '09/ĐA-MTTW-BTT', 'ĐA', null],
  ['715/KH-MTTW-BTT', '715/KH-MTTW-BTT', 'KH', null],
  ['588/QĐ-TTg', '588/QĐ-TTg', 'QĐ', null],
  ['29/QĐ-BCĐCTMTQG', '29/QĐ-BCĐCTMTQG', 'QĐ', null],
  ['2357/HD-BTĐKT', '2357/HD-BTĐKT', 'HD', null],
  ['245/KHPH-UBMT-SLĐTBXH', '245/KHPH-UBMT-SLĐTBXH', 'KHPH', null],
  ['12/NQ-HĐND', '12/NQ-HĐND', 'NQ', null],
  ['45/TB-UBND', '45/TB-UBND', 'TB', null],
  ['88/TTr-SLĐTBXH', '88/TTr-SLĐTBXH', 'TTr', null],
  ['437/CTPH-LĐT BXH-MTTQ', '437/CTPH-LĐTBXH-MTTQ', 'CTPH', null],
  ['258/CTrPH-MTTQ-LĐT BXH', '258/CTrPH-MTTQ-LĐTBXH', 'CTrPH', null],
];

// Every number printed in the seed's appendices (SỐ HIỆU VĂN BẢN columns).
const SEED_NUMBERS = [
  '07/CTr-SLĐTBXH-MTTQ', '19/CTr-SLĐTBXH-UBMTTQ', '690/CTr-SLĐTBXH-BTTUBMTTQVN', '20/CTr-MTTQ-SLĐTBXH', '19/CTrPH-MTTQ-SLĐTBXH',
  '18/CTr-MTTQ-SLĐTBXH', '12/CTr-MTTQ-SLĐTBXH', '697/CTr-SLĐTBXH-MTTQ', '06/CTrPH-BTTMTTQ-SLĐTBXH', '01/CTPH-UBMTTQ-SLĐTBXH',
  '01/CTrPH-SLĐTBXH-UBMTTQ', '01/CTr-SLĐTBXH-UBMTTQVN', '03/CTr-MTTQ-SLĐTBXH', '01/CTrPH-SLĐTBXH-MTTQ', '02/CTr-SLĐTBXH-MTTQ',
  '142/CTPH-UBND-MTTQ', '1396/CTr-SLĐTBXH-MTTQ', '09/CTrPH-MTTQ-SLĐTBXH', '504/CTr-SLĐTBXH-MTTQ', '08/CTrPH-SLĐTBXH-UBMTTQ',
  '4291/CTr-UBMT-SLĐTBXH', '09/CTr-MTTQ-SLĐTBXH', '251/KH-MTTQ-SLĐTBXH', '744/CTr-LĐTBXH-MTTQ', '462/CTr-UBMTTQ-SLĐTBXH',
  '44/CTrPH-SLĐTBXH-MTTQ', '1055/CTrPH-SLĐTBXH-BTTUBMTTQ', '60/CTrPH-SLĐTBXH-MTTQ', '01/CTr-SLĐTBXH-MTTQ', '239/KH-MTTQ-BTT',
  '02/CTPH-MTTQ-SLĐTBXH', '14/CTr-MTTQ-SLĐTBXH', '699/CTr-SLĐTBXH-MTTQ', '157/CTr-SLĐTBXH-MTTQ', '2395/CTrPH-SLĐTBXH-UBMTTQVN',
  '06/CTrPH-SLĐTBXH-MTTQ', '988/CTrPH-SLĐTBXH-MTTQ', '543/CTPH-MTTQ-SLĐTBXH', '49/CTrPH-SLĐTBXH-BTTUBMTTQVN', '04/CTrPH-SLĐTBXH-UBMTTQVN',
  '280/BC-SLĐTBXH', '190/BC-SLĐTBXH', '1041/BC-SLĐTBXH', '304/BC-SLĐTBXH', '1403/BC-LĐTBXH', '219/BC-LĐTBXH', '1317/BC-SLĐTBXH',
  '3438/BC-SLĐTBXH', '3175/BC-SLĐTBXH', '220/BC-SLĐTBXH', '154/BC-SLĐTBXH', '175/BC-SLĐTBXH', '365/BC-SLĐTBXH', '68/BC-SLĐTBXH',
  '2324/BC-SLĐTBXH', '196/BC-SLĐTBXH', '177/BC-SLĐTBXH', '236/BC-SLĐTBXH', '1530/BC-SLĐTBXH', '161/BC-SLĐTBXH', '131/BC-SLĐTBXH',
  '322/BC-LĐTBXH', '208/BC-SLĐTBXH', '184/BC-SLĐTBXH', '404/BC-SLĐTBXH', '180/BC-SLĐTBXH', '1901/BC-SLĐTBXH', '1054/SLĐTBXH-BTPCTNXH',
  '1640/BC-LĐTBXH', '306/BC-SLĐTBXH',
];

describe('normaliseDocNumber: clean and spaced forms', () => {
  it.each(CLEAN)('%s → %s', (raw, value, docType, year) => {
    const r = normaliseDocNumber(raw);
    expect(r.value).toMatchObject({ value, docType, year });
    expect(r.confidence).toBe(1);
    expect(r.findings).toEqual([]);
  });
  it.each(SEED_NUMBERS)('seed number %s is a fixed point', (raw) => {
    const r = normaliseDocNumber(raw);
    expect(r.value?.value).toBe(raw);
    expect(r.confidence).toBe(1);
    // and survives stray spaces around the separators
    expect(normaliseDocNumber(raw.replace('/', ' / ').replace(/-/g, ' - ')).value?.value).toBe(raw);
  });
});

describe('normaliseDocNumber: OCR repairs only where unambiguous', () => {
  it.each([
    ['1O5/BC-SLĐTBXH', '105/BC-SLĐTBXH'],
    ['l50/BC-LĐTBXH', '150/BC-LĐTBXH'],
    ['15O/BC-LĐTBXH', '150/BC-LĐTBXH'],
    ['47/2O11/QĐ-UBND', '47/2011/QĐ-UBND'],
    ['47/2011/QD-UBND', '47/2011/QĐ-UBND'],
    ['47/2011/QÐ-UBND', '47/2011/QĐ-UBND'],
    ['280/BC-SLDTBXH', '280/BC-SLĐTBXH'],
    ['280/BC-SLÐTBXH', '280/BC-SLĐTBXH'],
    ['280/BC-S1ĐTBXH', '280/BC-SLĐTBXH'],
    ['27/2022/ND-CP', '27/2022/NĐ-CP'],
    ['1403/BC-LDTBXH', '1403/BC-LĐTBXH'],
  ])('%s → %s with a finding', (raw, value) => {
    const r = normaliseDocNumber(raw);
    expect(r.value?.value).toBe(value);
    expect(r.confidence).toBeLessThan(1);
    expect(r.findings.map((f) => f.code)).toEqual(['docnum.ocr_repair']);
  });
  it.each([
    ['2357/HD-BTĐKT', 'HD'], // HD (hướng dẫn) is a type of its own, not HĐ
    ['12/BC-UBND', 'BC'],
  ])('%s is left alone', (raw, type) => {
    const r = normaliseDocNumber(raw);
    expect([r.value?.value, r.value?.docType, r.findings]).toEqual([raw, type, []]);
  });
  it.each([['abc'], ['ngày 11/01/2023'], ['34/63'], [''], ['/BC-UBND'], ['12/3456/BC']])('%s is no document number', (raw) => {
    const r = normaliseDocNumber(raw);
    expect(r.value).toBeNull();
    expect(r.findings[0].code).toBe('docnum.invalid');
  });
});

describe('splitDocNumbers / findDocNumbers', () => {
  it.each([
    ['142/CTPH-UBND-MTTQ 245/KHPH-UBMT-SLĐTBXH', ['142/CTPH-UBND-MTTQ', '245/KHPH-UBMT-SLĐTBXH']],
    ['437/CTPH-LĐT BXH-MTTQ', ['437/CTPH-LĐT BXH-MTTQ']],
    ['150 /BC-LĐT BXH', ['150 /BC-LĐT BXH']],
    ['07/CTr-SLĐTBXH-MTTQ', ['07/CTr-SLĐTBXH-MTTQ']],
    ['12/BC-UBND; 13/KH-UBND', ['12/BC-UBND', '13/KH-UBND']],
    ['', []],
  ])('%s', (cell, parts) => {
    expect(splitDocNumbers(cell)).toEqual(parts);
  });
  it.each([
    ['Thực hiện Chương trình phối hợp số 109/CTr-BLĐTBXH-MTTW ngày 11/01/2023 giữa Bộ', ['109/CTr-BLĐTBXH-MTTW']],
    ['Công văn số 393/LĐTĐBXH-VPQGGN ngày 16/02/2023 và Công văn số 329/CV-VPQGGN ngày 14/6/2023', ['393/LĐTĐBXH-VPQGGN', '329/CV-VPQGGN']],
    ['Thông tư số 10/2022/TT-BLĐTBXH ngày 31/5/2022', ['10/2022/TT-BLĐTBXH']],
    ['có 34/63 Sở; 493/1.589 điểm; quý II/2023', []],
    ['(Kèm theo Báo cáo số 150 /BC-LĐT BXH ngày 27 / 10 /2023', ['150 /BC-LĐT BXH']],
    ['Nghị định số 27/2022/NĐ-CP.', ['27/2022/NĐ-CP']],
  ])('finds numbers in: %s', (text, raws) => {
    const found = findDocNumbers(text);
    expect(found.map((f) => f.raw)).toEqual(raws);
    for (const f of found) expect(text.slice(f.index, f.index + f.raw.length)).toBe(f.raw);
  });
});
