// Page layouts for the real documents. One record per (document, layout): the layout name
// fixes the kind of page, a PRNG seeded by (document id, layout name) draws its details, and
// the whole record is kept with the rendered file so results can be broken down by layout.
//
// `nd30` is close to scripts/generate-fixtures.ts (the layout the extractors were written
// for); the others are what offices also print: Times-like and sans fonts, one-column
// headers, issuer names on one line or re-wrapped, the date over two lines or off the
// number's baseline, the type name merged into the title, letter-spaced or in sentence case.
import { createHash } from 'node:crypto';
import { mulberry32 } from '../generator/prng.js';
import type { FontFamily } from './fonts.js';

export const LAYOUT_NAMES = ['nd30', 'times-office', 'sans-modern', 'merged-title', 'stacked-header', 'compact-wide'] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

export interface Layout {
  name: LayoutName;
  font: FontFamily;
  headerSize: number;
  bodySize: number;
  margins: { top: number; bottom: number; left: number; right: number };
  lineGap: number;
  /** width of the issuer / number column, as a fraction of the text width */
  leftColFrac: number;
  /** two columns (issuer | Quốc hiệu) or everything centred one under the other */
  headerColumns: 'two-column' | 'stacked';
  /** issuer lines as the document prints them, joined onto one line, or re-wrapped to the column */
  issuerLines: 'as-printed' | 'one-line' | 'rewrapped';
  issuerRule: 'short' | 'underline' | 'none';
  mottoRule: boolean;
  /** the date line's baseline against the number line's */
  numberDate: 'same-baseline' | 'date-lower' | 'date-higher';
  /** one line, or broken after the place ("Hà Nội,") or before "tháng" */
  dateBreak: 'none' | 'after-place' | 'before-month';
  dateItalic: boolean;
  /** the type-name line: upper case, letter-spaced, sentence case, or merged into the title */
  typeLine: 'upper' | 'letter-spaced' | 'sentence' | 'merged';
  titleAlign: 'center' | 'left';
  titleStyle: 'bold' | 'bold-italic' | 'regular';
  bodyAlign: 'justify' | 'left';
}

type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const range = (r: Rng, lo: number, hi: number, step = 0.5): number => lo + Math.round((r() * (hi - lo)) / step) * step;

function seedOf(id: string, name: string): number {
  return createHash('sha256').update(`realdocs-layout-v1:${id}:${name}`).digest().readUInt32BE(0);
}

function margins(r: Rng, tight = false): Layout['margins'] {
  return tight
    ? { top: range(r, 36, 50, 1), bottom: range(r, 36, 50, 1), left: range(r, 50, 66, 1), right: range(r, 36, 50, 1) }
    : { top: range(r, 52, 72, 1), bottom: range(r, 50, 66, 1), left: range(r, 76, 90, 1), right: range(r, 42, 58, 1) };
}

/** The Nghị định 30 layout, as the fixture generator draws it; other layouts start from it. */
function nd30(r: Rng): Layout {
  return {
    name: 'nd30', font: pick(r, ['DejaVuSerif', 'DejaVuSerifCondensed'] as const),
    headerSize: range(r, 11.5, 12.5), bodySize: range(r, 13, 14), margins: margins(r), lineGap: range(r, 0.5, 3),
    leftColFrac: range(r, 0.4, 0.46, 0.01), headerColumns: 'two-column', issuerLines: 'as-printed', issuerRule: 'short',
    mottoRule: true, numberDate: 'same-baseline', dateBreak: 'none', dateItalic: true, typeLine: 'upper',
    titleAlign: 'center', titleStyle: 'bold', bodyAlign: r() < 0.8 ? 'justify' : 'left',
  };
}

const VARIANTS: Record<LayoutName, (r: Rng, base: Layout) => Partial<Layout>> = {
  nd30: () => ({}),
  'times-office': (r) => ({
    font: 'Tinos', headerSize: range(r, 12, 13.5), bodySize: range(r, 13, 14), leftColFrac: range(r, 0.35, 0.5, 0.01),
    issuerLines: pick(r, ['one-line', 'rewrapped'] as const), issuerRule: pick(r, ['short', 'underline'] as const),
    numberDate: pick(r, ['same-baseline', 'date-higher'] as const),
  }),
  'sans-modern': (r) => ({
    font: pick(r, ['DejaVuSans', 'DejaVuSansCondensed', 'Arimo'] as const), headerSize: range(r, 11, 12.5), bodySize: range(r, 12, 13),
    leftColFrac: range(r, 0.38, 0.5, 0.01), issuerLines: pick(r, ['as-printed', 'one-line'] as const),
    issuerRule: pick(r, ['none', 'underline'] as const), mottoRule: r() < 0.5,
    typeLine: pick(r, ['letter-spaced', 'sentence'] as const), titleAlign: 'left', titleStyle: pick(r, ['bold', 'regular'] as const),
    bodyAlign: 'left',
  }),
  'merged-title': (r) => ({
    font: pick(r, ['Tinos', 'DejaVuSerif'] as const), typeLine: 'merged', dateBreak: pick(r, ['after-place', 'before-month'] as const),
    numberDate: 'date-lower', leftColFrac: range(r, 0.36, 0.48, 0.01), issuerLines: pick(r, ['as-printed', 'rewrapped'] as const),
  }),
  'stacked-header': (r) => ({
    font: pick(r, ['Tinos', 'DejaVuSerif', 'DejaVuSans', 'Arimo'] as const), headerColumns: 'stacked',
    issuerLines: pick(r, ['as-printed', 'one-line'] as const), dateItalic: r() < 0.5, titleStyle: pick(r, ['bold', 'bold-italic'] as const),
  }),
  'compact-wide': (r) => ({
    font: pick(r, ['Tinos', 'DejaVuSerifCondensed', 'Arimo'] as const), headerSize: 12, bodySize: 12, margins: margins(r, true), lineGap: 0.5,
    leftColFrac: 0.5, issuerLines: 'one-line', issuerRule: 'underline', mottoRule: false, numberDate: 'date-lower',
    dateBreak: pick(r, ['none', 'after-place'] as const), dateItalic: false, titleStyle: 'bold-italic',
    typeLine: pick(r, ['upper', 'sentence'] as const),
  }),
};

export function layoutFor(id: string, name: LayoutName): Layout {
  const r = mulberry32(seedOf(id, name));
  const base = nd30(r);
  return { ...base, ...VARIANTS[name](r, base), name };
}

/** The layouts a document gets when only `n` of them are wanted: a fixed choice per document. */
export function layoutsForDoc(id: string, n: number = LAYOUT_NAMES.length): LayoutName[] {
  if (n >= LAYOUT_NAMES.length) return [...LAYOUT_NAMES];
  const order = [...LAYOUT_NAMES].sort((a, b) => seedOf(id, a) - seedOf(id, b));
  return order.slice(0, n);
}
