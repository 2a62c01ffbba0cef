// End to end on real documents laid out by other hands: every document of fixtures/realdocs
// rendered in one of six layouts (a fixed choice per document), run through `npm run
// accuracy` (the CLI's ingest path into a fresh SQLite file, then graded against the truth).
//
// The numbers asserted are today's measurements (issue 12 baseline), as floors for what is
// right and ceilings for silent errors (wrong-and-accepted plus missing-and-not-flagged):
// raise them as the extractors improve. The tables are printed in the test output.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { loadTruth, readDocLines } from '../../testkit/realdocs/corpus.js';
import { HELDOUT_LAYOUTS, LAYOUT_NAMES, layoutFor } from '../../testkit/realdocs/layouts.js';
import { parseRealDoc } from '../../testkit/realdocs/markdown.js';
import { renderRealDoc } from '../../testkit/realdocs/render.js';
import type { CorpusSummary } from '../../testkit/realdocs/tally.js';
import { FIELDS } from '../../testkit/realdocs/grade.js';
import { type Floors, regressions, runAccuracy } from './floors.js';

/**
 * Measured on 2026-12-01 (main at 2ec554e plus header work then in progress) with one layout
 * per document: 176 tune files, 123 report files.
 */
const BASELINE: Record<'realdocs-tune' | 'realdocs-report', Floors & { files: number }> = {
  'realdocs-tune': {
    files: 176,
    right: { docNumber: 176, issueDate: 176, province: 176, docType: 176, title: 176, issuer: 176 },
    silent: { docNumber: 0, issueDate: 0, province: 0, docType: 0, title: 0, issuer: 0 },
    straightThrough: 176,
  },
  'realdocs-report': {
    files: 123,
    right: { docNumber: 123, issueDate: 123, province: 123, docType: 123, title: 121, issuer: 123 },
    silent: { docNumber: 0, issueDate: 0, province: 0, docType: 0, title: 2, issuer: 0 },
    straightThrough: 123,
  },
};

describe('real documents in several layouts, through the CLI ingest path', () => {
  let corpora: CorpusSummary[] = [];

  beforeAll(async () => {
    corpora = await runAccuracy(['--corpus', 'realdocs-tune,realdocs-report', '--layouts', '1']);
  }, 400_000);

  for (const name of ['realdocs-tune', 'realdocs-report'] as const) {
    it(`${name}: no field below today's right count, no more silent errors than today`, () => {
      const c = corpora.find((x) => x.corpus === name)!;
      const b = BASELINE[name];
      expect(c.documents).toBe(b.files);
      expect(c.failed).toBe(0);
      expect(regressions(c, b)).toEqual([]);
      // none of the real documents is a poverty-reduction coordination programme or report
      expect(c.classification.right).toBe(c.classification.graded);
      expect(Object.values(c.byLayout).reduce((n, l) => n + l.documents, 0)).toBe(c.documents);
    });
  }

  it('renders the same bytes twice in every layout (the corpus cache and the OCR snapshots rely on it)', async () => {
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    for (const t of loadTruth().slice(0, 2)) {
      const content = parseRealDoc(t, readDocLines(t));
      for (const name of LAYOUT_NAMES) {
        const a = await renderRealDoc(content, layoutFor(t.id, name));
        const b = await renderRealDoc(parseRealDoc(t, readDocLines(t)), layoutFor(t.id, name));
        expect(sha(a)).toBe(sha(b));
        expect(a.subarray(0, 5).toString()).toBe('%PDF-');
      }
    }
  }, 60_000);
});

/**
 * Layout generalisation: the report part, one layout per document drawn from all twelve (the
 * six first ones, four later ones tuned on, and the two held-out ones that were only measured):
 * 123 files, 7–14 per layout (about 35 s with the corpus cached). The issue's bars, not today's
 * counts: header fields right ≥ 99.5 %, classification ≥ 99.5 %, accepted values wrong ≤ 0.2 %.
 */
describe('real documents in layouts nobody tuned on (report part, all layouts)', () => {
  let c: CorpusSummary;

  beforeAll(async () => {
    [c] = await runAccuracy(['--corpus', 'realdocs-report', '--layout-set', 'all', '--layouts', '1']);
  }, 400_000);

  it('holds the bars on every header field, the category and the silent errors', () => {
    expect(c.documents).toBe(123);
    expect(c.failed).toBe(0);
    // at least one held-out layout is in the sample
    expect(HELDOUT_LAYOUTS.some((l) => (c.byLayout[l]?.documents ?? 0) > 0)).toBe(true);
    // the four header fields together ≥ 99.5 % (one miss in 123 is 99.2 % for a single field, so
    // each field alone is held to 99 %: on all 1476 report files each one measured ≥ 99.66 %)
    const header = ['docNumber', 'issueDate', 'province', 'docType'] as const;
    const right = header.reduce((n, f) => n + c.fields[f].right, 0);
    const total = header.reduce((n, f) => n + c.fields[f].total, 0);
    expect(right / total).toBeGreaterThanOrEqual(0.995);
    expect(header.filter((f) => c.fields[f].right / c.fields[f].total < 0.99)).toEqual([]);
    expect(c.classification.right / c.classification.graded).toBeGreaterThanOrEqual(0.995);
    // accepted = not sent to review: right and accepted, or wrong and accepted
    const accepted = FIELDS.reduce((n, f) => n + c.fields[f].right - c.fields[f].rightInReview + c.fields[f].wrongAccepted, 0);
    const wrong = FIELDS.reduce((n, f) => n + c.fields[f].wrongAccepted, 0);
    expect(wrong / accepted).toBeLessThanOrEqual(0.002);
  });

  it('refuses --explain on the held-out layouts (their failures must not steer the extractors)', async () => {
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/accuracy.ts', '--corpus', 'realdocs-tune', '--layout-set', 'heldout', '--explain'], { cwd: process.cwd() });
    await expect(run).rejects.toMatchObject({ stderr: expect.stringContaining('--explain không dùng với bố cục giữ lại') });
  }, 60_000);
});
