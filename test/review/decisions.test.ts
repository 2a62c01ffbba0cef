// Review decisions on a real SQLite file: corrections reach the documents row and the export,
// the audit trail records old and new values, undo restores exactly, reject fails the document.
import { seedReviewDb, removeDir, type SeededDb } from './fixture.js';
import { ReviewRepository } from '../../review/review.repository.js';
import { ReviewDecisions, stateToken } from '../../review/decisions.js';
import { parseCorrection } from '../../review/corrections.js';
import { exportDocuments } from '../../reports/export-documents.js';

let s: SeededDb;
let review: ReviewRepository;
let decisions: ReviewDecisions;

beforeEach(async () => {
  s = await seedReviewDb();
  review = new ReviewRepository(s.app.db);
  decisions = new ReviewDecisions(review, s.app.repo);
});
afterEach(async () => {
  await s.app.close();
  removeDir(s.dataDir);
});

const exported = (id: string) => exportDocuments(s.app.repo).documents.find((d) => d.id === id)!;

describe('review queue', () => {
  it('puts header fields that block the appendix tables before indicators, least confident first', () => {
    const q = review.queue({});
    expect(q.map((e) => `${e.documentId}/${e.name}`)).toEqual([
      `${s.haGiang}/province`, `${s.hostile}/issueDate`, `${s.haGiang}/radio_programs`,
    ]);
    expect(review.queueCount({ field: 'province' })).toBe(1);
    expect(review.queueCount({ province: '04' })).toBe(1);
    expect(review.queueCount({ province: '' })).toBe(2);
    expect(review.facets().field.find((f) => f.value === 'province')).toMatchObject({ n: 1, label: 'Tỉnh, thành phố' });
  });

  it('walks to the next item and wraps round', () => {
    const first = review.nextAfter({}, null)!;
    expect(first.name).toBe('province');
    const second = review.nextAfter({}, first)!;
    expect(second).toEqual({ documentId: s.hostile, target: 'field', name: 'issueDate' });
    const third = review.nextAfter({}, second)!;
    expect(review.nextAfter({}, third)).toEqual(first);
  });
});

