// Digital signatures in a PDF (ISO 32000-1 §12.8): every signature dictionary is found in the
// raw bytes (/ByteRange and /Contents), and each is checked on its own:
//  1. the byte range is [0, a, b, c] with a..b exactly the /Contents hex string, so no signed
//     byte can be anything but what the signer saw (a range that leaves out more, or covers
//     less, "lies");
//  2. the CMS SignedData in /Contents (parsed with pkijs/asn1js, never by hand) holds a
//     messageDigest equal to the digest of the signed bytes, and its signature verifies with the
//     signer certificate's public key (node:crypto);
//  3. the signer certificate was within its validity period at the signing time;
//  4. the certificate chains to a trust anchor the user configured (none is bundled).
// Bytes after the signed range mean the file was changed after signing. Nothing here throws on
// a bad signature: every problem is a finding, and the document is read as usual.
import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Finding } from '../model/document.js';
import type { CheckedSignature, SignatureCheck, TrustAnchors } from '../model/signature.js';

/** a /Contents hex string longer than this (bytes of CMS) is not parsed: real ones are 2–40 KB */
const MAX_CMS_BYTES = 1024 * 1024;
/** signature dictionaries read per file; more is hostile or broken */
const MAX_SIGNATURES = 50;

/** Where one signature dictionary sits in the file, as declared and as found. */
export interface SignatureDictionary {
  /** the four numbers of /ByteRange, or null when they are not four non-negative integers */
  byteRange: number[] | null;
  /** offsets of the /Contents hex string, `<` included, `>` excluded from `end` (end = after `>`) */
  contents: { start: number; end: number } | null;
  /** /M, the signing time written in the dictionary (not signed itself) */
  m: string | null;
  subFilter: string | null;
}

const latin1 = (b: Uint8Array, start = 0, end = b.length) => Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('latin1');

/** Every object in the file that has a /ByteRange: its byte range, /Contents span, /M and /SubFilter. */
export function findSignatureDictionaries(bytes: Uint8Array): SignatureDictionary[] {
  // Most files are unsigned: a byte search first, before making a string of the whole file.
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf('/ByteRange') < 0) return [];
  const text = latin1(bytes);
  const out: SignatureDictionary[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[([^\]]{0,200})\]/g)) {
    if (out.length >= MAX_SIGNATURES) break;
    // The dictionary is the object around the /ByteRange: from its `obj` to its `endobj`.
    // A hex string holds no letters beyond a–f, so `endobj` cannot occur inside /Contents.
    const objStart = Math.max(0, text.lastIndexOf(' obj', m.index));
    const endObj = text.indexOf('endobj', m.index);
    const objEnd = endObj < 0 ? text.length : endObj;
    const body = text.slice(objStart, objEnd);
    const nums = m[1].trim().split(/\s+/).map(Number);
    const byteRange = nums.length === 4 && nums.every((n) => Number.isSafeInteger(n) && n >= 0) ? nums : null;
    const c = /\/Contents\s*</.exec(body);
    let contents: SignatureDictionary['contents'] = null;
    if (c) {
      const start = objStart + c.index + c[0].length - 1;
      const close = text.indexOf('>', start);
      if (close > 0 && /^<[0-9A-Fa-f\s]*$/.test(text.slice(start, close))) contents = { start, end: close + 1 };
    }
    out.push({
      byteRange, contents,
      m: /\/M\s*\(([^)]{0,64})\)/.exec(body)?.[1] ?? null,
      subFilter: /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(body)?.[1] ?? null,
    });
  }
  return out;
}

/** The byte range leaves out exactly the /Contents string and lies inside the file. */
export function byteRangeExact(d: SignatureDictionary, fileLength: number): boolean {
  if (!d.byteRange || !d.contents) return false;
  const [a0, l1, o2, l2] = d.byteRange;
  return a0 === 0 && l1 === d.contents.start && o2 === d.contents.end && o2 + l2 <= fileLength && l2 > 0;
}

/** The signed bytes as the range declares them (clamped to the file, so a lying range cannot read outside it). */
function signedBytes(bytes: Uint8Array, br: number[]): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i + 1 < br.length; i += 2) {
    const s = Math.min(br[i], bytes.length);
    const e = Math.min(br[i] + br[i + 1], bytes.length);
    parts.push(Buffer.from(bytes.subarray(s, e)));
  }
  return Buffer.concat(parts);
}

