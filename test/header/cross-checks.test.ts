// Independent readings that confirm each other, and the ones that must not.
import { abbreviates, checkSymbol, confirmDocNumber, confirmProvince, rereadVerdict, CONFIRMED } from '../../extractors/cross-checks.js';
import type { HeaderFields } from '../../model/header.js';
import type { ExtractedField } from '../../model/document.js';

const f = <T>(value: T | null, confidence: number): ExtractedField<T> => ({ value, confidence, provenance: null, findings: [] });
function header(issuerLines: string[], typeName: string | null): HeaderFields {
  return {
    docNumberRaw: f('x', 0.86), dateLine: f('x', 0.9), issuerLines: f(issuerLines, 0.9), issuerConfs: issuerLines.map(() => 0.9),
    typeName: f<string>(typeName, 0.9), title: f<string>(null, 0.5), receivedStamp: null, findings: [],
  };
}
const SO = ['UBND TỈNH HÀ GIANG', 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI'];

describe('abbreviates', () => {
  it.each([
    ['SLĐTBXH', SO, true],
    ['LĐTBXH', SO, true],
    ['UBND', ['ỦY BAN NHÂN DÂN', 'TỈNH HÀ GIANG'], true],
    ['MTTQ', ['ỦY BAN MẶT TRẬN TỔ QUỐC', 'VIỆT NAM TỈNH HÀ GIANG'], true],
    ['UBMTTQ', ['ỦY BAN MTTQ VIỆT NAM TỈNH X'], false],
    ['MTTQ', ['ỦY BAN MTTQ VIỆT NAM TỈNH X'], true],
    ['SLDTBXH', SO, false], // OCR lost the bar of Đ: not the same symbol
    ['STC', SO, false],
  ] as const)('%s', (part, lines, want) => {
    expect(abbreviates(part, lines)).toBe(want);
  });
});

describe('checkSymbol', () => {
  it('agrees on type and issuer', () => {
    expect(checkSymbol('280/BC-SLĐTBXH', 'BC', 'BÁO CÁO', SO)).toEqual({ typeAgrees: true, issuerAgrees: true });
  });
  it('sees a type code that contradicts the type name', () => {
    expect(checkSymbol('280/BC-SLĐTBXH', 'BC', 'CHƯƠNG TRÌNH PHỐI HỢP', SO).typeAgrees).toBe(false);
  });
  it('skips the year of a symbol with a year', () => {
    expect(checkSymbol('12/2023/QĐ-UBND', 'QĐ', 'QUYẾT ĐỊNH', ['ỦY BAN NHÂN DÂN', 'TỈNH HÀ GIANG'])).toEqual({ typeAgrees: true, issuerAgrees: true });
  });
});

describe('confirmDocNumber', () => {
  it('confirms a fair reading that every check supports', () => {
    const r = confirmDocNumber(f('280/BC-SLĐTBXH', 0.86), f('BC', 0.86), header(SO, 'BÁO CÁO'));
    expect(r.docNumber.confidence).toBe(CONFIRMED);
    expect(r.docType.confidence).toBe(CONFIRMED);
  });
  it('leaves a poor reading alone', () => {
    expect(confirmDocNumber(f('280/BC-SLĐTBXH', 0.5), f('BC', 0.5), header(SO, 'BÁO CÁO')).docNumber.confidence).toBe(0.5);
  });
  it('does not confirm when the issuer part is not the issuer', () => {
    expect(confirmDocNumber(f('280/BC-STC', 0.86), f('BC', 0.86), header(SO, 'BÁO CÁO')).docNumber.confidence).toBe(0.86);
  });
  it('turns a contradicting type into a finding', () => {
    const r = confirmDocNumber(f('280/BC-SLĐTBXH', 0.86), f('BC', 0.86), header(SO, 'QUYẾT ĐỊNH'));
    expect(r.docNumber.confidence).toBe(0.86);
    expect(r.docType.findings.map((x) => x.code)).toEqual(['docType.disagrees']);
  });
});

describe('confirmProvince', () => {
  const hg = { code: '02', name: 'Hà Giang' };
  it('confirms a province named by two issuer lines', () => {
    const r = confirmProvince(f(hg, 0.7), header(['ỦY BAN MẶT TRẬN TỔ QUỐC', 'VIỆT NAM TỈNH HÀ GIANG', 'UBND TỈNH HÀ GIANG'], null), null, '2023-06-29');
    expect(r.confidence).toBe(CONFIRMED);
  });
  it('confirms a province named by the issuer and the place of the date line', () => {
    expect(confirmProvince(f(hg, 0.7), header(['UBND TỈNH HÀ GIANG', 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI'], null), 'Hà Giang', '2023-06-29').confidence).toBe(CONFIRMED);
  });
  it('confirms a poor reading (under 0.4: a speck glued to the name) only when three readings agree', () => {
    const lines = ['ỦY BAN NHÂN DÂN TỈNH HÀ GIANG.', 'ỦY BAN MẶT TRẬN TỔ QUỐC', 'VIỆT NAM TỈNH HÀ GIANG'];
    expect(confirmProvince(f(hg, 0.2), header(lines, null), 'Hà Giang', '2023-06-29').confidence).toBe(CONFIRMED);
    expect(confirmProvince(f(hg, 0.2), header(lines, null), null, '2023-06-29').confidence).toBe(0.2);
    expect(confirmProvince(f(hg, 0.2), header(['UBND TỈNH HÀ GIANG.'], null), 'Hà Giang', '2023-06-29').confidence).toBe(0.2);
  });
  it('does not confirm from one reading, nor when the readings disagree', () => {
    expect(confirmProvince(f(hg, 0.7), header(['UBND TỈNH HÀ GIANG', 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI'], null), null, '2023-06-29').confidence).toBe(0.7);
    expect(confirmProvince(f(hg, 0.7), header(['UBND TỈNH HÀ GIANG'], null), 'Tuyên Quang', '2023-06-29').confidence).toBe(0.7);
  });
});

describe('rereadVerdict (the "Số:" line read again, symbol characters only)', () => {
  const box = { x: 0, y: 0, w: 100, h: 12 };
  it('agrees when the second read gives the same number, whatever else the line holds', () => {
    expect(rereadVerdict(f('690/CTr-SLĐTBXH', 0.85), { box, text: 'Số: 690/CTr-SLĐTBXH Lng Sn. ngy 13', conf: 0 })).toBe('agrees');
    expect(rereadVerdict(f('1055/CTrPH-SLĐTBXH', 0.85), { box, text: 'Số:1055 /CTrPH-SLĐTBXH', conf: 0 })).toBe('agrees');
  });
  it('differs when the second read gives another number', () => {
    expect(rereadVerdict(f('1550/SLĐTBXH-BT&PCTNXH', 0.9), { box, text: 'l Số . 1 590/ SLĐTBXH-BT&PCTNXH', conf: 0 })).toBe('differs');
  });
  it('says nothing without a re-read, on a poor first read, or when the re-read has no number', () => {
    expect(rereadVerdict(f('280/BC-UBND', 0.85), null)).toBe('none');
    expect(rereadVerdict(f('280/BC-UBND', 0.3), { box, text: 'Số: 280/BC-UBND', conf: 0 })).toBe('none');
    expect(rereadVerdict(f('280/BC-UBND', 0.85), { box, text: 'Sô:', conf: 0 })).toBe('none');
  });
  it('confirms the document number and turns a disagreement into a finding', () => {
    const ok = confirmDocNumber(f('280/BC-SLĐTBXH', 0.7), f('BC', 0.7), header(['UBND TỈNH HÀ GIANG'], 'BÁO CÁO'), { box, text: 'Số: 280/BC-SLĐTBXH', conf: 0 });
    expect(ok.docNumber.confidence).toBe(CONFIRMED);
    const bad = confirmDocNumber(f('280/BC-SLĐTBXH', 0.95), f('BC', 0.95), header(SO, 'BÁO CÁO'), { box, text: 'Số: 230/BC-SLĐTBXH', conf: 0 });
    expect(bad.docNumber.findings.map((x) => x.code)).toEqual(['docNumber.reread_differs']);
  });
});
