// Fonts for the born-digital fixtures (DejaVu: every Vietnamese precomposed glyph), read once
// per process, with the shared fontkit layout cache. The other-hands and realdocs generators
// use the same cache (sharedFont, sharedFontFile).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

type Doc = PDFKit.PDFDocument;

const require = createRequire(import.meta.url);
export const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
// The fontkit that pdfkit itself uses (a dependency of pdfkit, not of this project).
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(buf: Buffer): FontkitFont };

interface FontkitPosition { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }
interface FontkitFont {
  characterSet: number[];
  glyphForCodePoint(cp: number): unknown;
  layout(text: string, features?: unknown): { glyphs: unknown[]; positions: FontkitPosition[] };
}

export type Family = 'DejaVuSerif' | 'DejaVuSerifCondensed';

/**
 * One parsed font per file for the whole process, with a layout cache shared by every
 * document: shaping each word with fontkit is most of pdfkit's time, and the fixture set
 * repeats the same words. pdfkit scales the positions it gets in place, so each call
 * returns fresh position objects; glyphs are read-only and shared. Output is unchanged.
 */
const fontCache = new Map<string, FontkitFont>();
export function sharedFontFile(file: string): FontkitFont {
  let f = fontCache.get(file);
  if (f) return f;
  const font = fontkit.create(readFileSync(file));
  // fontkit caches one glyph object per id, with the code points it was first created with.
  // Subsetting creates composite glyphs' components (the "a" in "ả") with none, and shared
  // across documents that would leave a later document's plain "a" without a ToUnicode
  // entry. Creating every mapped glyph from the cmap first makes code points canonical.
  for (const cp of font.characterSet) font.glyphForCodePoint(cp);
  const runs = new Map<string, { glyphs: unknown[]; positions: FontkitPosition[] }>();
  const layout = (text: string, features?: unknown) => {
    const key = features === undefined ? text : `${JSON.stringify(features)}\u0000${text}`;
    let run = runs.get(key);
    if (!run) {
      const r = font.layout(text, features);
      run = { glyphs: r.glyphs, positions: r.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset })) };
      runs.set(key, run);
    }
    const positions = run.positions.map((p) => ({ ...p }));
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth() { return positions.reduce((w, p) => w + p.xAdvance, 0); },
    };
  };
  f = new Proxy(font as object, {
    get(target, prop) {
      if (prop === 'layout') return layout;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as FontkitFont;
  fontCache.set(file, f);
  return f;
}

/** A DejaVu file (`DejaVuSerif-Bold.ttf`) of the dejavu-fonts-ttf package, parsed once. */
export function sharedFont(file: string): FontkitFont {
  return sharedFontFile(path.join(FONT_DIR, file));
}

export const R = 'R', B = 'B', I = 'I', BI = 'BI';
export function registerFonts(doc: Doc, family: Family): void {
  // pdfkit accepts any object with a fontkit-like layout() as a font source
  const src = (file: string) => sharedFont(file) as unknown as Buffer;
  doc.registerFont(R, src(`${family}.ttf`));
  doc.registerFont(B, src(`${family}-Bold.ttf`));
  doc.registerFont(I, src(`${family}-Italic.ttf`));
  doc.registerFont(BI, src(`${family}-BoldItalic.ttf`));
}
