// Digital signatures inside Word and Excel files (OOXML packages, ECMA-376 Part 2 §13: Office's
// "Sign document"). Each signature is a part `_xmlsignatures/sigN.xml` holding an XML-DSig
// <Signature>: its SignedInfo references an <Object> whose <Manifest> lists the package parts it
// covers, each with a digest; the signing time is a SignatureProperty. Checked as for a PDF:
//  1. the XML signature itself (SignedInfo canonicalised, its references' digests, the
//     signature value against the certificate in KeyInfo) by xml-crypto, a maintained library;
//  2. every part the manifest lists, digested again (raw bytes, or canonical XML when the
//     reference says so; relationship parts through the OPC RelationshipTransform);
//  3. the certificate valid at the signing time, chained to the configured trust folder, and
//     not listed as revoked by a CRL of that folder.
// A content part the manifest does not cover (added or replaced after signing) means the
// signature does not cover the whole file: "modified after signing". Nothing here throws on a
// bad signature: every problem is a finding, and the document is read as usual.
import crypto from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { C14nCanonicalization, SignedXml } from 'xml-crypto';
import type { Finding } from '../../model/document.js';
import type { CheckedSignature, SignatureCheck, TrustAnchors } from '../../model/signature.js';
import * as pkijs from 'pkijs';
import { anchorsOf, certificateNames, chainsToAnchor, finding, trustFindings, validAt } from '../cms.js';
import { crlsOf, revocationVerdict } from '../revocation.js';
import { readZipParts, zipEntryNames, type ZipLimits, DEFAULT_ZIP_LIMITS } from './zip.js';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const MDSSI = 'http://schemas.openxmlformats.org/package/2006/digital-signature';
const XADES = 'http://uri.etsi.org/01903/v1.3.2#';
const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const REL_TRANSFORM = 'http://schemas.openxmlformats.org/package/2006/RelationshipTransform';
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DIGESTS: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1', 'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384', 'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};
/** signature parts read per file; more is hostile or broken */
const MAX_SIGNATURES = 20;

const SIGNATURE_PART = /^_xmlsignatures\/[^/]+\.xml$/;
/** Parts a signature need not cover: the content-type list, the signatures themselves, metadata, the package relationships (they point at the signatures). */
const UNSIGNED_PART = /^(\[Content_Types\]\.xml|_xmlsignatures\/.*|docProps\/.*|_rels\/\.rels)$/;


/** The names of the package's signature parts (cheap: the zip's directory only). */
export function officeSignatureParts(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): string[] {
  return zipEntryNames(bytes, limits).filter((n) => SIGNATURE_PART.test(n)).slice(0, MAX_SIGNATURES);
}

type El = Element;
const kids = (n: Node | null | undefined, ns: string, local: string): El[] => {
  const out: El[] = [];
  for (let c = n?.firstChild ?? null; c; c = c.nextSibling) if (c.nodeType === 1 && (c as El).localName === local && (c as El).namespaceURI === ns) out.push(c as El);
  return out;
};
const kid = (n: Node | null | undefined, ns: string, local: string): El | undefined => kids(n, ns, local)[0];
const descendants = (n: El | Document, ns: string, local: string): El[] => Array.from(n.getElementsByTagNameNS(ns, local));
const textIn = (n: Node | null | undefined) => (n?.textContent ?? '').trim();

/** Parses one XML part; a DOCTYPE or ENTITY is refused before parsing (no XXE, no entity expansion). */
function parseDom(text: string): Document | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return null;
  let failed = false;
  const doc = new DOMParser({ errorHandler: (level: string) => { if (level !== 'warning') failed = true; } }).parseFromString(text, 'application/xml');
  return failed || !doc?.documentElement ? null : doc;
}

const c14n = (node: Node) => new C14nCanonicalization().process(node, {});

