// signatures: every digital signature in a PDF, checked against the bytes and the configured
// trust folder (extractors/pdf-signature.ts). Never fails a document: a broken, untrusted or
// later-modified signature is a finding, and the document goes on to be read and reviewed.
import { defineStage, done } from '../stage.js';
import { checkPdfSignatures } from '../../extractors/pdf-signature.js';
import { loadTrustAnchors } from '../../extractors/trust-anchors.js';
import type { SignatureCheck } from '../../model/signature.js';

export const signaturesStage = defineStage({
  name: 'signatures',
  needs: ['probe'],
  gives: ['signatures'],
  async run(ctx, doc) {
    if (doc.artifacts.probe.kind !== 'pdf') return done({ signatures: { signatures: [], findings: [] } satisfies SignatureCheck });
    const bytes = ctx.store.read(doc.row.store_path!);
    // The folder is read per document: it is small, and a certificate added while the service runs counts at once.
    return done({ signatures: checkPdfSignatures(bytes, loadTrustAnchors(ctx.cfg.trustDir)) });
  },
});
