// Signed PDFs (issue 14 part 1), with a test CA made here: a validly signed file, the same file
// with bytes appended, a byte range that lies, a signer from an unknown CA, an expired
// certificate, a broken CMS. Each gets its verdict; none throws (the document is never lost).
import { checkPdfSignatures, findSignatureDictionaries, pdfDate } from '../../extractors/pdf-signature.js';
import { makeIdentity, minimalPdf, signPdf, type Identity } from './sign-pdf.js';

const codes = (fs: { code: string }[]) => fs.map((f) => f.code).sort();

describe('PDF signatures', () => {
  let ca: Identity;
  let officer: Identity;
  let stranger: Identity;
  let expired: Identity;
  let signed: Buffer;

  beforeAll(async () => {
    // The CA is valid since 2019, so a certificate it issued for 2020 can be checked in 2020.
    ca = await makeIdentity({ cn: 'Test CA Chính phủ', o: 'Ban Cơ yếu (thử nghiệm)' }, null, { ca: true, notBefore: new Date('2019-01-01') });
    officer = await makeIdentity({ cn: 'Nguyễn Văn Bình', ou: 'Sở Lao động - Thương binh và Xã hội', o: 'UBND tỉnh Hà Giang' }, ca, { rsa: true });
    const otherCa = await makeIdentity({ cn: 'Unknown CA' }, null, { ca: true });
    stranger = await makeIdentity({ cn: 'Người lạ', o: 'Không rõ' }, otherCa);
    expired = await makeIdentity({ cn: 'Trần Thị Cũ', o: 'UBND tỉnh Hà Giang' }, ca, { notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') });
    signed = await signPdf(minimalPdf(), { signer: officer });
  }, 60_000);

  it('an unsigned file has no signatures and no findings', () => {
    expect(checkPdfSignatures(minimalPdf(), [ca.der])).toEqual({ signatures: [], findings: [] });
  });

  it('a valid signature: valid, trusted, covers the whole file, signer and organisation as printed', () => {
    const r = checkPdfSignatures(signed, [ca.der]);
    expect(r.findings).toEqual([]);
    expect(r.signatures).toHaveLength(1);
    const s = r.signatures[0];
    expect(s).toMatchObject({
      signer: 'Nguyễn Văn Bình', organisation: 'Sở Lao động - Thương binh và Xã hội, UBND tỉnh Hà Giang', issuer: 'Test CA Chính phủ',
      valid: true, trusted: true, coversWholeFile: true, modifiedAfterSigning: false, findings: [],
    });
    expect(Math.abs(Date.parse(s.signedAt!) - Date.now())).toBeLessThan(120_000);
  });

  it('without a trust folder the signature is intact but not trusted, and that is said once', () => {
    const r = checkPdfSignatures(signed, []);
    expect(r.signatures[0]).toMatchObject({ valid: true, trusted: false, findings: [] });
    expect(codes(r.findings)).toEqual(['signature.no_trust_anchors']);
  });

  it('bytes appended after signing: still valid for what was signed, modified after signing', () => {
    const r = checkPdfSignatures(Buffer.concat([signed, Buffer.from('% sửa thêm\n%%EOF\n')]), [ca.der]);
    expect(r.signatures[0]).toMatchObject({ valid: true, trusted: true, coversWholeFile: false, modifiedAfterSigning: true });
    expect(codes(r.signatures[0].findings)).toEqual(['signature.modified_after_signing']);
  });

  it('a byte in the signed range changed: digest mismatch, not valid', () => {
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('280/BC');
    tampered[at] = '9'.charCodeAt(0);
    const s = checkPdfSignatures(tampered, [ca.der]).signatures[0];
    expect(s).toMatchObject({ valid: false, coversWholeFile: true });
    expect(codes(s.findings)).toEqual(['signature.digest_mismatch']);
  });

  it('a byte range that lies (leaves more than /Contents unsigned) is rejected even though the CMS verifies', async () => {
    const lying = await signPdf(minimalPdf(), { signer: officer, lieBy: 40 });
    const s = checkPdfSignatures(lying, [ca.der]).signatures[0];
    expect(s).toMatchObject({ valid: false, coversWholeFile: false, signer: 'Nguyễn Văn Bình' });
    expect(codes(s.findings)).toEqual(['signature.byte_range_invalid']);
  });

  it('a [0 0 len 0]-style range covering nothing is rejected', () => {
    const d = findSignatureDictionaries(signed)[0];
    const text = signed.toString('latin1');
    const brAt = text.indexOf('/ByteRange [') + '/ByteRange ['.length;
    const fake = Buffer.from(signed);
    fake.write(`0 0 ${signed.length} 0`.padEnd(40, ' '), brAt, 'latin1');
    expect(d.byteRange).toHaveLength(4);
    const s = checkPdfSignatures(fake, [ca.der]).signatures[0];
    expect(s.valid).toBe(false);
    expect(codes(s.findings)).toContain('signature.byte_range_invalid');
  });

  it('a signer from an unknown CA: intact but untrusted', async () => {
    const s = checkPdfSignatures(await signPdf(minimalPdf(), { signer: stranger }), [ca.der]).signatures[0];
    expect(s).toMatchObject({ valid: true, trusted: false, issuer: 'Unknown CA' });
    expect(codes(s.findings)).toEqual(['signature.untrusted']);
  });

  it('an expired certificate at signing time: not valid, not trusted', async () => {
    const s = checkPdfSignatures(await signPdf(minimalPdf(), { signer: expired }), [ca.der]).signatures[0];
    expect(s).toMatchObject({ valid: false, trusted: false, signer: 'Trần Thị Cũ' });
    expect(codes(s.findings)).toEqual(['signature.certificate_expired', 'signature.untrusted']);
  });

  it('the same certificate used inside its validity period is valid; the CA must be valid then too', async () => {
    const s = checkPdfSignatures(await signPdf(minimalPdf(), { signer: expired, signingTime: new Date('2020-06-01T03:00:00Z') }), [ca.der]).signatures[0];
    expect(s).toMatchObject({ valid: true, trusted: true, signedAt: '2020-06-01T03:00:00.000Z' });
    const youngCa = await makeIdentity({ cn: 'CA mới' }, null, { ca: true });
    const early = await makeIdentity({ cn: 'Cấp lùi ngày' }, youngCa, { notBefore: new Date('2020-01-01') });
    const t = checkPdfSignatures(await signPdf(minimalPdf(), { signer: early, signingTime: new Date('2020-06-01T03:00:00Z') }), [youngCa.der]).signatures[0];
    expect(t).toMatchObject({ valid: true, trusted: false });
  });

  it('a malformed CMS is a finding, not an exception', () => {
    const broken = Buffer.from(signed);
    const d = findSignatureDictionaries(signed)[0];
    broken.write('3082ffff0102'.padEnd(64, 'f'), d.contents!.start + 1, 'latin1');
    const s = checkPdfSignatures(broken, [ca.der]).signatures[0];
    expect(s).toMatchObject({ valid: false, trusted: false, signer: null });
    expect(codes(s.findings)).toEqual(['signature.malformed']);
  });

  it('a second signature over the first: the first is only informed of the later update', async () => {
    const twice = await signPdf(signed, { signer: officer });
    const r = checkPdfSignatures(twice, [ca.der]);
    expect(r.signatures.map((s) => [s.valid, s.coversWholeFile, s.modifiedAfterSigning])).toEqual([[true, false, true], [true, true, false]]);
    expect(r.signatures[0].findings.map((f) => f.severity)).toEqual(['info']);
  });

  it('reads PDF dates with their offset', () => {
    expect(pdfDate("D:20230629101500+07'00'")).toBe('2023-06-29T03:15:00.000Z');
    expect(pdfDate('D:2023')).toBe('2023-01-01T00:00:00.000Z');
    expect(pdfDate('garbage')).toBeNull();
  });
});
