import crypto from 'node:crypto';
import { openPdf } from '../../extractors/pdf-document.js';
import { makeScan, seedFromName } from '../../testkit/generator/make-scans.js';
import { makeSamplePdf } from './sample-pdf.js';

const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

describe('makeScan', () => {
  it('is deterministic for a seed and varies with it', async () => {
    const born = await makeSamplePdf(2);
    const a = await makeScan(born, { seed: 42, dpi: 100, stamp: true });
    const b = await makeScan(born, { seed: 42, dpi: 100, stamp: true });
    const c = await makeScan(born, { seed: 43, dpi: 100, stamp: true });
    expect(sha(a)).toBe(sha(b));
    expect(sha(a)).not.toBe(sha(c));
    const doc = await openPdf(a);
    expect(doc.numPages).toBe(2);
    const ops = await (await doc.getPage(1)).getOperatorList();
    expect(ops.fnArray.filter((f) => f === 85 /* paintImageXObject */)).toHaveLength(1);
    await doc.destroy();
  });

  it('turns the page for rotate: 90', async () => {
    const doc = await openPdf(await makeScan(await makeSamplePdf(1), { seed: 1, dpi: 72, rotate: 90 }));
    const vp = (await doc.getPage(1)).getViewport({ scale: 1 });
    expect(vp.width).toBeCloseTo(841.89, 0);
    expect(vp.height).toBeCloseTo(595.28, 0);
    await doc.destroy();
  });

  it('seeds from file names stably', () => {
    expect(seedFromName('bc-ha-giang-280')).toBe(seedFromName('bc-ha-giang-280'));
    expect(seedFromName('a')).not.toBe(seedFromName('b'));
  });
});
