// CMS/PKCS#7 and X.509 helpers shared by the signature checks (PDF signatures, their RFC 3161
// timestamps, revocation lists, and the certificates of XML signatures in Office files):
// parsing with pkijs/asn1js (never by hand), the digests and signature checks with node:crypto.
import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Finding } from '../model/document.js';
import type { CheckedSignature, TrustAnchors } from '../model/signature.js';

export const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512', '2.16.840.1.101.3.4.2.4': 'sha224',
};
export const OID = {
  signedData: '1.2.840.113549.1.7.2', messageDigest: '1.2.840.113549.1.9.4', signingTime: '1.2.840.113549.1.9.5',
  rsaPss: '1.2.840.113549.1.1.10', cn: '2.5.4.3', o: '2.5.4.10', ou: '2.5.4.11',
  timeStampToken: '1.2.840.113549.1.9.16.2.14', tstInfo: '1.2.840.113549.1.9.16.1.4', contentType: '1.2.840.113549.1.9.3',
  extKeyUsage: '2.5.29.37', timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

export const finding = (code: string, message: string, severity?: Finding['severity']): Finding => ({ code, message, ...(severity ? { severity } : {}) });

/** Reads trust anchors (DER bytes) into certificates; an unreadable one is skipped by the loader, not here. */
export const anchorsOf = (anchors: TrustAnchors) => anchors.map((a) => new crypto.X509Certificate(Buffer.from(a)));

/** The document-level note when no trust folder is configured (PDF and Office signatures alike). */
export function trustFindings(anchors: readonly crypto.X509Certificate[]): Finding[] {
  return anchors.length === 0
    ? [finding('signature.no_trust_anchors', 'Chưa cấu hình thư mục chứng thư số tin cậy (--trust): chữ ký số được kiểm tra tính toàn vẹn nhưng chưa xác định được tổ chức cấp có đáng tin hay không.', 'info')]
    : [];
}

/** The value of one attribute type in a name (CN, O, OU), as printed in the certificate. */
function nameParts(name: pkijs.RelativeDistinguishedNames, oid: string): string[] {
  return name.typesAndValues.filter((t) => t.type === oid).map((t) => String(t.value.valueBlock.value ?? '').trim()).filter(Boolean);
}

/** Signer (CN), organisation (OU, O) and issuer (CN, else O) of a certificate, as printed in it. */
export function namesOf(cert: pkijs.Certificate): Pick<CheckedSignature, 'signer' | 'organisation' | 'issuer'> {
  return {
    signer: nameParts(cert.subject, OID.cn).join(', ') || null,
    organisation: [...nameParts(cert.subject, OID.ou), ...nameParts(cert.subject, OID.o)].join(', ') || null,
    issuer: nameParts(cert.issuer, OID.cn)[0] ?? nameParts(cert.issuer, OID.o)[0] ?? null,
  };
}

/** The names of a DER certificate (for signatures of other formats); nulls when it cannot be parsed. */
export function certificateNames(der: Uint8Array): Pick<CheckedSignature, 'signer' | 'organisation' | 'issuer'> {
  try {
    return namesOf(pkijs.Certificate.fromBER(new Uint8Array(der).buffer));
  } catch {
    return { signer: null, organisation: null, issuer: null };
  }
}

export const hexOf = (b: ArrayBuffer | Uint8Array) => Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('hex');
export const serialHex = (i: asn1js.Integer) => hexOf(i.valueBlock.valueHexView).replace(/^0+/, '');

/** The certificate a SignerInfo names (issuer and serial, or subject key identifier). */
export function signerCertificate(sd: pkijs.SignedData, si: pkijs.SignerInfo): pkijs.Certificate | null {
  const certs = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  if (si.sid instanceof pkijs.IssuerAndSerialNumber) {
    const sid = si.sid;
    return certs.find((c) => c.issuer.isEqual(sid.issuer) && serialHex(c.serialNumber) === serialHex(sid.serialNumber)) ?? null;
  }
  if (si.sid instanceof asn1js.OctetString) {
    const ski = hexOf(si.sid.valueBlock.valueHexView);
    return certs.find((c) => {
      const ext = c.extensions?.find((e) => e.extnID === '2.5.29.14');
      return ext ? hexOf(ext.extnValue.valueBlock.valueHexView).endsWith(ski) : false;
    }) ?? null;
  }
  return certs.length === 1 ? certs[0] : null;
}

export const attribute = (si: pkijs.SignerInfo, oid: string) => si.signedAttrs?.attributes.find((a) => a.type === oid)?.values[0];

/** Verifies the signature value over the signed attributes (or the content itself when there are none). */
export function signatureVerifies(si: pkijs.SignerInfo, cert: crypto.X509Certificate, digestName: string, content: Buffer): boolean {
  let data = content;
  if (si.signedAttrs) {
    // Signed attributes are signed as a DER SET (tag 0x31), not with the [0] tag they carry in SignerInfo.
    data = Buffer.from(si.signedAttrs.encodedValue);
    data[0] = 0x31;
  }
  const sig = Buffer.from(si.signature.valueBlock.valueHexView);
  const key = cert.publicKey;
  const opts: crypto.VerifyKeyObjectInput | crypto.VerifyPublicKeyInput = si.signatureAlgorithm.algorithmId === OID.rsaPss
    ? { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_AUTO }
    : key.asymmetricKeyType === 'ec' ? { key, dsaEncoding: 'der' } : { key };
  try {
    return crypto.verify(digestName, data, opts, sig);
  } catch {
    return false;
  }
}

export const validAt = (c: crypto.X509Certificate, t: Date) => new Date(c.validFrom) <= t && t <= new Date(c.validTo);

/**
 * Builds a chain from the signer up to a trust anchor, through the certificates in the CMS and
 * the anchors, each link's signature checked, each certificate valid at the signing time.
 */
export function chainsToAnchor(signer: crypto.X509Certificate, pool: readonly crypto.X509Certificate[], anchors: readonly crypto.X509Certificate[], at: Date): boolean {
  const isAnchor = (c: crypto.X509Certificate) => anchors.some((a) => a.fingerprint256 === c.fingerprint256);
  let cur = signer;
  for (let depth = 0; depth < 8; depth++) {
    if (!validAt(cur, at)) return false;
    if (isAnchor(cur)) return true;
    const next = [...anchors, ...pool].find((c) => c.fingerprint256 !== cur.fingerprint256 && cur.checkIssued(c) && cur.verify(c.publicKey));
    if (!next) return false;
    cur = next;
  }
  return false;
}

/** A pkijs certificate as a node:crypto one (for its key, validity and issuer checks). */
export const toX509 = (c: pkijs.Certificate) => new crypto.X509Certificate(Buffer.from(c.toSchema().toBER(false)));

/** The certificates a SignedData carries. */
export const certificatesOf = (sd: pkijs.SignedData) => (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);

/** Parses DER as a CMS ContentInfo holding SignedData; null when it is not one. */
export function parseSignedData(der: Uint8Array): pkijs.SignedData | null {
  try {
    const asn = asn1js.fromBER(new Uint8Array(der).buffer);
    if (asn.offset === -1) return null;
    const ci = new pkijs.ContentInfo({ schema: asn.result });
    if (ci.contentType !== OID.signedData) return null;
    return new pkijs.SignedData({ schema: ci.content });
  } catch {
    return null;
  }
}
