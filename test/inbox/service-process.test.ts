// The real CLI (`tonghop watch`) as a child process: a slow writer, and a clean stop on SIGTERM.
import fs from 'node:fs';
import path from 'node:path';
import { validPdf } from '../../testkit/generator/hostile.js';
import { tmpRoot, startWatch, waitFor, sleep, sha256, openDb, walk } from './helpers.js';

describe('tonghop watch (child process)', () => {
  it('a PDF written slowly in chunks, with a pause longer than the settle time, is taken in once, after it is complete', async () => {
    const root = tmpRoot('slow');
    const inbox = path.join(root, 'inbox');
    fs.mkdirSync(inbox, { recursive: true });
    // retries long enough to outlast the scanner's stall (300 + 600 + 1200 + 2400 ms)
    const child = startWatch(root, ['--open-retries', '4', '--retry-ms', '300']);
    try {
      await waitFor('service start', () => child.log.some((l) => l.includes('inbox service started')), 30_000);
      const pdf = Buffer.concat([await validPdf(77), Buffer.alloc(0)]);
      const target = path.join(inbox, 'quet-cham.pdf');
      const fd = fs.openSync(target, 'w');
      const chunks = 10;
      const step = Math.ceil(pdf.length / chunks);
      for (let i = 0; i < chunks; i++) {
        fs.writeSync(fd, pdf.subarray(i * step, (i + 1) * step));
        // a scanner that stalls: one pause well past --settle-ms (300), the rest shorter
        await sleep(i === 4 ? 900 : 200);
        expect(child.log.some((l) => l.includes('taken in'))).toBe(false);
      }
      fs.closeSync(fd);
      const lastWrite = Date.now();
      await waitFor('archived', () => child.log.some((l) => l.includes('moved.archive')), 60_000);
      const taken = child.log.filter((l) => l.includes('"taken in"')).map((l) => JSON.parse(l));
      expect(taken).toHaveLength(1);
      expect(Date.parse(taken[0].time)).toBeGreaterThanOrEqual(lastWrite - 5);
      // the stall made it retry, not give up
      expect(taken[0].complete).toBe(true);
      const archived = walk(path.join(root, 'archive'));
      expect(archived).toHaveLength(1);
      expect(sha256(fs.readFileSync(path.join(root, 'archive', archived[0])))).toBe(sha256(pdf));
      const db = openDb(root);
      try {
        const docs = db.prepare('SELECT status, sha256 FROM documents').all() as { status: string; sha256: string }[];
        expect(docs).toHaveLength(1);
        expect(docs[0].sha256).toBe(sha256(pdf));
        expect(['accepted', 'needs_review']).toContain(docs[0].status);
      } finally { db.close(); }
    } finally {
      child.proc.kill('SIGKILL');
      await child.exited;
    }
  }, 120_000);

  it('SIGTERM stops taking files, lets in-flight work finish, exits 0; a restart finishes the rest exactly once', async () => {
    const root = tmpRoot('sigterm');
    const inbox = path.join(root, 'inbox');
    const staging = path.join(root, 'staging');
    fs.mkdirSync(inbox, { recursive: true });
    fs.mkdirSync(staging);
    const n = 12;
    for (let i = 0; i < n; i++) fs.writeFileSync(path.join(staging, `van-ban-${i}.pdf`), await validPdf(300 + i));
    for (const f of fs.readdirSync(staging)) fs.renameSync(path.join(staging, f), path.join(inbox, f));
    const child = startWatch(root);
    await waitFor('first document processed', () => child.log.some((l) => l.includes('"processed"')), 60_000);
    child.proc.kill('SIGTERM');
    const { code, signal } = await Promise.race([child.exited, sleep(45_000).then(() => ({ code: -1, signal: null }))]);
    expect(signal).toBeNull();
    expect(code).toBe(0);
    expect(child.log.some((l) => l.includes('inbox service stopped'))).toBe(true);
    let db = openDb(root);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // nothing half-done: every entry is either still waiting with its document, or moved
    const moving = db.prepare("SELECT COUNT(*) AS n FROM inbox_files WHERE state = 'moving'").get() as { n: number };
    expect(moving.n).toBe(0);
    db.close();
    expect(fs.existsSync(path.join(root, 'data', 'watch.lock'))).toBe(false);

    const again = startWatch(root, ['--once']);
    expect((await again.exited).code).toBe(0);
    db = openDb(root);
    try {
      const docs = db.prepare('SELECT status FROM documents').all() as { status: string }[];
      expect(docs).toHaveLength(n);
      expect(docs.every((d) => d.status === 'accepted' || d.status === 'needs_review')).toBe(true);
      expect(fs.readdirSync(inbox)).toEqual([]);
      expect(walk(path.join(root, 'archive'))).toHaveLength(n);
    } finally { db.close(); }
  }, 150_000);
});
