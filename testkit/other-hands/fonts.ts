// Fonts for the "other hands" documents: the four DejaVu families (serif and sans, normal and
// condensed), parsed once per process through the fixture generator's shared fontkit cache
// (testkit/generator/fonts.ts): shaping every word with fontkit is most of pdfkit's time,
// and the corpus repeats the same words.
import { sharedFont } from '../generator/fonts.js';

export type Family = 'DejaVuSerif' | 'DejaVuSerifCondensed' | 'DejaVuSans' | 'DejaVuSansCondensed';
export const FAMILIES: readonly Family[] = ['DejaVuSerif', 'DejaVuSerifCondensed', 'DejaVuSans', 'DejaVuSansCondensed'];

/** Font names registered on each document: body family and header family may differ. */
export const F = { R: 'R', B: 'B', I: 'I', BI: 'BI', HR: 'HR', HB: 'HB', HI: 'HI' } as const;

function files(family: Family): { r: string; b: string; i: string; bi: string } {
  const sans = family.startsWith('DejaVuSans');
  return {
    r: `${family}.ttf`, b: `${family}-Bold.ttf`,
    i: `${family}-${sans ? 'Oblique' : 'Italic'}.ttf`, bi: `${family}-${sans ? 'BoldOblique' : 'BoldItalic'}.ttf`,
  };
}

export function registerFonts(doc: PDFKit.PDFDocument, body: Family, header: Family): void {
  // pdfkit accepts any object with a fontkit-like layout() as a font source
  const src = (file: string) => sharedFont(file) as unknown as Buffer;
  const b = files(body);
  const h = files(header);
  doc.registerFont(F.R, src(b.r));
  doc.registerFont(F.B, src(b.b));
  doc.registerFont(F.I, src(b.i));
  doc.registerFont(F.BI, src(b.bi));
  doc.registerFont(F.HR, src(h.r));
  doc.registerFont(F.HB, src(h.b));
  doc.registerFont(F.HI, src(h.i));
}