describe('corrections', () => {
  it('resolves a province through the gazetteer and writes it to the documents row', () => {
    const out = decisions.correct({ documentId: s.haGiang, target: 'field', name: 'province', input: 'tỉnh Hà Giang', reviewer: 'Lan', reason: 'OCR đọc sai' });
    expect(out).toMatchObject({ ok: true, documentStatus: 'needs_review' });
    const d = exported(s.haGiang);
    expect(d.province).toEqual({ code: '02', name: 'Hà Giang' });
    expect(d.fields.province).toMatchObject({ value: { code: '02', name: 'Hà Giang' }, status: 'corrected' });
    const [h] = review.history(s.haGiang);
    expect(h).toMatchObject({ action: 'correct', target: 'field', name: 'province', reviewer: 'Lan', reason: 'OCR đọc sai', old_value_json: 'null' });
    expect(JSON.parse(h.new_value_json!)).toEqual({ code: '02', name: 'Hà Giang' });
  });

  it('parses a category correction and mirrors it in the documents row (the appendices read it there)', () => {
    expect(parseCorrection('field', 'category', 'chương trình')).toEqual({ ok: true, value: 'programme' });
    expect(parseCorrection('field', 'category', 'Báo cáo')).toEqual({ ok: true, value: 'report' });
    expect(parseCorrection('field', 'category', 'khác')).toEqual({ ok: true, value: 'other' });
    expect(parseCorrection('field', 'category', 'thư mời')).toMatchObject({ ok: false, code: 'category.invalid' });
    review.setHeader(s.haGiang, { category: 'programme' });
    expect(exported(s.haGiang).category).toBe('programme');
  });

  it('makes the document accepted once nothing is left to review', () => {
    decisions.correct({ documentId: s.haGiang, target: 'field', name: 'province', input: '02', reviewer: 'Lan' });
    const out = decisions.correct({ documentId: s.haGiang, target: 'indicator', name: 'radio_programs', input: '452', reviewer: 'Lan' });
    expect(out).toMatchObject({ ok: true, documentStatus: 'accepted' });
    const ind = exported(s.haGiang).indicators.find((i) => i.key === 'radio_programs')!;
    expect(ind).toMatchObject({ value: 452, status: 'corrected' });
  });

  it('refuses an invalid date or an unknown province with a Vietnamese message and changes nothing', () => {
    const bad = decisions.correct({ documentId: s.hostile, target: 'field', name: 'issueDate', input: '31/02/2023', reviewer: 'Lan' });
    expect(bad).toMatchObject({ ok: false, httpStatus: 422 });
    expect(!bad.ok && bad.message).toContain('Ngày không có thật trên lịch');
    const unknown = decisions.correct({ documentId: s.haGiang, target: 'field', name: 'province', input: 'Atlantis', reviewer: 'Lan' });
    expect(!unknown.ok && unknown.message).toContain('Không tìm thấy tỉnh, thành phố “Atlantis”');
    expect(review.history(s.hostile)).toEqual([]);
    expect(review.history(s.haGiang)).toEqual([]);
    expect(review.item(s.hostile, 'field', 'issueDate')!.status).toBe('needs_review');
  });

  it('uses the same zod rules as the pipeline', () => {
    expect(parseCorrection('field', 'docNumber', '280 /BC-SLĐTBXH')).toEqual({ ok: true, value: '280/BC-SLĐTBXH' });
    expect(parseCorrection('field', 'docNumber', 'abc').ok).toBe(false);
    expect(parseCorrection('field', 'issueDate', '29/6/2023')).toEqual({ ok: true, value: '2023-06-29' });
    expect(parseCorrection('indicator', 'x', '1.234,5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseCorrection('indicator', 'x', '-3')).toMatchObject({ ok: false, code: 'indicator.invalid', message: expect.stringContaining('Số liệu không được âm.') });
    // code 02 was Hà Giang until the 2025 merger; resolved on the document's date
    expect(parseCorrection('field', 'province', '02', { asOf: '2023-06-29' })).toEqual({ ok: true, value: { code: '02', name: 'Hà Giang' } });
  });

  it('refuses a stale decision when someone else changed the item', () => {
    const token = stateToken(review.itemState(s.haGiang, 'field', 'province')!);
    decisions.correct({ documentId: s.haGiang, target: 'field', name: 'province', input: 'Hà Giang', reviewer: 'Lan', expect: token });
    const second = decisions.accept({ documentId: s.haGiang, target: 'field', name: 'province', reviewer: 'Minh', expect: token });
    expect(second).toMatchObject({ ok: false, code: 'item.changed' });
  });
});

describe('undo and reject', () => {
  it('undoes the last decision, restoring value, status and header columns', () => {
    decisions.correct({ documentId: s.haGiang, target: 'field', name: 'province', input: 'Hà Giang', reviewer: 'Lan' });
    decisions.correct({ documentId: s.haGiang, target: 'indicator', name: 'radio_programs', input: '452', reviewer: 'Lan' });
    expect(s.app.repo.get(s.haGiang)!.status).toBe('accepted');

    expect(decisions.undo({ documentId: s.haGiang, reviewer: 'Minh' })).toMatchObject({ ok: true, documentStatus: 'needs_review' });
    expect(exported(s.haGiang).indicators.find((i) => i.key === 'radio_programs')).toMatchObject({ value: 4520, status: 'needs_review', confidence: 0.55 });
    expect(exported(s.haGiang).province).toEqual({ code: '02', name: 'Hà Giang' });

    decisions.undo({ documentId: s.haGiang, reviewer: 'Minh' });
    const d = exported(s.haGiang);
    expect(d.province).toBeNull();
    expect(d.fields.province).toMatchObject({ value: null, status: 'needs_review' });
    expect(decisions.undo({ documentId: s.haGiang, reviewer: 'Minh' })).toMatchObject({ ok: false, code: 'undo.nothing' });

    const h = review.history(s.haGiang);
    expect(h.map((r) => r.action)).toEqual(['undo', 'undo', 'correct', 'correct']);
    expect(h.filter((r) => r.action === 'correct').every((r) => r.undone_by != null)).toBe(true);
  });

  it('rejects a whole document as failed with review.rejected, and undo reopens it', () => {
    const out = decisions.reject({ documentId: s.hostile, reviewer: 'Lan', reason: 'Không phải báo cáo' });
    expect(out).toMatchObject({ ok: true, documentStatus: 'failed' });
    const d = exported(s.hostile);
    expect(d).toMatchObject({ status: 'failed', errorCode: 'review.rejected' });
    expect(d.error).toContain('Không phải báo cáo');
    expect(review.queue({}).some((e) => e.documentId === s.hostile)).toBe(false);
    expect(decisions.correct({ documentId: s.hostile, target: 'field', name: 'issueDate', input: '28/2/2023', reviewer: 'Lan' }))
      .toMatchObject({ ok: false, code: 'document.closed' });

    decisions.undo({ documentId: s.hostile, reviewer: 'Lan' });
    expect(exported(s.hostile)).toMatchObject({ status: 'needs_review' });
    expect(exported(s.hostile).error).toBeUndefined();
  });
});
