// RFC 3161 timestamps and revocation (issue 14 part 1), with a test CA, a time-stamping
// authority and CRLs made here: a verified timestamp's time is the trusted signing time (a
// backdated claim does not rescue an expired certificate, and a timestamp from within its
// validity does); a token for another signature, from an untrusted TSA or a TSA certificate
// not meant for time-stamping is a finding and changes nothing; a certificate a CRL lists
// (trust folder or CMS) makes the signature not valid, unless a trusted timestamp shows it
// was signed before the revocation; a CRL the issuer did not sign is ignored.
import { checkPdfSignatures } from '../../extractors/pdf-signature.js';
import { crlsIn } from '../../extractors/revocation.js';
import { makeCrl, makeIdentity, minimalPdf, signPdf, TIME_STAMPING, type Identity } from './sign-pdf.js';

const codes = (fs: { code: string }[]) => fs.map((f) => f.code).sort();
const DAY = 86_400_000;

describe('RFC 3161 timestamps', () => {
  let ca: Identity;
  let tsa: Identity;
  let officer: Identity;
  let old: Identity;

  beforeAll(async () => {
    ca = await makeIdentity({ cn: 'Test CA Chính phủ' }, null, { ca: true, notBefore: new Date('2019-01-01') });
    tsa = await makeIdentity({ cn: 'TSA thử nghiệm' }, ca, { eku: [TIME_STAMPING], notBefore: new Date('2019-01-01') });
    officer = await makeIdentity({ cn: 'Nguyễn Văn Bình' }, ca, { rsa: true });
    // valid during 2020 only
    old = await makeIdentity({ cn: 'Trần Thị Cũ' }, ca, { notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') });
  }, 60_000);

  it('a verified timestamp\'s time is the signing time, marked timestamped', async () => {
    const time = new Date(Date.now() - 60_000);
    const [s] = checkPdfSignatures(await signPdf(minimalPdf(), { signer: officer, timestamp: { tsa, time } }), [ca.der]).signatures;
    expect(s).toMatchObject({ valid: true, trusted: true, timestamped: true, signedAt: time.toISOString(), findings: [] });
  });

  it('a timestamp from within the certificate\'s validity makes an old signature valid; a backdated claim alone does not', async () => {
    const pdf = minimalPdf();
    const timestamped = await signPdf(pdf, { signer: old, signingTime: new Date(), timestamp: { tsa, time: new Date('2020-06-01T02:00:00Z') } });
    const [t] = checkPdfSignatures(timestamped, [ca.der]).signatures;
    expect(t).toMatchObject({ valid: true, trusted: true, timestamped: true, signedAt: '2020-06-01T02:00:00.000Z', findings: [] });
    // claims 2020 (inside the validity), but the TSA says 2023: the TSA's time counts
    const backdated = await signPdf(pdf, { signer: old, signingTime: new Date('2020-06-01T02:00:00Z'), timestamp: { tsa, time: new Date('2023-06-29T03:00:00Z') } });
    const [b] = checkPdfSignatures(backdated, [ca.der]).signatures;
    expect([b.valid, b.signedAt, codes(b.findings)]).toEqual([false, '2023-06-29T03:00:00.000Z', ['signature.certificate_expired', 'signature.untrusted']]);
  });

  it('a token whose imprint is not this signature\'s is invalid: a finding, and the claimed time stays', async () => {
    const claimed = new Date(Date.now() - 3_600_000);
    const [s] = checkPdfSignatures(await signPdf(minimalPdf(), { signer: officer, signingTime: claimed, timestamp: { tsa, time: new Date(), tamper: true } }), [ca.der]).signatures;
    expect([s.valid, s.timestamped, s.signedAt, codes(s.findings)]).toEqual([true, false, claimed.toISOString().replace(/\.\d{3}Z$/, '.000Z'), ['signature.timestamp_invalid']]);
  });

  it('an untrusted TSA, or one whose certificate is not for time-stamping, changes nothing', async () => {
    const strangerTsa = await makeIdentity({ cn: 'TSA lạ' }, null, { eku: [TIME_STAMPING] });
    const [u] = checkPdfSignatures(await signPdf(minimalPdf(), { signer: officer, timestamp: { tsa: strangerTsa, time: new Date(Date.now() - 60_000) } }), [ca.der]).signatures;
    expect([u.valid, u.timestamped, codes(u.findings)]).toEqual([true, false, ['signature.timestamp_untrusted']]);
    const noEku = await makeIdentity({ cn: 'Không phải TSA' }, ca);
    const [n] = checkPdfSignatures(await signPdf(minimalPdf(), { signer: officer, timestamp: { tsa: noEku, time: new Date('2022-01-01') } }), [ca.der]).signatures;
    expect([n.timestamped, codes(n.findings)]).toEqual([false, ['signature.timestamp_invalid']]);
    expect(n.findings[0].message).toContain('không dùng cho cấp dấu thời gian');
  });
});

describe('revocation by CRLs', () => {
  let ca: Identity;
  let tsa: Identity;
  let officer: Identity;
  let crl: Uint8Array;

  beforeAll(async () => {
    ca = await makeIdentity({ cn: 'Test CA Chính phủ' }, null, { ca: true, notBefore: new Date('2019-01-01') });
    tsa = await makeIdentity({ cn: 'TSA thử nghiệm' }, ca, { eku: [TIME_STAMPING], notBefore: new Date('2019-01-01') });
    officer = await makeIdentity({ cn: 'Nguyễn Văn Bình' }, ca, { rsa: true, notBefore: new Date(Date.now() - 30 * DAY) });
    crl = await makeCrl(ca, [{ who: officer, at: new Date(Date.now() - 2 * DAY) }]);
  }, 60_000);

  it('a certificate listed by a CRL of the trust folder: not valid, with a finding', async () => {
    const signed = await signPdf(minimalPdf(), { signer: officer });
    expect(checkPdfSignatures(signed, [ca.der]).signatures[0]).toMatchObject({ valid: true, findings: [] });
    const [s] = checkPdfSignatures(signed, [ca.der], [crl]).signatures;
    expect([s.valid, s.trusted, codes(s.findings)]).toEqual([false, true, ['signature.certificate_revoked']]);
    expect(s.findings[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('đã bị thu hồi') });
  });

  it('a CRL carried in the signature itself counts the same', async () => {
    const [s] = checkPdfSignatures(await signPdf(minimalPdf(), { signer: officer, crls: [crl] }), [ca.der]).signatures;
    expect([s.valid, codes(s.findings)]).toEqual([false, ['signature.certificate_revoked']]);
  });

  it('a CRL not signed by the certificate\'s issuer is ignored', async () => {
    const impostor = await makeIdentity({ cn: 'Test CA Chính phủ' }, null, { ca: true });
    const forged = await makeCrl(impostor, [{ who: officer, at: new Date(Date.now() - 2 * DAY) }]);
    const [s] = checkPdfSignatures(await signPdf(minimalPdf(), { signer: officer }), [ca.der], [forged]).signatures;
    expect([s.valid, s.findings]).toEqual([true, []]);
  });

  it('signed (timestamped) before the revocation: still valid, with an information finding; after it: not valid', async () => {
    const before = await signPdf(minimalPdf(), { signer: officer, timestamp: { tsa, time: new Date(Date.now() - 5 * DAY) } });
    const [b] = checkPdfSignatures(before, [ca.der], [crl]).signatures;
    expect([b.valid, b.timestamped, b.findings.map((f) => [f.code, f.severity])]).toEqual([true, true, [['signature.revoked_after_signing', 'info']]]);
    const after = await signPdf(minimalPdf(), { signer: officer, timestamp: { tsa, time: new Date(Date.now() - DAY) } });
    expect(codes(checkPdfSignatures(after, [ca.der], [crl]).signatures[0].findings)).toEqual(['signature.certificate_revoked']);
  });

  it('CRL files are read as PEM or DER, anything else gives none', () => {
    const pem = `-----BEGIN X509 CRL-----\n${Buffer.from(crl).toString('base64')}\n-----END X509 CRL-----\n`;
    expect(crlsIn(Buffer.from(pem)).map((d) => Buffer.from(d).equals(Buffer.from(crl)))).toEqual([true]);
    expect(crlsIn(Buffer.from(crl))).toHaveLength(1);
    expect(crlsIn(Buffer.from(ca.der))).toEqual([]);
    expect(crlsIn(Buffer.from('README'))).toEqual([]);
  });
});
