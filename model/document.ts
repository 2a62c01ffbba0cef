// Shared shapes passed between stages. Coordinates are PDF points (1/72 in),
// origin at the page's top-left corner, y growing downwards.

export interface Box { x: number; y: number; w: number; h: number }

/**
 * Where a value stands in a file that has no pages of its own (Word, Excel): a body paragraph,
 * a cell of a Word table, or a cell of a sheet. Numbers are 1-based, as a person counts them.
 */
export type SourceRef =
  | { kind: 'paragraph'; paragraph: number }
  | { kind: 'cell'; table: number; row: number; cell: number }
  | { kind: 'sheet'; sheet: string; ref: string };

/** One run of text on a page: a pdfjs text item, or one OCR word. */
export interface TextItem {
  str: string;
  box: Box;
  fontName?: string;
  bold?: boolean;
  italic?: boolean;
  /** 0..1; 1 for a born-digital text layer, the OCR word confidence otherwise. */
  conf: number;
  /** Word/Excel: the paragraph or cell the text comes from (the page is laid out by tonghop) */
  origin?: SourceRef;
}

/** Items grouped into a visual line (same baseline, left to right). */
export interface TextLine {
  text: string;
  box: Box;
  items: TextItem[];
  /** minimum item confidence on the line, 0..1 */
  conf: number;
}

export interface PageText {
  /** 1-based */
  page: number;
  width: number;
  height: number;
  source: 'text' | 'ocr';
  items: TextItem[];
  lines: TextLine[];
}

/** Where a value was read. */
export interface Provenance {
  page: number;
  box: Box | null;
  sourceText: string;
  /** Word/Excel: the paragraph or cell behind the box (extractors/office/layout.ts sourceAt) */
  origin?: SourceRef;
}

/** A finding with a place and a stable code (vfile-style). */
export interface Finding {
  code: string;
  /** how serious it is; left out, it follows from the code (model/findings.ts severityOf) */
  severity?: 'info' | 'warning' | 'error';
  /** human text, Vietnamese where an official reads it */
  message: string;
  place?: Provenance;
}

export interface Candidate<T> { value: T; score: number; label?: string }

export interface ExtractedField<T> {
  value: T | null;
  /** 0..1 */
  confidence: number;
  provenance: Provenance | null;
  findings: Finding[];
  candidates?: Candidate<T>[];
}

export type Qualifier = 'exact' | 'at_least' | 'approx';

export interface IndicatorValue {
  key: string;
  label: string;
  value: number;
  unit: string;
  qualifier: Qualifier;
  confidence: number;
  provenance: Provenance;
  /** e.g. yearly breakdowns "năm 2021: 97.654 triệu đồng", kept, never added */
  subValues?: { label: string; value: number }[];
  findings: Finding[];
}

/** A number–noun phrase that matched no catalogue entry (issue 5 item 5). */
export interface UnmappedFigure {
  text: string;
  value: number;
  unit: string | null;
  provenance: Provenance;
}
