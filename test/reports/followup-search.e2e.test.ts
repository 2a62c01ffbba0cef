// Medium test (issue 15): full-text search and request matching over real PDFs through the
// real pipeline: three born-digital fixtures and one scanned fixture read by OCR (results
// from the committed snapshots in fixtures/ocr-snapshots, so it is quick), in a temp SQLite
// file; then `tonghop search` and `tonghop report followup` through the command line.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { makeConfig } from '../../pipeline/config.js';
import { openApp, type App } from '../../pipeline/app.js';
import { ingestPaths } from '../../pipeline/ingest.js';
import { searchDocuments, snippetOf, queryTokens } from '../../pipeline/search.js';
import { foldChars } from '../../extractors/text-fold.js';
import { buildFollowup, definePeriod } from '../../reports/followup.js';
import { generateScannedFixtures } from '../../testkit/generator/scanned-set.js';
import { bornDigitalFixtures, tempDir } from '../helpers.js';

const BIN = path.join(process.cwd(), 'bin', 'tonghop.js');

describe('search and request matching over ingested PDFs (born-digital and OCR)', () => {
  let app: App;
  let dbFile: string;
  const cli = (...args: string[]) => execFileSync('node', [BIN, '--db', dbFile, ...args], { encoding: 'utf8', timeout: 60_000 });

  beforeAll(async () => {
    const born = await bornDigitalFixtures();
    const scanned = (await generateScannedFixtures()).find((f) => path.basename(f) === 'bc-thai-binh-175.pdf')!;
    dbFile = path.join(tempDir('tonghop-search-'), 'tonghop.db');
    app = openApp(makeConfig({ dbFile, ocr: { cacheDir: path.join(process.cwd(), 'fixtures', 'ocr-snapshots') } }));
    await ingestPaths(app, [...['cv-dak-nong-954', 'bc-lai-chau-1317', 'bc-ha-giang-280'].map((id) => path.join(born, `${id}.pdf`)), scanned]);
  }, 300_000);
  afterAll(async () => { await app?.close(); });

  it('finds "giảm nghèo" and "Đắk Nông" by unaccented queries (đ folded to d)', () => {
    const r = searchDocuments(app.db, 'giam ngheo');
    expect(r.mode).toBe('phrase');
    expect(new Set(r.hits.map((h) => h.file))).toEqual(new Set(['cv-dak-nong-954.pdf', 'bc-lai-chau-1317.pdf', 'bc-ha-giang-280.pdf', 'bc-thai-binh-175.pdf']));
    const h = r.hits[0];
    expect(h.snippet.slice(h.highlight!.start, h.highlight!.end).toLowerCase()).toBe('giảm nghèo');
    const dak = searchDocuments(app.db, 'Dak Nong');
    expect(dak.hits.length).toBeGreaterThan(0);
    expect(dak.hits.every((x) => x.file === 'cv-dak-nong-954.pdf')).toBe(true);
    expect(dak.hits.map((x) => x.snippet.slice(x.highlight!.start, x.highlight!.end))).toContain('ĐẮK NÔNG');
  });

  it('finds a document by its number, typed with or without diacritics', () => {
    for (const q of ['954/SLĐTBXH-BTXH&PCTN', '954/sldtbxh']) {
      const r = searchDocuments(app.db, q);
      expect(r.hits.map((x) => [x.file, x.docNumber, x.page])).toEqual([['cv-dak-nong-954.pdf', '954/SLĐTBXH-BTXH&PCTN', 1]]);
    }
  });

  it('finds a phrase on an OCR page, and filters by province, period, type and date', () => {
    const r = searchDocuments(app.db, 'ket qua 7 thang dau nam 2023 thuc hien chuong trinh phoi hop', { province: 'Thai Binh' });
    expect(r.hits).toHaveLength(1);
    expect(r.hits[0]).toMatchObject({ file: 'bc-thai-binh-175.pdf', docNumber: '175/BC-SLĐTBXH', province: 'Thái Bình', page: 1 });
    const textSource = (app.db.prepare("SELECT text_source FROM documents WHERE file_name = 'bc-thai-binh-175.pdf'").get() as { text_source: string }).text_source;
    expect(textSource).toBe('ocr');
    const all = searchDocuments(app.db, 'giam ngheo');
    const files = (o: Parameters<typeof searchDocuments>[2]) => [...new Set(searchDocuments(app.db, 'giam ngheo', o).hits.map((h) => h.file))].sort();
    expect(files({ province: '02' })).toEqual(['bc-ha-giang-280.pdf']);
    expect(files({ period: '07 tháng đầu năm 2023' })).toEqual(['bc-lai-chau-1317.pdf', 'bc-thai-binh-175.pdf']);
    expect(files({ from: '2023-08-01' })).toEqual(['bc-lai-chau-1317.pdf', 'bc-thai-binh-175.pdf']);
    expect(files({ to: '2023-06-30', type: 'bao cao' })).toEqual(['bc-ha-giang-280.pdf']);
    expect(all.hits.length).toBeGreaterThan(4);
  });

  it('finds the answers to a request by the request they cite, whatever their own period words say', () => {
    definePeriod(app.db, { name: '6 tháng đầu năm 2023', kind: 'report', deadline: '2023-06-25', request: '329/CV-VPQGGN', requestDate: '2023-06-14' });
    const t = buildFollowup(app.db, '6 tháng đầu năm 2023');
    const by = Object.fromEntries(t.rows.flatMap((r) => r.documents.map((d) => [d.file, [r.province, r.status, d.matchedBy]])));
    expect(by['cv-dak-nong-954.pdf']).toEqual(['Đắk Nông', 'received', 'request']);
    expect(by['bc-lai-chau-1317.pdf']).toEqual(['Lai Châu', 'late', 'request']);
    expect(by['bc-ha-giang-280.pdf']).toEqual(['Hà Giang', 'late', 'request']);
    expect(by['bc-thai-binh-175.pdf']).toEqual(['Thái Bình', 'late', expect.stringMatching(/^(request|period)$/)]);
    expect(t).toMatchObject({ expected: 63, received: 4, missing: 59 });
  });

  it('serves search and follow-up JSON through the command line', () => {
    const s = JSON.parse(cli('search', 'Dak Nong', '--format', 'json'));
    expect(Object.keys(s.hits[0])).toEqual(expect.arrayContaining(['id', 'file', 'docNumber', 'province', 'page', 'snippet']));
    expect(s.hits[0]).toMatchObject({ file: 'cv-dak-nong-954.pdf', docNumber: '954/SLĐTBXH-BTXH&PCTN', province: 'Đắk Nông' });
    expect(cli('search', 'giam', 'ngheo', '--province', 'Ha Giang')).toContain('280/BC-SLĐTBXH');
    cli('period', 'add', '6 tháng đầu năm 2023', '--kind', 'report', '--deadline', '2023-06-25', '--request', '329/CV-VPQGGN', '--request-date', '2023-06-14');
    const f = JSON.parse(cli('report', 'followup', '--period', '6 thang dau nam 2023', '--format', 'json'));
    expect(f).toMatchObject({ period: '6 tháng đầu năm 2023', deadline: '2023-06-25', expected: 63, received: 4, missing: 59 });
    expect(f.rows.find((r: { code: string }) => r.code === '67')).toMatchObject({ province: 'Đắk Nông', status: 'received', documents: [{ docNumber: '954/SLĐTBXH-BTXH&PCTN', issueDate: '2023-06-21', receivedDate: null }] });
  }, 120_000);
});

describe('search snippets', () => {
  it('marks the match in the text as read, diacritics and đ included', () => {
    const text = 'Sở Lao động tỉnh Đắk Nông\nbáo cáo kết quả giảm nghèo bền vững';
    const s = snippetOf(text, foldChars(text), queryTokens('dak nong bao cao'));
    expect(s.snippet.slice(s.highlight!.start, s.highlight!.end)).toBe('Đắk Nông báo cáo');
  });
});
