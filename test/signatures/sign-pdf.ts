// A test PKI made in the test (pkijs over WebCrypto): a CA, certificates it issues, and a signer
// that adds a signature to a PDF the way signing software does: an incremental update with a
// signature dictionary whose /ByteRange leaves out the /Contents placeholder, the digest of
// the signed bytes in a CMS SignedData (signed attributes: contentType, signingTime,
// messageDigest), hex-encoded into the placeholder. Nothing here is read by the pipeline.
import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const webcrypto = crypto.webcrypto as unknown as Crypto;
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto }));

export interface Identity { cert: pkijs.Certificate; key: CryptoKey; der: Uint8Array }
export interface NameParts { cn: string; o?: string; ou?: string }

let serial = 1000;

function rdn(n: NameParts): pkijs.RelativeDistinguishedNames {
  const name = new pkijs.RelativeDistinguishedNames();
  const add = (type: string, value?: string) => value && name.typesAndValues.push(new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) }));
  add('2.5.4.10', n.o);
  add('2.5.4.11', n.ou);
  add('2.5.4.3', n.cn);
  return name;
}

const RSA: RsaHashedKeyGenParams = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
const EC: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };

/** A certificate for `subject`, issued by `issuer` (self-signed when issuer is null). */
export async function makeIdentity(subject: NameParts, issuer: Identity | null, opts: { ca?: boolean; notBefore?: Date; notAfter?: Date; rsa?: boolean; eku?: string[] } = {}): Promise<Identity> {
  const keys = (await webcrypto.subtle.generateKey(opts.rsa ? RSA : EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: serial++ });
  cert.subject = rdn(subject);
  cert.issuer = issuer ? issuer.cert.subject : cert.subject;
  cert.notBefore.value = opts.notBefore ?? new Date(Date.now() - 86_400_000);
  cert.notAfter.value = opts.notAfter ?? new Date(Date.now() + 365 * 86_400_000);
  cert.extensions = [new pkijs.Extension({
    extnID: '2.5.29.19', critical: true,
    extnValue: new pkijs.BasicConstraints({ cA: !!opts.ca }).toSchema().toBER(false),
    parsedValue: new pkijs.BasicConstraints({ cA: !!opts.ca }),
  })];
  if (opts.eku) {
    const eku = new pkijs.ExtKeyUsage({ keyPurposes: opts.eku });
    cert.extensions.push(new pkijs.Extension({ extnID: '2.5.29.37', critical: true, extnValue: eku.toSchema().toBER(false), parsedValue: eku }));
  }
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  await cert.sign(issuer ? issuer.key : keys.privateKey, 'SHA-256');
  return { cert, key: keys.privateKey, der: new Uint8Array(cert.toSchema(true).toBER(false)) };
}

