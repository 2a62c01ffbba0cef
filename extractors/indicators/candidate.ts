// What the prose and table readers hand to the reconciler.
import type { Finding, Provenance, Qualifier } from '../../model/document.js';

export interface IndicatorCandidate {
  key: string;
  value: number;
  qualifier: Qualifier;
  source: 'prose' | 'table';
  /** 0..1 before reconciliation */
  confidence: number;
  provenance: Provenance;
  subValues?: { label: string; value: number }[];
  /** other readings of an OCR-ed number (a table border glued to it) */
  alternatives?: number[];
  findings: Finding[];
}

export const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
