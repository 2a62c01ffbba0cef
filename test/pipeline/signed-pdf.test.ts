// Medium test (issue 14 part 1): signed PDFs through the real pipeline into a real SQLite file,
// with a test CA made here and put in the trust folder. A valid signature, the same file with
// bytes appended, a byte range that lies, a signer from an unknown CA and an expired certificate:
// each is processed (none fails or is lost), its signature stored with its verdict, exported as
// `signatures: [...]`, queryable through v_signatures and shown on the review UI's document
// page; every bad one puts a finding on the document number, so the document goes to review.
// A DOCX signed inside (XML-DSig, as Office signs) and its tampered copy go the same way; a
// certificate revoked by a CRL in the trust folder is not valid, and an RFC 3161 timestamp's
// time is stored as the signing time (timestamped).
import fs from 'node:fs';
import path from 'node:path';
import { makeConfig } from '../../pipeline/config.js';
import { openApp, type App } from '../../pipeline/app.js';
import { ingestPaths } from '../../pipeline/ingest.js';
import { runQuery } from '../../cli/query.js';
import { exportDocuments } from '../../reports/export-documents.js';
import { startReviewServer, type ReviewServer } from '../../review/server.js';
import { haGiangReportPage, makePdf } from '../review/fixture.js';
import { makeCrl, makeIdentity, signPdf, TIME_STAMPING } from '../signatures/sign-pdf.js';
import { signDocx, withPart } from '../signatures/sign-docx.js';
import { reportDocx } from '../office/report-docs.js';
import { strFromU8, unzipSync } from 'fflate';
import { tempDir } from '../helpers.js';

const page1 = haGiangReportPage();

// the time-stamping authority's time, not the (later) time the signer's clock wrote
const tsTime = new Date(Date.now() - 60_000);

const SIGNATURE_KEYS = ['coversWholeFile', 'issuer', 'modifiedAfterSigning', 'organisation', 'signedAt', 'signer', 'timestamped', 'trusted', 'valid'];

