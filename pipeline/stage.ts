// What a stage is: a small named unit that reads earlier artifacts and returns new ones,
// or an expected failure with a stable code. Exceptions are bugs, caught by the runner.
// A stage is typed by the artifacts it needs (N) and gives (G): `run` sees exactly
// Pick<Artifacts, N> and must return Pick<Artifacts, G>, so no stage casts what it reads.
import type { Config } from './config.js';
import type { DocumentsRepository } from './db/documents.repository.js';
import type { DocumentRow } from '../model/records.js';
import type { ContentStore } from './content-store.js';
import type { ReadPage } from '../model/ocr.js';
import type { Artifacts, ArtifactName } from '../model/artifacts.js';
import { messageFor, TonghopError, type ErrorCode, type MessageArgs } from '../model/errors.js';

/** OCR as the pipeline sees it; the implementation lives in extractors/ocr. */
export interface OcrService {
  /** OCR of the given pages (1-based) of a PDF; pages are rasterised in an isolated worker, one ahead of recognition */
  ocrPdfPages(bytes: Uint8Array, pageNumbers: readonly number[]): Promise<ReadPage[]>;
  ocrImageFile(file: string): Promise<ReadPage>;
  close(): Promise<void>;
}

export interface StageContext {
  cfg: Config;
  repo: DocumentsRepository;
  store: ContentStore;
  /** started lazily, only when a scanned page turns up */
  ocr: () => Promise<OcrService | null>;
}

/** A document on its way through the stages: the artifacts given so far. */
export interface DocState {
  row: DocumentRow;
  artifacts: Partial<Artifacts>;
}

/** What one stage's `run` receives: the artifacts it declared in `needs`, nothing else. */
export interface StageInput<N extends ArtifactName> {
  row: DocumentRow;
  artifacts: Pick<Artifacts, N>;
}

/** An expected failure: a registered code (model/errors.ts) and its Vietnamese message. */
export interface StageFailure { kind: 'failed'; code: ErrorCode; message: string }
export type StageOutcome<G extends ArtifactName> = { kind: 'done'; artifacts: Pick<Artifacts, G> } | StageFailure;
/** An outcome as the runner sees it: some artifacts, or a failure. */
export type AnyOutcome = { kind: 'done'; artifacts: Partial<Artifacts> } | StageFailure;

export interface Stage<N extends ArtifactName, G extends ArtifactName> {
  name: string;
  /** artifacts this stage needs from earlier stages (checked by the compiler and at start-up) */
  needs: readonly N[];
  /** artifacts this stage produces */
  gives: readonly G[];
  run(ctx: StageContext, doc: StageInput<N>): Promise<StageOutcome<G>>;
}

/**
 * Any stage, as the runner holds them. `run` is a method, so its parameter is checked
 * bivariantly: a Stage<'pages', 'header'> is an AnyStage, and the runner hands it the whole
 * DocState, whose artifacts checkWiring has made sure contain what the stage needs.
 */
export interface AnyStage {
  name: string;
  needs: readonly ArtifactName[];
  gives: readonly ArtifactName[];
  run(ctx: StageContext, doc: DocState): Promise<AnyOutcome>;
}

/** Declares a stage; N and G are inferred from the `needs` and `gives` literals. */
export const defineStage = <N extends ArtifactName = never, G extends ArtifactName = never>(s: Stage<N, G>): Stage<N, G> => s;

export function done(): StageOutcome<never>;
export function done<G extends ArtifactName>(artifacts: Pick<Artifacts, G>): StageOutcome<G>;
export function done(artifacts: Partial<Artifacts> = {}): AnyOutcome {
  return { kind: 'done', artifacts };
}
/**
 * An expected failure. The message is always the registry's, filled with the code's parameters
 * (`failed('pdf.too_many_pages', { pages, limit })`); a caught TonghopError is passed as is.
 */
export function failed<C extends ErrorCode>(code: C, ...params: MessageArgs<C>): StageFailure;
export function failed(err: TonghopError): StageFailure;
export function failed(codeOrErr: ErrorCode | TonghopError, ...params: unknown[]): StageFailure {
  if (codeOrErr instanceof TonghopError) return { kind: 'failed', code: codeOrErr.code, message: codeOrErr.message };
  return { kind: 'failed', code: codeOrErr, message: messageFor(codeOrErr, ...(params as MessageArgs<typeof codeOrErr>)) };
}
