import fs from 'node:fs';
import path from 'node:path';
import { checkReadiness, isComplete, backoffDelay, isIgnoredName, completeness, type ReadinessOptions, type Stat } from '../../pipeline/inbox/readiness.js';
import { tmpRoot } from './helpers.js';

const o: ReadinessOptions = { settleMs: 1000, openRetries: 2, backoffMs: 100, maxBackoffMs: 1000 };
const st = (size: number, mtimeMs = 5): Stat => ({ kind: 'file', size, mtimeMs });
const complete = () => ({ complete: true, kind: 'pdf' as const });
const incomplete = () => ({ complete: false, kind: 'pdf' as const });

describe('checkReadiness', () => {
  it('waits until size and mtime have been stable for settleMs', () => {
    let v = checkReadiness('x', st(10), undefined, 0, o, complete);
    expect(v.ready).toBe(false);
    expect(v.obs.nextCheckAt).toBe(1000);
    v = checkReadiness('x', st(10), v.obs, 500, o, complete);
    expect(v.ready).toBe(false);
    v = checkReadiness('x', st(20), v.obs, 900, o, complete); // grew: the clock restarts
    expect(v.ready).toBe(false);
    expect(v.obs.since).toBe(900);
    v = checkReadiness('x', st(20), v.obs, 1800, o, complete);
    expect(v.ready).toBe(false);
    v = checkReadiness('x', st(20), v.obs, 1900, o, complete);
    expect(v).toMatchObject({ ready: true, complete: true, fileKind: 'pdf' });
  });

  it('a changed mtime with the same size also restarts the clock', () => {
    let v = checkReadiness('x', st(10, 1), undefined, 0, o, complete);
    v = checkReadiness('x', st(10, 2), v.obs, 1500, o, complete);
    expect(v.ready).toBe(false);
    expect(v.obs.since).toBe(1500);
  });

  it('retries an incomplete file with backoff, then hands it over as incomplete', () => {
    let v = checkReadiness('x', st(10), undefined, 0, o, incomplete);
    v = checkReadiness('x', st(10), v.obs, 1000, o, incomplete);
    expect(v).toMatchObject({ ready: false, obs: { attempts: 1, nextCheckAt: 1100 } });
    v = checkReadiness('x', st(10), v.obs, 1100, o, incomplete);
    expect(v).toMatchObject({ ready: false, obs: { attempts: 2, nextCheckAt: 1300 } });
    v = checkReadiness('x', st(10), v.obs, 1300, o, incomplete);
    expect(v).toMatchObject({ ready: true, complete: false });
  });

  it('folders and symlinks are ready once stable, without being opened', () => {
    const opened: string[] = [];
    const spy = (p: string) => { opened.push(p); return { complete: true, kind: null }; };
    let v = checkReadiness('d', { kind: 'folder', size: 0, mtimeMs: 1 }, undefined, 0, o, spy);
    v = checkReadiness('d', { kind: 'folder', size: 0, mtimeMs: 1 }, v.obs, 1000, o, spy);
    expect(v).toMatchObject({ ready: true, complete: true });
    expect(opened).toEqual([]);
  });

  it('backoff doubles and is capped', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, o))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});

describe('isComplete', () => {
  const b = (s: string) => Buffer.from(s, 'latin1');
  it('a PDF needs %%EOF near its end', () => {
    expect(isComplete('pdf', b('%PDF-1.7'), b('trailer\nstartxref\n123\n%%EOF\n'))).toBe(true);
    expect(isComplete('pdf', b('%PDF-1.7'), b('stream\nxx'))).toBe(false);
  });
  it('PNG needs IEND, JPEG its end marker, ZIP its central directory', () => {
    expect(isComplete('png', b('\x89PNG'), b('....IEND\xaeB`\x82'))).toBe(true);
    expect(isComplete('png', b('\x89PNG'), b('IDAT....'))).toBe(false);
    expect(isComplete('jpeg', b('\xff\xd8\xff'), b('\x00\xff\xd9'))).toBe(true);
    expect(isComplete('jpeg', b('\xff\xd8\xff'), b('\x00\x00'))).toBe(false);
    expect(isComplete('zip', b('PK\x03\x04'), b('PK\x05\x06\x00\x00'))).toBe(true);
    expect(isComplete('zip', b('PK\x03\x04'), b('PK\x03\x04'))).toBe(false);
  });
  it('empty and unrecognised files may still be growing', () => {
    expect(isComplete('empty', b(''), b(''))).toBe(false);
    expect(isComplete('unknown', b('abc'), b('abc'))).toBe(false);
    expect(isComplete('html', b('<html>'), b('</html>'))).toBe(true);
  });
  it('completeness() reads the head and tail of a real file', () => {
    const dir = tmpRoot('complete');
    fs.writeFileSync(path.join(dir, 'a.pdf'), `%PDF-1.4\n${'x'.repeat(10_000)}\n%%EOF\n`);
    fs.writeFileSync(path.join(dir, 'b.pdf'), `%PDF-1.4\n${'x'.repeat(10_000)}`);
    expect(completeness(path.join(dir, 'a.pdf'))).toEqual({ complete: true, kind: 'pdf' });
    expect(completeness(path.join(dir, 'b.pdf'))).toEqual({ complete: false, kind: 'pdf' });
    expect(completeness(path.join(dir, 'missing.pdf'))).toEqual({ complete: false, kind: null });
  });
});

describe('isIgnoredName', () => {
  it('skips work in progress and system litter, never real documents', () => {
    for (const n of ['.DS_Store', '.bao-cao.pdf.swp', '~$bao cao.docx', 'x.pdf.part', 'x.pdf.crdownload', 'Thumbs.db']) expect(isIgnoredName(n)).toBe(true);
    for (const n of ['bao cao.pdf', '-rf.pdf', 'Báo cáo – quý II.pdf', 'x.tmp.pdf']) expect(isIgnoredName(n)).toBe(false);
  });
});
