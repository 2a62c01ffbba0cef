// signatures: every digital signature in a PDF (extractors/pdf-signature.ts) or inside a Word or
// Excel file (extractors/office/docx-signature.ts), checked against the bytes and the configured
// trust folder. Never fails a document: a broken, untrusted or
// later-modified signature is a finding, and the document goes on to be read and reviewed.
import { defineStage, done, failed } from '../stage.js';
import { TonghopError } from '../../model/errors.js';
import { checkPdfSignatures } from '../../extractors/pdf-signature.js';
import { checkOfficeSignatures } from '../../extractors/office/docx-signature.js';
import { loadTrustAnchors, loadTrustCrls } from '../../extractors/trust-anchors.js';
import type { SignatureCheck } from '../../model/signature.js';

export const signaturesStage = defineStage({
  name: 'signatures',
  needs: ['probe'],
  gives: ['signatures'],
  async run(ctx, doc) {
    const kind = doc.artifacts.probe.kind;
    if (kind !== 'pdf' && kind !== 'docx' && kind !== 'xlsx') return done({ signatures: { signatures: [], findings: [] } satisfies SignatureCheck });
    const bytes = ctx.store.read(doc.row.store_path!);
    // The folder is read per document: it is small, and a certificate added while the service runs counts at once.
    const trust = loadTrustAnchors(ctx.cfg.trustDir);
    const crls = loadTrustCrls(ctx.cfg.trustDir);
    if (kind === 'pdf') return done({ signatures: checkPdfSignatures(bytes, trust, crls) });
    try {
      return done({ signatures: checkOfficeSignatures(bytes, trust, crls) });
    } catch (err) {
      // the package's parts are read under the zip limits: a hostile one fails with its office.* code
      if (err instanceof TonghopError) return failed(err);
      throw err;
    }
  },
});
