// `tonghop report NAME`: builds the named tables once and hands them to a renderer.
import type { Db } from '../pipeline/db/database.js';
import { ReportsRepository } from './reports.repository.js';
import { buildAppendix, commonAsOf, type AppendixTable } from './appendix.js';
import { buildIndicatorTotals } from './indicator-totals.js';
import { narrativeFrom } from './narrative.js';
import type { Selection } from './selection.js';
import type { ReportBundle, ReportFormat, ReportName } from './report-bundle.js';
import { reportMarkdown } from './render-markdown.js';
import { reportCsv } from './render-csv.js';
import { reportXlsx } from './render-xlsx.js';
import { reportDocx } from './render-docx.js';

export { REPORT_NAMES, REPORT_FORMATS, type ReportName, type ReportFormat, type ReportBundle } from './report-bundle.js';

/** The named tables, on SQLite or on PostgreSQL (the same queries through pipeline/pg/sync-db.ts). */
export function buildReport(db: Db, name: ReportName, selection: Selection = {}): ReportBundle {
  const repo = new ReportsRepository(db);
  const sel: Selection = { ...selection, asOf: selection.asOf ?? commonAsOf(repo, selection) };
  const want = (n: ReportName) => name === n || name === 'all';
  const needBoth = want('narrative');
  const a1 = want('appendix-1') || needBoth ? buildAppendix(repo, 'appendix-1', sel) : null;
  const a2 = want('appendix-2') || needBoth ? buildAppendix(repo, 'appendix-2', sel) : null;
  return {
    name,
    appendices: [want('appendix-1') ? a1 : null, want('appendix-2') ? a2 : null].filter((a): a is AppendixTable => a !== null),
    indicators: want('indicators') ? buildIndicatorTotals(repo, sel) : null,
    narrative: needBoth ? narrativeFrom(a1!, a2!) : null,
  };
}

/** The JSON of a report: a single table is the CONTRACT shape itself; `all` nests them. */
export function reportJson(b: ReportBundle): unknown {
  switch (b.name) {
    case 'appendix-1': case 'appendix-2': return b.appendices[0];
    case 'indicators': return b.indicators;
    case 'narrative': return b.narrative;
    default: return {
      'appendix-1': b.appendices.find((a) => a.name === 'appendix-1'),
      'appendix-2': b.appendices.find((a) => a.name === 'appendix-2'),
      indicators: b.indicators, narrative: b.narrative,
    };
  }
}

/** Renders a report; text formats give a string, xlsx/docx give bytes. */
export async function renderReport(b: ReportBundle, format: ReportFormat): Promise<string | Uint8Array> {
  switch (format) {
    case 'json': return `${JSON.stringify(reportJson(b), null, 2)}\n`;
    case 'md': return reportMarkdown(b);
    case 'csv': return reportCsv(b);
    case 'xlsx': return reportXlsx(b);
    case 'docx': return reportDocx(b);
  }
}
