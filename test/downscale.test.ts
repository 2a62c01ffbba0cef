// downscaleGrey: area averaging in fixed point, against a plain floating-point reference.
import { downscaleGrey, type GreyImage } from '../extractors/ocr/pixels.js';

function reference(img: GreyImage, factor: number): Uint8Array {
  const w = Math.round(img.width * factor), h = Math.round(img.height * factor);
  const sx = img.width / w, sy = img.height / h;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    let acc = 0;
    for (let j = Math.floor(y * sy); j < Math.min(img.height, Math.ceil((y + 1) * sy)); j++) {
      const wy = Math.min((y + 1) * sy, j + 1) - Math.max(y * sy, j);
      for (let i = Math.floor(x * sx); i < Math.min(img.width, Math.ceil((x + 1) * sx)); i++) {
        const wx = Math.min((x + 1) * sx, i + 1) - Math.max(x * sx, i);
        acc += img.data[j * img.width + i] * wx * wy;
      }
    }
    out[y * w + x] = Math.round(acc / (sx * sy));
  }
  return out;
}

describe('downscaleGrey', () => {
  const img: GreyImage = { width: 61, height: 47, dpi: 300, data: new Uint8Array(61 * 47).map((_, i) => (i * 7919) % 256) };

  it.each([2 / 3, 0.5, 0.4, 0.9])('matches area averaging within one grey level at factor %f', (f) => {
    const r = downscaleGrey(img, f);
    expect(r.width).toBe(Math.round(61 * f));
    expect(r.height).toBe(Math.round(47 * f));
    expect(r.dpi).toBeCloseTo(300 * (r.width / 61), 6);
    const ref = reference(img, f);
    let worst = 0;
    for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(ref[i] - r.data[i]));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('keeps white white and black black, and leaves factors ≥ 1 alone', () => {
    const white = downscaleGrey({ width: 30, height: 30, dpi: 300, data: new Uint8Array(900).fill(255) }, 2 / 3);
    expect(white.data.every((v) => v === 255)).toBe(true);
    const black = downscaleGrey({ width: 30, height: 30, dpi: 300, data: new Uint8Array(900) }, 2 / 3);
    expect(black.data.every((v) => v === 0)).toBe(true);
    expect(downscaleGrey(img, 1)).toBe(img);
  });
});
