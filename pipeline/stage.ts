// What a stage is: a small named unit that reads earlier artifacts and returns new ones,
// or an expected failure with a stable code. Exceptions are bugs, caught by the runner.
import type { Config } from './config.js';
import type { DocumentsRepository, DocumentRow } from './db/documents.repository.js';
import type { ContentStore } from './content-store.js';
import type { PageText } from '../model/document.js';
import type { PDFDocumentProxy } from '../extractors/pdf-document.js';

/** OCR as the pipeline sees it; the implementation lives in extractors/ocr. */
export interface OcrService {
  ocrPdfPage(doc: PDFDocumentProxy, pageNumber: number): Promise<PageText>;
  ocrImageFile(file: string): Promise<PageText>;
  close(): Promise<void>;
}

export interface StageContext {
  cfg: Config;
  repo: DocumentsRepository;
  store: ContentStore;
  /** started lazily, only when a scanned page turns up */
  ocr: () => Promise<OcrService | null>;
}

export interface DocState {
  row: DocumentRow;
  /** outputs of the stages already run, by artifact name */
  artifacts: Record<string, unknown>;
}

export type StageOutcome =
  | { kind: 'done'; artifacts: Record<string, unknown> }
  | { kind: 'failed'; code: string; message: string };

export interface Stage {
  name: string;
  /** artifacts this stage needs from earlier stages (checked when the pipeline is built) */
  needs: string[];
  /** artifacts this stage produces */
  gives: string[];
  run(ctx: StageContext, doc: DocState): Promise<StageOutcome>;
}

export const done = (artifacts: Record<string, unknown> = {}): StageOutcome => ({ kind: 'done', artifacts });
export const failed = (code: string, message: string): StageOutcome => ({ kind: 'failed', code, message });
