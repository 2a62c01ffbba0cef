// A digital signature found in a document, as checked (extractors/pdf-signature.ts for PDFs,
// extractors/office/docx-signature.ts for Word/Excel), stored
// (table `signatures`) and exported (`signatures: [...]` in `export documents`, docs/cli.md).
import type { Finding } from './document.js';

export interface SignatureInfo {
  /** the signer certificate's CN, as printed (a person or an organisation), or null when unreadable */
  signer: string | null;
  /** OU and O of the signer certificate, joined with ", " */
  organisation: string | null;
  /** the CN (else O) of the certificate's issuer (the CA) */
  issuer: string | null;
  /**
   * ISO 8601 signing time: a verified RFC 3161 timestamp's time (see `timestamped`), else the
   * signed `signingTime` attribute, else the signature dictionary's /M
   */
  signedAt: string | null;
  /** signedAt is the time of an RFC 3161 timestamp whose imprint and TSA signature verify (and whose TSA is trusted, when a trust folder is configured) */
  timestamped: boolean;
  /**
   * the signed bytes are intact: the byte range is well-formed (exactly the /Contents hole left
   * out), the message digest matches, the signature verifies with the signer certificate, that
   * certificate was within its validity period at the signing time, and no CRL lists it as revoked
   */
  valid: boolean;
  /** the signer certificate chains to a certificate in the configured trust folder */
  trusted: boolean;
  /** the byte range is well-formed and ends at the end of the file */
  coversWholeFile: boolean;
  /** bytes follow the signed range (an incremental update or anything appended) */
  modifiedAfterSigning: boolean;
}

/** One signature with what was noticed about it (Vietnamese findings, codes `signature.*`). */
export interface CheckedSignature extends SignatureInfo {
  findings: Finding[];
}

/** What the signature check gives for a document: empty when it is unsigned (or neither PDF nor DOCX/XLSX). */
export interface SignatureCheck {
  signatures: CheckedSignature[];
  /** findings about the set as a whole (no trust folder configured, a later signature covering an earlier one) */
  findings: Finding[];
}

/** Trust anchors as DER bytes, read from the folder the user configures (`--trust DIR`). */
export type TrustAnchors = readonly Uint8Array[];
