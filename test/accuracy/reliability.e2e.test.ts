// The generated corpus through the CLI's ingest path (testkit/realdocs/harness.ts, as
// `npm run accuracy -- --corpus generated`), checked against the issue 12 targets and against
// the thresholds in use: accepted values of each kind are wrong at most 0.2 % of the time.
import { runCorpus, type CorpusRun } from '../../testkit/realdocs/harness.js';
import { DEFAULT_ACCEPT_THRESHOLD } from '../../model/acceptance.js';
import { MAX_WRONG_ACCEPTED, thresholdFor, VALUE_KINDS } from '../../model/thresholds.js';

describe('generated corpus: targets and thresholds', () => {
  let run: CorpusRun;
  beforeAll(async () => { run = await runCorpus('generated'); }, 300_000);

  it('meets the issue 12 targets', () => {
    const s = run.summary;
    expect(s.failed).toBe(0);
    expect(s.straightThrough / s.documents).toBeGreaterThanOrEqual(0.9);
    expect(s.classification.right / s.classification.graded).toBeGreaterThanOrEqual(0.995);
    for (const a of s.appendices ?? []) expect(a.right).toBe(a.rows);
    const i = s.indicators!;
    expect(i.acceptedWrong / i.accepted).toBeLessThanOrEqual(MAX_WRONG_ACCEPTED);
  });

  it('accepts, per kind of value, at most 0.2 % wrong at the thresholds in use', () => {
    for (const kind of VALUE_KINDS) {
      const accepted = run.observations.filter((o) => o.kind === kind && !o.held && o.confidence >= thresholdFor(kind, DEFAULT_ACCEPT_THRESHOLD));
      const wrong = accepted.filter((o) => !o.right).length;
      // under 500 accepted values of a kind, not one may be wrong
      expect({ kind, wrong }).toEqual({ kind, wrong: Math.min(wrong, Math.floor(MAX_WRONG_ACCEPTED * accepted.length)) });
    }
  });
});
