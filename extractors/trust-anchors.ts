// Trust anchors for signature checking: the CA certificates in the folder the user configures
// (`--trust DIR`), PEM (one or more certificates per file) or DER, and the CRLs put beside them
// (PEM "X509 CRL" or DER), against which signer certificates are checked for revocation.
// Nothing is bundled: which CAs an office trusts (Ban Cơ yếu Chính phủ's root, public CAs) is
// the office's decision.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TrustAnchors } from '../model/signature.js';
import { crlsIn } from './revocation.js';

const PEM = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g;
/** a certificate file larger than this is not a certificate */
const MAX_FILE_BYTES = 1024 * 1024;

/** The certificates in one file's bytes; files that hold none (a README, a key) give nothing. */
export function certificatesIn(bytes: Buffer): Uint8Array[] {
  const text = bytes.toString('latin1');
  const ders = text.includes('-----BEGIN CERTIFICATE-----')
    ? [...text.matchAll(PEM)].map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64'))
    : [bytes];
  return ders.filter((der) => {
    try {
      new crypto.X509Certificate(der);
      return true;
    } catch {
      return false;
    }
  }).map((der) => new Uint8Array(der));
}

/** What `pick` finds in each of the folder's files (not recursive); an unreadable or oversized file is skipped. */
function fromFolder(dir: string | null, pick: (bytes: Buffer) => Uint8Array[], maxBytes: number): Uint8Array[] {
  if (!dir || !fs.existsSync(dir)) return [];
  const out: Uint8Array[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    try {
      const st = fs.statSync(file);
      if (!st.isFile() || st.size > maxBytes) continue;
      out.push(...pick(fs.readFileSync(file)));
    } catch {
      // unreadable: skipped, the others still count
    }
  }
  return out;
}

/** Every certificate in the folder's files. */
export const loadTrustAnchors = (dir: string | null): TrustAnchors => fromFolder(dir, certificatesIn, MAX_FILE_BYTES);

/** a CRL file larger than this is not read (a national CA's full CRL is a few MB) */
const MAX_CRL_BYTES = 32 * 1024 * 1024;

/** Every CRL in the folder's files (DER bytes). */
export const loadTrustCrls = (dir: string | null): Uint8Array[] => fromFolder(dir, crlsIn, MAX_CRL_BYTES);