/**
 * The OPC RelationshipTransform (ECMA-376 Part 2 §13.2.4.24): the relationships whose Id or
 * Type the transform names, sorted by Id, each with TargetMode made explicit, then
 * canonicalised. Offices sign relationship parts this way so adding a signature relationship
 * later does not break the signature.
 */
export function relationshipTransform(relsXml: string, transform: El): string | null {
  const doc = parseDom(relsXml);
  if (!doc) return null;
  const ids = new Set(descendants(transform, MDSSI, 'RelationshipReference').map((r) => r.getAttribute('SourceId') ?? ''));
  const types = new Set(descendants(transform, MDSSI, 'RelationshipsGroupReference').map((r) => r.getAttribute('SourceType') ?? ''));
  const rels = descendants(doc, PKG_RELS, 'Relationship')
    .filter((r) => ids.has(r.getAttribute('Id') ?? '') || types.has(r.getAttribute('Type') ?? ''))
    .sort((a, b) => ((a.getAttribute('Id') ?? '') < (b.getAttribute('Id') ?? '') ? -1 : 1));
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const body = rels.map((r) => `<Relationship Id="${esc(r.getAttribute('Id') ?? '')}" Target="${esc(r.getAttribute('Target') ?? '')}" TargetMode="${esc(r.getAttribute('TargetMode') || 'Internal')}" Type="${esc(r.getAttribute('Type') ?? '')}"></Relationship>`).join('');
  const out = parseDom(`<Relationships xmlns="${PKG_RELS}">${body}</Relationships>`);
  return out ? c14n(out.documentElement) : null;
}

/** The octets a manifest reference's digest is computed over, after its transforms; null when they cannot be applied. */
function referencedOctets(part: Uint8Array, ref: El): Buffer | null {
  const transforms = descendants(ref, DSIG, 'Transform');
  if (transforms.length === 0) return Buffer.from(part);
  let xml = Buffer.from(part).toString('utf8');
  for (const t of transforms) {
    const alg = t.getAttribute('Algorithm');
    if (alg === REL_TRANSFORM) {
      const r = relationshipTransform(xml, t);
      if (r === null) return null;
      xml = r;
    } else if (alg === C14N) {
      const d = parseDom(xml);
      if (!d) return null;
      xml = c14n(d.documentElement);
    } else return null;
  }
  return Buffer.from(xml, 'utf8');
}

