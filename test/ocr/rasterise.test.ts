import { createCanvas } from '@napi-rs/canvas';
import { openPdf } from '../../extractors/pdf-document.js';
import { loadImageBytes, readDpi } from '../../extractors/ocr/image-file.js';
import { rasterisePage } from '../../extractors/ocr/rasterise.js';
import { rotateGrey, toGrey, toPgm, blurGrey, blurGreyInPlace, type GreyImage } from '../../extractors/ocr/pixels.js';
import { makeScan } from '../../testkit/generator/make-scans.js';
import { makeSamplePdf } from './sample-pdf.js';

const dark = (img: GreyImage) => img.data.reduce((n, v) => n + (v < 128 ? 1 : 0), 0);

describe('rasterise', () => {
  it('renders a born-digital page at the requested dpi', async () => {
    const doc = await openPdf(await makeSamplePdf(1));
    const r = await rasterisePage(await doc.getPage(1), { dpi: 100 });
    expect(r.method).toBe('render');
    expect(r.width).toBe(Math.ceil((595.28 * 100) / 72));
    expect(r.height).toBe(Math.ceil((841.89 * 100) / 72));
    expect(r.data.length).toBe(r.width * r.height);
    expect(dark(r)).toBeGreaterThan(1000);
    expect(r.pageWidth).toBeCloseTo(595.28, 1);
    await doc.destroy();
  });

  it('takes the pixels of a full-page scan image directly, at the image dpi', async () => {
    const scan = await makeScan(await makeSamplePdf(1), { seed: 5, dpi: 160, stamp: true });
    const doc = await openPdf(scan);
    const r = await rasterisePage(await doc.getPage(1));
    expect(r.method).toBe('embedded-image');
    expect(r.dpi).toBeCloseTo(160, 0);
    // the received stamp is blue ink near the top; the seal is red ink
    expect(r.ink.some((i) => i.colour === 'blue' && i.box.y < 300)).toBe(true);
    expect(r.ink.some((i) => i.colour === 'red')).toBe(true);
    await doc.destroy();
  });

  it('whites out red ink and keeps black', () => {
    const rgba = new Uint8Array([220, 30, 40, 255, 0, 0, 0, 255, 40, 50, 190, 255, 255, 255, 255, 255]);
    expect(Array.from(toGrey(rgba, 4, 1, 4, { suppressRed: true }).grey)).toEqual([255, 0, expect.any(Number), 255]);
    expect(toGrey(rgba, 4, 1, 4, { suppressRed: false }).grey[0]).toBeLessThan(128);
  });

  it('rotates by quarter turns losslessly', () => {
    const img: GreyImage = { width: 3, height: 2, data: new Uint8Array([1, 2, 3, 4, 5, 6]), dpi: 300 };
    const r90 = rotateGrey(img, 90);
    expect([r90.width, r90.height]).toEqual([2, 3]);
    expect(Array.from(r90.data)).toEqual([4, 1, 5, 2, 6, 3]);
    expect(Array.from(rotateGrey(r90, 270).data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(rotateGrey(rotateGrey(img, 180), 180).data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('blurs mildly and keeps size', () => {
    const img: GreyImage = { width: 5, height: 5, data: new Uint8Array(25).fill(255), dpi: 300 };
    img.data[12] = 0;
    const b = blurGrey(img, 0.6);
    expect(b.data[12]).toBeGreaterThan(0);
    expect(b.data[12]).toBeLessThan(200); // 2-D centre weight ≈ 0.45 for sigma 0.6
    expect(b.data[11]).toBeLessThan(255);
  });

  it('blurs in place exactly as with two page buffers (the two-pass blur written out plainly)', () => {
    const twoBuffers = (data: Uint8Array, w: number, h: number, k1: number) => {
      const k0 = 256 - 2 * k1;
      const tmp = new Uint8Array(data), out = new Uint8Array(w * h);
      for (let y = 0; y < h; y++) for (let x = 1; x < w - 1; x++) tmp[y * w + x] = (data[y * w + x - 1] * k1 + data[y * w + x] * k0 + data[y * w + x + 1] * k1 + 128) >> 8;
      out.set(tmp);
      for (let y = 1; y < h - 1; y++) for (let x = 0; x < w; x++) out[y * w + x] = (tmp[(y - 1) * w + x] * k1 + tmp[y * w + x] * k0 + tmp[(y + 1) * w + x] * k1 + 128) >> 8;
      return out;
    };
    let seed = 7;
    const rnd = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed >>> 24; };
    for (const [w, h] of [[1, 1], [1, 4], [4, 1], [3, 3], [17, 9], [64, 33]]) {
      for (const radius of [0.4, 0.6, 1.2]) {
        const data = Uint8Array.from({ length: w * h }, rnd);
        const side = Math.exp(-1 / (2 * radius * radius));
        const expected = twoBuffers(data, w, h, Math.round((side / (1 + 2 * side)) * 256));
        expect(Array.from(blurGrey({ width: w, height: h, data, dpi: 300 }, radius).data)).toEqual(Array.from(expected));
        blurGreyInPlace(data, w, h, radius);
        expect(Array.from(data)).toEqual(Array.from(expected));
      }
    }
  });

  it('writes PGM and reads PNG/JPEG/PGM back with their dpi', async () => {
    const img: GreyImage = { width: 4, height: 3, data: new Uint8Array(12).map((_, i) => i * 20), dpi: 300 };
    const pgm = toPgm(img);
    expect(pgm.subarray(0, 11).toString('ascii')).toBe('P5\n4 3\n255\n');
    const back = await loadImageBytes(pgm);
    expect(Array.from(back.data)).toEqual(Array.from(img.data));
    expect(back.dpi).toBe(300);

    const c = createCanvas(20, 10);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#000'; ctx.fillRect(0, 0, 20, 10);
    const png = await loadImageBytes(await c.encode('png'), { defaultDpi: 200 });
    expect([png.width, png.height, png.dpi, png.data[0]]).toEqual([20, 10, 200, 0]);
    // JFIF density 150 dpi
    const jfif = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x01, 0x00, 0x96, 0x00, 0x96, 0x00, 0x00, 0xff, 0xda]);
    expect(readDpi(jfif)).toBe(150);
  });
});
