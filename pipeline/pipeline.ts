// The whole pipeline in one place: the order of the stages is this list.
// `ingest` (hash, store, duplicate check) happens when a file is taken in (intake.ts);
// everything after it runs per document from the database, so a crash resumes.
// The wiring is checked twice: by the compiler (`pipeline(...)` refuses a stage whose needs no
// earlier stage gives) and at start-up (checkWiring, for lists built at run time, e.g. in tests).
import type { AnyStage } from './stage.js';
import type { ArtifactName } from '../model/artifacts.js';
import { probeStage } from './stages/probe.js';
import { signaturesStage } from './stages/signatures.js';
import { textStage } from './stages/text.js';
import { parseStage } from './stages/parse.js';
import { normaliseStage } from './stages/normalise.js';
import { validateStage } from './stages/validate.js';
import { loadStage } from './stages/load.js';
import { routeStage } from './stages/route.js';

type NeedsOf<S> = S extends { needs: readonly (infer N)[] } ? N : never;
type GivesOf<S> = S extends { gives: readonly (infer G extends ArtifactName)[] } ? G : never;

/** `true` when every stage's needs are given by an earlier one; otherwise the first stage that is short, and what it lacks. */
export type WiringCheck<T extends readonly unknown[], Given extends ArtifactName = never> =
  T extends readonly [infer Head, ...infer Rest]
    ? [Exclude<NeedsOf<Head>, Given>] extends [never]
      ? WiringCheck<Rest, Given | GivesOf<Head>>
      : { wiringError: 'a stage needs an artifact no earlier stage gives'; missing: Exclude<NeedsOf<Head>, Given> }
    : true;

/** Builds a pipeline from stages in order; a list whose wiring is wrong does not compile. */
export function pipeline<const T extends readonly AnyStage[]>(...stages: T & (WiringCheck<T> extends true ? unknown : WiringCheck<T>)): readonly AnyStage[] {
  checkWiring(stages);
  return Object.freeze([...stages]);
}

export const STAGES: readonly AnyStage[] = pipeline(
  probeStage, signaturesStage, textStage, parseStage, normaliseStage, validateStage, loadStage, routeStage,
);

/** Checked at start-up: unique names, and every artifact a stage needs is given by an earlier one. */
export function checkWiring(stages: readonly AnyStage[]): void {
  const names = new Set<string>();
  const given = new Set<string>();
  for (const s of stages) {
    if (names.has(s.name)) throw new Error(`Pipeline wiring: stage "${s.name}" appears twice`);
    names.add(s.name);
    for (const need of s.needs) {
      if (!given.has(need)) throw new Error(`Pipeline wiring: stage "${s.name}" needs "${need}", which no earlier stage gives`);
    }
    for (const g of s.gives) given.add(g);
  }
}
