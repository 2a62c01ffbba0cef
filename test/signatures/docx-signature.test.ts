// Signatures inside Word files (issue 14 part 1 for OOXML), with a test CA made here: a DOCX
// signed as Office signs it, the same file with its text changed, one with a part added after
// signing, a signer from an unknown CA and an expired certificate. Each gets its verdict in
// the shape PDF signatures have; none throws.
import { unzipSync, strFromU8 } from 'fflate';
import { checkOfficeSignatures, relationshipTransform } from '../../extractors/office/docx-signature.js';
import { DOMParser } from '@xmldom/xmldom';
import { reportDocx } from '../office/report-docs.js';
import { makeCrl, makeIdentity, type Identity } from './sign-pdf.js';
import { signDocx, withPart } from './sign-docx.js';

const codes = (fs: { code: string }[]) => fs.map((f) => f.code).sort();

describe('DOCX signatures (XML-DSig in _xmlsignatures/)', () => {
  let ca: Identity;
  let officer: Identity;
  let docx: Buffer;
  let signed: Buffer;

  beforeAll(async () => {
    ca = await makeIdentity({ cn: 'Test CA Chính phủ', o: 'Ban Cơ yếu (thử nghiệm)' }, null, { ca: true, notBefore: new Date('2019-01-01') });
    officer = await makeIdentity({ cn: 'Nguyễn Văn Bình', ou: 'Sở Lao động - Thương binh và Xã hội', o: 'UBND tỉnh Hà Giang' }, ca, { rsa: true });
    docx = await reportDocx();
    signed = await signDocx(docx, { signer: officer, canonicalise: (n) => n === 'word/document.xml' });
  }, 60_000);

  it('an unsigned DOCX has no signatures', () => {
    expect(checkOfficeSignatures(docx, [ca.der])).toEqual({ signatures: [], findings: [] });
  });

  it('a valid signature: valid, trusted, covers the whole file, signer, organisation and time as signed', () => {
    expect(Object.keys(unzipSync(signed))).toContain('_xmlsignatures/sig1.xml');
    const r = checkOfficeSignatures(signed, [ca.der]);
    expect(r.findings).toEqual([]);
    expect(r.signatures).toHaveLength(1);
    const s = r.signatures[0];
    expect(s).toMatchObject({
      signer: 'Nguyễn Văn Bình', organisation: 'Sở Lao động - Thương binh và Xã hội, UBND tỉnh Hà Giang', issuer: 'Test CA Chính phủ',
      valid: true, trusted: true, coversWholeFile: true, modifiedAfterSigning: false, findings: [],
    });
    expect(Math.abs(Date.parse(s.signedAt!) - Date.now())).toBeLessThan(120_000);
  });

  it('the document text changed after signing: the part digest no longer matches, not valid', () => {
    const xml = strFromU8(unzipSync(signed)['word/document.xml']);
    expect(xml).toContain('280/BC-UBND');
    const tampered = withPart(signed, 'word/document.xml', xml.replace('280/BC-UBND', '281/BC-UBND'));
    const [s] = checkOfficeSignatures(tampered, [ca.der]).signatures;
    expect(s).toMatchObject({ valid: false, coversWholeFile: false, signer: 'Nguyễn Văn Bình' });
    expect(codes(s.findings)).toEqual(['signature.digest_mismatch']);
    expect(s.findings[0].message).toContain('word/document.xml');
  });

  it('the signature value itself altered: invalid', () => {
    const sigXml = strFromU8(unzipSync(signed)['_xmlsignatures/sig1.xml']);
    const forged = withPart(signed, '_xmlsignatures/sig1.xml', sigXml.replace(/<SignatureValue>(.)/, (_m, c: string) => `<SignatureValue>${c === 'A' ? 'B' : 'A'}`));
    const [s] = checkOfficeSignatures(forged, [ca.der]).signatures;
    expect([s.valid, codes(s.findings)]).toEqual([false, ['signature.invalid']]);
  });

  it('a part added after signing: the signed parts are intact, but the signature no longer covers the file', () => {
    const [s] = checkOfficeSignatures(withPart(signed, 'word/media/them.png', new Uint8Array([1, 2, 3])), [ca.der]).signatures;
    expect(s).toMatchObject({ valid: true, coversWholeFile: false, modifiedAfterSigning: true });
    expect(codes(s.findings)).toEqual(['signature.modified_after_signing']);
  });

  it('an unknown issuer is untrusted, an expired certificate not valid; without a trust folder an info finding', async () => {
    const stranger = await makeIdentity({ cn: 'Người lạ' }, await makeIdentity({ cn: 'Unknown CA' }, null, { ca: true }), { rsa: true });
    const [u] = checkOfficeSignatures(await signDocx(docx, { signer: stranger }), [ca.der]).signatures;
    expect([u.valid, u.trusted, codes(u.findings)]).toEqual([true, false, ['signature.untrusted']]);
    const expired = await makeIdentity({ cn: 'Trần Thị Cũ' }, ca, { rsa: true, notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') });
    const [e] = checkOfficeSignatures(await signDocx(docx, { signer: expired, signingTime: new Date('2023-06-29T03:00:00Z') }), [ca.der]).signatures;
    expect([e.valid, e.trusted, e.signedAt, codes(e.findings)]).toEqual([false, false, '2023-06-29T03:00:00.000Z', ['signature.certificate_expired', 'signature.untrusted']]);
    expect(checkOfficeSignatures(signed, []).findings.map((f) => [f.code, f.severity])).toEqual([['signature.no_trust_anchors', 'info']]);
  });

  it('a signer certificate revoked by a CRL of the trust folder: not valid, with a finding', async () => {
    const crl = await makeCrl(ca, [{ who: officer, at: new Date(Date.now() - 3_600_000) }]);
    const [s] = checkOfficeSignatures(signed, [ca.der], [crl]).signatures;
    expect([s.valid, s.trusted, codes(s.findings)]).toEqual([false, true, ['signature.certificate_revoked']]);
  });

  it('a broken or hostile signature part is a finding, never an exception', () => {
    const broken = checkOfficeSignatures(withPart(signed, '_xmlsignatures/sig1.xml', '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>'), [ca.der]).signatures[0];
    expect(codes(broken.findings)).toEqual(['signature.malformed']);
    const xxe = checkOfficeSignatures(withPart(signed, '_xmlsignatures/sig1.xml', '<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><Signature>&x;</Signature>'), [ca.der]).signatures[0];
    expect(codes(xxe.findings)).toEqual(['signature.malformed']);
  });

  it('the OPC RelationshipTransform keeps the named relationships, sorted, with TargetMode explicit', () => {
    const rels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="t/b" Target="b.xml"/><Relationship Id="rId1" Type="t/a" Target="a.xml" TargetMode="Internal"/><Relationship Id="rId2" Type="t/c" Target="http://x" TargetMode="External"/></Relationships>';
    const t = new DOMParser().parseFromString('<Transform xmlns="http://www.w3.org/2000/09/xmldsig#" xmlns:mdssi="http://schemas.openxmlformats.org/package/2006/digital-signature"><mdssi:RelationshipReference SourceId="rId3"/><mdssi:RelationshipReference SourceId="rId1"/><mdssi:RelationshipsGroupReference SourceType="t/c"/></Transform>', 'application/xml').documentElement!;
    expect(relationshipTransform(rels, t as unknown as Element)).toBe('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId1" Target="a.xml" TargetMode="Internal" Type="t/a"></Relationship>'
      + '<Relationship Id="rId2" Target="http://x" TargetMode="External" Type="t/c"></Relationship>'
      + '<Relationship Id="rId3" Target="b.xml" TargetMode="Internal" Type="t/b"></Relationship></Relationships>');
  });
});
