// What a report is, apart from how it is built or rendered: its names, formats and the bundle
// of tables. The renderers and report.ts both depend on this module, never on each other.
import type { AppendixTable } from './appendix.js';
import type { IndicatorTotals } from './indicator-totals.js';
import type { Narrative } from './narrative.js';

export const REPORT_NAMES = ['appendix-1', 'appendix-2', 'indicators', 'narrative', 'all'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
export const REPORT_FORMATS = ['md', 'csv', 'json', 'xlsx', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What one report holds; `all` holds every part. */
export interface ReportBundle {
  name: ReportName;
  appendices: AppendixTable[];
  indicators: IndicatorTotals | null;
  narrative: Narrative | null;
}
