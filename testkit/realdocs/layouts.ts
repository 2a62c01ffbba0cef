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

/** The six layouts the header extractors were tuned on in the first round (issue 12). */
export const BASE_LAYOUTS = ['nd30', 'times-office', 'sans-modern', 'merged-title', 'stacked-header', 'compact-wide'] as const;
/** Layouts added later that differ much more (tables, narrow issuer columns, letterheads, party headers): tuned on. */
export const NEW_TUNE_LAYOUTS = ['bordered-table', 'narrow-left', 'logo-letterhead', 'party-style'] as const;
/**
 * Held-out layouts: never run with --explain, never looked at while changing extractors;
 * only measured at the end (scripts/accuracy.ts refuses --explain on them).
 */
export const HELDOUT_LAYOUTS = ['heldout-flush', 'heldout-grid'] as const;
export const LAYOUT_NAMES = [...BASE_LAYOUTS, ...NEW_TUNE_LAYOUTS, ...HELDOUT_LAYOUTS] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

/** Named selections for `npm run accuracy -- --layout-set NAME`. */
export const LAYOUT_SETS: Record<string, readonly LayoutName[]> = {
  base: BASE_LAYOUTS, new: NEW_TUNE_LAYOUTS, tune: [...BASE_LAYOUTS, ...NEW_TUNE_LAYOUTS], heldout: HELDOUT_LAYOUTS, all: LAYOUT_NAMES,
};
export const isHeldOut = (name: string): boolean => (HELDOUT_LAYOUTS as readonly string[]).includes(name);

/** Marks printed in the header besides the usual parts. */
export type HeaderExtra = 'khan' | 'mat' | 'kinh-gui';

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
  // Switches of the later layouts; absent means the first six layouts' behaviour (their bytes stay the same).
  page?: 'A4' | 'LETTER';
  /** the two-column header drawn as a bordered table (issuer | Quốc hiệu, number | date) */
  headerTable?: boolean;
  /** 'flush': Quốc hiệu right-aligned on top, issuer left under it, number, then the date right on its own line */
  headerMode?: 'flush';
  /** the number and the date one under the other, both in the left column, left-aligned */
  dateUnderNumber?: boolean;
  /** the date right under the Quốc hiệu (right column), the number under the issuer */
  dateUnderMotto?: boolean;
  /** the date without its place: "ngày 05 tháng 9 năm 2025" */
  datePlace?: 'none';
  issuerAlign?: 'center' | 'left';
  /** long issuer lines broken inside the name ("SỞ NÔNG NGHIỆP VÀ" / "MÔI TRƯỜNG") */
  issuerSplit?: boolean;
  /** a vector logo (no text) at the top left; the issuer block moves right of it */
  logoBox?: boolean;
  /** "ĐẢNG CỘNG SẢN VIỆT NAM" instead of, or above, the Quốc hiệu */
  partyLine?: 'replace' | 'above';
  extras?: HeaderExtra[];
  /** no type-name line even for a typed document: the title alone */
  noTypeLine?: boolean;
  typeSize?: number;
  titleSize?: number;
  /** title column width as a fraction of the text width (narrow: the title runs over 3–4 lines) */
  titleWidthFrac?: number;
  titleItalic?: boolean;
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

