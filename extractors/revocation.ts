// Revocation of signer certificates by CRLs (RFC 5280 §5): from the trust folder the user
// configures (`--trust DIR`: `.crl` files, PEM or DER, beside the CA certificates) and from the
// signature itself (the CMS `crls` field, and Adobe's revocationInfoArchival signed attribute
// that signing software embeds). A CRL counts only when its issuer's certificate (an anchor or
// a certificate of the signature) verifies its signature; then a listed serial with its
// revocation date says the certificate was revoked. Parsed with pkijs/asn1js.
import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Finding } from '../model/document.js';
import { finding, serialHex } from './cms.js';

/** Adobe's revocationInfoArchival (PDF 1.6+ signatures): CRLs and OCSP answers as a signed attribute. */
const ADBE_REVOCATION = '1.2.840.113583.1.1.8';
/** CRL signature algorithms → digest (RSA PKCS#1 v1.5 and ECDSA) */
const SIG_DIGEST: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1', '1.2.840.113549.1.1.11': 'sha256', '1.2.840.113549.1.1.12': 'sha384', '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1', '1.2.840.10045.4.3.2': 'sha256', '1.2.840.10045.4.3.3': 'sha384', '1.2.840.10045.4.3.4': 'sha512',
};

const PEM = /-----BEGIN X509 CRL-----([A-Za-z0-9+/=\s]+)-----END X509 CRL-----/g;

/** Parses DER as a CRL; null when it is not one. */
export function parseCrl(der: Uint8Array): pkijs.CertificateRevocationList | null {
  try {
    const asn = asn1js.fromBER(new Uint8Array(der).buffer);
    return asn.offset === -1 ? null : new pkijs.CertificateRevocationList({ schema: asn.result });
  } catch {
    return null;
  }
}

/** The CRLs in one file's bytes (PEM "X509 CRL" blocks, or one DER CRL); none for anything else. */
export function crlsIn(bytes: Buffer): Uint8Array[] {
  const text = bytes.toString('latin1');
  const ders = text.includes('-----BEGIN X509 CRL-----') ? [...text.matchAll(PEM)].map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64')) : [bytes];
  return ders.filter((d) => parseCrl(d) !== null).map((d) => new Uint8Array(d));
}

/** The CRLs a CMS signature carries: its `crls` field and Adobe's revocation archive attribute. */
export function crlsOfSignature(sd: pkijs.SignedData, si: pkijs.SignerInfo): pkijs.CertificateRevocationList[] {
  const out = (sd.crls ?? []).filter((c): c is pkijs.CertificateRevocationList => c instanceof pkijs.CertificateRevocationList);
  const archive = si.signedAttrs?.attributes.find((a) => a.type === ADBE_REVOCATION)?.values[0];
  if (archive instanceof asn1js.Sequence) {
    // RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CertificateList OPTIONAL, ... }
    const tagged = archive.valueBlock.value.find((v) => v.idBlock.tagClass === 3 && v.idBlock.tagNumber === 0);
    const list = (tagged as asn1js.Constructed | undefined)?.valueBlock.value[0];
    for (const c of list instanceof asn1js.Sequence ? list.valueBlock.value : []) {
      try { out.push(new pkijs.CertificateRevocationList({ schema: c })); } catch { /* not a CRL: skipped */ }
    }
  }
  return out;
}

/** The CRL's signature verifies with this certificate's key. */
function crlSignedBy(crl: pkijs.CertificateRevocationList, issuer: crypto.X509Certificate): boolean {
  const digest = SIG_DIGEST[crl.signatureAlgorithm.algorithmId];
  if (!digest) return false;
  const key = issuer.publicKey;
  try {
    return crypto.verify(digest, Buffer.from(crl.tbs), key.asymmetricKeyType === 'ec' ? { key, dsaEncoding: 'der' } : key, Buffer.from(crl.signatureValue.valueBlock.valueHexView));
  } catch {
    return false;
  }
}

/**
 * When the certificate was revoked, by the first CRL that lists it and whose signature an
 * issuer certificate verifies; null when no such CRL lists it.
 */
export function revokedAt(cert: pkijs.Certificate, crls: readonly pkijs.CertificateRevocationList[], issuers: readonly crypto.X509Certificate[]): Date | null {
  const serial = serialHex(cert.serialNumber);
  const issuerDer = Buffer.from(cert.issuer.toSchema().toBER(false));
  for (const crl of crls) {
    if (!Buffer.from(crl.issuer.toSchema().toBER(false)).equals(issuerDer)) continue;
    if (!issuers.some((i) => crlSignedBy(crl, i))) continue;
    const entry = crl.revokedCertificates?.find((r) => serialHex(r.userCertificate) === serial);
    if (entry) return entry.revocationDate.value;
  }
  return null;
}

/**
 * The revocation verdict for a signature: revoked (not valid) when a CRL lists the certificate
 * as revoked before the signature's trusted time — the time of a verified timestamp; without
 * one, the signer's own clock proves nothing, so any listed revocation counts. Revoked only
 * after a timestamped signature, it stays valid with an information finding.
 */
export function revocationVerdict(cert: pkijs.Certificate, crls: readonly pkijs.CertificateRevocationList[], issuers: readonly crypto.X509Certificate[], timestampedAt: string | null): { revoked: boolean; finding: Finding | null } {
  const at = crls.length ? revokedAt(cert, crls, issuers) : null;
  if (!at) return { revoked: false, finding: null };
  const day = at.toISOString().slice(0, 10);
  if (timestampedAt && at > new Date(timestampedAt)) {
    return { revoked: false, finding: finding('signature.revoked_after_signing', `Chứng thư số của người ký bị thu hồi ngày ${day}, sau thời điểm ký đã được đóng dấu thời gian; chữ ký vẫn có giá trị.`, 'info') };
  }
  return { revoked: true, finding: finding('signature.certificate_revoked', `Chứng thư số của người ký đã bị thu hồi (danh sách thu hồi CRL, ngày thu hồi ${day})${timestampedAt ? ', trước thời điểm ký' : ''}: chữ ký không có giá trị.`, 'error') };
}

/** Reads CRLs (DER bytes, from the trust folder); unreadable ones were skipped by the loader. */
export const crlsOf = (crls: readonly Uint8Array[]) => crls.map(parseCrl).filter((c): c is pkijs.CertificateRevocationList => c !== null);
