// Medium test: the "other hands" corpus (testkit/other-hands: the ground truth's documents laid
// out and worded as other offices do, in layouts the fixture generator never uses) through the
// normal pipeline into fresh SQLite files, one per part of the split. Prints, per part, header
// fields right / review / wrong-accepted, titles, classification, straight-through documents,
// Phụ lục I/II rows and indicator totals derived by the report code, indicator recall.
//
// The floors are today's measured values (others are improving the extractors; raise them as
// results improve). The issue 12 targets are asserted on the born-digital parts: straight-through
// ≥ 90 % of documents, wrong-and-accepted ≤ 0.2 % of accepted values, Phụ lục II rows and
// indicator totals equal to the truth; classification ≥ 99.5 % and Phụ lục I on the tune part
// (the report part has one programme whose category waits for review: 38/39, floor below).
//
//   OTHER_HANDS_PART=tune        measure the tune part only (tune extractors on it, never on report)
//   OTHER_HANDS_MISMATCHES=1     print expected vs got for every wrong or missed value
import path from 'node:path';
import { loadGroundTruth } from '../../testkit/generator/ground-truth.js';
import { generateOtherHands, partOf, renderOtherHands, type Part } from '../../testkit/other-hands/generate.js';
import { measureFiles, measurePart, OTHER_HANDS_DIR } from '../../testkit/other-hands/measure.js';
import { generateOtherHandsScans, OTHER_HANDS_OCR_SNAPSHOTS } from '../../testkit/other-hands/scans.js';
import { formatScores, wrongAcceptedRate, type PartScore } from '../../testkit/other-hands/score.js';

const only = process.env.OTHER_HANDS_PART as Part | undefined;
const PARTS: Part[] = only === 'tune' || only === 'report' ? [only] : ['tune', 'report'];

/** Measured shares (truncated), per part: a result may only get better. straightThroughRight ≥ 0.9 is the target. */
const FLOORS: Record<Part, Record<string, number>> = {
  tune: { docNumber: 1, issueDate: 1, province: 1, docType: 1, title: 0.97, classification: 1, straightThroughRight: 0.97, appendix1: 1, appendix2: 1, totals: 1, recall: 1 },
  report: { docNumber: 1, issueDate: 1, province: 1, docType: 1, title: 0.94, classification: 0.97, straightThroughRight: 0.94, appendix1: 0.98, appendix2: 1, totals: 1, recall: 1 },
};
const TARGETS = { straightThroughRight: 0.9, wrongAccepted: 0.002, classification: 0.995 };

/** Scanned first pages (both parts): header fields, title, classification. */
const SCAN_FLOORS: Record<Part, Record<string, number>> = {
  tune: { docNumber: 0.83, issueDate: 1, province: 1, docType: 0.83, title: 0.83, classification: 0.83, recall: 1 },
  report: { docNumber: 1, issueDate: 1, province: 1, docType: 1, title: 0.16, classification: 1, recall: 0.97 },
};

function shares(s: PartScore): Record<string, number> {
  const n = s.documents;
  return {
    docNumber: s.header.docNumber.right / n, issueDate: s.header.issueDate.right / n,
    province: s.header.province.right / n, docType: s.header.docType.right / n,
    title: s.titleFound / n, classification: s.classificationRight / n, straightThroughRight: s.straightThroughRight / n,
    appendix1: s.appendix['appendix-1'].rowsEqual / s.appendix['appendix-1'].rows,
    appendix2: s.appendix['appendix-2'].rowsEqual / s.appendix['appendix-2'].rows,
    recall: s.indicators.found / s.indicators.truth,
    totals: s.indicatorTotals.equal / s.indicatorTotals.expected,
  };
}

