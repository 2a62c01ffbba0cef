// RFC 3161 timestamps on CMS signatures (PAdES / Adobe "embedded timestamp"): an unsigned
// attribute id-aa-timeStampToken of the SignerInfo holds a token — itself a CMS SignedData,
// signed by a time-stamping authority (TSA), whose content is a TSTInfo with the time (genTime)
// and a message imprint: the digest of the SignerInfo's signature value. A token whose imprint
// matches, whose TSA signature verifies, from a certificate meant for time-stamping and valid at
// that time, proves the signature existed then; when the TSA also chains to the trust folder
// (or none is configured), its time is the trusted signing time instead of the time the signer's
// own software wrote. Parsed with pkijs/asn1js; checked with node:crypto.
import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Finding } from '../model/document.js';
import { attribute, certificatesOf, chainsToAnchor, DIGESTS, finding, OID, signatureVerifies, signerCertificate, toX509, validAt } from './cms.js';

export interface TimestampCheck {
  /** genTime, ISO 8601, when the token verifies */
  time: string | null;
  /** imprint, TSA signature, time-stamping usage and validity all check out */
  verified: boolean;
  /** the TSA chains to the trust folder (false when no folder is configured) */
  trusted: boolean;
  findings: Finding[];
}

const bytesOf = (v: ArrayBuffer | Uint8Array) => Buffer.from(v instanceof Uint8Array ? v : new Uint8Array(v));

/** The certificate is meant for time-stamping (extended key usage id-kp-timeStamping, RFC 3161 §2.3). */
function forTimeStamping(c: pkijs.Certificate): boolean {
  const ext = c.extensions?.find((e) => e.extnID === OID.extKeyUsage);
  if (!ext) return false;
  try {
    const eku = ext.parsedValue instanceof pkijs.ExtKeyUsage ? ext.parsedValue : new pkijs.ExtKeyUsage({ schema: asn1js.fromBER(ext.extnValue.valueBlock.valueHexView.slice().buffer).result });
    return eku.keyPurposes.includes(OID.timeStamping);
  } catch {
    return false;
  }
}

/** The token's SignedData and the TSTInfo it carries; null when either cannot be read. */
function readToken(value: unknown): { sd: pkijs.SignedData; tst: pkijs.TSTInfo; content: Buffer } | null {
  try {
    const ci = new pkijs.ContentInfo({ schema: value as asn1js.Sequence });
    if (ci.contentType !== OID.signedData) return null;
    const sd = new pkijs.SignedData({ schema: ci.content });
    const e = sd.encapContentInfo;
    if (e.eContentType !== OID.tstInfo || !e.eContent) return null;
    const content = bytesOf(e.eContent.getValue());
    const asn = asn1js.fromBER(new Uint8Array(content).buffer);
    if (asn.offset === -1) return null;
    return { sd, tst: new pkijs.TSTInfo({ schema: asn.result }), content };
  } catch {
    return null;
  }
}

/** The TSA's own signature over the TSTInfo: messageDigest attribute and signature value. */
function tsaSignatureVerifies(sd: pkijs.SignedData, content: Buffer): pkijs.Certificate | null {
  const si = sd.signerInfos[0];
  const cert = si ? signerCertificate(sd, si) : null;
  const digestName = si ? DIGESTS[si.digestAlgorithm.algorithmId] : undefined;
  if (!si || !cert || !digestName) return null;
  const md = attribute(si, OID.messageDigest);
  const digestOk = !si.signedAttrs || (md instanceof asn1js.OctetString && bytesOf(md.valueBlock.valueHexView).equals(crypto.createHash(digestName).update(content).digest()));
  return digestOk && signatureVerifies(si, toX509(cert), digestName, content) ? cert : null;
}

/**
 * The timestamp token of a signature, checked; null when the signature has none. Never
 * throws: a token that does not check out is a finding, and the signer's own time stays.
 */
export function checkTimestamp(si: pkijs.SignerInfo, anchors: readonly crypto.X509Certificate[]): TimestampCheck | null {
  const attr = si.unsignedAttrs?.attributes.find((a) => a.type === OID.timeStampToken);
  if (!attr) return null;
  const bad = (why: string): TimestampCheck => ({ time: null, verified: false, trusted: false, findings: [finding('signature.timestamp_invalid', `Dấu thời gian (RFC 3161) kèm chữ ký không hợp lệ: ${why}; thời điểm ký chỉ là thời điểm do phần mềm ký tự ghi.`)] });
  const token = readToken(attr.values[0]);
  if (!token) return bad('không đọc được dữ liệu dấu thời gian');
  const { sd, tst, content } = token;
  const imprintAlg = DIGESTS[tst.messageImprint.hashAlgorithm.algorithmId];
  const imprint = imprintAlg ? crypto.createHash(imprintAlg).update(bytesOf(si.signature.valueBlock.valueHexView)).digest() : null;
  if (!imprint?.equals(bytesOf(tst.messageImprint.hashedMessage.valueBlock.valueHexView))) return bad('dấu thời gian không phải của chữ ký này (mã băm không khớp)');
  const tsa = tsaSignatureVerifies(sd, content);
  if (!tsa) return bad('chữ ký của đơn vị cấp dấu thời gian không đúng');
  const at = tst.genTime;
  const x509 = toX509(tsa);
  if (!forTimeStamping(tsa)) return bad('chứng thư số của đơn vị cấp không dùng cho cấp dấu thời gian');
  if (!validAt(x509, at)) return bad('chứng thư số của đơn vị cấp không còn hiệu lực tại thời điểm ghi trên dấu thời gian');
  const trusted = anchors.length > 0 && chainsToAnchor(x509, certificatesOf(sd).map(toX509), anchors, at);
  const findings = anchors.length > 0 && !trusted
    ? [finding('signature.timestamp_untrusted', `Dấu thời gian do "${x509.subject.split('\n').find((l) => l.startsWith('CN='))?.slice(3) ?? 'không rõ'}" cấp, không thuộc thư mục tin cậy đã cấu hình; thời điểm ký chỉ là thời điểm do phần mềm ký tự ghi.`)]
    : [];
  return { time: at.toISOString(), verified: true, trusted, findings };
}