/** PDF date `D:YYYYMMDDHHmmSS+07'00'` → ISO 8601, or null. */
export function pdfDate(s: string | null): string | null {
  const m = s ? /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Z+-])(\d{2})?'?(\d{2})?'?)?/.exec(s) : null;
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', sign, oh = '00', om = '00'] = m;
  const zone = !sign || sign === 'Z' ? 'Z' : `${sign}${oh}:${om}`;
  const t = new Date(`${y}-${mo}-${d}T${h}:${mi}:${se}${zone}`);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}

const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512', '2.16.840.1.101.3.4.2.4': 'sha224',
};
const OID = {
  signedData: '1.2.840.113549.1.7.2', messageDigest: '1.2.840.113549.1.9.4', signingTime: '1.2.840.113549.1.9.5',
  rsaPss: '1.2.840.113549.1.1.10', cn: '2.5.4.3', o: '2.5.4.10', ou: '2.5.4.11',
} as const;

const finding = (code: string, message: string, severity?: Finding['severity']): Finding => ({ code, message, ...(severity ? { severity } : {}) });

/** The value of one attribute type in a name (CN, O, OU), as printed in the certificate. */
function nameParts(name: pkijs.RelativeDistinguishedNames, oid: string): string[] {
  return name.typesAndValues.filter((t) => t.type === oid).map((t) => String(t.value.valueBlock.value ?? '').trim()).filter(Boolean);
}