describe('signed PDFs through the pipeline', () => {
  let app: App;
  let server: ReviewServer;
  let dbFile: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const dir = tempDir();
    const trust = path.join(dir, 'trust');
    fs.mkdirSync(trust);
    const ca = await makeIdentity({ cn: 'Test CA Chính phủ' }, null, { ca: true });
    fs.writeFileSync(path.join(trust, 'ca.pem'), `-----BEGIN CERTIFICATE-----\n${Buffer.from(ca.der).toString('base64')}\n-----END CERTIFICATE-----\n`);
    const officer = await makeIdentity({ cn: 'Nguyễn Văn Bình', o: 'UBND tỉnh Hà Giang' }, ca, { rsa: true });
    const otherCa = await makeIdentity({ cn: 'Unknown CA' }, null, { ca: true });
    const stranger = await makeIdentity({ cn: 'Người lạ' }, otherCa);
    const expired = await makeIdentity({ cn: 'Trần Thị Cũ' }, ca, { notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') });
    const revokedOfficer = await makeIdentity({ cn: 'Lê Văn Thu Hồi' }, ca, { rsa: true });
    fs.writeFileSync(path.join(trust, 'ca.crl'), await makeCrl(ca, [{ who: revokedOfficer, at: new Date(Date.now() - 3_600_000) }]));
    const tsa = await makeIdentity({ cn: 'TSA thử nghiệm' }, ca, { eku: [TIME_STAMPING] });
    // Each file differs in content (a distinct signature), so none is a duplicate of another.
    const { bytes } = await makePdf([page1]);
    const valid = await signPdf(bytes, { signer: officer });
    const files: Record<string, Buffer> = {
      valid,
      appended: Buffer.concat([valid, Buffer.from('\n% thêm sau khi ký\n%%EOF\n')]),
      lying: await signPdf(bytes, { signer: officer, lieBy: 30 }),
      unknown: await signPdf(bytes, { signer: stranger }),
      expired: await signPdf(bytes, { signer: expired }),
      revoked: await signPdf(bytes, { signer: revokedOfficer }),
      timestamped: await signPdf(bytes, { signer: officer, signingTime: new Date(Date.now() + 3_600_000), timestamp: { tsa, time: tsTime } }),
      unsigned: bytes,
    };
    for (const [name, b] of Object.entries(files)) fs.writeFileSync(path.join(dir, `${name}.pdf`), b);
    // the report as a signed DOCX, and the same file with its number changed after signing
    const docx = await signDocx(await reportDocx(), { signer: officer });
    const xml = strFromU8(unzipSync(docx)['word/document.xml']);
    fs.writeFileSync(path.join(dir, 'signed.docx'), docx);
    fs.writeFileSync(path.join(dir, 'tampered.docx'), withPart(docx, 'word/document.xml', xml.replace('280/BC-UBND', '281/BC-UBND')));
    dbFile = path.join(dir, 'tonghop.db');
    app = openApp(makeConfig({ dbFile, dataDir: path.join(dir, 'data'), trustDir: trust }));
    await ingestPaths(app, [...Object.keys(files).map((n) => path.join(dir, `${n}.pdf`)), path.join(dir, 'signed.docx'), path.join(dir, 'tampered.docx')]);
    for (const d of app.repo.list()) ids[d.file_name.replace(/\.pdf$/, '')] = d.id;
    server = await startReviewServer(app, { port: 0 });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  const sig = (name: string) => app.repo.signatures(ids[name]);
  const numberFindings = (name: string) => (app.repo.fields(ids[name]).find((f) => f.name === 'docNumber')?.findings ?? []).map((f) => f.code);

  it('no document is lost: all ten processed, none failed', () => {
    expect(Object.keys(ids).sort()).toEqual(['appended', 'expired', 'lying', 'revoked', 'signed.docx', 'tampered.docx', 'timestamped', 'unknown', 'unsigned', 'valid']);
    for (const id of Object.values(ids)) expect(app.repo.get(id)?.status).toMatch(/^(accepted|needs_review)$/);
    expect(app.repo.get(ids.valid)?.doc_number).toBe('280/BC-UBND');
  });

  it('each signature gets its verdict', () => {
    const verdict = (n: string) => sig(n).map((s) => ({ valid: s.valid, trusted: s.trusted, coversWholeFile: s.coversWholeFile, modifiedAfterSigning: s.modifiedAfterSigning }));
    expect(verdict('valid')).toEqual([{ valid: true, trusted: true, coversWholeFile: true, modifiedAfterSigning: false }]);
    expect(verdict('appended')).toEqual([{ valid: true, trusted: true, coversWholeFile: false, modifiedAfterSigning: true }]);
    expect(verdict('lying')).toEqual([{ valid: false, trusted: true, coversWholeFile: false, modifiedAfterSigning: false }]);
    expect(verdict('unknown')).toEqual([{ valid: true, trusted: false, coversWholeFile: true, modifiedAfterSigning: false }]);
    expect(verdict('expired')).toEqual([{ valid: false, trusted: false, coversWholeFile: true, modifiedAfterSigning: false }]);
    expect(verdict('revoked')).toEqual([{ valid: false, trusted: true, coversWholeFile: true, modifiedAfterSigning: false }]);
    expect(verdict('timestamped')).toEqual([{ valid: true, trusted: true, coversWholeFile: true, modifiedAfterSigning: false }]);
    expect(sig('timestamped')[0]).toMatchObject({ timestamped: true, signedAt: tsTime.toISOString() });
    expect(sig('valid')[0].timestamped).toBe(false);
    expect(sig('unsigned')).toEqual([]);
    expect(sig('valid')[0]).toMatchObject({ signer: 'Nguyễn Văn Bình', organisation: 'UBND tỉnh Hà Giang', issuer: 'Test CA Chính phủ' });
  });

  it('a bad signature is a finding on the document number, so the document goes to review', () => {
    expect(numberFindings('valid').filter((c) => c.startsWith('signature.'))).toEqual([]);
    expect(numberFindings('appended')).toContain('signature.modified_after_signing');
    expect(numberFindings('lying')).toContain('signature.byte_range_invalid');
    expect(numberFindings('unknown')).toContain('signature.untrusted');
    expect(numberFindings('expired')).toContain('signature.certificate_expired');
    expect(numberFindings('revoked')).toContain('signature.certificate_revoked');
    expect(app.repo.get(ids.revoked)?.status).toBe('needs_review');
    for (const n of ['appended', 'lying', 'unknown', 'expired']) expect(app.repo.get(ids[n])?.status).toBe('needs_review');
    const row = app.repo.findings(ids.lying).find((f) => f.code === 'signature.byte_range_invalid');
    expect(row).toMatchObject({ scope: 'field', field: 'docNumber', stage: 'signatures', severity: 'error', message: expect.stringContaining('Chữ ký số của Nguyễn Văn Bình') });
  });

  it('a signed DOCX: its signature stored like a PDF\'s; the tampered copy invalid, with a finding, in review', () => {
    expect(sig('signed.docx')).toEqual([expect.objectContaining({ signer: 'Nguyễn Văn Bình', organisation: 'UBND tỉnh Hà Giang', issuer: 'Test CA Chính phủ', valid: true, trusted: true, coversWholeFile: true, modifiedAfterSigning: false })]);
    expect(numberFindings('signed.docx').filter((c) => c.startsWith('signature.'))).toEqual([]);
    expect(app.repo.get(ids['signed.docx'])).toMatchObject({ doc_number: '280/BC-UBND', status: 'accepted' });
    expect(sig('tampered.docx')).toEqual([expect.objectContaining({ valid: false, trusted: true, coversWholeFile: false })]);
    expect(numberFindings('tampered.docx')).toContain('signature.digest_mismatch');
    expect(app.repo.get(ids['tampered.docx'])).toMatchObject({ doc_number: '281/BC-UBND', status: 'needs_review' });
    const exported = exportDocuments(app.repo).documents.find((d) => d.id === ids['signed.docx'])!;
    expect(Object.keys(exported.signatures[0]).sort()).toEqual(SIGNATURE_KEYS);
  });

  it('exports signatures with exactly the documented keys, and parent null', () => {
    const docs = exportDocuments(app.repo).documents;
    const valid = docs.find((d) => d.id === ids.valid)!;
    expect(valid.signatures).toHaveLength(1);
    expect(Object.keys(valid.signatures[0]).sort()).toEqual(SIGNATURE_KEYS);
    expect(valid.parent).toBeNull();
    expect(docs.find((d) => d.id === ids.unsigned)?.signatures).toEqual([]);
  });

  it('v_signatures answers queries', () => {
    const rows = JSON.parse(runQuery(dbFile, 'SELECT file_name, valid, trusted FROM v_signatures ORDER BY file_name', 'json'));
    expect(JSON.parse(runQuery(dbFile, 'SELECT file_name FROM v_signatures WHERE timestamped = 1', 'json'))).toEqual([{ file_name: 'timestamped.pdf' }]);
    expect(rows).toEqual([
      { file_name: 'appended.pdf', valid: 1, trusted: 1 }, { file_name: 'expired.pdf', valid: 0, trusted: 0 },
      { file_name: 'lying.pdf', valid: 0, trusted: 1 }, { file_name: 'revoked.pdf', valid: 0, trusted: 1 },
      { file_name: 'signed.docx', valid: 1, trusted: 1 }, { file_name: 'tampered.docx', valid: 0, trusted: 1 },
      { file_name: 'timestamped.pdf', valid: 1, trusted: 1 }, { file_name: 'unknown.pdf', valid: 1, trusted: 0 },
      { file_name: 'valid.pdf', valid: 1, trusted: 1 },
    ]);
  });

  it('the review UI document page lists the signatures', async () => {
    const res = await fetch(new URL(`/documents/${ids.unknown}`, server.url));
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('id="signatures"');
    expect(page).toContain('Người lạ');
    expect(page).toContain('Chưa xác định tin cậy');
    const unsigned = await (await fetch(new URL(`/documents/${ids.unsigned}`, server.url))).text();
    expect(unsigned).not.toContain('id="signatures"');
  });
});
