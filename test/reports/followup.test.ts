// Medium tests (issue 15) on a real SQLite file holding the ground truth as read right
// (ground-truth-db.ts): reporting periods, the follow-up table against the seed's Phụ lục II,
// statuses (on time, late, in review), the 2025 merger, and the reminder letter reopened from
// its DOCX. Full-text search over real PDFs is in followup-search.e2e.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import type { App } from '../../pipeline/app.js';
import { openApp } from '../../pipeline/app.js';
import { makeConfig } from '../../pipeline/config.js';
import { buildFollowup, definePeriod, listPeriods, matchPeriod, periodDashboard, statusOf, type FollowupDocument } from '../../reports/followup.js';
import { followupCsv, followupMarkdown, renderFollowup } from '../../reports/followup-render.js';
import { buildReminder, parseReminderTemplate, reminderTemplateFile, renderReminder, DEFAULT_REMINDER_TEMPLATE } from '../../reports/reminder.js';
import { parsePeriod } from '../../reports/selection.js';
import { tempDir } from '../helpers.js';
import { groundTruthApp, insertDocument } from './ground-truth-db.js';

const SEED = path.join(process.cwd(), 'fixtures', 'seed', '000_3e761f724fd1898d.txt');
const seedText = () => fs.readFileSync(SEED, 'utf8');

/** The seed's Phụ lục II rows: province and the document numbers in its cell (tab-separated lines). */
function seedAppendix2(): { province: string; marked: boolean; numbers: string[] }[] {
  const lines = seedText().split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === 'Phụ lục II');
  return lines.slice(start).map((l) => l.split('\t')).filter((c) => c.length >= 4 && /^\d+$/.test(c[0]))
    .map((c) => ({ province: c[1], marked: c[2].trim() === 'X', numbers: c[3].trim() ? c[3].trim().split(/\s+(?=\d+\/)/).map((n) => n.replace(/\s+/g, '')) : [] }));
}

