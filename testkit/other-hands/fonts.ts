// Fonts for the "other hands" documents: the four DejaVu families (serif and sans, normal and
// condensed), one parsed font per file for the whole process with a shared layout cache.
// Copied in spirit from scripts/generate-fixtures.ts (its cache is not exported): shaping
// every word with fontkit is most of pdfkit's time, and the corpus repeats the same words.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
// The fontkit pdfkit itself uses (a dependency of pdfkit, not of this project).
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(buf: Buffer): FontkitFont };

interface FontkitPosition { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }
interface FontkitFont {
  characterSet: number[];
  glyphForCodePoint(cp: number): unknown;
  layout(text: string, features?: unknown): { glyphs: unknown[]; positions: FontkitPosition[] };
}

export type Family = 'DejaVuSerif' | 'DejaVuSerifCondensed' | 'DejaVuSans' | 'DejaVuSansCondensed';
export const FAMILIES: readonly Family[] = ['DejaVuSerif', 'DejaVuSerifCondensed', 'DejaVuSans', 'DejaVuSansCondensed'];

const cache = new Map<string, FontkitFont>();

function sharedFont(file: string): FontkitFont {
  const hit = cache.get(file);
  if (hit) return hit;
  const font = fontkit.create(readFileSync(path.join(FONT_DIR, file)));
  // Create every mapped glyph from the cmap first, so a composite's component glyph ("a" in
  // "ả") shared across documents keeps its code point and its ToUnicode entry.
  for (const cp of font.characterSet) font.glyphForCodePoint(cp);
  const runs = new Map<string, { glyphs: unknown[]; positions: FontkitPosition[] }>();
  const layout = (text: string, features?: unknown) => {
    const key = features === undefined ? text : `${JSON.stringify(features)}\u0000${text}`;
    let run = runs.get(key);
    if (!run) {
      const r = font.layout(text, features);
      run = { glyphs: r.glyphs, positions: r.positions.map((p) => ({ ...p })) };
      runs.set(key, run);
    }
    // pdfkit scales positions in place: hand out fresh copies every time
    const positions = run.positions.map((p) => ({ ...p }));
    return { glyphs: run.glyphs, positions, get advanceWidth() { return positions.reduce((w, p) => w + p.xAdvance, 0); } };
  };
  const proxied = new Proxy(font as object, {
    get(target, prop) {
      if (prop === 'layout') return layout;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as FontkitFont;
  cache.set(file, proxied);
  return proxied;
}

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
