// Indicators of one document (issue 5): summary tables first (their items are then left
// out of the prose), then the prose, then one value per indicator.
import type { PageText, TextItem } from '../../model/document.js';
import type { IndicatorExtraction } from '../../model/indicators.js';
import { buildDocText, looseTableRows } from './doc-text.js';
import { extractFromProse } from './prose.js';
import { reconcile } from './reconcile.js';
import { extractFromTables } from './table.js';

export type { IndicatorCandidate } from './candidate.js';
export { segment, tokenize } from './sentences.js';
export { extractFromProse } from './prose.js';
export { extractFromTables } from './table.js';
export { reconcile } from './reconcile.js';
export { buildDocText } from './doc-text.js';

export function extractIndicators(pages: PageText[]): IndicatorExtraction {
  const tables = extractFromTables(pages);
  // a page read back from JSON has its lines' items as copies of page.items: match by place too
  const itemKey = (it: TextItem) => `${it.str}@${it.box.x},${it.box.y},${it.box.w},${it.box.h}`;
  const consumedKeys = new Set([...tables.consumed].map(itemKey));
  const consumed = (it: TextItem) => tables.consumed.has(it) || consumedKeys.has(itemKey(it));
  const loose = looseTableRows(pages, consumed);
  const doc = buildDocText(pages, (it) => consumed(it) || loose.has(it));
  const prose = extractFromProse(doc);
  const ocrPages = new Set(pages.filter((p) => p.source === 'ocr').map((p) => p.page));
  const { indicators, findings } = reconcile([...tables.candidates, ...prose.candidates], ocrPages);
  return {
    indicators,
    unmapped: [...tables.unmapped, ...prose.unmapped],
    findings: [...tables.findings, ...prose.findings, ...findings],
  };
}
