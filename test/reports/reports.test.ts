// Medium tests of the report builders on a real SQLite file holding the ground truth as if
// every document had been read right (ground-truth-db.ts): tables, narrative, totals, the
// 34-province layout, provisional rows, selection, every output format, reconciliation
// against the seed text, and the views behind `tonghop query`.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate'; // docx's own zip library
import type { App } from '../../pipeline/app.js';
import { runQuery } from '../../cli/query.js';
import { ReportsRepository } from '../../reports/reports.repository.js';
import { buildAppendix } from '../../reports/appendix.js';
import { buildIndicatorTotals, indicatorText } from '../../reports/indicator-totals.js';
import { buildReport, renderReport, reportJson } from '../../reports/report.js';
import { parsePeriod } from '../../reports/selection.js';
import { parsePublishedReport } from '../../reports/published-report.js';
import { reconcile } from '../../reports/reconcile.js';
import { groundTruth, tempDir } from '../helpers.js';
import { groundTruthApp, insertDocument } from './ground-truth-db.js';

const SEED = path.join(process.cwd(), 'fixtures', 'seed', '000_3e761f724fd1898d.txt');
const gt = groundTruth() as unknown as {
  appendices: Record<'appendix-1' | 'appendix-2', { total: number; of: number; rows: { tt: number; region: string; province: string; code: string; marked: boolean; documents: { docNumber: string; issueDate: string }[] }[] }>;
  indicatorTotals: { key: string; total: number; provinces: number; byProvince: Record<string, number>; totalOf?: number }[];
};

