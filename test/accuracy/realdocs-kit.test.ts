// Fast checks of the real-document test kit: the split rule, layout records, the markdown
// reading and the grader's comparison rules (the end-to-end numbers are in realdocs.e2e).
import { loadTruth, readDocLines } from '../../testkit/realdocs/corpus.js';
import { normDocNumber, normIssuer, normProvinceName, normTitle } from '../../testkit/realdocs/grade.js';
import { BASE_LAYOUTS, HELDOUT_LAYOUTS, isHeldOut, LAYOUT_NAMES, LAYOUT_SETS, layoutFor, layoutsForDoc, NEW_TUNE_LAYOUTS } from '../../testkit/realdocs/layouts.js';
import { emphasisRuns, parseRealDoc } from '../../testkit/realdocs/markdown.js';
import { dateLines, splitIssuerLines, withoutPlace } from '../../testkit/realdocs/render.js';
import { partOf } from '../../testkit/realdocs/split.js';

const truth = loadTruth();

describe('realdocs test kit', () => {
  it('splits about 60 / 40, every corpus "measure" document on the report side, both levels on both sides', () => {
    const report = truth.filter((t) => partOf(t) === 'report');
    expect(report.length / truth.length).toBeGreaterThan(0.36);
    expect(report.length / truth.length).toBeLessThan(0.44);
    expect(truth.filter((t) => t.split === 'measure').every((t) => partOf(t) === 'report')).toBe(true);
    for (const level of ['provincial', 'national']) {
      const n = truth.filter((t) => t.level === level);
      const share = n.filter((t) => partOf(t) === 'report').length / n.length;
      expect(share).toBeGreaterThan(0.33);
      expect(share).toBeLessThan(0.47);
    }
  });

  it('draws the same layout record for the same (document, layout) and different ones across documents', () => {
    const [a, b] = truth;
    for (const name of LAYOUT_NAMES) expect(layoutFor(a.id, name)).toEqual(layoutFor(a.id, name));
    expect(layoutFor(a.id, 'times-office')).not.toEqual(layoutFor(b.id, 'times-office'));
    expect(layoutsForDoc(a.id, 2)).toEqual(layoutsForDoc(a.id, 2));
    // by default one of the first six layouts (the scanned corpora and their OCR snapshots rely on it)
    expect(new Set(truth.map((t) => layoutsForDoc(t.id, 1)[0])).size).toBe(BASE_LAYOUTS.length);
    expect(new Set(truth.map((t) => layoutsForDoc(t.id, 1, LAYOUT_NAMES)[0])).size).toBe(LAYOUT_NAMES.length);
  });

  it('keeps the held-out layouts out of the tune set', () => {
    expect(HELDOUT_LAYOUTS.length).toBeGreaterThanOrEqual(2);
    expect(NEW_TUNE_LAYOUTS.length + HELDOUT_LAYOUTS.length).toBeGreaterThanOrEqual(4);
    expect(LAYOUT_SETS.tune.some(isHeldOut)).toBe(false);
    expect(LAYOUT_SETS.heldout.every(isHeldOut)).toBe(true);
    expect(new Set([...LAYOUT_SETS.tune, ...LAYOUT_SETS.heldout])).toEqual(new Set(LAYOUT_NAMES));
  });

  it('breaks long issuer names inside the name and prints dates without their place', () => {
    expect(splitIssuerLines([{ text: 'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG', bold: true }], true).map((l) => l.text)).toEqual(['SỞ NÔNG NGHIỆP VÀ', 'MÔI TRƯỜNG']);
    expect(splitIssuerLines([{ text: 'BỘ TÀI CHÍNH', bold: true }], true).map((l) => l.text)).toEqual(['BỘ TÀI CHÍNH']);
    expect(withoutPlace('Hà Nội, ngày 05 tháng 9 năm 2025')).toBe('ngày 05 tháng 9 năm 2025');
  });

  it('reads split emphasis markers back into runs', () => {
    expect(emphasisRuns('**TH****Ủ TƯỚNG**')).toEqual([{ text: 'THỦ TƯỚNG', bold: true, italic: false }]);
    expect(emphasisRuns('**Điều 1. **Phê duyệt *(kèm theo)*')).toEqual([
      { text: 'Điều 1. ', bold: true, italic: false }, { text: 'Phê duyệt ', bold: false, italic: false }, { text: '(kèm theo)', bold: false, italic: true },
    ]);
  });

  it('prints the number and date cells of every document in agreement with the truth', () => {
    for (const t of truth) {
      const c = parseRealDoc(t, readDocLines(t));
      expect(c.numberLine.replace(/^Số\s*:?\s*/, '').replace(/\s+/g, '')).toBe(t.docNumber);
      expect(c.dateLine).toMatch(/ngày/);
      expect(c.body.length).toBeGreaterThan(0);
      expect(c.issuer.map((l) => l.text)).toEqual(t.issuerLines);
    }
  });

  it('breaks a date line after the place or before the month', () => {
    expect(dateLines('Hà Nội, ngày 20 tháng 11 năm 2025', 'after-place')).toEqual(['Hà Nội,', 'ngày 20 tháng 11 năm 2025']);
    expect(dateLines('Hà Nội, ngày 20 tháng 11 năm 2025', 'before-month')).toEqual(['Hà Nội, ngày 20', 'tháng 11 năm 2025']);
  });

  it('compares fields with the truth rules', () => {
    expect(normDocNumber('9476 /BNNMT-CNTY')).toBe('9476/BNNMT-CNTY');
    expect(normTitle('V/v: hướng dẫn  góp vốn')).toBe(normTitle('hướng dẫn góp vốn'));
    expect(normTitle('QUY ĐỊNH VỀ\nGIÁ')).toBe('QUY ĐỊNH VỀ GIÁ');
    expect(normIssuer('BỘ NÔNG NGHIỆP VÀ / MÔI TRƯỜNG')).toBe(normIssuer('BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG'));
    expect(normProvinceName('Thành phố Hồ Chí Minh')).toBe(normProvinceName('Hồ Chí Minh'));
    expect(normProvinceName('Tỉnh Bắc Ninh')).toBe('bắc ninh');
  });
});