/** The package part a manifest URI names ("/word/document.xml?ContentType=..." → "word/document.xml"). */
const partName = (uri: string) => decodeURIComponent(uri.replace(/\?.*$/, '').replace(/^\//, ''));

/** The signer certificate and the others sent with it (KeyInfo/X509Data), as DER. */
function keyInfoCertificates(sig: El): Buffer[] {
  return descendants(sig, DSIG, 'X509Certificate').map((c) => Buffer.from(textIn(c).replace(/\s+/g, ''), 'base64'));
}

/** Signing time: the OPC SignatureTime property, else XAdES SigningTime; ISO 8601 or null. */
function signingTimeOf(sig: El): string | null {
  const raw = textIn(descendants(sig, MDSSI, 'SignatureTime').flatMap((t) => kids(t, MDSSI, 'Value'))[0])
    || textIn(descendants(sig, XADES, 'SigningTime')[0]);
  const t = raw ? new Date(raw) : null;
  return t && !Number.isNaN(t.getTime()) ? t.toISOString() : null;
}

interface ManifestResult { covered: Set<string>; mismatched: string[]; missing: string[]; unreadable: string[] }

/** Every manifest reference of the signed Objects, digested again over the package's parts. */
function checkManifest(sig: El, signedObjectIds: Set<string>, parts: Map<string, Uint8Array>): ManifestResult {
  const out: ManifestResult = { covered: new Set(), mismatched: [], missing: [], unreadable: [] };
  const objects = kids(sig, DSIG, 'Object').filter((o) => signedObjectIds.has(o.getAttribute('Id') ?? ''));
  for (const ref of objects.flatMap((o) => kids(o, DSIG, 'Manifest')).flatMap((m) => kids(m, DSIG, 'Reference'))) {
    const name = partName(ref.getAttribute('URI') ?? '');
    const part = parts.get(name);
    if (!part) { out.missing.push(name); continue; }
    const alg = DIGESTS[kid(ref, DSIG, 'DigestMethod')?.getAttribute('Algorithm') ?? ''];
    const octets = alg ? referencedOctets(part, ref) : null;
    if (!octets) { out.unreadable.push(name); continue; }
    const expected = Buffer.from(textIn(kid(ref, DSIG, 'DigestValue')), 'base64');
    const got = crypto.createHash(alg).update(octets).digest();
    if (expected.length === got.length && crypto.timingSafeEqual(expected, got)) out.covered.add(name);
    else out.mismatched.push(name);
  }
  return out;
}

interface SignedInfoResult { ok: boolean; objectIds: Set<string>; error: string | null }

/** xml-crypto's core validation: SignedInfo's references and the signature value, with the KeyInfo certificate. */
function checkSignedInfo(xml: string, sig: El, cert: crypto.X509Certificate): SignedInfoResult {
  const sx = new SignedXml({ publicCert: cert.toString(), getCertFromKeyInfo: () => null });
  try {
    sx.loadSignature(sig);
    const ok = sx.checkSignature(xml);
    const objectIds = new Set(sx.getReferences().map((r) => r.uri.replace(/^#/, '')));
    return { ok, objectIds: ok ? objectIds : new Set(), error: null };
  } catch (err) {
    return { ok: false, objectIds: new Set(), error: (err as Error)?.message ?? String(err) };
  }
}

interface CheckContext { parts: Map<string, Uint8Array>; anchors: crypto.X509Certificate[]; crls: pkijs.CertificateRevocationList[] }

/** Revocation by the trust folder's CRLs (an XML signature carries none): adds its finding, true when revoked. */
function revoked(ctx: CheckContext, der: Buffer, pool: crypto.X509Certificate[], findings: Finding[]): boolean {
  let cert: pkijs.Certificate;
  try {
    cert = pkijs.Certificate.fromBER(new Uint8Array(der).buffer);
  } catch {
    return false;
  }
  const v = revocationVerdict(cert, ctx.crls, [...ctx.anchors, ...pool], null);
  if (v.finding) findings.push(v.finding);
  return v.revoked;
}

/** One signature part, checked; every problem is a finding on the signature. */
// Long because it walks the checks in the order a person would read them, as the PDF check does.
function checkOne(ctx: CheckContext, name: string): CheckedSignature {
  const findings: Finding[] = [];
  const sig: CheckedSignature = { signer: null, organisation: null, issuer: null, signedAt: null, timestamped: false, valid: false, trusted: false, coversWholeFile: false, modifiedAfterSigning: false, findings };
  const xml = Buffer.from(ctx.parts.get(name) ?? new Uint8Array()).toString('utf8');
  const el = parseDom(xml)?.documentElement;
  const root = el && el.localName === 'Signature' && el.namespaceURI === DSIG ? el : el ? descendants(el, DSIG, 'Signature')[0] : undefined;
  if (!root || !kid(root, DSIG, 'SignedInfo') || !kid(root, DSIG, 'SignatureValue')) {
    findings.push(finding('signature.malformed', `Không đọc được chữ ký số trong tệp (${name} không phải chữ ký XML hợp lệ).`, 'error'));
    return sig;
  }
  const ders = keyInfoCertificates(root);
  let cert: crypto.X509Certificate | null = null;
  try {
    cert = ders.length ? new crypto.X509Certificate(ders[0]) : null;
  } catch { cert = null; }
  if (!cert) {
    findings.push(finding('signature.no_certificate', 'Chữ ký số không kèm chứng thư số của người ký, không kiểm tra được.', 'error'));
    return sig;
  }
  Object.assign(sig, certificateNames(ders[0]));
  sig.signedAt = signingTimeOf(root);
  const core = checkSignedInfo(xml, root, cert);
  if (!core.ok) findings.push(finding('signature.invalid', `Chữ ký số không hợp lệ: phần được ký hoặc giá trị chữ ký không khớp với chứng thư số của người ký${core.error ? ` (${core.error.slice(0, 120)})` : ''}.`, 'error'));
  const m = core.ok ? checkManifest(root, core.objectIds, ctx.parts) : { covered: new Set<string>(), mismatched: [], missing: [], unreadable: [] };
  if (m.mismatched.length) findings.push(finding('signature.digest_mismatch', `Nội dung tệp đã bị thay đổi sau khi ký: ${m.mismatched.join(', ')} không khớp với chữ ký số.`, 'error'));
  if (m.missing.length || m.unreadable.length) findings.push(finding('signature.part_missing', `Chữ ký số liệt kê phần không có hoặc không kiểm tra được trong tệp: ${[...m.missing, ...m.unreadable].join(', ')}.`, 'error'));
  const content = [...ctx.parts.keys()].filter((p) => !UNSIGNED_PART.test(p) && !p.endsWith('/'));
  const uncovered = content.filter((p) => !m.covered.has(p));
  const intact = core.ok && m.covered.size > 0 && m.mismatched.length === 0 && m.missing.length === 0 && m.unreadable.length === 0;
  sig.coversWholeFile = intact && uncovered.length === 0;
  sig.modifiedAfterSigning = intact && uncovered.length > 0;
  if (sig.modifiedAfterSigning) findings.push(finding('signature.modified_after_signing', `Tệp có phần không được chữ ký bảo vệ (thêm hoặc thay sau khi ký): ${uncovered.slice(0, 5).join(', ')}.`));
  const at = sig.signedAt ? new Date(sig.signedAt) : null;
  const inValidity = at ? validAt(cert, at) : false;
  if (!at) findings.push(finding('signature.no_signing_time', 'Chữ ký số không ghi thời điểm ký, không kiểm tra được hiệu lực của chứng thư số.'));
  else if (!inValidity) {
    findings.push(finding('signature.certificate_expired', `Chứng thư số của người ký không còn hiệu lực tại thời điểm ký (${sig.signedAt}); hiệu lực từ ${new Date(cert.validFrom).toISOString().slice(0, 10)} đến ${new Date(cert.validTo).toISOString().slice(0, 10)}.`, 'error'));
  }
  const pool = ders.slice(1).flatMap((d) => { try { return [new crypto.X509Certificate(d)]; } catch { return []; } });
  sig.valid = intact && inValidity && !revoked(ctx, ders[0], pool, findings);
  sig.trusted = at !== null && ctx.anchors.length > 0 && chainsToAnchor(cert, pool, ctx.anchors, at);
  if (ctx.anchors.length > 0 && !sig.trusted) {
    findings.push(finding('signature.untrusted', `Chứng thư số của người ký (cấp bởi "${sig.issuer ?? 'không rõ'}") không thuộc tổ chức chứng thực nào trong thư mục tin cậy đã cấu hình.`));
  }
  return sig;
}

/** Every signature in a DOCX/XLSX package, checked (empty when it has none). Zip limits apply as when reading it. */
export function checkOfficeSignatures(bytes: Uint8Array, trust: TrustAnchors = [], crlDers: readonly Uint8Array[] = [], limits: ZipLimits = DEFAULT_ZIP_LIMITS): SignatureCheck {
  const names = officeSignatureParts(bytes, limits);
  if (names.length === 0) return { signatures: [], findings: [] };
  const parts = readZipParts(bytes, () => true, limits);
  const anchors = anchorsOf(trust);
  const env = { parts, anchors, crls: crlsOf(crlDers) };
  const signatures = names.map((n) => checkOne(env, n));
  return { signatures, findings: trustFindings(anchors) };
}
