// End to end on scanned real documents: 10 documents of each part, page 1 in one layout,
// through scripts/make-scans.ts (skew, blur, noise, seal, stamp, JPEG), then `npm run
// accuracy` with real rasterising and OCR answered from the committed snapshots in
// fixtures/realdocs/ocr-snapshots (a missing snapshot means real OCR, slower but the same).
//
// Today's measurements as floors (right) and ceilings (silent errors): raise them as the
// OCR header reading improves. `npm run accuracy -- --scanned` measures 30 documents a part.
import type { CorpusSummary } from '../../testkit/realdocs/tally.js';
import { type Floors, regressions, runAccuracy } from './floors.js';

/**
 * Measured on 2026-12-01 at main 301b859, 10 scans a part. Report part: one more title
 * accepted wrong than at afc1661 (3 → 4; between them came the OCR re-read changes of d3f0a75
 * and 301b859), and one more document straight through in each part.
 */
const BASELINE: Record<'realdocs-tune-scanned' | 'realdocs-report-scanned', Floors> = {
  'realdocs-tune-scanned': {
    right: { docNumber: 10, issueDate: 10, province: 10, docType: 10, title: 6, issuer: 7 },
    silent: { docNumber: 0, issueDate: 0, province: 0, docType: 0, title: 2, issuer: 0 },
    straightThrough: 6,
  },
  'realdocs-report-scanned': {
    right: { docNumber: 10, issueDate: 10, province: 10, docType: 10, title: 3, issuer: 9 },
    silent: { docNumber: 0, issueDate: 0, province: 0, docType: 0, title: 4, issuer: 0 },
    straightThrough: 6,
  },
};

describe('scanned real documents, through the CLI ingest path with OCR', () => {
  let corpora: CorpusSummary[] = [];

  beforeAll(async () => {
    corpora = await runAccuracy(['--corpus', 'realdocs-tune-scanned,realdocs-report-scanned', '--scan-docs', '10']);
  }, 900_000);

  for (const name of ['realdocs-tune-scanned', 'realdocs-report-scanned'] as const) {
    it(`${name}: no field below today's right count, no more silent errors than today`, () => {
      const c = corpora.find((x) => x.corpus === name)!;
      const b = BASELINE[name];
      expect(c.documents).toBe(10);
      expect(c.failed).toBe(0);
      expect(regressions(c, b)).toEqual([]);
      expect(c.classification.right).toBe(c.classification.graded);
    });
  }
});
