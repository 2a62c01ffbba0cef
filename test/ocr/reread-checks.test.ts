import type { ExtractedField } from '../../model/document.js';
import { confirmIssueDate, dateRereadVerdict, figureKey, reportingPeriodYear, tokenConfidenceAfterReread } from '../../extractors/reread-checks.js';
import { isAccepted } from '../../model/acceptance.js';

const date = (value: string | null, confidence: number, findings: ExtractedField<string>['findings'] = []): ExtractedField<string> =>
  ({ value, confidence, provenance: null, findings });
const reread = (text: string) => ({ box: { x: 0, y: 0, w: 10, h: 10 }, text, conf: 0 });

describe('date re-read', () => {
  it('the same date read again confirms a fair reading', () => {
    const d = confirmIssueDate(date('2023-06-29', 0.82), reread('ngày 29 tháng 6 năm 2023'));
    expect(d.confidence).toBe(0.95);
    expect(isAccepted(d)).toBe(true);
  });

  it('a damaged keyword does not matter once the digits were read twice alike', () => {
    const d = confirmIssueDate(date('2023-06-29', 0.9, [{ code: 'date.ocr_keyword', message: 'x' }]), reread('ngày 29 tháng 6 năm 2023'));
    expect(d.findings).toEqual([]);
    expect(isAccepted(d)).toBe(true);
  });

  it('another date read again is a finding, and the value waits for review', () => {
    const d = confirmIssueDate(date('2023-06-29', 0.97), reread('ngày 28 tháng 6 năm 2023'));
    expect(d.findings.map((f) => f.code)).toEqual(['issueDate.reread_differs']);
    expect(isAccepted(d)).toBe(false);
  });

  it('a re-read with no date, a poor reading, or another finding says nothing', () => {
    expect(dateRereadVerdict(date('2023-06-29', 0.8), reread('ngày tháng năm'))).toBe('none');
    expect(dateRereadVerdict(date('2023-06-29', 0.3), reread('ngày 29 tháng 6 năm 2023'))).toBe('none');
    expect(dateRereadVerdict(date('2023-06-29', 0.8), null)).toBe('none');
    const conflict = date('2023-06-29', 0.8, [{ code: 'date.conflict', message: 'x' }]);
    expect(confirmIssueDate(conflict, reread('ngày 29 tháng 6 năm 2023'))).toBe(conflict);
  });
});

describe('figure re-read', () => {
  const token = (text: string, conf: number, again: string) => ({ box: { x: 0, y: 0, w: 1, h: 1 }, text, conf, reread: again });

  it('reads only figure tokens', () => {
    expect(figureKey('20.761.960,')).toBe('20.761.960');
    expect(figureKey('22,15%')).toBe('22,15%');
    expect(figureKey('(1.234)')).toBe('1.234');
    expect(figureKey('7')).toBeNull();
    expect(figureKey('280/BC')).toBeNull();
    expect(figureKey('hộ')).toBeNull();
  });

  it('agreement confirms, disagreement caps, an empty re-read leaves the token as read', () => {
    expect(tokenConfidenceAfterReread(token('1.234', 0.8, '1.234'))).toBe(0.95);
    expect(tokenConfidenceAfterReread(token('1.234', 0.93, '1.284'))).toBe(0.5);
    expect(tokenConfidenceAfterReread(token('1.234', 0.8, ''))).toBe(0.8);
    expect(tokenConfidenceAfterReread(token('1.234', 0.3, '1.234'))).toBe(0.3);
  });
});

describe('a re-read that slips only on the year', () => {
  const date = (value: string, confidence: number) => ({ value, confidence, provenance: null, findings: [] });
  const reread = (text: string) => ({ text, conf: 0.8, box: { x: 0, y: 0, w: 10, h: 10 } });
  it('keeps the page read when its year is the reporting period\'s (a first-half report)', () => {
    const d = confirmIssueDate(date('2023-06-26', 0.96), reread('ngày 26 tháng 06 năm 2025'), reportingPeriodYear('Báo cáo kết quả 6 tháng đầu năm 2023'));
    expect(d.confidence).toBeGreaterThanOrEqual(0.95);
    expect(d.findings.map((f) => f.code)).toEqual(['issueDate.reread_year']);
  });
  it('still sends it to review without such a period, when the day differs, or for a year-end period', () => {
    expect(confirmIssueDate(date('2023-06-26', 0.96), reread('ngày 26 tháng 06 năm 2025'), null).findings.map((f) => f.code)).toEqual(['issueDate.reread_differs']);
    expect(confirmIssueDate(date('2023-06-26', 0.96), reread('ngày 28 tháng 06 năm 2025'), 2023).findings.map((f) => f.code)).toEqual(['issueDate.reread_differs']);
    expect(reportingPeriodYear('Báo cáo 6 tháng cuối năm 2023')).toBeNull();
    expect(reportingPeriodYear('báo cáo kết quả quý IV/2023')).toBeNull();
    expect(reportingPeriodYear('báo cáo quý II/2023')).toBe(2023);
  });
});