/** Signer (CN), organisation (OU, O) and issuer (CN, else O) of a certificate, as printed in it. */
function namesOf(cert: pkijs.Certificate): Pick<CheckedSignature, 'signer' | 'organisation' | 'issuer'> {
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

const hexOf = (b: ArrayBuffer | Uint8Array) => Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('hex');
const serialHex = (i: asn1js.Integer) => hexOf(i.valueBlock.valueHexView).replace(/^0+/, '');

/** The certificate a SignerInfo names (issuer and serial, or subject key identifier). */
function signerCertificate(sd: pkijs.SignedData, si: pkijs.SignerInfo): pkijs.Certificate | null {
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

const attribute = (si: pkijs.SignerInfo, oid: string) => si.signedAttrs?.attributes.find((a) => a.type === oid)?.values[0];

/** Verifies the signature value over the signed attributes (or the content itself when there are none). */
function signatureVerifies(si: pkijs.SignerInfo, cert: crypto.X509Certificate, digestName: string, content: Buffer): boolean {
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

/** Parses /Contents as CMS SignedData; null when it is not one. */
function parseCms(hex: string): pkijs.SignedData | null {
  const der = Buffer.from(hex.replace(/\s+/g, '').replace(/(00)+$/, ''), 'hex');
  if (der.length === 0 || der.length > MAX_CMS_BYTES) return null;
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

interface CheckContext { bytes: Uint8Array; anchors: crypto.X509Certificate[] }

/** Checks one signature dictionary; every problem becomes a finding on the signature. */
// Long because it walks the checks in the order a person would read them; each step is one line or two.
function checkOne(ctx: CheckContext, d: SignatureDictionary): CheckedSignature {
  const { bytes } = ctx;
  const findings: Finding[] = [];
  const rangeOk = byteRangeExact(d, bytes.length);
  const end = d.byteRange ? d.byteRange[2] + d.byteRange[3] : 0;
  const sig: CheckedSignature = {
    signer: null, organisation: null, issuer: null, signedAt: pdfDate(d.m), valid: false, trusted: false,
    coversWholeFile: rangeOk && end === bytes.length, modifiedAfterSigning: rangeOk && end < bytes.length, findings,
  };
  if (!rangeOk) {
    findings.push(finding('signature.byte_range_invalid', 'Vùng byte được ký (/ByteRange) không khớp đúng phần chữ ký trong tệp: có phần nội dung không được chữ ký bảo vệ. Không tin vào chữ ký này.', 'error'));
  }
  const sd = d.contents ? parseCms(latin1(bytes, d.contents.start + 1, d.contents.end - 1)) : null;
  const si = sd?.signerInfos[0];
  if (!sd || !si) {
    findings.push(finding('signature.malformed', 'Không đọc được chữ ký số (dữ liệu CMS/PKCS#7 trong /Contents bị hỏng hoặc không đúng định dạng).', 'error'));
    return sig;
  }
  const cert = signerCertificate(sd, si);
  if (!cert) {
    findings.push(finding('signature.no_certificate', 'Chữ ký số không kèm chứng thư số của người ký, không kiểm tra được.', 'error'));
    return sig;
  }
  Object.assign(sig, namesOf(cert));
  const signingTime = attribute(si, OID.signingTime);
  if (signingTime instanceof asn1js.UTCTime || signingTime instanceof asn1js.GeneralizedTime) sig.signedAt = signingTime.toDate().toISOString();
  const x509 = new crypto.X509Certificate(Buffer.from(cert.toSchema().toBER(false)));
  const digestName = DIGESTS[si.digestAlgorithm.algorithmId];
  if (!digestName) {
    findings.push(finding('signature.unsupported', `Chữ ký số dùng thuật toán băm chưa hỗ trợ (${si.digestAlgorithm.algorithmId}).`, 'error'));
    return sig;
  }
  const content = signedBytes(bytes, d.byteRange ?? [0, 0]);
  const digest = crypto.createHash(digestName).update(content).digest();
  const md = attribute(si, OID.messageDigest);
  const digestOk = si.signedAttrs
    ? md instanceof asn1js.OctetString && Buffer.from(md.valueBlock.valueHexView).equals(digest)
    : true; // without signed attributes the signature is over the content itself, checked next
  if (!digestOk) findings.push(finding('signature.digest_mismatch', 'Nội dung tệp đã bị thay đổi sau khi ký: mã băm của phần được ký không khớp với chữ ký số.', 'error'));
  const verified = digestOk && signatureVerifies(si, x509, digestName, content);
  if (digestOk && !verified) findings.push(finding('signature.invalid', 'Chữ ký số không hợp lệ: giá trị chữ ký không khớp với chứng thư số của người ký.', 'error'));
  const at = sig.signedAt ? new Date(sig.signedAt) : null;
  const inValidity = at ? validAt(x509, at) : false;
  if (!at) findings.push(finding('signature.no_signing_time', 'Chữ ký số không ghi thời điểm ký, không kiểm tra được hiệu lực của chứng thư số.'));
  else if (!inValidity) {
    findings.push(finding('signature.certificate_expired', `Chứng thư số của người ký không còn hiệu lực tại thời điểm ký (${sig.signedAt}); hiệu lực từ ${new Date(x509.validFrom).toISOString().slice(0, 10)} đến ${new Date(x509.validTo).toISOString().slice(0, 10)}.`, 'error'));
  }
  sig.valid = rangeOk && verified && inValidity;
  const pool = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
    .map((c) => new crypto.X509Certificate(Buffer.from(c.toSchema().toBER(false))));
  sig.trusted = at !== null && ctx.anchors.length > 0 && chainsToAnchor(x509, pool, ctx.anchors, at);
  if (ctx.anchors.length > 0 && !sig.trusted) {
    findings.push(finding('signature.untrusted', `Chứng thư số của người ký (cấp bởi "${sig.issuer ?? 'không rõ'}") không thuộc tổ chức chứng thực nào trong thư mục tin cậy đã cấu hình.`));
  }
  if (sig.modifiedAfterSigning) {
    findings.push(finding('signature.modified_after_signing', 'Tệp có thêm nội dung sau phần đã ký (sửa đổi sau khi ký): phần thêm vào không được chữ ký bảo vệ.'));
  }
  return sig;
}

/** Reads trust anchors (DER bytes) into certificates; an unreadable one is skipped by the loader, not here. */
const anchorsOf = (anchors: TrustAnchors) => anchors.map((a) => new crypto.X509Certificate(Buffer.from(a)));

/**
 * Every signature in a PDF, checked. Later signatures usually cover earlier ones (a person signs,
 * then the organisation; each adds an incremental update), so "modified after signing" on an
 * earlier signature is only information when a later valid signature covers the whole file.
 */
export function checkPdfSignatures(bytes: Uint8Array, trust: TrustAnchors = []): SignatureCheck {
  const dicts = findSignatureDictionaries(bytes);
  if (dicts.length === 0) return { signatures: [], findings: [] };
  const anchors = anchorsOf(trust);
  const signatures = dicts.map((d) => checkOne({ bytes, anchors }, d));
  const lastCovers = signatures.some((s) => s.valid && s.coversWholeFile);
  for (const s of signatures) {
    if (!lastCovers) continue;
    for (const f of s.findings) if (f.code === 'signature.modified_after_signing') {
      f.severity = 'info';
      f.message = 'Chữ ký này được ký trước một chữ ký khác; phần thêm vào sau đó được chữ ký sau bảo vệ.';
    }
  }
  const findings = anchors.length === 0
    ? [finding('signature.no_trust_anchors', 'Chưa cấu hình thư mục chứng thư số tin cậy (--trust): chữ ký số được kiểm tra tính toàn vẹn nhưng chưa xác định được tổ chức cấp có đáng tin hay không.', 'info')]
    : [];
  return { signatures, findings };
}
