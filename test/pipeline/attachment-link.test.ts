// Medium test (issue 14 part 1, last paragraph): an annex filed as its own PDF carries the
// organisation's signature mark at the top right of its first page (the main document's
// number and the signing time, NĐ 30/2020 Phụ lục I). It is linked to its report whichever
// arrives first, and the mark is never taken for the annex's own number.
import fs from 'node:fs';
import path from 'node:path';
import { makeConfig } from '../../pipeline/config.js';
import { openApp, type App } from '../../pipeline/app.js';
import { ingestPaths } from '../../pipeline/ingest.js';
import { exportDocuments } from '../../reports/export-documents.js';
import { haGiangReportPage, makePdf, type Line } from '../review/fixture.js';
import { tempDir } from '../helpers.js';

const report = haGiangReportPage();
const annex = (n: number): Line[] => [
  { text: '280/BC-UBND', x: 480, y: 18, size: 10 },
  { text: `2023-06-29T10:15:3${n}+07:00`, x: 440, y: 30, size: 10 },
  { text: `Phụ lục ${'I'.repeat(n)}`, x: 270, y: 80, size: 13, bold: true },
  { text: 'KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU 6 THÁNG ĐẦU NĂM 2023', x: 140, y: 100, size: 12, bold: true },
  { text: '(Kèm theo Báo cáo số 280/BC-UBND ngày 29/6/2023 của UBND tỉnh Hà Giang)', x: 110, y: 118, size: 11 },
];

describe('an annex filed separately is linked to its report', () => {
  let app: App;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const dir = tempDir();
    const db = tempDir();
    const write = async (name: string, lines: Line[]) => { fs.writeFileSync(path.join(dir, name), (await makePdf([lines])).bytes); return path.join(dir, name); };
    app = openApp(makeConfig({ dbFile: path.join(db, 'tonghop.db'), dataDir: path.join(db, 'data') }));
    // the first annex arrives before its report, the second after it
    await ingestPaths(app, [await write('phu-luc-1.pdf', annex(1))]);
    await ingestPaths(app, [await write('bao-cao.pdf', report)]);
    await ingestPaths(app, [await write('phu-luc-2.pdf', annex(2))]);
    for (const d of app.repo.list()) ids[d.file_name] = d.id;
  }, 180_000);
  afterAll(async () => { await app?.close(); });

  it('links both annexes to the report, whichever came first', () => {
    expect(app.repo.get(ids['bao-cao.pdf'])).toMatchObject({ doc_number: '280/BC-UBND', parent_id: null });
    expect(app.repo.get(ids['phu-luc-1.pdf'])).toMatchObject({ parent_id: ids['bao-cao.pdf'], parent_ref: '280/BC-UBND' });
    expect(app.repo.get(ids['phu-luc-2.pdf'])).toMatchObject({ parent_id: ids['bao-cao.pdf'], parent_ref: '280/BC-UBND' });
    const exported = exportDocuments(app.repo).documents;
    expect(exported.find((d) => d.id === ids['phu-luc-2.pdf'])?.parent).toBe(ids['bao-cao.pdf']);
  });

  it('the mark is not the annex\'s own number', () => {
    expect(app.repo.get(ids['phu-luc-1.pdf'])?.doc_number).not.toBe('280/BC-UBND');
  });
});
