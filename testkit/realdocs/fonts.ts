// Font families for the rendered real documents, every one with all Vietnamese glyphs:
// DejaVu (dependency), Tinos (metric-compatible with Times New Roman, what most offices use)
// and Arimo (Arial-compatible), both from the @expo-google-fonts packages (devDependencies).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type FontFamily = 'DejaVuSerif' | 'DejaVuSerifCondensed' | 'DejaVuSans' | 'DejaVuSansCondensed' | 'Tinos' | 'Arimo';
export type FontStyle = 'R' | 'B' | 'I' | 'BI';

const require = createRequire(import.meta.url);
const dir = (pkg: string) => path.dirname(require.resolve(`${pkg}/package.json`));

function files(family: FontFamily): Record<FontStyle, string> {
  if (family === 'Tinos' || family === 'Arimo') {
    const d = dir(`@expo-google-fonts/${family.toLowerCase()}`);
    const f = (w: string) => path.join(d, w, `${family}_${w}.ttf`);
    return { R: f('400Regular'), B: f('700Bold'), I: f('400Regular_Italic'), BI: f('700Bold_Italic') };
  }
  const d = path.join(dir('dejavu-fonts-ttf'), 'ttf');
  const slant = family.startsWith('DejaVuSans') ? 'Oblique' : 'Italic';
  return {
    R: path.join(d, `${family}.ttf`), B: path.join(d, `${family}-Bold.ttf`),
    I: path.join(d, `${family}-${slant}.ttf`), BI: path.join(d, `${family}-Bold${slant}.ttf`),
  };
}

// The fontkit that pdfkit itself uses (a dependency of pdfkit, not of this project).
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(buf: Buffer): FontkitFont };
interface FontkitPosition { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }
interface FontkitRun { glyphs: unknown[]; positions: FontkitPosition[] }
interface FontkitFont { characterSet: number[]; glyphForCodePoint(cp: number): unknown; layout(text: string, features?: unknown): FontkitRun }

/**
 * One parsed font per file for the whole process: parsing a TTF for every PDF is most of
 * the rendering time (≈ 250 ms a document). Same technique as scripts/generate-fixtures.ts
 * (not exported there, and that file is not ours to change): fontkit caches one glyph object
 * per id with the code points it was first created with, and subsetting creates composite
 * glyphs' components ("a" in "ả") with none, which shared across documents would leave a
 * later document's plain "a" without a ToUnicode entry; creating every mapped glyph from the
 * cmap first makes the code points canonical. Shaping runs are cached too (pdfkit scales
 * the positions it gets in place, so each call returns fresh copies). pdfkit accepts the
 * parsed font as a source.
 */
const parsed = new Map<string, FontkitFont>();
function shared(file: string): FontkitFont {
  let f = parsed.get(file);
  if (!f) {
    f = fontkit.create(fs.readFileSync(file));
    for (const cp of f.characterSet) f.glyphForCodePoint(cp);
    f = withLayoutCache(f);
    parsed.set(file, f);
  }
  return f;
}

function withLayoutCache(font: FontkitFont): FontkitFont {
  const runs = new Map<string, FontkitRun>();
  const layout = (text: string, features?: unknown) => {
    const key = features === undefined ? text : `${JSON.stringify(features)}\u0000${text}`;
    let run = runs.get(key);
    if (!run) {
      const r = font.layout(text, features);
      run = { glyphs: r.glyphs, positions: r.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset })) };
      runs.set(key, run);
    }
    const positions = run.positions.map((p) => ({ ...p }));
    return { glyphs: run.glyphs, positions, get advanceWidth() { return positions.reduce((w, p) => w + p.xAdvance, 0); } };
  };
  return new Proxy(font as object, {
    get(target, prop) {
      if (prop === 'layout') return layout;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as FontkitFont;
}

/** Registers the family's four styles under the names R, B, I, BI. */
export function registerFamily(doc: PDFKit.PDFDocument, family: FontFamily): void {
  const f = files(family);
  for (const s of ['R', 'B', 'I', 'BI'] as const) doc.registerFont(s, shared(f[s]) as unknown as Buffer);
}
