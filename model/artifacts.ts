// Every artifact a stage may give, by name. Stages declare which of these they need and give
// (pipeline/stage.ts); artifacts are stored as JSON in SQLite and read back on a resumed run,
// so each one is plain data (no class instances, no Map/Set, no functions).
import type { HeaderFields, NormalisedHeader } from './header.js';
import type { IndicatorExtraction } from './indicators.js';
import type { ReadPage } from './ocr.js';
import type { ProbeResult } from './probe.js';
import type { SignatureCheck } from './signature.js';

export type TextSource = 'text' | 'ocr' | 'mixed';

export interface Artifacts {
  /** probe: page count, text-layer and scanned pages, file-level findings */
  probe: ProbeResult;
  /** signatures: every digital signature in the file, checked (empty when unsigned) */
  signatures: SignatureCheck;
  /** text: every page with positioned lines */
  pages: ReadPage[];
  /** text: where the text came from */
  textSource: TextSource;
  /** parse: header fields as read */
  header: HeaderFields;
  /** parse: indicator figures */
  indicators: IndicatorExtraction;
  /** normalise: number, type, date, province, classification */
  normalised: NormalisedHeader;
  /** validate: the normalised header with schema findings added */
  validated: NormalisedHeader;
}

export type ArtifactName = keyof Artifacts;
export const ARTIFACT_NAMES = ['probe', 'signatures', 'pages', 'textSource', 'header', 'indicators', 'normalised', 'validated'] as const satisfies readonly ArtifactName[];

/** Compile-time: ARTIFACT_NAMES lists every key of Artifacts. */
const complete: Exclude<ArtifactName, (typeof ARTIFACT_NAMES)[number]> extends never ? true : never = true;
void complete;