const extrasOf = (r: Rng, p: Partial<Record<HeaderExtra, number>>): HeaderExtra[] =>
  (Object.keys(p) as HeaderExtra[]).filter((k) => r() < (p[k] ?? 0));

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
  // --- later layouts (tuned on) ---
  'bordered-table': (r) => ({
    font: pick(r, ['Tinos', 'Arimo', 'DejaVuSerif'] as const), headerSize: range(r, 12, 13), bodySize: 13, headerTable: true,
    leftColFrac: range(r, 0.42, 0.5, 0.01), issuerLines: pick(r, ['as-printed', 'rewrapped'] as const), issuerRule: 'none', mottoRule: false,
    numberDate: 'same-baseline', dateItalic: r() < 0.5, typeSize: range(r, 15, 16), titleSize: 13,
    titleStyle: pick(r, ['regular', 'bold'] as const), extras: extrasOf(r, { khan: 0.3 }),
  }),
  'narrow-left': (r) => ({
    font: pick(r, ['Tinos', 'DejaVuSerifCondensed'] as const), page: 'LETTER', headerSize: range(r, 13, 14), bodySize: 14,
    leftColFrac: range(r, 0.28, 0.33, 0.01), issuerLines: 'as-printed', issuerSplit: true, issuerRule: 'short',
    dateUnderNumber: true, datePlace: r() < 0.5 ? 'none' : undefined, dateItalic: r() < 0.5,
    typeSize: 16, titleWidthFrac: range(r, 0.5, 0.6, 0.05), extras: extrasOf(r, { mat: 0.3 }),
  }),
  'logo-letterhead': (r) => ({
    font: pick(r, ['Arimo', 'DejaVuSans', 'Tinos'] as const), headerSize: range(r, 10.5, 11), bodySize: 11, lineGap: 1,
    margins: { top: range(r, 60, 80, 1), bottom: 60, left: range(r, 95, 110, 1), right: range(r, 75, 90, 1) },
    logoBox: true, issuerAlign: 'left', leftColFrac: 0.5, issuerRule: 'none', dateUnderMotto: true, datePlace: 'none',
    noTypeLine: r() < 0.6, titleSize: 13, titleStyle: 'bold', extras: ['kinh-gui'],
  }),
  'party-style': (r) => ({
    font: pick(r, ['DejaVuSans', 'Arimo'] as const), headerSize: range(r, 11.5, 12.5), bodySize: 12.5,
    margins: { top: range(r, 28, 40, 1), bottom: range(r, 30, 40, 1), left: range(r, 34, 44, 1), right: range(r, 28, 36, 1) },
    partyLine: pick(r, ['replace', 'above'] as const), typeLine: pick(r, ['sentence', 'upper'] as const), typeSize: 16,
    titleItalic: true, titleSize: 12.5, extras: extrasOf(r, { mat: 0.2, khan: 0.2 }),
  }),
  // --- held out: measured only at the end ---
  'heldout-flush': (r) => ({
    font: pick(r, ['Tinos', 'DejaVuSerifCondensed'] as const), page: 'LETTER', headerSize: range(r, 12, 13), bodySize: 13.5,
    margins: margins(r), headerMode: 'flush', issuerSplit: r() < 0.6, issuerRule: 'short', datePlace: r() < 0.5 ? 'none' : undefined,
    typeLine: 'letter-spaced', typeSize: 16, titleStyle: 'bold-italic', titleWidthFrac: range(r, 0.55, 0.7, 0.05),
    extras: extrasOf(r, { khan: 0.3 }),
  }),
  'heldout-grid': (r) => ({
    font: pick(r, ['Arimo', 'DejaVuSansCondensed'] as const), headerSize: 11, bodySize: 11.5, headerTable: true,
    margins: { top: range(r, 30, 40, 1), bottom: 36, left: range(r, 36, 46, 1), right: range(r, 30, 40, 1) },
    leftColFrac: range(r, 0.3, 0.36, 0.01), issuerLines: 'rewrapped', issuerRule: 'none', dateUnderNumber: true,
    partyLine: r() < 0.4 ? 'above' : undefined, noTypeLine: r() < 0.5, titleSize: 14, titleStyle: 'bold',
    extras: extrasOf(r, { 'kinh-gui': 0.6, mat: 0.2 }),
  }),
};

export function layoutFor(id: string, name: LayoutName): Layout {
  const r = mulberry32(seedOf(id, name));
  const base = nd30(r);
  return { ...base, ...VARIANTS[name](r, base), name };
}

/**
 * The layouts a document gets when only `n` of `names` are wanted: a fixed choice per document.
 * The default set is the first six layouts, so the scanned corpora and their OCR snapshots
 * keep the same pages when layouts are added.
 */
export function layoutsForDoc(id: string, n?: number, names: readonly LayoutName[] = BASE_LAYOUTS): LayoutName[] {
  if (n === undefined || n >= names.length) return [...names];
  const order = [...names].sort((a, b) => seedOf(id, a) - seedOf(id, b));
  return order.slice(0, n);
}