describe('report tables from a database holding the ground truth', () => {
  let app: App;
  let repo: ReportsRepository;
  beforeAll(() => { app = groundTruthApp(); repo = new ReportsRepository(app.db); });
  afterAll(async () => { await app.close(); });

  it('derives Phụ lục I and II row for row, with the seed artefacts as the data says', () => {
    for (const name of ['appendix-1', 'appendix-2'] as const) {
      const t = buildAppendix(repo, name);
      const want = gt.appendices[name];
      expect(t.of).toBe(63);
      expect(t.layout).toBe(63);
      const got = t.rows.map((r) => ({ tt: r.tt, region: r.region, province: r.province, code: r.code, marked: r.marked, documents: r.documents.map((d) => ({ docNumber: d.docNumber, issueDate: d.issueDate })) }));
      const expected = want.rows.map((r) => {
        // HCM (I): marked in the seed with no number, no programme exists → unmarked here.
        if (name === 'appendix-1' && r.code === '79') return { ...r, marked: false };
        // Lai Châu (II): number without X in the seed; the report exists → marked here.
        if (name === 'appendix-2' && r.code === '12') return { ...r, marked: true };
        return r;
      });
      expect(got).toEqual(expected);
      expect(t.total).toBe(name === 'appendix-1' ? want.total - 1 : want.total + 1);
      expect(t.provisional).toBe(0);
    }
  });

  it('keeps several documents of one province in one row and traces each to its source', () => {
    const t = buildAppendix(repo, 'appendix-1');
    const qb = t.rows.find((r) => r.province === 'Quảng Bình')!;
    expect(qb.documents.map((d) => d.docNumber)).toEqual(['142/CTPH-UBND-MTTQ', '245/KHPH-UBMT-SLĐTBXH']);
    expect(qb.documents[0]).toMatchObject({ id: 'ctph-quang-binh-142', file: 'ctph-quang-binh-142.pdf', page: 1, provisional: false, beforeNationalProgramme: true });
    expect(qb.documents[0].box).toEqual({ x: 60, y: 90, w: 120, h: 12 });
  });

  it('writes the section I.2 sentences and footnotes from the tables', () => {
    const n = buildReport(app.db, 'narrative').narrative!;
    const [a, b] = n.paragraphs;
    expect(a.counts).toEqual({ issued: 51, other: 1, missing: 11, of: 63, total: 52 });
    expect(a.text).toContain('Đến nay có 51/63 tỉnh, thành phố đã ban hành Chương trình phối hợp');
    expect(a.text).toContain('01 tỉnh, thành phố đã ban hành Chương trình phối hợp khác');
    expect(a.text).toContain('còn 11 địa phương chưa ban hành Chương trình phối hợp²');
    expect(a.footnotes[0].text).toBe('Đồng Tháp (Chương trình phối hợp số 500/CTPH/UBND-MTTQ ngày 13/12/2019).');
    expect(a.footnotes[1].provinces.map((p) => p.name)).toEqual(['Yên Bái', 'Sơn La', 'Điện Biên', 'Hải Phòng', 'Quảng Ninh', 'Bắc Ninh', 'Nghệ An', 'Quảng Trị', 'Đà Nẵng', 'TP Hồ Chí Minh', 'Cần Thơ']);
    expect(b.text).toBe('Đến nay có 35/63 Sở Lao động - Thương binh và Xã hội các tỉnh, thành phố gửi báo cáo về Bộ Lao động - Thương binh và Xã hội; còn 28 tỉnh, thành phố chưa có báo cáo³ (chi tiết tại Phụ lục II kèm theo).');
    // the seed's footnote 3 lists exactly these 28 (it says 29: Lai Châu is the difference)
    const seedFn3 = fs.readFileSync(SEED, 'utf8').split('\n').find((l) => l.startsWith('³'))!;
    expect(b.footnotes[0].text).toBe(seedFn3.replace(/^³\s*/, '').trim());
  });

  it('totals every catalogue indicator as the ground truth does, with sources', () => {
    const t = buildIndicatorTotals(repo);
    for (const want of gt.indicatorTotals) {
      const row = t.rows.find((r) => r.key === want.key)!;
      expect({ key: row.key, total: row.total, provinces: row.provinces, byProvince: row.byProvince })
        .toEqual({ key: want.key, total: want.total, provinces: want.provinces, byProvince: want.byProvince });
      if (want.totalOf !== undefined) expect(row.totalOf).toBe(want.totalOf);
      expect(row.sources.filter((s) => !s.superseded)).toHaveLength(want.provinces);
      expect(row.provisional).toBe(false);
    }
    const radio = t.rows.find((r) => r.key === 'radio_programs')!;
    expect(radio.sources[0]).toMatchObject({ page: 2, box: { x: 70, y: 300, w: 200, h: 12 } });
  });

  it('words qualified totals with "hơn"', () => {
    expect(indicatorText('chương trình phát thanh', 'chương trình', 25349, 'at_least')).toBe('hơn 25.349 chương trình phát thanh');
    expect(indicatorText('điểm cung cấp dịch vụ thông tin công cộng được hỗ trợ', 'điểm', 493, 'exact', 1589)).toBe('493/1.589 điểm cung cấp dịch vụ thông tin công cộng được hỗ trợ');
    expect(indicatorText('Quỹ "Vì người nghèo" vận động được', 'đồng', 888e9, 'at_least')).toBe('Quỹ "Vì người nghèo" vận động được: hơn 888 tỷ đồng');
    expect(indicatorText('lượt người được bồi dưỡng, tập huấn', 'người', 4760, 'exact')).toBe('4.760 lượt người được bồi dưỡng, tập huấn');
  });

  it('selects by reporting period and cut-off', () => {
    expect(parsePeriod('06 tháng đầu năm 2023')).toMatchObject({ start: '2023-01-01', end: '2023-06-30' });
    expect(parsePeriod('quý II/2023')).toMatchObject({ start: '2023-04-01', end: '2023-06-30' });
    expect(parsePeriod('6 tháng cuối năm 2024')).toMatchObject({ start: '2024-07-01', end: '2024-12-31' });
    // six-month reports only: the five 7-month reports (Lai Châu among them) drop out
    const six = buildAppendix(repo, 'appendix-2', { period: '6 tháng đầu năm 2023' });
    expect(six.total).toBe(30);
    expect(six.excluded.filter((e) => e.reason === 'outside_period')).toHaveLength(5);
    expect(buildAppendix(repo, 'appendix-2', { period: '09 tháng đầu năm 2023' }).total).toBe(35);
    // received by the CV 329 deadline (25/6/2023)
    const byDeadline = buildAppendix(repo, 'appendix-2', { receivedBy: '2023-06-25' });
    expect(byDeadline.total).toBe(new Set(groundTruth().documents.filter((d) => d.kind === 'report' && d.issueDate! <= '2023-06-25').map((d) => d.province!.code)).size);
    // programmes stay in force: the 2019 Đồng Tháp programme counts for 2023
    expect(buildAppendix(repo, 'appendix-1', { period: 'năm 2023' }).rows.find((r) => r.code === '87')!.marked).toBe(true);
    expect(() => buildAppendix(repo, 'appendix-1', { period: 'mùa xuân' })).toThrow(/kỳ báo cáo/);
  });

  it('uses the 34 provinces after 1/7/2025, listing predecessor documents once under the successor', () => {
    const t = buildAppendix(repo, 'appendix-2', { asOf: '2025-08-01' });
    expect(t.layout).toBe(34);
    expect(t.of).toBe(34);
    expect(t.rows.map((r) => r.region)).toEqual([...t.rows.map((r) => r.region)].sort((a, b) => t.regions.findIndex((x) => x.name === a) - t.regions.findIndex((x) => x.name === b)));
    const tq = t.rows.find((r) => r.province === 'Tuyên Quang')!; // Tuyên Quang + Hà Giang
    expect(tq.documents.map((d) => [d.docNumber, d.predecessor?.name])).toEqual([['190/BC-SLĐTBXH', 'Tuyên Quang'], ['280/BC-SLĐTBXH', 'Hà Giang']]);
    expect(tq.predecessors).toEqual([{ code: '08', name: 'Tuyên Quang', marked: true }, { code: '02', name: 'Hà Giang', marked: true }]);
    // no double counting: marked rows, not documents
    expect(t.total).toBe(t.rows.filter((r) => r.marked).length);
    expect(t.rows.reduce((n, r) => n + r.documents.length, 0)).toBe(35);
    expect(t.total).toBeLessThan(35);
    const totals = buildIndicatorTotals(repo, { asOf: '2025-08-01' });
    const gtRadio = gt.indicatorTotals.find((r) => r.key === 'radio_programs')!;
    const radio = totals.rows.find((r) => r.key === 'radio_programs')!;
    expect(radio.total).toBe(gtRadio.total);
    expect(radio.byProvince['08']).toBe((gtRadio.byProvince['08'] ?? 0) + (gtRadio.byProvince['02'] ?? 0));
  });

  it('shows documents waiting for review as provisional, and can leave them out', () => {
    const app2 = groundTruthApp();
    try {
      insertDocument(app2, { id: 'bc-son-la-test', category: 'report', docNumber: '99/BC-SLĐTBXH', issueDate: '2023-07-01', province: { code: '14', name: 'Sơn La' }, period: '6 tháng đầu năm 2023', review: ['docNumber'], indicators: { radio_programs: { value: 10, qualifier: 'at_least' } } });
      const r2 = new ReportsRepository(app2.db);
      const t = buildAppendix(r2, 'appendix-2');
      const sl = t.rows.find((r) => r.code === '14')!;
      expect(sl).toMatchObject({ marked: true, provisional: true });
      expect(sl.documents[0]).toMatchObject({ status: 'needs_review', provisional: true });
      expect(t.provisional).toBe(1);
      expect(buildAppendix(r2, 'appendix-2', { confirmedOnly: true }).rows.find((r) => r.code === '14')!.marked).toBe(false);
      const radio = buildIndicatorTotals(r2).rows.find((r) => r.key === 'radio_programs')!;
      expect(radio.provisional).toBe(false); // the figure itself is accepted; the header field is not
      expect(radio.qualifier).toBe('at_least');
      expect(radio.text).toMatch(/^hơn /);
      const md = buildReport(app2.db, 'narrative').narrative!.paragraphs[1].text;
      expect(md).toContain('36/63');
      expect(md).toContain('Tạm tính: 01 tỉnh, thành phố (Sơn La)');
    } finally {
      void app2.close();
    }
  });

  it('renders Markdown and CSV with Vietnamese headings', async () => {
    const md = await renderReport(buildReport(app.db, 'appendix-1'), 'md') as string;
    expect(md).toContain('## Phụ lục I');
    expect(md).toContain('| TT | TỈNH, THÀNH PHỐ | ĐÃ BAN HÀNH CTPH (X) | SỐ HIỆU VĂN BẢN | NGÀY, THÁNG BAN HÀNH VĂN BẢN |');
    expect(md).toContain('| 29 | Quảng Bình | X | 142/CTPH-UBND-MTTQ<br>245/KHPH-UBMT-SLĐTBXH | 22/07/2022<br>28/04/2023 |');
    expect(md).toContain('| **I** | **Trung du và miền núi phía Bắc** |');
    const csv = await renderReport(buildReport(app.db, 'appendix-2'), 'csv') as string;
    const lines = csv.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines).toHaveLength(64);
    expect(lines[1]).toBe('1,Trung du và miền núi phía Bắc,Hà Giang,02,X,,280/BC-SLĐTBXH,2023-06-29,bc-ha-giang-280,');
    const ind = await renderReport(buildReport(app.db, 'indicators'), 'csv') as string;
    expect(ind).toContain('radio_programs,chương trình phát thanh,chương trình,25349');
    const json = reportJson(buildReport(app.db, 'appendix-1')) as { title: string; total: number; of: number; rows: unknown[] };
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['title', 'total', 'of', 'rows']));
    await expect(renderReport(buildReport(app.db, 'all'), 'csv')).rejects.toThrow(/một bảng/);
  });

  it('writes an XLSX workbook, one styled sheet per table, that exceljs reads back', async () => {
    const bytes = await renderReport(buildReport(app.db, 'all'), 'xlsx') as Uint8Array;
    const file = path.join(tempDir(), 'bao-cao.xlsx');
    fs.writeFileSync(file, bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Phụ lục I', 'Phụ lục II', 'Chỉ tiêu', 'Tình hình địa phương']);
    const ws = wb.getWorksheet('Phụ lục I')!;
    const header = ws.getRow(5);
    expect(header.getCell(2).value).toBe('TỈNH, THÀNH PHỐ');
    expect(header.getCell(3).value).toBe('ĐÃ BAN HÀNH CTPH (X)');
    expect(header.getCell(1).font?.bold).toBe(true);
    expect((header.getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFD9E1F2');
    expect(ws.getColumn(4).width).toBe(40);
    expect(ws.getRow(6).getCell(2).value).toBe('Tổng cộng');
    expect(ws.getRow(6).getCell(3).value).toBe(52);
    const rows = new Map<string, ExcelJS.Row>();
    ws.eachRow((r) => { if (typeof r.getCell(2).value === 'string') rows.set(r.getCell(2).value as string, r); });
    expect(rows.get('Hà Giang')!.getCell(4).value).toBe('07/CTr-SLĐTBXH-MTTQ');
    expect(rows.get('Quảng Bình')!.getCell(4).value).toBe('142/CTPH-UBND-MTTQ\n245/KHPH-UBMT-SLĐTBXH');
    expect(rows.get('Quảng Bình')!.getCell(5).value).toBe('22/07/2022\n28/04/2023');
    expect(rows.get('Yên Bái')!.getCell(3).value).toBeNull();
    expect(rows.get('Trung du và miền núi phía Bắc')!.getCell(1).value).toBe('I');
    const ind = wb.getWorksheet('Chỉ tiêu')!;
    let radio: ExcelJS.Row | undefined;
    ind.eachRow((r) => { if (r.getCell(2).value === 'chương trình phát thanh') radio = r; });
    expect(radio!.getCell(4).value).toBe(25349);
  });

  it('writes a DOCX whose document.xml holds the appendix rows on landscape pages, with footnotes', async () => {
    const bytes = await renderReport(buildReport(app.db, 'all'), 'docx') as Uint8Array;
    const zip = unzipSync(bytes);
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['word/document.xml', 'word/footnotes.xml', '[Content_Types].xml']));
    const xml = strFromU8(zip['word/document.xml']);
    const text = (s: string) => s.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, '');
    const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => [...c[0].matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => text(p[0])).join('\n')));
    expect(rows).toContainEqual(['29', 'Quảng Bình', 'X', '142/CTPH-UBND-MTTQ\n245/KHPH-UBMT-SLĐTBXH', '22/07/2022\n28/04/2023']);
    expect(rows).toContainEqual(['13', 'Lai Châu', 'X', '1317/BC-SLĐTBXH', '10/08/2023']);
    expect(rows).toContainEqual(['', 'Tổng cộng', '52', '', '']);
    expect(rows.filter((r) => r[0] === 'TT')).toHaveLength(2);
    expect(xml).toMatch(/<w:tblHeader\/>|<w:tblHeader w:val="(true|1|on)"\/>/);
    const sizes = [...xml.matchAll(/<w:pgSz ([^>]*)\/>/g)].map((m) => m[1]);
    expect(sizes.filter((s) => /w:orient="landscape"/.test(s) && Number(/w:w="(\d+)"/.exec(s)![1]) > Number(/w:h="(\d+)"/.exec(s)![1])).length).toBeGreaterThanOrEqual(2);
    expect(strFromU8(zip['word/footnotes.xml'])).toContain('Gồm: Yên Bái, Sơn La');
    expect(xml).toContain('TỔNG HỢP KẾT QUẢ BAN HÀNH CHƯƠNG TRÌNH PHỐI HỢP CỦA CÁC ĐỊA PHƯƠNG');
  });

  it('reconciles the seed text with the derived tables and lists its known errors', () => {
    const pub = parsePublishedReport(fs.readFileSync(SEED, 'utf8').split(/\r?\n/));
    const sel = { receivedBy: pub.date! };
    const r = reconcile(pub, buildAppendix(repo, 'appendix-1', sel), buildAppendix(repo, 'appendix-2', sel));
    const codes = r.discrepancies.map((d) => `${d.code} ${d.appendix ?? ''} ${d.province?.name ?? ''}`.trim());
    // inside the published report
    expect(codes).toContain('published.mark_without_number I TP Hồ Chí Minh');
    expect(codes).toContain('published.number_without_mark II Lai Châu');
    expect(codes).toContain('published.footnote_count II');
    expect(codes).toContain('published.footnote_omits_province II Lai Châu');
    expect(codes.filter((c) => c.startsWith('published.number_spacing I'))).toHaveLength(5);
    // the stated counts agree with the report's own tables (51 + 02 = 53 = Tổng cộng; 10; 34; 29)
    expect(r.checks.filter((c) => c.code === 'published.count_vs_table').every((c) => c.ok)).toBe(true);
    expect(r.checks.filter((c) => c.code === 'published.total_vs_marks').every((c) => c.ok)).toBe(true);
    // against the data
    expect(codes).toContain('derived.mark_differs I TP Hồ Chí Minh');
    expect(codes).toContain('derived.mark_differs II Lai Châu');
    expect(codes).toContain('derived.total_differs I');
    expect(codes).toContain('derived.total_differs II');
    expect(r.discrepancies.filter((d) => d.code === 'derived.count_differs').map((d) => [d.published, d.derived])).toEqual([[2, 1], [10, 11], [34, 35], [29, 28]]);
    // nothing else: every other row matches number and date
    expect(r.discrepancies.filter((d) => /derived\.(number|date|document|row)_/.test(d.code))).toEqual([]);
    expect(r.discrepancies.filter((d) => d.scope === 'published' && d.code !== 'published.number_spacing')).toHaveLength(4);
  });

  it('gives SQL users stable views, read-only', () => {
    const db = app.cfg.dbFile;
    const q = (sql: string) => JSON.parse(runQuery(db, sql, 'json')) as Record<string, unknown>[];
    expect(q('SELECT COUNT(*) AS n FROM v_documents')[0].n).toBe(88);
    const rows = q("SELECT appendix, COUNT(DISTINCT province_code) AS provinces, COUNT(DISTINCT CASE WHEN document_id IS NOT NULL THEN province_code END) AS marked FROM v_appendix_rows GROUP BY appendix");
    expect(rows).toEqual([{ appendix: 'I', provinces: 63, marked: 52 }, { appendix: 'II', provinces: 63, marked: 35 }]);
    const clips = q("SELECT province_name, value FROM v_indicators WHERE key = 'video_clips' AND value > 50 ORDER BY value DESC");
    const want = Object.values(gt.indicatorTotals.find((r) => r.key === 'video_clips')!.byProvince).filter((v) => v > 50).length;
    expect(clips).toHaveLength(want);
    const totals = q("SELECT key, total, provinces FROM v_indicator_totals WHERE key = 'radio_programs'");
    expect(totals).toEqual([{ key: 'radio_programs', total: 25349, provinces: gt.indicatorTotals.find((r) => r.key === 'radio_programs')!.provinces }]);
    expect(q("SELECT new_name FROM v_province_rollup WHERE old_name = 'Hà Giang'")).toEqual([{ new_name: 'Tuyên Quang' }]);
    expect(q('SELECT COUNT(*) AS n FROM gazetteer_provinces WHERE valid_to IS NULL')[0].n).toBe(34);
    expect(() => runQuery(db, "DELETE FROM documents", 'json')).toThrow();
    expect(() => runQuery(db, "UPDATE documents SET status = 'failed'", 'table')).toThrow();
    expect(() => runQuery(db, "CREATE TABLE x (a)", 'csv')).toThrow();
    expect(() => runQuery(db, "SELECT 1; DELETE FROM documents", 'json')).toThrow();
    expect(q('SELECT COUNT(*) AS n FROM documents')[0].n).toBe(88);
  });
});
