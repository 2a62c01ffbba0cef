// Medium test: the whole born-digital fixture set through the real pipeline into a real
// SQLite file; every header field matches the ground truth or is needs_review.
import fs from 'node:fs';
import path from 'node:path';
import { makeConfig } from '../../pipeline/config.js';
import { openApp, type App } from '../../pipeline/app.js';
import { ingestPaths } from '../../pipeline/ingest.js';
import { exportDocuments } from '../../reports/export-documents.js';
import { extractTextPagesIsolated, closePdfWorkers } from '../../extractors/pdf-isolated.js';
import { tempDir, groundTruth, bornDigitalFixtures, pdfsIn } from '../helpers.js';

const HEADER = ['docNumber', 'issueDate', 'province', 'docType'] as const;

describe('born-digital fixture set, end to end', () => {
  let app: App;
  let dir: string;
  let dbFile: string;
  let firstRunSeconds = 0;

  beforeAll(async () => {
    dir = await bornDigitalFixtures();
    dbFile = path.join(tempDir(), 'tonghop.db');
    app = openApp(makeConfig({ dbFile }));
    const s = await ingestPaths(app, pdfsIn(dir));
    firstRunSeconds = s.seconds;
  }, 600_000);
  afterAll(async () => { await app?.close(); await closePdfWorkers(); });

  it('gets every header field right, or sends it to review', () => {
    const gt = new Map(groundTruth().documents.map((d) => [`${d.id}.pdf`, d]));
    const docs = exportDocuments(app.repo).documents;
    expect(docs.length).toBe(gt.size);
    const table: Record<string, { right: number; review: number; wrongAccepted: number }> = {};
    const silentErrors: string[] = [];
    for (const d of docs) {
      const truth = gt.get(d.file)!;
      expect(truth).toBeDefined();
      for (const f of HEADER) {
        table[f] ??= { right: 0, review: 0, wrongAccepted: 0 };
        const row = table[f];
        const got = f === 'province' ? (d.province?.code ?? null) : d[f];
        const want = f === 'province' ? (truth.province?.code ?? null) : truth[f];
        const status = d.fields[f]?.status;
        if (got === want) row.right++;
        else if (status === 'needs_review') row.review++;
        else { row.wrongAccepted++; silentErrors.push(`${d.file} ${f}: got ${JSON.stringify(got)} want ${JSON.stringify(want)} (${status})`); }
      }
    }
    const perDoc = (firstRunSeconds / docs.length).toFixed(2);
    console.log(`Header fields on ${docs.length} born-digital fixtures (${perDoc} s/document):\n` +
      Object.entries(table).map(([f, r]) => `  ${f.padEnd(10)} right ${r.right}  review ${r.review}  wrong-accepted ${r.wrongAccepted}`).join('\n'));
    expect(silentErrors).toEqual([]);
    for (const f of HEADER) expect(table[f].right / docs.length).toBeGreaterThanOrEqual(0.98);
  });

  it('classifies programmes and reports', () => {
    const gt = new Map(groundTruth().documents.map((d) => [`${d.id}.pdf`, d]));
    const docs = exportDocuments(app.repo).documents;
    const wrong = docs.filter((d) => d.category !== gt.get(d.file)!.kind).map((d) => `${d.file}: ${d.category}`);
    expect(wrong).toEqual([]);
    const reports = docs.filter((d) => d.category === 'report');
    expect(reports.filter((d) => d.period).length).toBe(reports.length);
  });

  it('stores the text layer the probe read, equal to a separate read of the file (what a resumed run does)', async () => {
    // The probe's worker job returns each page's positioned text from the read that counts its
    // characters; the text stage takes it instead of opening the file again (text-handoff.ts).
    const rows = app.repo.list().filter((r) => r.status !== 'duplicate').slice(0, 3);
    for (const row of rows) {
      const stored = app.repo.loadArtifacts(row.id);
      const again = await extractTextPagesIsolated(app.store.read(row.store_path!), stored.probe!.textPages, { timeoutMs: 60_000, maxHeapMb: 512, maxPages: 300 });
      expect(stored.pages).toEqual(JSON.parse(JSON.stringify(again)));
    }
  }, 120_000);

  it('re-ingesting the same files creates no new documents', async () => {
    const before = app.repo.list().length;
    const s = await ingestPaths(app, pdfsIn(dir));
    expect(s.new).toBe(0);
    expect(s.alreadyKnown).toBe(before);
    expect(app.repo.list().length).toBe(before);
  }, 180_000);

  it('records a copy under another name as a duplicate of the first', async () => {
    const first = fs.readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort()[0];
    const copyDir = tempDir();
    fs.copyFileSync(path.join(dir, first), path.join(copyDir, 'ban-sao.pdf'));
    const s = await ingestPaths(app, [copyDir]);
    expect(s.duplicates).toBe(1);
    const dup = app.repo.list().find((d) => d.file_name === 'ban-sao.pdf')!;
    expect(dup.status).toBe('duplicate');
    expect(app.repo.get(dup.duplicate_of!)!.file_name).toBe(first);
  }, 180_000);
});