/** The request the seed cites for the 6-month reports, and the deadline it set (section I.2 b). */
function seedRequest(): { number: string; date: string; deadline: string } {
  const m = /Công văn số (\d+\/CV-VPQGGN) ngày (\d+)\/(\d+)\/(\d{4})[^.]*?trước ngày (\d+)\/(\d+)\/(\d{4})/.exec(seedText())!;
  const iso = (d: string, mo: string, y: string) => `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return { number: m[1], date: iso(m[2], m[3], m[4]), deadline: iso(m[5], m[6], m[7]) };
}

const docxText = (bytes: Uint8Array) => {
  const xml = strFromU8(unzipSync(bytes)['word/document.xml']);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => p[0].replace(/<[^>]+>/g, '')).filter(Boolean);
};

describe('follow-up of a reporting period, from a database holding the ground truth', () => {
  let app: App;
  const req = seedRequest();
  beforeAll(() => {
    app = groundTruthApp();
    definePeriod(app.db, { name: '6 tháng đầu năm 2023', kind: 'report', deadline: req.deadline, request: req.number, requestDate: req.date });
  });
  afterAll(async () => { await app?.close(); });

  it('reads the deadline from the request the seed cites', () => {
    expect(req).toEqual({ number: '329/CV-VPQGGN', date: '2023-06-14', deadline: '2023-06-25' });
    expect(listPeriods(app.db).map((p) => [p.name, p.kind, p.deadline, p.requestNumber])).toEqual([['6 tháng đầu năm 2023', 'report', '2023-06-25', '329/CV-VPQGGN']]);
  });

  it('lists 35 received and 28 missing exactly as Phụ lục II does (Lai Châu: a number without X in the seed)', () => {
    const t = buildFollowup(app.db, '06 tháng đầu năm 2023'); // the other spelling names the same period
    expect(t).toMatchObject({ period: '6 tháng đầu năm 2023', deadline: '2023-06-25', expected: 63, received: 35, missing: 28, layout: 63 });
    const seed = seedAppendix2();
    expect(seed).toHaveLength(63);
    // The seed counts 34 (its X marks); Lai Châu's report is listed with number and date but
    // no X, so it was received: the derived table counts it (see golden.e2e.test.ts).
    expect(seed.filter((r) => r.marked)).toHaveLength(34);
    expect(seed.filter((r) => !r.marked && r.numbers.length).map((r) => r.province)).toEqual(['Lai Châu']);
    const got = t.rows.map((r) => ({ province: r.province, numbers: r.documents.map((d) => d.docNumber) }));
    expect(got).toEqual(seed.map((r) => ({ province: r.province, numbers: r.numbers })));
    expect(t.rows.filter((r) => r.status === 'missing').map((r) => r.province)).toEqual(seed.filter((r) => r.numbers.length === 0).map((r) => r.province));
    // five provinces answered with a "7 tháng đầu năm 2023" report: they count for the period
    expect(t.rows.flatMap((r) => r.documents).filter((d) => d.period === '7 tháng đầu năm 2023').map((d) => d.docNumber).sort())
      .toEqual(['1317/BC-SLĐTBXH', '175/BC-SLĐTBXH', '2324/BC-SLĐTBXH', '304/BC-SLĐTBXH', '3438/BC-SLĐTBXH']);
  });

  it('tells on time from late by the deadline (issue date when no received stamp was read)', () => {
    const t = buildFollowup(app.db, '6 tháng đầu năm 2023');
    const row = (p: string) => t.rows.find((r) => r.province === p)!;
    expect(row('Cao Bằng')).toMatchObject({ code: '04', status: 'received', documents: [{ docNumber: '1041/BC-SLĐTBXH', issueDate: '2023-06-23', receivedDate: null }] });
    expect(row('Hà Giang')).toMatchObject({ code: '02', status: 'late', documents: [{ docNumber: '280/BC-SLĐTBXH', issueDate: '2023-06-29' }] });
    expect(row('Hà Nam')).toMatchObject({ status: 'late' });
    const onTime = t.rows.flatMap((r) => r.documents).filter((d) => d.issueDate! <= '2023-06-25').length;
    expect(onTime).toBe(11);
    expect({ onTime: t.onTime, late: t.late, inReview: t.inReview }).toEqual({ onTime: 11, late: 24, inReview: 0 });
    expect(periodDashboard(app.db, t)).toEqual({ documents: 35, straightThrough: 1, waitingForReview: 0, oldestWaiting: null, missingProvinces: 28 });
  });

  it('writes the CONTRACT JSON, Markdown and CSV', async () => {
    const t = buildFollowup(app.db, '6 tháng đầu năm 2023');
    const json = JSON.parse(await renderFollowup(t, 'json') as string);
    expect(json).toMatchObject({ period: '6 tháng đầu năm 2023', deadline: '2023-06-25', expected: 63, received: 35, missing: 28 });
    expect(json.rows[0]).toMatchObject({ code: '02', province: 'Hà Giang', status: 'late', documents: [{ docNumber: '280/BC-SLĐTBXH', issueDate: '2023-06-29', receivedDate: null }] });
    expect(followupMarkdown(t)).toContain('| 3 | 04 | Cao Bằng | Đã nhận, đúng hạn | 1041/BC-SLĐTBXH | 23/06/2023 |  |');
    expect(followupMarkdown(t)).toContain('35/63 tỉnh, thành phố đã gửi (11 đúng hạn, 24 quá hạn, 0 đang kiểm tra); còn 28 chưa gửi');
    const csv = followupCsv(t).split('\r\n');
    expect(csv[0]).toBe('\ufefftt,code,province,status,docNumber,issueDate,receivedDate,provisional,documentId');
    expect(csv.filter((l) => l.includes(',missing,'))).toHaveLength(28);
  });

  it('drafts the reminder letter to the 28 in the Nghị định 30/2020 layout (DOCX reopened)', async () => {
    const t = buildFollowup(app.db, '6 tháng đầu năm 2023');
    const missing = t.rows.filter((r) => r.status === 'missing').map((r) => r.province);
    const dataDir = tempDir('tonghop-reminder-');
    const paras = docxText(await renderReminder(t, 'docx', dataDir) as Uint8Array);
    // the template was copied into the data folder on first use
    expect(fs.readFileSync(path.join(dataDir, 'mau', 'cong-van-don-doc.txt'), 'utf8')).toBe(fs.readFileSync(DEFAULT_REMINDER_TEMPLATE, 'utf8'));
    expect(paras).toEqual(expect.arrayContaining([
      'BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', 'VĂN PHÒNG QUỐC GIA VỀ GIẢM NGHÈO', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc', 'V/v đôn đốc gửi báo cáo 6 tháng đầu năm 2023', 'Nơi nhận:',
    ]));
    expect(paras.find((p) => p.startsWith('Số:'))).toMatch(/^Số: +\/VPQGGN$/);
    expect(paras.find((p) => p.startsWith('Hà Nội, ngày'))).toMatch(/^Hà Nội, ngày +tháng +năm \d{4}$/);
    expect(paras.join('\n')).toContain('Công văn số 329/CV-VPQGGN đề nghị Sở Lao động - Thương binh và Xã hội các tỉnh, thành phố trực thuộc trung ương gửi báo cáo 6 tháng đầu năm 2023 trước ngày 25/6/2023');
    expect(paras.join('\n')).toContain('đã nhận được báo cáo của 35/63 tỉnh, thành phố; còn 28 tỉnh, thành phố chưa gửi');
    // the numbered list names exactly the 28, in table order; Nơi nhận has one line for each
    const list = paras.filter((p) => /^\d+\. /.test(p));
    expect(list).toEqual(missing.map((p, i) => `${i + 1}. ${p}`));
    expect(list).toHaveLength(28);
    const copyTo = paras.filter((p) => p.startsWith('- Sở LĐTBXH '));
    expect(copyTo).toHaveLength(28);
    expect(copyTo).toContain('- Sở LĐTBXH tỉnh Lào Cai;');
    expect(paras.find((p) => p.startsWith('Kính gửi:'))).toContain(missing.join(', '));
    for (const received of t.rows.filter((r) => r.status !== 'missing')) expect(list.join('\n')).not.toContain(`. ${received.province}\n`);
  });

  it('takes its wording from the template in the data folder, which the office may edit', async () => {
    const t = buildFollowup(app.db, '6 tháng đầu năm 2023');
    const dataDir = tempDir('tonghop-reminder-');
    const file = reminderTemplateFile(dataDir);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('V/v đôn đốc gửi {loai_van_ban} {ky_bao_cao}', 'V/v nhắc gửi {loai_van_ban} kỳ {ky_bao_cao} (lần 2)').replace('Hà Nội\n', 'Thành phố Hà Nội\n'));
    const md = await renderReminder(t, 'md', dataDir) as string;
    expect(md).toContain('V/v nhắc gửi báo cáo kỳ 6 tháng đầu năm 2023 (lần 2)');
    expect(md).toContain('*Thành phố Hà Nội, ngày');
    fs.writeFileSync(file, '[co_quan_chu_quan]\nBỘ\n');
    await expect(renderReminder(t, 'md', dataDir)).rejects.toMatchObject({ code: 'usage.bad_template' });
    expect(buildReminder(t, parseReminderTemplate(fs.readFileSync(DEFAULT_REMINDER_TEMPLATE, 'utf8'))).provinces).toHaveLength(28);
  });

  it('counts a document whose header still needs review as in_review, and a received stamp over the issue date', () => {
    const doc = (o: Partial<FollowupDocument>): FollowupDocument => ({ docNumber: '1/BC', issueDate: '2023-06-20', receivedDate: null, id: 'x', file: 'x.pdf', provisional: false, matchedBy: 'period', period: null, ...o });
    expect(statusOf([], '2023-06-25')).toBe('missing');
    expect(statusOf([doc({ provisional: true })], '2023-06-25')).toBe('in_review');
    expect(statusOf([doc({})], '2023-06-25')).toBe('received');
    expect(statusOf([doc({ receivedDate: '2023-07-03' })], '2023-06-25')).toBe('late');
    expect(statusOf([doc({ issueDate: '2023-06-29', receivedDate: '2023-06-24' })], '2023-06-25')).toBe('received');
    expect(statusOf([doc({ provisional: true }), doc({ issueDate: '2023-07-01' })], '2023-06-25')).toBe('late');
  });

  it('matches documents by the request they cite, their own period words, or their dates', () => {
    const p = { kind: 'report' as const, period: parsePeriod('6 tháng đầu năm 2023')!, requestDate: '2023-06-14' };
    const d = (o: Partial<{ category: string; period: string | null; issueDate: string | null; citesRequest: boolean }>) =>
      matchPeriod({ category: 'report', period: null, issueDate: '2023-07-01', citesRequest: false, ...o }, p);
    expect(d({ citesRequest: true, period: 'năm 2023' })).toBe('request');
    expect(d({ period: '06 tháng đầu năm 2023' })).toBe('period');
    expect(d({ period: '7 tháng đầu năm 2023' })).toBe('period');
    expect(d({ period: '9 tháng đầu năm 2023' })).toBeNull();
    expect(d({ period: 'quý I/2023' })).toBeNull();
    expect(d({ period: '6 tháng đầu năm 2022' })).toBeNull();
    expect(d({})).toBe('dates');
    expect(d({ issueDate: '2023-05-30' })).toBeNull();
    expect(d({ issueDate: '2024-02-01' })).toBeNull();
    expect(d({ category: 'programme', citesRequest: true })).toBeNull();
  });
});

describe('follow-up across the 2025 merger', () => {
  let app: App;
  beforeAll(() => {
    app = openApp(makeConfig({ dbFile: path.join(tempDir('tonghop-followup-'), 'tonghop.db') }));
    insertDocument(app, { id: 'ha-giang-2025', category: 'report', docNumber: '95/BC-SLĐTBXH', issueDate: '2025-06-25', province: { code: '02', name: 'Hà Giang' }, period: '6 tháng đầu năm 2025' });
    insertDocument(app, { id: 'tuyen-quang-2025', category: 'report', docNumber: '410/BC-SNV', issueDate: '2025-12-10', province: { code: '08', name: 'Tuyên Quang' }, period: '6 tháng cuối năm 2025', review: ['docNumber'] });
    insertDocument(app, { id: 'ha-noi-2025', category: 'report', docNumber: '3999/BC-SNV', issueDate: '2025-12-20', province: { code: '01', name: 'Hà Nội' }, period: 'năm 2025' });
    definePeriod(app.db, { name: '6 tháng đầu năm 2025', kind: 'report', deadline: '2025-07-15' });
    definePeriod(app.db, { name: '6 tháng cuối năm 2025', kind: 'report', deadline: '2025-12-15' });
  });
  afterAll(async () => { await app?.close(); });

  it('a 2025-H2 period expects the 34 new units', () => {
    const t = buildFollowup(app.db, '6 tháng cuối năm 2025');
    expect(periodDashboard(app.db, t)).toMatchObject({ documents: 1, straightThrough: 0, waitingForReview: 1, missingProvinces: 33 });
    expect(t).toMatchObject({ expected: 34, layout: 34, received: 1, inReview: 1, missing: 33 });
    expect(t.rows.find((r) => r.code === '08')).toMatchObject({ province: 'Tuyên Quang', status: 'in_review', predecessors: [{ code: '08', name: 'Tuyên Quang', sent: true }, { code: '02', name: 'Hà Giang', sent: false }] });
    // a report about the whole year is not the half-year report
    expect(t.rows.find((r) => r.code === '01')).toMatchObject({ status: 'missing' });
  });

  it("a predecessor province's document counts for its successor", () => {
    const t = buildFollowup(app.db, '6 tháng đầu năm 2025');
    expect(t).toMatchObject({ expected: 34, received: 1, missing: 33 });
    const row = t.rows.find((r) => r.code === '08')!;
    expect(row).toMatchObject({ province: 'Tuyên Quang', status: 'received', documents: [{ docNumber: '95/BC-SLĐTBXH', predecessor: { code: '02', name: 'Hà Giang' } }] });
    expect(row.predecessors!.find((p) => p.code === '02')).toMatchObject({ sent: true });
    expect(t.rows.find((r) => r.province === 'Hà Giang')).toBeUndefined();
  });

  it('refuses an unknown period, a period name it cannot read and a bad deadline', () => {
    expect(() => buildFollowup(app.db, 'quý IV/2030')).toThrow(expect.objectContaining({ code: 'usage.period_not_found' }));
    expect(() => definePeriod(app.db, { name: 'đợt 2', kind: 'report', deadline: '2025-12-15' })).toThrow(expect.objectContaining({ code: 'usage.bad_period' }));
    expect(() => definePeriod(app.db, { name: 'năm 2026', kind: 'report', deadline: '15/12/2026' })).toThrow(expect.objectContaining({ code: 'usage.bad_date' }));
  });
});
