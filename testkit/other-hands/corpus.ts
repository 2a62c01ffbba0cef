// The "other hands" corpus: one PDF per ground-truth document in a layout drawn per
// document, a manifest (truth, printed header lines, layout choices, where each indicator
// is stated), and a deterministic tune/report split by a hash of the document id.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadGroundTruth, Rand, type GroundTruthDocument } from '../generator/ground-truth.js';
import { isTunePart } from './split.js';
import { programmeContent, reportContent } from './content.js';
import { titleText } from './header-text.js';
import { layoutFor, type Layout } from './params.js';
import { Renderer } from './render.js';
import type { TableShape } from './tables.js';

export type Part = 'tune' | 'report';

export function partOf(id: string): Part {
  return isTunePart(id) ? 'tune' : 'report';
}

export interface ManifestIndicator {
  value: number;
  of?: number;
  qualifier: string;
  placement: 'prose' | 'table' | 'both';
  prosePages: number[];
  tablePages: number[];
  /** word order of the prose clause ("verb-first", "figure-first", "pair", "label") */
  proseOrder?: string;
  /** how the figure was written in prose ("grouped", "words", "khoảng grouped", "ty", ...) */
  proseForm?: string;
}

export interface OtherHandsDocument {
  id: string;
  file: string;
  part: Part;
  sha256: string;
  bytes: number;
  pages: number;
  truth: {
    kind: 'report' | 'programme';
    docNumber: string; docType: string | null; issueDate: string;
    province: { code: string; name: string };
    period: string | null;
    /** the title as printed, and the readings counted as right (with or without the type words) */
    title: string;
    titleAccepted: string[];
  };
  printed: { numberLine: string; dateLines: string[]; typeLine: string | null; subjectLine: string | null };
  /** headerVariant: joint/single, issuer style, date style as laid out */
  layout: Layout & { headerVariant: string };
  table: TableShape | null;
  indicators: Record<string, ManifestIndicator>;
}

export interface OtherHandsManifest { version: 1; generator: 'testkit/other-hands'; documents: OtherHandsDocument[] }

/** Thrown instead of adding a second page when only the first page is wanted. */
class FirstPageFull extends Error {}

/**
 * Renders one document. firstPageOnly: the text stops where page 1 ends (for the scanned
 * subset: OCR time goes to the header page); indicators not fully on page 1 get no pages.
 */
export async function renderOtherHands(d: GroundTruthDocument, opts: { firstPageOnly?: boolean } = {}): Promise<{ bytes: Buffer; entry: Omit<OtherHandsDocument, 'file' | 'sha256' | 'bytes'> }> {
  const L = layoutFor(d);
  const t = titleText(d, L, new Rand('other-hands', 'title', d.id));
  const c = d.kind === 'report' ? reportContent(d, L) : programmeContent(d);
  const r = new Renderer(d, L);
  if (opts.firstPageOnly) r.doc.addPage = () => { throw new FirstPageFull(); };
  const h = r.header(t);
  try {
    r.titleBlock(t, c.salutation);
    r.blocks(c.body);
    r.closing(c.recipients);
    if (c.appendix.length) { r.doc.addPage(); r.blocks(c.appendix); }
  } catch (e) {
    if (!(e instanceof FirstPageFull)) throw e;
  }
  const pages = r.page;
  r.pageNumbers();
  const bytes = await r.finish();
  const indicators: Record<string, ManifestIndicator> = {};
  for (const [k, v] of Object.entries(d.indicators ?? {})) {
    const clause = c.prose.find((p) => p.keys.includes(k));
    indicators[k] = {
      value: v.value, ...(v.of !== undefined ? { of: v.of } : {}), qualifier: v.qualifier, placement: v.placement,
      prosePages: [...(r.prosePages.get(k) ?? [])].sort((a, b) => a - b),
      tablePages: [...(r.tablePages.get(k) ?? [])].sort((a, b) => a - b),
      ...(clause ? { proseOrder: clause.order, proseForm: clause.forms[k] } : {}),
    };
  }
  return {
    bytes,
    entry: {
      id: d.id, part: partOf(d.id), pages,
      truth: {
        kind: d.kind, docNumber: d.docNumber, docType: d.docType, issueDate: d.issueDate, province: d.province,
        period: d.reportingPeriod?.label ?? null, title: t.subjectLine ? t.subjectLine.replace(/^V\/v /, '') : t.title, titleAccepted: t.accepted,
      },
      printed: { numberLine: h.numberLine, dateLines: h.dateLines, typeLine: t.typeLine, subjectLine: t.subjectLine },
      layout: { ...L, headerVariant: h.variant },
      table: c.table,
      indicators,
    },
  };
}

export interface GenerateOptions { part?: Part | 'all'; groundTruthFile?: string }

/** Writes the PDFs of the chosen part and manifest.json into outDir; returns the manifest. */
export async function generateOtherHands(outDir: string, opts: GenerateOptions = {}): Promise<OtherHandsManifest> {
  const gt = loadGroundTruth(opts.groundTruthFile);
  const part = opts.part ?? 'all';
  const docs = gt.documents.filter((d) => part === 'all' || partOf(d.id) === part);
  mkdirSync(outDir, { recursive: true });
  const wanted = new Set(docs.map((d) => `${d.id}.pdf`));
  for (const f of readdirSync(outDir)) if (f.endsWith('.pdf') && !wanted.has(f)) rmSync(path.join(outDir, f));
  const out: OtherHandsDocument[] = [];
  for (const d of docs) {
    const { bytes, entry } = await renderOtherHands(d);
    const file = `${d.id}.pdf`;
    writeFileSync(path.join(outDir, file), bytes);
    out.push({ ...entry, file, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
  }
  const manifest: OtherHandsManifest = { version: 1, generator: 'testkit/other-hands', documents: out };
  writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
