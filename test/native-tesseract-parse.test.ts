// What tesseract prints, read back: TSV words and lines (one page per image of a list), and the OSD report.
import { parseOsd, parseTsv } from '../extractors/ocr/native-tesseract.js';

const TSV = [
  'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
  '1\t1\t0\t0\t0\t0\t0\t0\t2481\t3508\t-1\t',
  '2\t1\t1\t0\t0\t0\t100\t200\t800\t60\t-1\t',
  '3\t1\t1\t1\t0\t0\t100\t200\t800\t60\t-1\t',
  '4\t1\t1\t1\t1\t0\t100\t200\t800\t60\t-1\t',
  '5\t1\t1\t1\t1\t1\t100\t200\t90\t60\t96.5\tSố:',
  '5\t1\t1\t1\t1\t2\t210\t200\t690\t60\t91.25\t280/BC-SLĐTBXH',
  '4\t1\t1\t1\t2\t0\t100\t300\t300\t50\t-1\t',
  '5\t1\t1\t1\t2\t1\t100\t300\t300\t50\t95\t ',
  '1\t2\t0\t0\t0\t0\t0\t0\t400\t100\t-1\t',
  '4\t2\t1\t1\t1\t0\t5\t10\t200\t40\t-1\t',
  '5\t2\t1\t1\t1\t1\t5\t10\t200\t40\t88\t20.761.960',
].join('\n');

describe('tesseract TSV', () => {
  it('gives each page its lines and words, with boxes, confidences and text as printed', () => {
    const pages = parseTsv(TSV);
    expect([...pages.keys()]).toEqual([1, 2]);
    const p1 = pages.get(1)!;
    expect(p1).toHaveLength(2);
    expect(p1[0]).toMatchObject({ block: 1, par: 1, line: 1, left: 100, top: 200, width: 800, height: 60 });
    expect(p1[0].words.map((w) => [w.text, w.conf, w.left])).toEqual([['Số:', 96.5, 100], ['280/BC-SLĐTBXH', 91.25, 210]]);
    expect(pages.get(2)![0].words[0].text).toBe('20.761.960');
  });

  it('ignores the header, short rows and words outside a line', () => {
    expect(parseTsv('level\tpage_num\n5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\torphan\n\n').get(1) ?? []).toEqual([]);
  });
});

describe('tesseract OSD report', () => {
  it('takes "Rotate" as the clockwise turn and its confidence', () => {
    const out = 'Page number: 0\nOrientation in degrees: 270\nRotate: 90\nOrientation confidence: 14.20\nScript: Latin\nScript confidence: 3.1\n';
    expect(parseOsd(out)).toEqual({ rotation: 90, conf: 14.2 });
  });
  it('is null without an answer', () => {
    expect(parseOsd('')).toBeNull();
    expect(parseOsd('Rotate: 45\n')).toBeNull();
  });
});
