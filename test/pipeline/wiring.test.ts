// The pipeline's wiring is checked twice: by the compiler (pipeline() refuses a stage whose
// needs no earlier stage gives; the @ts-expect-error lines below fail `tsc` if it did not)
// and at start-up (checkWiring, for stage lists built at run time).
import { pipeline, checkWiring, STAGES } from '../../pipeline/pipeline.js';
import { probeStage } from '../../pipeline/stages/probe.js';
import { textStage } from '../../pipeline/stages/text.js';
import { parseStage } from '../../pipeline/stages/parse.js';
import { normaliseStage } from '../../pipeline/stages/normalise.js';

describe('pipeline wiring', () => {
  it('the real pipeline is wired: every need is given by an earlier stage', () => {
    expect(() => checkWiring(STAGES)).not.toThrow();
    expect(STAGES.map((s) => s.name)).toEqual(['probe', 'signatures', 'text', 'parse', 'normalise', 'validate', 'load', 'route']);
  });

  it('normalise declares what it reads: the header and the pages', () => {
    expect([...normaliseStage.needs].sort()).toEqual(['header', 'pages']);
    expect(parseStage.gives).not.toContain('classification');
  });

  it('refuses a stage placed before what it needs, at compile time and at start-up', () => {
    // @ts-expect-error normalise needs header and pages, which nothing before it gives
    expect(() => pipeline(probeStage, normaliseStage)).toThrow('stage "normalise" needs "header"');
    // @ts-expect-error text needs probe
    expect(() => pipeline(textStage, probeStage)).toThrow('stage "text" needs "probe"');
    expect(() => pipeline(probeStage, textStage, parseStage, normaliseStage)).not.toThrow();
  });

  it('refuses a stage that appears twice', () => {
    expect(() => checkWiring([probeStage, probeStage])).toThrow('appears twice');
  });
});
