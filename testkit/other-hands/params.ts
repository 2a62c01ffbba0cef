// Layout parameters of one "other hands" document, drawn from a PRNG stream named by the
// document id (never by its content), so adding documents reshuffles nothing. Everything a
// person would vary when laying out a letter in Word is here; phrasing lives in phrasing.ts.
import { Rand, type GroundTruthDocument } from '../generator/ground-truth.js';
import { FAMILIES, type Family } from './fonts.js';

export type IssuerStyle = 'one-line' | 'wrapped' | 'parent-full' | 'parent-abbrev' | 'short-name';
export type JointStyle = 'side-by-side' | 'stacked';
export type DateStyle = 'same-row' | 'lower' | 'two-lines' | 'numeric' | 'one-line';
export type NumberStyle = 'standard' | 'no-colon' | 'space-colon' | 'spaced-slash';
export type TypeLine = 'alone' | 'merged' | 'spaced' | 'none' | 'short';
export type TitleCase = 'sentence' | 'upper';

export interface Layout {
  body: Family;
  header: Family;
  bodySize: number;
  headerSize: number;
  tableSize: number;
  margins: { top: number; bottom: number; left: number; right: number };
  lineGap: number;
  paraGap: number;
  indent: number;
  justify: boolean;
  /** left header column as a fraction of the text width */
  leftCol: number;
  /** the right header column's x offset inside its column (pt): some offices push it right */
  rightShift: number;
  issuerStyle: IssuerStyle;
  jointStyle: JointStyle;
  issuerRule: boolean;
  dateStyle: DateStyle;
  padDay: boolean;
  padMonth: boolean;
  numberStyle: NumberStyle;
  typeLine: TypeLine;
  titleCase: TitleCase;
  titleAlign: 'center' | 'left';
  /** title box width as a fraction of the text width: narrower boxes wrap to more lines */
  titleWidth: number;
  titleSize: number;
  titleRule: 'none' | 'line' | 'ornament';
  mottoRule: boolean;
  /** report: the summary table before the assessment, or as an appendix on its own page */
  tableAtEnd: boolean;
  pageNumbers: 'top' | 'bottom' | 'none';
}

export function layoutFor(d: GroundTruthDocument): Layout {
  const r = new Rand('other-hands', 'layout', d.id);
  const body = r.pick(FAMILIES);
  const bodySize = r.pick([12, 12.5, 13, 13, 13.5, 14]);
  return {
    body,
    header: r.chance(0.6) ? body : r.pick(FAMILIES),
    bodySize,
    headerSize: r.pick([11, 11.5, 12, 12.5, 13]),
    tableSize: r.pick([10, 10.5, 11, 11.5, 12]),
    margins: {
      top: Math.round(r.range(40, 85)), bottom: Math.round(r.range(40, 70)),
      left: Math.round(r.range(60, 100)), right: Math.round(r.range(36, 65)),
    },
    lineGap: Math.round(r.range(0, 5) * 2) / 2,
    paraGap: Math.round(r.range(0, 9)),
    indent: Math.round(r.range(0, 45)),
    justify: r.chance(0.7),
    leftCol: r.range(0.34, 0.5),
    rightShift: r.chance(0.3) ? Math.round(r.range(6, 30)) : 0,
    issuerStyle: r.pick<IssuerStyle>(['one-line', 'wrapped', 'wrapped', 'parent-full', 'parent-abbrev', 'parent-abbrev', 'short-name']),
    jointStyle: r.chance(0.5) ? 'side-by-side' : 'stacked',
    issuerRule: r.chance(0.7),
    dateStyle: r.pick<DateStyle>(['same-row', 'same-row', 'lower', 'two-lines', 'numeric', 'one-line']),
    padDay: r.chance(0.6),
    padMonth: r.chance(0.3),
    numberStyle: r.pick<NumberStyle>(['standard', 'standard', 'no-colon', 'space-colon', 'spaced-slash']),
    typeLine: r.pick<TypeLine>(['alone', 'alone', 'merged', 'spaced', 'none', 'short']),
    titleCase: r.chance(0.55) ? 'sentence' : 'upper',
    titleAlign: r.chance(0.8) ? 'center' : 'left',
    titleWidth: r.range(0.45, 1),
    titleSize: r.pick([12, 13, 13, 14]),
    titleRule: r.pick(['none', 'line', 'line', 'ornament'] as const),
    mottoRule: r.chance(0.75),
    tableAtEnd: r.chance(0.3),
    pageNumbers: r.pick(['top', 'bottom', 'none'] as const),
  };
}
