// Findings as stored data: every finding of a document with where it belongs (the whole
// document, a header field, or an indicator figure) and how serious it is.
import type { Box, Finding } from './document.js';

export type Severity = 'info' | 'warning' | 'error';
export const SEVERITIES = ['info', 'warning', 'error'] as const satisfies readonly Severity[];

export type FindingScope = 'document' | 'field' | 'indicator';

export interface FindingRecord {
  scope: FindingScope;
  /** header field name or indicator key; null for the whole document */
  field: string | null;
  /** the step that noticed it: probe, parse, normalise, validate */
  stage: string;
  code: string;
  severity: Severity;
  /** Vietnamese, as shown to an official */
  message: string;
  page: number | null;
  box: Box | null;
  sourceText: string | null;
}

/** A value that could not be read at all is an error; one that was read but is doubtful, a warning. */
const ERROR_CODE = /\.(invalid|not_found|missing|impossible|no_text|no_content)$/;

/** A finding's severity: its own when it says so, else from its code. */
export function severityOf(f: Finding): Severity {
  return f.severity ?? (ERROR_CODE.test(f.code) ? 'error' : 'warning');
}
