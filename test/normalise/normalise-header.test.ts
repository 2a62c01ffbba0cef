// normaliseHeader is a pure function of the header as read and the pages: number and type,
// issue date, province (issuer lines first, the date line's place as a fallback, none for
// national bodies), the received stamp's date, and the classification, computed once.
import { normaliseHeader } from '../../extractors/normalise-header.js';
import type { ExtractedField, Provenance } from '../../model/document.js';
import type { HeaderFields } from '../../model/header.js';
import type { ReadPage } from '../../model/ocr.js';

const at: Provenance = { page: 1, box: { x: 50, y: 60, w: 200, h: 12 }, sourceText: '' };
const f = <T>(value: T | null, confidence = 1): ExtractedField<T> => ({ value, confidence, provenance: value === null ? null : at, findings: [] });

function header(o: { number?: string | null; date?: string | null; issuer?: string[]; type?: string; title?: string }): HeaderFields {
  const issuer = o.issuer ?? ['ỦY BAN NHÂN DÂN', 'TỈNH HÀ GIANG'];
  return {
    docNumberRaw: f(o.number === undefined ? '280/BC-UBND' : o.number), dateLine: f(o.date === undefined ? 'Hà Giang, ngày 29 tháng 6 năm 2023' : o.date),
    issuerLines: f(issuer), issuerConfs: issuer.map(() => 1), typeName: f(o.type ?? 'BÁO CÁO'),
    title: f(o.title ?? 'Kết quả thực hiện Chương trình phối hợp về giảm nghèo 6 tháng đầu năm 2023'), receivedStamp: null, findings: [],
  };
}
const page = (extra: Partial<ReadPage> = {}): ReadPage => ({ page: 1, width: 595, height: 842, source: 'text', items: [], lines: [], ...extra });

describe('normaliseHeader', () => {
  it('normalises number, type, date and province from the issuer lines, and classifies once', () => {
    const n = normaliseHeader(header({}), [page()]);
    expect(n.docNumber.value).toBe('280/BC-UBND');
    expect(n.docType.value).toBe('BC');
    expect(n.issueDate.value).toBe('2023-06-29');
    expect(n.province.value).toEqual({ code: '02', name: 'Hà Giang' });
    expect(n.province.findings).toEqual([]);
    expect(n.classification.category).toBe('report');
    expect(n.receivedDate).toBeNull();
  });

  it('falls back to the date line\'s place, with a finding, when the issuer names no province', () => {
    const n = normaliseHeader(header({ issuer: ['SỞ LAO ĐỘNG - THƯƠNG BINH', 'VÀ XÃ HỘI'] }), [page()]);
    expect(n.province.value?.code).toBe('02');
    expect(n.province.findings.map((x) => x.code)).toContain('province.from_place');
    expect(n.province.confidence).toBeLessThan(1);
  });

  it('gives national bodies no province and no finding', () => {
    const n = normaliseHeader(header({ issuer: ['BỘ LAO ĐỘNG - THƯƠNG BINH', 'VÀ XÃ HỘI'], date: 'Hà Nội, ngày 10 tháng 1 năm 2023' }), [page()]);
    expect(n.province).toMatchObject({ value: null, findings: [] });
  });

  it('sends a missing number to review with an unknown type', () => {
    const n = normaliseHeader(header({ number: null }), [page()]);
    expect(n.docNumber.value).toBeNull();
    expect(n.docType.findings.map((x) => x.code)).toEqual(['docType.unknown']);
  });

  it('reads the received stamp\'s date as its own field', () => {
    const stampLine = { text: 'Ngày: 03/7/2023', box: { x: 400, y: 40, w: 90, h: 10 }, items: [], conf: 0.9 };
    const n = normaliseHeader(header({}), [page({ source: 'ocr', receivedStamp: { box: stampLine.box, lines: [stampLine], number: '1234', date: '03/7/2023', by: 'blue-ink' } })]);
    expect(n.receivedDate).toMatchObject({ value: '2023-07-03', provenance: { page: 1, box: stampLine.box } });
    expect(n.issueDate.value).toBe('2023-06-29');
  });
});
