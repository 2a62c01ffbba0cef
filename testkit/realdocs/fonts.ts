// Font families for the rendered real documents, every one with all Vietnamese glyphs:
// DejaVu (dependency), Tinos (metric-compatible with Times New Roman, what most offices use)
// and Arimo (Arial-compatible), both from the @expo-google-fonts packages (devDependencies).
import { createRequire } from 'node:module';
import path from 'node:path';
import { sharedFontFile } from '../generator/fonts.js';

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

/**
 * Registers the family's four styles under the names R, B, I, BI. Each file is parsed once per
 * process, through the fixture generator's shared fontkit cache (testkit/generator/fonts.ts):
 * parsing a TTF for every PDF is most of the rendering time (≈ 250 ms a document).
 */
export function registerFamily(doc: PDFKit.PDFDocument, family: FontFamily): void {
  const f = files(family);
  for (const s of ['R', 'B', 'I', 'BI'] as const) doc.registerFont(s, sharedFontFile(f[s]) as unknown as Buffer);
}
