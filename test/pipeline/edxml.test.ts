// Medium test (issue 14 part 3): edXML packages through the real pipeline. A package with two
// attachments (the report as DOCX, its annex as XLSX) becomes three documents: the package,
// read from its envelope, and the two attachments, each processed on its own and linked to it
// (`parent`). A package whose envelope gives another number than its attachment's own header
// sends the attachment to review. Hostile packages fail with their codes; the run goes on.
import fs from 'node:fs';
import path from 'node:path';
import { makeConfig } from '../../pipeline/config.js';
import { openApp, type App } from '../../pipeline/app.js';
import { ingestPaths } from '../../pipeline/ingest.js';
import { exportDocuments } from '../../reports/export-documents.js';
import { startReviewServer, type ReviewServer } from '../../review/server.js';
import { tempDir } from '../helpers.js';
import { annexXlsx, reportDocx } from '../office/report-docs.js';
import { makeEdxml } from '../edxml/make-edxml.js';

describe('edXML packages through the pipeline', () => {
  let app: App;
  let server: ReviewServer;
  const byName: Record<string, string> = {};

  beforeAll(async () => {
    const dir = tempDir();
    const db = tempDir();
    const docx = await reportDocx();
    const xlsx = await annexXlsx();
    fs.writeFileSync(path.join(dir, 'goi-tin-1.edxml'), makeEdxml({ attachments: [{ name: 'bao-cao.docx', bytes: docx }, { name: 'phu-luc.xlsx', bytes: xlsx }] }));
    // another copy of the report (other bytes, its own number still 280) in a package that says 281
    fs.writeFileSync(path.join(dir, 'goi-tin-2.xml'), makeEdxml({ number: '281', attachments: [{ name: 'bao-cao-ban-sao.docx', bytes: Buffer.concat([docx, Buffer.from('PK-trailing')]) }] }));
    // a department's report whose header names no province (no province in its name, no place
    // before the date): only the sender's organisation code (000.00.15.H22, Hà Giang) says which
    const dept = { left: ['SỞ LAO ĐỘNG - THƯƠNG BINH', 'VÀ XÃ HỘI', 'Số: 95/BC-SLĐTBXH'], right: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'ngày 29 tháng 6 năm 2023'] };
    fs.writeFileSync(path.join(dir, 'goi-tin-so.edxml'), makeEdxml({ from: { id: '000.00.15.H22', name: 'Sở Lao động - Thương binh và Xã hội' }, number: '95', notation: 'BC-SLĐTBXH', place: 'Hà Giang', attachments: [{ name: 'bao-cao-so.docx', bytes: await reportDocx(dept) }] }));
    fs.writeFileSync(path.join(dir, 'xxe.edxml'), makeEdxml({ prolog: '<!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>' }));
    fs.writeFileSync(path.join(dir, 'base64.edxml'), makeEdxml({ attachments: [{ name: 'x.pdf', base64: 'JVBERi0x$$$' }] }));
    app = openApp(makeConfig({ dbFile: path.join(db, 'tonghop.db'), dataDir: path.join(db, 'data') }));
    await ingestPaths(app, [dir]);
    for (const d of app.repo.list()) byName[d.file_name] = d.id;
    server = await startReviewServer(app, { port: 0 });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  const row = (n: string) => app.repo.get(byName[n])!;

  it('a package with two attachments becomes three documents, the attachments linked to it', () => {
    expect(Object.keys(byName).sort()).toEqual(['bao-cao-ban-sao.docx', 'bao-cao-so.docx', 'bao-cao.docx', 'base64.edxml', 'goi-tin-1.edxml', 'goi-tin-2.xml', 'goi-tin-so.edxml', 'phu-luc.xlsx', 'xxe.edxml']);
    const pkg = row('goi-tin-1.edxml');
    expect(pkg).toMatchObject({ doc_number: '280/BC-UBND', issue_date: '2023-06-29', province_code: '02', doc_type: 'BC', parent_id: null });
    expect(row('bao-cao.docx')).toMatchObject({ parent_id: pkg.id, doc_number: '280/BC-UBND', issue_date: '2023-06-29', province_code: '02' });
    expect(row('phu-luc.xlsx').parent_id).toBe(pkg.id);
    expect(Object.fromEntries(app.repo.indicators(byName['bao-cao.docx']).map((i) => [i.key, i.value]))).toEqual({ radio_programs: 924, print_copies: 20761960, commune_radio_upgraded: 4 });
    const exported = exportDocuments(app.repo).documents;
    expect(exported.find((d) => d.id === byName['phu-luc.xlsx'])?.parent).toBe(pkg.id);
    expect(exported.find((d) => d.id === pkg.id)?.parent).toBeNull();
  });

  it('an attachment agreeing with its envelope has no envelope finding', () => {
    expect(app.repo.findings(byName['bao-cao.docx']).filter((f) => f.code.startsWith('envelope.'))).toEqual([]);
  });

  it('an attachment whose number differs from its envelope goes to review with a finding', () => {
    const copy = row('bao-cao-ban-sao.docx');
    expect(copy.parent_id).toBe(byName['goi-tin-2.xml']);
    expect(row('goi-tin-2.xml').doc_number).toBe('281/BC-UBND');
    const number = app.repo.fields(copy.id).find((f) => f.name === 'docNumber')!;
    expect(number.findings.map((f) => f.code)).toContain('envelope.number_mismatch');
    expect(number.status).toBe('needs_review');
    expect(copy.status).toBe('needs_review');
    expect(app.repo.findings(copy.id).find((f) => f.code === 'envelope.number_mismatch')).toMatchObject({ scope: 'field', field: 'docNumber', stage: 'load' });
  });

  it('the review UI links a package and its attachments both ways', async () => {
    const pkgPage = await (await fetch(new URL(`/documents/${byName['goi-tin-1.edxml']}`, server.url))).text();
    expect(pkgPage).toContain('id="doc-attachments"');
    expect(pkgPage).toContain(`/documents/${byName['bao-cao.docx']}`);
    expect(pkgPage).toContain(`/documents/${byName['phu-luc.xlsx']}`);
    const annexPage = await (await fetch(new URL(`/documents/${byName['phu-luc.xlsx']}`, server.url))).text();
    expect(annexPage).toContain('id="doc-parent"');
    expect(annexPage).toContain(`/documents/${byName['goi-tin-1.edxml']}`);
  });

  it('an attachment without a readable province takes it from the sender\'s organisation code', () => {
    const doc = row('bao-cao-so.docx');
    expect(doc).toMatchObject({ parent_id: byName['goi-tin-so.edxml'], doc_number: '95/BC-SLĐTBXH', issue_date: '2023-06-29', province_code: '02', province_name: 'Hà Giang' });
    const province = app.repo.fields(doc.id).find((f) => f.name === 'province')!;
    expect(province.status).toBe('accepted');
    expect(province.findings.map((f) => f.code)).toEqual(['province.from_org_code']);
    // read on its own (the normalise stage, before the envelope is consulted) it names no province
    const own = app.repo.loadArtifacts(doc.id).normalised!.province;
    expect([own.value, own.findings.map((f) => f.code)]).toEqual([null, ['province.not_found']]);
  });

  it('a package whose sender name lacks the province is settled by its code too', () => {
    const pkg = row('goi-tin-so.edxml');
    expect(pkg).toMatchObject({ doc_number: '95/BC-SLĐTBXH', province_code: '02' });
    const province = app.repo.fields(pkg.id).find((f) => f.name === 'province')!;
    expect([province.status, province.findings.map((f) => f.code)]).toEqual(['accepted', ['province.from_org_code']]);
  });

  it('hostile packages fail with their codes', () => {
    expect([row('xxe.edxml').error_code, row('base64.edxml').error_code]).toEqual(['xml.entities', 'edxml.bad_encoding']);
  });
});
