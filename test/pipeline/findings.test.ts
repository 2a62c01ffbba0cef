// Medium test (issue 11 part 3): a generated PDF through the real pipeline into a real SQLite
// file; the findings of the probe (JavaScript in the file) and of normalise (a date line
// without its comma) are stored as rows, exported by `export documents`, queryable through
// v_findings, and shown on the review UI's document and item pages. A forced re-run replaces
// the rows instead of adding to them.
import fs from 'node:fs';
import path from 'node:path';
import { makeConfig } from '../../pipeline/config.js';
import { openApp, type App } from '../../pipeline/app.js';
import { ingestPaths } from '../../pipeline/ingest.js';
import { runQuery } from '../../cli/query.js';
import { exportDocuments } from '../../reports/export-documents.js';
import { startReviewServer, type ReviewServer } from '../../review/server.js';
import { haGiangReportPage, makePdf } from '../review/fixture.js';
import { tempDir } from '../helpers.js';

const JS_MESSAGE = 'Tệp PDF có mã JavaScript; mã này không được chạy, chỉ đọc nội dung văn bản.';

// no comma after the place: normalise keeps the date and notes it (date.place_no_comma)
const page1 = haGiangReportPage('Hà Giang ngày 29 tháng 6 năm 2023');

describe('findings as data', () => {
  let app: App;
  let dbFile: string;
  let id: string;
  let server: ReviewServer;

  beforeAll(async () => {
    const dir = tempDir();
    dbFile = path.join(dir, 'tonghop.db');
    const { bytes } = await makePdf([page1]);
    // A name token the byte scan reads as JavaScript, after the file's own end: pdfjs still opens it.
    const file = path.join(dir, 'ha-giang-bc.pdf');
    fs.writeFileSync(file, Buffer.concat([bytes, Buffer.from('\n% /JS\n%%EOF\n', 'latin1')]));
    app = openApp(makeConfig({ dbFile, dataDir: path.join(dir, 'data') }));
    await ingestPaths(app, [file]);
    id = app.repo.list()[0].id;
    server = await startReviewServer(app, { port: 0 });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('stores the probe and normalise findings with scope, stage, severity and place', () => {
    // Both findings are 'info' (noted, not doubted), so they alone do not hold the document back.
    expect(app.repo.fields(id).find((f) => f.name === 'issueDate')?.status).toBe('accepted');
    const rows = app.repo.findings(id);
    expect(rows).toContainEqual({ scope: 'document', field: null, stage: 'probe', code: 'pdf.javascript', severity: 'info', message: JS_MESSAGE, page: null, box: null, sourceText: null });
    const date = rows.find((r) => r.code === 'date.place_no_comma');
    expect(date).toMatchObject({ scope: 'field', field: 'issueDate', stage: 'normalise', severity: 'info', page: 1, sourceText: expect.stringContaining('Hà Giang ngày 29') });
    expect(date?.box).toEqual({ x: expect.any(Number), y: expect.any(Number), w: expect.any(Number), h: expect.any(Number) });
  });

  it('answers `tonghop query` through v_findings', () => {
    const rows = JSON.parse(runQuery(dbFile, `SELECT file_name, scope, field, code, severity FROM v_findings WHERE document_id = '${id}' ORDER BY code`, 'json'));
    expect(rows).toEqual(expect.arrayContaining([
      { file_name: 'ha-giang-bc.pdf', scope: 'document', field: null, code: 'pdf.javascript', severity: 'info' },
      { file_name: 'ha-giang-bc.pdf', scope: 'field', field: 'issueDate', code: 'date.place_no_comma', severity: 'info' },
    ]));
  });

  it('exports findings, category and period per document (CONTRACT Additions)', () => {
    const [doc] = exportDocuments(app.repo).documents;
    expect(doc.category).toBe('report');
    expect(doc.period).toMatch(/năm 2023$/);
    expect(doc.findings.length).toBe(app.repo.findings(id).length);
    for (const f of doc.findings) expect(Object.keys(f).sort()).toEqual(['code', 'message', 'page', 'severity']);
    expect(doc.findings).toContainEqual({ code: 'pdf.javascript', severity: 'info', message: JS_MESSAGE, page: null });
    expect(doc.findings).toContainEqual(expect.objectContaining({ code: 'date.place_no_comma', severity: 'info', page: 1 }));
  });

  it('shows them on the document page and, for the whole file, on each item page', async () => {
    const docPage = await (await fetch(new URL(`/documents/${id}`, server.url))).text();
    expect(docPage).toContain('id="findings"');
    expect(docPage).toContain(JS_MESSAGE);
    expect(docPage).toContain('Thiếu dấu phẩy giữa địa danh và ngày tháng');
    const item = await (await fetch(new URL(`/items/${id}/field/issueDate`, server.url))).text();
    expect(item).toContain('id="document-findings"');
    expect(item).toContain(JS_MESSAGE);
  });

  it('replaces a document\'s findings when it is processed again', async () => {
    const before = app.repo.findings(id);
    await ingestPaths(app, [path.join(path.dirname(dbFile), 'ha-giang-bc.pdf')], { force: true });
    expect(app.repo.findings(id)).toEqual(before);
  }, 120_000);
});
