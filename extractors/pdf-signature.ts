// Digital signatures in a PDF (ISO 32000-1 §12.8): every signature dictionary is found in the
// raw bytes (/ByteRange and /Contents), and each is checked on its own:
//  1. the byte range is [0, a, b, c] with a..b exactly the /Contents hex string, so no signed
//     byte can be anything but what the signer saw (a range that leaves out more, or covers
//     less, "lies");
//  2. the CMS SignedData in /Contents (parsed with pkijs/asn1js, never by hand) holds a
//     messageDigest equal to the digest of the signed bytes, and its signature verifies with the
//     signer certificate's public key (node:crypto);
//  3. the signer certificate was within its validity period at the signing time;
//  4. the certificate chains to a trust anchor the user configured (none is bundled);
//  5. an RFC 3161 timestamp, when the signature carries one, gives the trusted signing time
//     (timestamp.ts), and CRLs from the trust folder and the signature say whether the
//     certificate was revoked (revocation.ts).
// Bytes after the signed range mean the file was changed after signing. Nothing here throws on
// a bad signature: every problem is a finding, and the document is read as usual.
import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import type { Finding } from '../model/document.js';
import type { CheckedSignature, SignatureCheck, TrustAnchors } from '../model/signature.js';
import { anchorsOf, attribute, certificatesOf, chainsToAnchor, DIGESTS, finding, namesOf, OID, parseSignedData, signatureVerifies, signerCertificate, toX509, trustFindings, validAt } from './cms.js';
import { checkTimestamp } from './timestamp.js';
import { crlsOf, crlsOfSignature, revocationVerdict } from './revocation.js';

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

/** Parses /Contents as CMS SignedData; null when it is not one. */
function parseCms(hex: string): pkijs.SignedData | null {
  const der = Buffer.from(hex.replace(/\s+/g, '').replace(/(00)+$/, ''), 'hex');
  if (der.length === 0 || der.length > MAX_CMS_BYTES) return null;
  return parseSignedData(der);
}

interface CheckContext { bytes: Uint8Array; anchors: crypto.X509Certificate[]; crls: pkijs.CertificateRevocationList[] }

/**
 * The signing time: a verified RFC 3161 timestamp's when its TSA is trusted (or no trust folder
 * is configured), else the signed signingTime attribute, else the dictionary's /M.
 */
function signingTime(sig: CheckedSignature, si: pkijs.SignerInfo, anchors: readonly crypto.X509Certificate[]): void {
  const claimed = attribute(si, OID.signingTime);
  if (claimed instanceof asn1js.UTCTime || claimed instanceof asn1js.GeneralizedTime) sig.signedAt = claimed.toDate().toISOString();
  const ts = checkTimestamp(si, anchors);
  if (!ts) return;
  sig.findings.push(...ts.findings);
  if (ts.verified && (ts.trusted || anchors.length === 0)) {
    sig.signedAt = ts.time;
    sig.timestamped = true;
  }
}

/** Checks one signature dictionary; every problem becomes a finding on the signature. */
// Long because it walks the checks in the order a person would read them; each step is one line or two.
function checkOne(ctx: CheckContext, d: SignatureDictionary): CheckedSignature {
  const { bytes } = ctx;
  const findings: Finding[] = [];
  const rangeOk = byteRangeExact(d, bytes.length);
  const end = d.byteRange ? d.byteRange[2] + d.byteRange[3] : 0;
  const sig: CheckedSignature = {
    signer: null, organisation: null, issuer: null, signedAt: pdfDate(d.m), timestamped: false, valid: false, trusted: false,
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
  signingTime(sig, si, ctx.anchors);
  const x509 = toX509(cert);
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
  const pool = certificatesOf(sd).map(toX509);
  const revocation = revocationVerdict(cert, [...ctx.crls, ...crlsOfSignature(sd, si)], [...ctx.anchors, ...pool], sig.timestamped ? sig.signedAt : null);
  if (revocation.finding) findings.push(revocation.finding);
  sig.valid = rangeOk && verified && inValidity && !revocation.revoked;
  sig.trusted = at !== null && ctx.anchors.length > 0 && chainsToAnchor(x509, pool, ctx.anchors, at);
  if (ctx.anchors.length > 0 && !sig.trusted) {
    findings.push(finding('signature.untrusted', `Chứng thư số của người ký (cấp bởi "${sig.issuer ?? 'không rõ'}") không thuộc tổ chức chứng thực nào trong thư mục tin cậy đã cấu hình.`));
  }
  if (sig.modifiedAfterSigning) {
    findings.push(finding('signature.modified_after_signing', 'Tệp có thêm nội dung sau phần đã ký (sửa đổi sau khi ký): phần thêm vào không được chữ ký bảo vệ.'));
  }
  return sig;
}


/**
 * Every signature in a PDF, checked. Later signatures usually cover earlier ones (a person signs,
 * then the organisation; each adds an incremental update), so "modified after signing" on an
 * earlier signature is only information when a later valid signature covers the whole file.
 */
export function checkPdfSignatures(bytes: Uint8Array, trust: TrustAnchors = [], crls: readonly Uint8Array[] = []): SignatureCheck {
  const dicts = findSignatureDictionaries(bytes);
  if (dicts.length === 0) return { signatures: [], findings: [] };
  const env = { bytes, anchors: anchorsOf(trust), crls: crlsOf(crls) };
  const signatures = dicts.map((d) => checkOne(env, d));
  const lastCovers = signatures.some((s) => s.valid && s.coversWholeFile);
  for (const s of signatures) {
    if (!lastCovers) continue;
    for (const f of s.findings) if (f.code === 'signature.modified_after_signing') {
      f.severity = 'info';
      f.message = 'Chữ ký này được ký trước một chữ ký khác; phần thêm vào sau đó được chữ ký sau bảo vệ.';
    }
  }
  return { signatures, findings: trustFindings(env.anchors) };
}