/** A one-page PDF with a little text, written by hand (Helvetica, ASCII) with a correct xref. */
export function minimalPdf(text = 'Bao cao 280/BC-UBND'): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => { offsets.push(Buffer.byteLength(out, 'latin1')); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export interface SignOptions {
  signer: Identity;
  /** certificates to put in the CMS besides the signer's (intermediates) */
  chain?: Identity[];
  signingTime?: Date;
  /** widen the hole by this many bytes before /Contents (a byte range that lies) */
  lieBy?: number;
  /** an RFC 3161 timestamp token added as an unsigned attribute, by this TSA at this time (imprint spoiled when `tamper`) */
  timestamp?: { tsa: Identity; time: Date; tamper?: boolean };
  /** CRLs (DER) carried in the CMS `crls` field */
  crls?: Uint8Array[];
}

const PLACEHOLDER = 16384;
const BR_WIDTH = 40;

/** Adds a signature to `pdf` as an incremental update; returns the signed file. */
// Long because the placeholder, offsets and CMS have to be built in this order; each step is commented.
export async function signPdf(pdf: Buffer, o: SignOptions): Promise<Buffer> {
  const text = pdf.toString('latin1');
  const size = Number(/\/Size\s+(\d+)/g.exec(text.slice(text.lastIndexOf('trailer')))?.[1] ?? '1');
  const root = /\/Root\s+(\d+ \d+ R)/.exec(text.slice(text.lastIndexOf('trailer')))?.[1] ?? '1 0 R';
  const prev = Number(/startxref\s+(\d+)/.exec(text.slice(text.lastIndexOf('startxref')))?.[1]);
  const base = pdf.at(-1) === 0x0a ? pdf : Buffer.concat([pdf, Buffer.from('\n')]);
  const when = o.signingTime ?? new Date();
  const m = `D:${when.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
  // 1. the signature object with placeholders of fixed width
  const head = `${size} 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /M (${m}) /ByteRange [`;
  const mid = `${' '.repeat(BR_WIDTH)}] /Contents <`;
  const tail = `> >>\nendobj\n`;
  const objOffset = base.length;
  const obj = head + mid + '0'.repeat(PLACEHOLDER * 2) + tail;
  const xref = objOffset + obj.length;
  const trailer = `xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(objOffset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`;
  const file = Buffer.concat([base, Buffer.from(obj + trailer, 'latin1')]);
  // 2. the byte range: everything except the hex string, `<` and `>` included in the hole
  const holeStart = objOffset + head.length + mid.length - 1;
  const holeEnd = holeStart + PLACEHOLDER * 2 + 2;
  const lie = o.lieBy ?? 0;
  const range = [0, holeStart - lie, holeEnd, file.length - holeEnd];
  file.write(range.join(' ').padEnd(BR_WIDTH, ' '), objOffset + head.length, 'latin1');
  // 3. the CMS over exactly the declared ranges
  const signed = Buffer.concat([file.subarray(0, range[1]), file.subarray(range[2], range[2] + range[3])]);
  const cms = await cmsSign(signed, o.signer, o.chain ?? [], when, { timestamp: o.timestamp, crls: o.crls });
  const hex = Buffer.from(cms).toString('hex');
  if (hex.length > PLACEHOLDER * 2) throw new Error('CMS larger than the placeholder');
  file.write(hex, holeStart + 1, 'latin1');
  return file;
}

const attr = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });

/** A detached CMS SignedData over `data` with contentType, signingTime and messageDigest signed. */
export async function cmsSign(data: Uint8Array, signer: Identity, chain: Identity[], when: Date, extra: Pick<SignOptions, 'timestamp' | 'crls'> = {}): Promise<ArrayBuffer> {
  const digest = crypto.createHash('sha256').update(data).digest();
  const sd = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    signerInfos: [new pkijs.SignerInfo({
      version: 1,
      sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.cert.issuer, serialNumber: signer.cert.serialNumber }),
      signedAttrs: new pkijs.SignedAndUnsignedAttributes({
        type: 0,
        attributes: [
          attr('1.2.840.113549.1.9.3', new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })),
          attr('1.2.840.113549.1.9.5', new asn1js.UTCTime({ valueDate: when })),
          attr('1.2.840.113549.1.9.4', new asn1js.OctetString({ valueHex: new Uint8Array(digest).buffer })),
        ],
      }),
    })],
    certificates: [signer.cert, ...chain.map((c) => c.cert)],
    ...(extra.crls ? { crls: extra.crls.map((d) => pkijs.CertificateRevocationList.fromBER(new Uint8Array(d).buffer)) } : {}),
  });
  await sd.sign(signer.key, 0, 'SHA-256');
  if (extra.timestamp) {
    // the token's imprint is over the signature value, so it is added after signing, unsigned
    const si = sd.signerInfos[0];
    const token = await timestampToken(si.signature.valueBlock.valueHexView, extra.timestamp);
    si.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: [attr('1.2.840.113549.1.9.16.2.14', token)] });
  }
  return new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: sd.toSchema(true) }).toSchema().toBER(false);
}

const TST_INFO = '1.2.840.113549.1.9.16.1.4';
export const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

/** An RFC 3161 token (ContentInfo of SignedData over a TSTInfo) for a signature value, signed by the TSA. */
async function timestampToken(signatureValue: Uint8Array, o: { tsa: Identity; time: Date; tamper?: boolean }): Promise<asn1js.Sequence> {
  const imprint = crypto.createHash('sha256').update(signatureValue).digest();
  if (o.tamper) imprint[0] ^= 0xff;
  const tst = new pkijs.TSTInfo({
    version: 1, policy: '1.2.3.4.1', serialNumber: new asn1js.Integer({ value: serial++ }), genTime: o.time,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
      hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(imprint).buffer }),
    }),
  });
  const content = tst.toSchema().toBER(false);
  const sd = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: TST_INFO, eContent: new asn1js.OctetString({ valueHex: content }) }),
    signerInfos: [new pkijs.SignerInfo({
      version: 1,
      sid: new pkijs.IssuerAndSerialNumber({ issuer: o.tsa.cert.issuer, serialNumber: o.tsa.cert.serialNumber }),
      signedAttrs: new pkijs.SignedAndUnsignedAttributes({
        type: 0,
        attributes: [
          attr('1.2.840.113549.1.9.3', new asn1js.ObjectIdentifier({ value: TST_INFO })),
          attr('1.2.840.113549.1.9.4', new asn1js.OctetString({ valueHex: new Uint8Array(crypto.createHash('sha256').update(Buffer.from(content)).digest()).buffer })),
        ],
      }),
    })],
    certificates: [o.tsa.cert],
  });
  await sd.sign(o.tsa.key, 0, 'SHA-256');
  return new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: sd.toSchema(true) }).toSchema() as asn1js.Sequence;
}

/** A CRL issued by `ca` listing these certificates as revoked at these dates (DER). */
export async function makeCrl(ca: Identity, revoked: { who: Identity; at: Date }[]): Promise<Uint8Array> {
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.issuer = ca.cert.subject;
  crl.thisUpdate = new pkijs.Time({ type: 0, value: new Date() });
  crl.nextUpdate = new pkijs.Time({ type: 0, value: new Date(Date.now() + 7 * 86_400_000) });
  crl.revokedCertificates = revoked.map((r) => new pkijs.RevokedCertificate({ userCertificate: r.who.cert.serialNumber, revocationDate: new pkijs.Time({ type: 0, value: r.at }) }));
  await crl.sign(ca.key, 'SHA-256');
  return new Uint8Array(crl.toSchema(true).toBER(false));
}
