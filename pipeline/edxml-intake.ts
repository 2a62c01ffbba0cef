// edXML packages in the pipeline: the attachments of a package are taken in as documents of
// their own (content-addressed, like any file; one already received is only linked), each
// linked to the package with `parent_id`, and each later checked against its envelope.
import path from 'node:path';
import type { StageContext } from './stage.js';
import type { DocumentRow } from '../model/records.js';
import { sha256Of } from './content-store.js';
import { looksLikeEdxml, parseEdxml, DEFAULT_EDXML_LIMITS, type EdxmlAttachment, type EdxmlEnvelope } from '../extractors/edxml.js';

/** Takes in every attachment (idempotent: a re-run finds them by content) and returns their ids. */
export function takeInAttachments(ctx: StageContext, parent: DocumentRow, attachments: EdxmlAttachment[]): string[] {
  const { repo, store } = ctx;
  return attachments.map((a) => {
    const bytes = Buffer.from(a.bytes);
    const sha = sha256Of(bytes);
    const known = repo.findOriginalBySha(sha);
    if (known) {
      repo.setParent(known.id, parent.id);
      return known.id;
    }
    const id = sha.slice(0, 16);
    const ext = (path.extname(a.name).toLowerCase().match(/^\.[a-z0-9]{1,5}$/)?.[0]) ?? '.bin';
    const storePath = store.put(bytes, sha, ext);
    repo.transaction(() => {
      repo.insert({ id, fileName: a.name, sourcePath: `${parent.source_path ?? parent.file_name}#${a.name}`, sha256: sha, size: bytes.length, storePath, status: 'pending' });
      repo.setParent(id, parent.id);
      repo.completeStage(id, 'ingest', 0, {});
    });
    return id;
  });
}

/** The envelope of the package a document came in, read again from the stored package; null when it has none. */
export function parentEnvelope(ctx: StageContext, row: DocumentRow): EdxmlEnvelope | null {
  if (!row.parent_id) return null;
  const parent = ctx.repo.get(row.parent_id);
  if (!parent?.store_path) return null;
  const bytes = ctx.store.read(parent.store_path);
  if (!looksLikeEdxml(bytes)) return null;
  try {
    return parseEdxml(bytes, DEFAULT_EDXML_LIMITS, { attachments: false });
  } catch {
    return null; // the package itself failed with its own code; nothing to compare
  }
}

/**
 * The envelope a document is checked against: its package's for an attachment, its own for a
 * package (the sender's organisation code then settles a province its header page lacks).
 */
export function envelopeOf(ctx: StageContext, row: DocumentRow, kind: string): EdxmlEnvelope | null {
  if (row.parent_id) return parentEnvelope(ctx, row);
  if (kind !== 'edxml' || !row.store_path) return null;
  try {
    return parseEdxml(ctx.store.read(row.store_path), DEFAULT_EDXML_LIMITS, { attachments: false });
  } catch {
    return null; // a package that fails has failed earlier with its own code
  }
}
