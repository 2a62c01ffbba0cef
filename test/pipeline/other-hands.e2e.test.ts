// Medium test: the "other hands" corpus (testkit/other-hands: the ground truth's documents laid
// out and worded as other offices do, in layouts the fixture generator never uses) through the
// normal pipeline into fresh SQLite files, one per part of the split. Prints, per part, header
// fields right / review / wrong-accepted, titles, classification, straight-through documents,
// Phụ lục I/II rows and indicator totals derived by the report code, indicator recall.
//
// The floors are today's measured values (others are improving the extractors; raise them as
// results improve). Wrong-and-accepted is printed, not asserted: it is above the 0.2 % target
// today (see testkit/other-hands/README.md).
//
//   OTHER_HANDS_PART=tune        measure the tune part only (tune extractors on it, never on report)
//   OTHER_HANDS_MISMATCHES=1     print expected vs got for every wrong or missed value
import { loadGroundTruth } from '../../scripts/build-ground-truth.js';
import { generateOtherHands, partOf, renderOtherHands, type Part } from '../../testkit/other-hands/generate.js';
import { measurePart, OTHER_HANDS_DIR } from '../../testkit/other-hands/measure.js';
import { formatScores, wrongAcceptedRate, type PartScore } from '../../testkit/other-hands/score.js';

const only = process.env.OTHER_HANDS_PART as Part | undefined;
const PARTS: Part[] = only === 'tune' || only === 'report' ? [only] : ['tune', 'report'];

/** Today's measured shares (truncated), per part: a result may only get better. */
const FLOORS: Record<Part, Record<string, number>> = {
  tune: { docNumber: 1, issueDate: 0.75, province: 0.87, docType: 1, title: 0.22, classification: 0.44, straightThroughRight: 0.18, appendix1: 0.65, appendix2: 0.76, recall: 0.65 },
  report: { docNumber: 1, issueDate: 0.79, province: 0.87, docType: 1, title: 0.2, classification: 0.35, straightThroughRight: 0.17, appendix1: 0.68, appendix2: 0.79, recall: 0.64 },
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
      // Target: ≤ 0.2 % wrong-and-accepted. Not met yet on this corpus: printed, not asserted.
      console.log(`${p}: wrong-and-accepted ${w.wrong}/${w.accepted} = ${(100 * w.rate).toFixed(2)} % (target ≤ 0,2 %)`);
    }
  });
});
