// Trust anchors for signature checking: the CA certificates in the folder the user configures
// (`--trust DIR`), PEM (one or more certificates per file) or DER. Nothing is bundled: which
// CAs an office trusts (Ban Cơ yếu Chính phủ's root, public CAs) is the office's decision.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TrustAnchors } from '../model/signature.js';

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

/** Every certificate in the folder's files (not recursive); an unreadable file is skipped. */
export function loadTrustAnchors(dir: string | null): TrustAnchors {
  if (!dir || !fs.existsSync(dir)) return [];
  const out: Uint8Array[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    try {
      const st = fs.statSync(file);
      if (!st.isFile() || st.size > MAX_FILE_BYTES) continue;
      out.push(...certificatesIn(fs.readFileSync(file)));
    } catch {
      // unreadable: skipped, the others still count
    }
  }
  return out;
}
