// The whole pipeline in one place: the order of the stages is this array.
// `ingest` (hash, store, duplicate check) happens when a file is taken in (intake.ts);
// everything after it runs per document from the database, so a crash resumes.
import type { Stage } from './stage.js';
import { probeStage } from './stages/probe.js';
import { textStage } from './stages/text.js';
import { parseStage } from './stages/parse.js';
import { normaliseStage } from './stages/normalise.js';
import { validateStage } from './stages/validate.js';
import { loadStage } from './stages/load.js';
import { routeStage } from './stages/route.js';

export const STAGES: readonly Stage[] = Object.freeze([
  probeStage, textStage, parseStage, normaliseStage, validateStage, loadStage, routeStage,
]);

/** Checked at start-up: unique names, and every artifact a stage needs is given by an earlier one. */
export function checkWiring(stages: readonly Stage[]): void {
  const names = new Set<string>();
  const given = new Set<string>();
  for (const s of stages) {
    if (names.has(s.name)) throw new Error(`Pipeline wiring: stage "${s.name}" appears twice`);
    names.add(s.name);
    for (const need of s.needs) {
      if (!given.has(need)) throw new Error(`Pipeline wiring: stage "${s.name}" needs "${need}", which no earlier stage gives`);
    }
    s.gives.forEach((g) => given.add(g));
  }
}
