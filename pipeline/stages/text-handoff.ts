// The text layer read by the probe, handed to the text stage of the same run. The probe's
// worker job counts each page's text-layer characters from pdfjs's text content; the positioned
// text comes from that same content, so the probe returns it too and the text stage does not
// open the file a second time. It is kept in memory only, weakly keyed by the document's row
// object (the runner passes one row object through every stage of a run), so it is gone with
// the run: a resumed run, which starts at the text stage, reads the text layer itself.
import type { DocumentRow } from '../../model/records.js';
import type { PageText } from '../../model/document.js';
import type { IsolationOptions } from '../../extractors/pdf-isolated.js';
import type { Config } from '../config.js';
import os from 'node:os';

const early = new WeakMap<DocumentRow, PageText[]>();

export function keepTextLayer(row: DocumentRow, pages: PageText[]): void {
  early.set(row, pages);
}

/** The probe's text of exactly these pages (in this order), once; undefined when it has none. */
export function takeTextLayer(row: DocumentRow, pageNumbers: readonly number[]): PageText[] | undefined {
  const pages = early.get(row);
  early.delete(row);
  if (!pages || pages.length !== pageNumbers.length || pages.some((p, i) => p.page !== pageNumbers[i])) return undefined;
  return pages;
}

/**
 * The pdfjs worker pool's limits from the config. As many workers as documents in flight, but
 * no more than the cores: pdfjs is CPU-bound, and each worker holds its own pdfjs and heap.
 */
export function pdfIsolation(cfg: Config): IsolationOptions {
  const workers = Math.max(1, Math.min(cfg.concurrency.documents, os.availableParallelism()));
  return { timeoutMs: cfg.limits.parseTimeoutMs, maxHeapMb: cfg.limits.parseHeapMb, keepIdle: workers, maxWorkers: workers };
}