describe('other-hands corpus, end to end', () => {
  const scores = new Map<Part, PartScore>();

  beforeAll(async () => {
    const m = await generateOtherHands(OTHER_HANDS_DIR);
    for (const p of PARTS) scores.set(p, (await measurePart(OTHER_HANDS_DIR, m.documents, p)).score);
    const table = formatScores(PARTS.map((p) => [p, scores.get(p)!]));
    console.log(`Other-hands corpus through the pipeline:\n${table}`);
    if (process.env.OTHER_HANDS_MISMATCHES) {
      for (const p of PARTS) console.log(`${p}: expected vs got\n${scores.get(p)!.mismatches.join('\n')}`);
    }
  }, 600_000);

  it('splits the documents by id, about 60 % tune, and renders the same bytes twice', async () => {
    const docs = loadGroundTruth().documents;
    const tune = docs.filter((d) => partOf(d.id) === 'tune').length;
    expect(tune / docs.length).toBeGreaterThan(0.5);
    expect(tune / docs.length).toBeLessThan(0.7);
    for (const d of [docs[0], docs.find((x) => x.kind === 'report')!]) {
      const [a, b] = [await renderOtherHands(d), await renderOtherHands(d)];
      expect(a.bytes.equals(b.bytes)).toBe(true);
      expect(a.entry.part).toBe(partOf(d.id));
    }
  });

  it('reads every document and keeps today’s results as floors', () => {
    for (const p of PARTS) {
      const s = scores.get(p)!;
      expect(s.documents).toBeGreaterThan(20);
      expect(s.indicators.truth).toBeGreaterThan(100);
      const got = shares(s);
      for (const [k, floor] of Object.entries(FLOORS[p])) {
        if (got[k] < floor) throw new Error(`${p} ${k}: ${got[k].toFixed(3)} < floor ${floor}`);
      }
      const w = wrongAcceptedRate(s);
      console.log(`${p}: wrong-and-accepted ${w.wrong}/${w.accepted} = ${(100 * w.rate).toFixed(2)} % (target ≤ 0,2 %)`);
      expect(w.rate).toBeLessThanOrEqual(TARGETS.wrongAccepted);
      expect(got.straightThroughRight).toBeGreaterThanOrEqual(TARGETS.straightThroughRight);
    }
  });

  (PARTS.includes('tune') ? it : it.skip)('meets classification and Phụ lục I on the tune part', () => {
    const s = scores.get('tune')!;
    expect(shares(s).classification).toBeGreaterThanOrEqual(TARGETS.classification);
    expect(shares(s).appendix1).toBe(1);
  });
});

describe('other-hands corpus, scanned first pages, end to end with OCR', () => {
  const scores = new Map<Part, PartScore>();

  beforeAll(async () => {
    const dir = path.join(OTHER_HANDS_DIR, 'scanned');
    const docs = await generateOtherHandsScans(dir);
    for (const p of PARTS) {
      const mine = docs.filter((d) => d.part === p);
      scores.set(p, (await measureFiles(mine.map((d) => path.join(dir, d.file)), mine, { ocrCacheDir: OTHER_HANDS_OCR_SNAPSHOTS })).score);
    }
    console.log(`Other-hands corpus, scanned first pages:\n${formatScores(PARTS.map((p) => [`${p} (scanned)`, scores.get(p)!]))}`);
    if (process.env.OTHER_HANDS_MISMATCHES) {
      for (const p of PARTS) console.log(`${p} (scanned): expected vs got\n${scores.get(p)!.mismatches.join('\n')}`);
    }
  }, 900_000);

  it('reads every scan and keeps today’s results as floors', () => {
    for (const p of PARTS) {
      const s = scores.get(p)!;
      expect(s.documents).toBe(6);
      const got = shares(s);
      for (const [k, floor] of Object.entries(SCAN_FLOORS[p])) {
        if (got[k] < floor) throw new Error(`${p} (scanned) ${k}: ${got[k].toFixed(3)} < floor ${floor}`);
      }
      const w = wrongAcceptedRate(s);
      console.log(`${p} (scanned): wrong-and-accepted ${w.wrong}/${w.accepted} = ${(100 * w.rate).toFixed(2)} % (target ≤ 0,2 %)`);
    }
  });
});
