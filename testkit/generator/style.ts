// Per-document layout style of the born-digital fixtures: font family, sizes, margins, header
// variant, table placement, all drawn from a PRNG stream named by the document id.
import { Rand, type GroundTruthDocument } from './ground-truth.js';
import type { Family } from './fonts.js';

export interface Style {
  family: Family;
  body: number;
  header: number;
  table: number;
  margins: { top: number; bottom: number; left: number; right: number };
  lineGap: number;
  paraGap: number;
  indent: number;
  align: 'justify' | 'left';
  leftColFrac: number;
  padSmall: boolean;
  padDates: boolean;
  padMonths: boolean;
  numberSpaced: boolean;
  jointHeader: 'stacked' | 'side-by-side';
  tableAtEnd: boolean;
  titleRule: boolean;
  tableHeaderFill: boolean;
}

export function styleFor(d: GroundTruthDocument): Style {
  const r = new Rand('layout', d.id);
  return {
    family: r.chance(0.6) ? 'DejaVuSerifCondensed' : 'DejaVuSerif',
    body: r.pick([12.5, 13, 13, 13.5, 14]),
    header: r.pick([11.5, 12, 12, 12.5]),
    table: r.pick([10.5, 11, 11.5, 12]),
    margins: {
      top: Math.round(r.range(52, 72)), bottom: Math.round(r.range(50, 66)),
      left: Math.round(r.range(76, 90)), right: Math.round(r.range(42, 58)),
    },
    lineGap: Math.round(r.range(0.5, 3.5) * 2) / 2,
    paraGap: Math.round(r.range(2, 7)),
    indent: Math.round(r.range(24, 38)),
    align: r.chance(0.8) ? 'justify' : 'left',
    leftColFrac: r.range(0.4, 0.46),
    padSmall: r.chance(0.5),
    padDates: r.chance(0.35),
    padMonths: r.chance(0.25),
    numberSpaced: r.chance(0.12),
    jointHeader: r.chance(0.5) ? 'stacked' : 'side-by-side',
    tableAtEnd: r.chance(0.35),
    titleRule: r.chance(0.6),
    tableHeaderFill: r.chance(0.3),
  };
}
