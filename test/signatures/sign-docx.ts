// Signs a DOCX the way Office's "Sign document" does (ECMA-376 Part 2 §13), with a test
// identity made in the test (sign-pdf.ts makeIdentity): a part `_xmlsignatures/sig1.xml`
// holding an XML-DSig Signature whose SignedInfo references an Object with a Manifest of the
// package's parts (digests over their bytes, XML parts canonicalised) and the signing time,
// the origin part and its relationship, and the package relationship to the origin. xml-crypto
// makes the XML signature. Nothing here is read by the pipeline.
import crypto from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { C14nCanonicalization, SignedXml } from 'xml-crypto';
import type { Identity } from './sign-pdf.js';

const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const ORIGIN_REL = 'http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin';
const SIG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/signature';

const pem = (der: Uint8Array, label: string) => `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

export interface DocxSignOptions {
  signer: Identity;
  chain?: Identity[];
  signingTime?: Date;
  /** XML parts digested as canonical XML (the c14n transform); the others over their bytes */
  canonicalise?: (name: string) => boolean;
}

/** A manifest reference to one part. */
function reference(name: string, bytes: Uint8Array, canonical: boolean): string {
  const octets = canonical
    ? Buffer.from(new C14nCanonicalization().process(new DOMParser().parseFromString(Buffer.from(bytes).toString('utf8'), 'application/xml').documentElement as unknown as Node, {}), 'utf8')
    : Buffer.from(bytes);
  const transforms = canonical ? `<Transforms><Transform Algorithm="${C14N}"/></Transforms>` : '';
  return `<Reference URI="/${name}?ContentType=application/xml">${transforms}<DigestMethod Algorithm="${SHA256}"/><DigestValue>${b64(crypto.createHash('sha256').update(octets).digest())}</DigestValue></Reference>`;
}

/** The signed DOCX. The signer must have an RSA key (XML-DSig rsa-sha256, what Office uses). */
export async function signDocx(docx: Uint8Array, o: DocxSignOptions): Promise<Buffer> {
  const parts = unzipSync(docx);
  const when = (o.signingTime ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const signed = Object.keys(parts).filter((n) => !/^(\[Content_Types\]\.xml|_rels\/\.rels|docProps\/.*)$/.test(n)).sort();
  const manifest = signed.map((n) => reference(n, parts[n], o.canonicalise?.(n) ?? false)).join('');
  const object = `<Manifest>${manifest}</Manifest><SignatureProperties><SignatureProperty Id="idSignatureTime" Target="#idPackageSignature"><mdssi:SignatureTime xmlns:mdssi="http://schemas.openxmlformats.org/package/2006/digital-signature"><mdssi:Format>YYYY-MM-DDThh:mm:ssTZD</mdssi:Format><mdssi:Value>${when}</mdssi:Value></mdssi:SignatureTime></SignatureProperty></SignatureProperties>`;
  const pkcs8 = new Uint8Array(await crypto.webcrypto.subtle.exportKey('pkcs8', o.signer.key as unknown as crypto.webcrypto.CryptoKey));
  const certs = [o.signer, ...(o.chain ?? [])];
  const sx = new SignedXml({
    privateKey: pem(pkcs8, 'PRIVATE KEY'),
    publicCert: pem(o.signer.der, 'CERTIFICATE'),
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: C14N,
    getKeyInfoContent: () => `<X509Data>${certs.map((c) => `<X509Certificate>${b64(c.der)}</X509Certificate>`).join('')}</X509Data>`,
    objects: [{ content: object, attributes: { Id: 'idPackageObject' } }],
  });
  sx.addReference({ xpath: "//*[@Id='idPackageObject']", digestAlgorithm: SHA256, transforms: [C14N], type: 'http://www.w3.org/2000/09/xmldsig#Object' });
  sx.computeSignature('<Signatures/>', { attrs: { Id: 'idPackageSignature' } });
  const rels = Buffer.from(parts['_rels/.rels']).toString('utf8')
    .replace('</Relationships>', `<Relationship Id="rIdSig" Type="${ORIGIN_REL}" Target="_xmlsignatures/origin.sigs"/></Relationships>`);
  const out = {
    ...parts,
    '_rels/.rels': strToU8(rels),
    '_xmlsignatures/origin.sigs': new Uint8Array(),
    '_xmlsignatures/_rels/origin.sigs.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${SIG_REL}" Target="sig1.xml"/></Relationships>`),
    '_xmlsignatures/sig1.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?>${sx.getSignatureXml()}`),
  };
  return Buffer.from(zipSync(out));
}

/** The same package with one part replaced (or added): a tampered or extended signed file. */
export function withPart(docx: Uint8Array, name: string, content: string | Uint8Array): Buffer {
  const parts = unzipSync(docx);
  return Buffer.from(zipSync({ ...parts, [name]: typeof content === 'string' ? strToU8(content) : content }));
}
