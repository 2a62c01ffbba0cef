import fs from 'node:fs';
import path from 'node:path';
import { completeMove, candidateName, freeDestination, truncateUtf8, splitName, tempNameFor } from '../../pipeline/inbox/mover.js';
import { tmpRoot } from './helpers.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('names', () => {
  it('keeps the name, then adds " (n)" before the extension', () => {
    expect(candidateName('báo cáo.pdf', 1)).toBe('báo cáo.pdf');
    expect(candidateName('báo cáo.pdf', 2)).toBe('báo cáo (2).pdf');
    expect(candidateName('--rf.pdf', 3)).toBe('--rf (3).pdf');
    expect(candidateName('no-extension', 2)).toBe('no-extension (2)');
    expect(splitName('.hidden')).toEqual({ stem: '.hidden', ext: '' });
  });

  it('cuts long names on a character boundary so name + sidecar suffix fit 255 bytes', () => {
    const long = `${'Chương trình phối hợp giảm nghèo '.repeat(8)}.pdf`;
    const c = candidateName(long, 12, bytes('.error.json'));
    expect(bytes(c) + bytes('.error.json')).toBeLessThanOrEqual(255);
    expect(c.endsWith(' (12).pdf')).toBe(true);
    expect(c).not.toContain('\uFFFD');
    expect(truncateUtf8('ằằằ', 7)).toBe('ằằ'); // 3 bytes each
  });

  it('freeDestination skips names on disk, their sidecars, and names reserved in the database', () => {
    const dir = tmpRoot('names');
    fs.writeFileSync(path.join(dir, 'a.pdf'), 'x');
    fs.writeFileSync(path.join(dir, 'a (2).pdf.error.json'), 'x'); // a sidecar (or a user file named like one)
    const reserved = new Set([path.join(dir, 'a (3).pdf')]);
    const r = freeDestination(dir, 'a.pdf', '.error.json', (p) => reserved.has(p));
    expect(r).toEqual({ dest: path.join(dir, 'a (4).pdf'), sidecar: path.join(dir, 'a (4).pdf.error.json') });
    expect(freeDestination(dir, 'b.pdf', null, () => false)).toEqual({ dest: path.join(dir, 'b.pdf'), sidecar: null });
  });
});

describe('completeMove', () => {
  let dir: string;
  beforeEach(() => {
    dir = tmpRoot('move');
    fs.mkdirSync(path.join(dir, 'in'));
  });
  const src = () => path.join(dir, 'in', 'x.pdf');
  const dest = () => path.join(dir, 'out', '2024-05', 'x.pdf');

  it('moves a file and keeps its bytes', () => {
    fs.writeFileSync(src(), 'content');
    expect(completeMove(src(), dest(), 1)).toBe('moved');
    expect(fs.existsSync(src())).toBe(false);
    expect(fs.readFileSync(dest(), 'utf8')).toBe('content');
  });

  it('never overwrites an existing destination', () => {
    fs.writeFileSync(src(), 'mine');
    fs.mkdirSync(path.dirname(dest()), { recursive: true });
    fs.writeFileSync(dest(), 'someone else');
    expect(completeMove(src(), dest(), 1)).toBe('dest-taken');
    expect(fs.readFileSync(dest(), 'utf8')).toBe('someone else');
    expect(fs.readFileSync(src(), 'utf8')).toBe('mine');
  });

  it('finishes a move interrupted after link (two names, one inode)', () => {
    fs.writeFileSync(src(), 'content');
    fs.mkdirSync(path.dirname(dest()), { recursive: true });
    fs.linkSync(src(), dest());
    expect(completeMove(src(), dest(), 1)).toBe('already-moved');
    expect(fs.existsSync(src())).toBe(false);
    expect(fs.readFileSync(dest(), 'utf8')).toBe('content');
  });

  it('finishes a move interrupted after a cross-filesystem copy (same bytes, two inodes), removing a stale temp', () => {
    fs.writeFileSync(src(), 'content');
    fs.mkdirSync(path.dirname(dest()), { recursive: true });
    fs.writeFileSync(dest(), 'content');
    fs.writeFileSync(tempNameFor(dest(), 7), 'half');
    expect(completeMove(src(), dest(), 7)).toBe('already-moved');
    expect(fs.existsSync(src())).toBe(false);
    expect(fs.existsSync(tempNameFor(dest(), 7))).toBe(false);
  });

  it('is idempotent once done, and reports a source that vanished', () => {
    fs.writeFileSync(src(), 'content');
    completeMove(src(), dest(), 1);
    expect(completeMove(src(), dest(), 1)).toBe('already-moved');
    expect(completeMove(path.join(dir, 'in', 'nothing.pdf'), path.join(dir, 'out', 'nothing.pdf'), 2)).toBe('source-missing');
  });

  it('moves a symlink itself, never its target', () => {
    const target = path.join(dir, 'secret.txt');
    fs.writeFileSync(target, 'do not touch');
    const link = path.join(dir, 'in', 'link.pdf');
    fs.symlinkSync(target, link);
    const to = path.join(dir, 'q', 'link.pdf');
    expect(completeMove(link, to, 3)).toBe('moved');
    expect(fs.lstatSync(to).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('do not touch');
  });

  it('moves a folder whole', () => {
    const folder = path.join(dir, 'in', 'folder.pdf');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'inner.pdf'), 'x');
    const to = path.join(dir, 'q', 'folder.pdf');
    expect(completeMove(folder, to, 4)).toBe('moved');
    expect(fs.readFileSync(path.join(to, 'inner.pdf'), 'utf8')).toBe('x');
  });
});
