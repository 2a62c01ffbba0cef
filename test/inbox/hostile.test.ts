// Each hostile or broken input gets its own stable code and lands where it should, without
// touching the others. Runs the real service in-process (`--once` mode) on real files.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import pino from 'pino';
import { makeConfig } from '../../pipeline/config.js';
import { openApp, type App } from '../../pipeline/app.js';
import { InboxService, monthFolder } from '../../pipeline/inbox/service.js';
import { hostileCases, placeCase, validPdf } from '../../testkit/generator/hostile.js';
import { inspectPdfBytes } from '../../extractors/pdf-inspect.js';
import { imageDimensions } from '../../pipeline/file-kind.js';
import { tmpRoot, sha256 } from './helpers.js';

const quiet = pino({ level: 'silent' });
const fast = { settleMs: 100, openRetries: 1, backoffMs: 50 };

function service(app: App, root: string) {
  return new InboxService(app, { inbox: path.join(root, 'inbox'), log: quiet, readiness: fast });
}

describe('hostile inputs through the inbox service', () => {
  let root: string;
  let app: App;
  const cases = hostileCases();
  let rows: Record<string, { state: string; dest_kind: string | null; dest_path: string | null; reason_code: string | null; document_id: string | null }>;

  beforeAll(async () => {
    root = tmpRoot('hostile');
    const inbox = path.join(root, 'inbox');
    fs.mkdirSync(inbox, { recursive: true });
    const scratch = path.join(root, 'scratch');
    fs.mkdirSync(scratch);
    for (const c of cases) await placeCase(c, inbox, scratch);
    fs.writeFileSync(path.join(inbox, 'hop-le.pdf'), await validPdf(1));
    // a tiny PNG that claims to be 100000 × 100000 pixels
    const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(100_000, 0); ihdr.writeUInt32BE(100_000, 4); ihdr[8] = 8;
    const chunk = (type: string, data: Buffer) => { const l = Buffer.alloc(4); l.writeUInt32BE(data.length); return Buffer.concat([l, Buffer.from(type), data, Buffer.alloc(4)]); };
    fs.writeFileSync(path.join(inbox, 'anh-png-khong-lo.png'), Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(10))), chunk('IEND', Buffer.alloc(0))]));
    app = openApp(makeConfig({ dbFile: path.join(root, 'data', 'tonghop.db') }));
    const s = service(app, root);
    await s.runOnce();
    rows = Object.fromEntries(s.inboxRepo.list().map((r) => [path.basename(r.path), r]));
  }, 120_000);

  afterAll(async () => { await app?.close(); });

  it.each(cases.map((c) => [c.kind, c] as const))('%s', (_kind, c) => {
    const r = rows[c.name];
    expect(r).toBeDefined();
    expect(r.state).toBe('moved');
    expect(fs.existsSync(path.join(root, 'inbox', c.name))).toBe(false);
    expect(fs.lstatSync(r.dest_path!)).toBeTruthy();
    if (c.expect.dest === 'quarantine') {
      expect(r.dest_kind).toBe('quarantine');
      expect(r.reason_code).toBe(c.expect.code);
      const note = JSON.parse(fs.readFileSync(`${r.dest_path}.error.json`, 'utf8'));
      expect(note).toMatchObject({ code: c.expect.code, file: c.name });
      expect(note.message).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/i); // Vietnamese, for people
      expect(Date.parse(note.at)).not.toBeNaN();
    } else {
      expect(r.dest_kind).toBe('archive');
      expect(path.dirname(r.dest_path!)).toBe(path.join(root, 'archive', monthFolder(new Date())));
      expect(path.basename(r.dest_path!)).toBe(c.name); // name kept, even odd ones
      const doc = app.repo.get(r.document_id!)!;
      expect(['accepted', 'needs_review']).toContain(doc.status);
      if ('finding' in c.expect && c.expect.finding) {
        const probe = app.repo.loadArtifacts(doc.id).probe as { findings: { code: string }[] };
        expect(probe.findings.map((f) => f.code)).toContain(c.expect.finding);
      }
    }
  });

  it('a symlink is moved as a link: its target outside the inbox is never read or moved', () => {
    const r = rows[cases.find((c) => c.kind === 'symlink')!.name];
    expect(fs.lstatSync(r.dest_path!).isSymbolicLink()).toBe(true);
    expect(fs.existsSync(path.join(root, 'scratch', 'outside.txt'))).toBe(true);
    expect(r.document_id).toBeNull();
  });

  it('a valid file among them is processed normally', () => {
    const r = rows['hop-le.pdf'];
    expect(r.dest_kind).toBe('archive');
    expect(['accepted', 'needs_review']).toContain(app.repo.get(r.document_id!)!.status);
  });

  it('a PNG declaring a huge size is refused from its header', () => {
    expect(rows['anh-png-khong-lo.png']).toMatchObject({ dest_kind: 'quarantine', reason_code: 'image.too_large' });
  });

  it('every move is in file_events: intent and done', () => {
    const ev = app.db.prepare('SELECT event, COUNT(*) AS n FROM file_events GROUP BY event').all() as { event: string; n: number }[];
    const by = Object.fromEntries(ev.map((e) => [e.event, e.n]));
    const entries = Object.keys(rows).length;
    expect(by['inbox.taken']).toBe(entries);
    expect(by['move.intent']).toBe(entries);
    expect((by['moved.archive'] ?? 0) + (by['moved.duplicate'] ?? 0) + (by['moved.quarantine'] ?? 0)).toBe(entries);
  });
});

describe('inspectPdfBytes and imageDimensions', () => {
  it('finds the declared size of image XObjects without parsing', async () => {
    const { hugeImagePdf } = await import('../../testkit/generator/hostile.js');
    expect(inspectPdfBytes(hugeImagePdf(70_000, 20_000))).toMatchObject({ hasEof: true, xrefOk: true, imageCount: 1, largestImage: { width: 70_000, height: 20_000 } });
  });
  it('tells a cut-short file and a broken xref apart', async () => {
    const { truncated, corruptXref } = await import('../../testkit/generator/hostile.js');
    const pdf = await validPdf(3);
    expect(inspectPdfBytes(pdf)).toMatchObject({ hasEof: true, xrefOk: true, javascript: false, embeddedFiles: false });
    expect(inspectPdfBytes(truncated(pdf)).hasEof).toBe(false);
    expect(inspectPdfBytes(corruptXref(pdf))).toMatchObject({ hasEof: true, xrefOk: false });
  });
  it('reads PNG and JPEG headers', () => {
    const png = Buffer.alloc(24); png.writeUInt32BE(0x89504e47, 0); png.write('IHDR', 12, 'latin1'); png.writeUInt32BE(640, 16); png.writeUInt32BE(480, 20);
    expect(imageDimensions(png)).toEqual({ width: 640, height: 480 });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03, 0, 0, 0, 0]);
    expect(imageDimensions(jpeg)).toEqual({ width: 640, height: 480 });
  });
});

describe('names and duplicates in the archive', () => {
  it('a second, different file with the same name gets " (2)"; a same-content copy goes to duplicates with a note', async () => {
    const root = tmpRoot('collide');
    const inbox = path.join(root, 'inbox');
    fs.mkdirSync(inbox, { recursive: true });
    const app = openApp(makeConfig({ dbFile: path.join(root, 'data', 'tonghop.db') }));
    try {
      const first = await validPdf(21);
      const second = await validPdf(22);
      fs.writeFileSync(path.join(inbox, 'bao-cao.pdf'), first);
      await service(app, root).runOnce();
      fs.writeFileSync(path.join(inbox, 'bao-cao.pdf'), second);
      await service(app, root).runOnce();
      fs.writeFileSync(path.join(inbox, 'bao-cao.pdf'), first);
      await service(app, root).runOnce();
      const month = path.join(root, 'archive', monthFolder(new Date()));
      expect(sha256(fs.readFileSync(path.join(month, 'bao-cao.pdf')))).toBe(sha256(first));
      expect(sha256(fs.readFileSync(path.join(month, 'bao-cao (2).pdf')))).toBe(sha256(second));
      const dup = path.join(root, 'archive', 'duplicates', 'bao-cao.pdf');
      expect(sha256(fs.readFileSync(dup))).toBe(sha256(first));
      const note = JSON.parse(fs.readFileSync(`${dup}.duplicate.json`, 'utf8'));
      expect(note.duplicateOf.path).toBe(path.join(month, 'bao-cao.pdf'));
      expect(note.sha256).toBe(sha256(first));
    } finally {
      await app.close();
    }
  }, 60_000);
});

describe('recovery of an interrupted move', () => {
  it('a move recorded as intended but not done is finished on the next start, once', async () => {
    const root = tmpRoot('recover');
    const inbox = path.join(root, 'inbox');
    fs.mkdirSync(inbox, { recursive: true });
    const app = openApp(makeConfig({ dbFile: path.join(root, 'data', 'tonghop.db') }));
    try {
      fs.writeFileSync(path.join(inbox, 'a.pdf'), '<html>not a pdf</html>');
      const s1 = service(app, root);
      // crash simulation: take in and process, record the intent, stop before touching the file
      const { takeIn } = await import('../../pipeline/intake.js');
      const { processPending } = await import('../../pipeline/runner.js');
      const o = takeIn(app, path.join(inbox, 'a.pdf'), { recordRepeats: true });
      const id = s1.inboxRepo.addEntry({ path: path.join(inbox, 'a.pdf'), kind: 'file', sha256: app.repo.get(o.id)!.sha256, size: fs.statSync(path.join(inbox, 'a.pdf')).size, mtimeMs: fs.statSync(path.join(inbox, 'a.pdf')).mtimeMs, documentId: o.id });
      await processPending(app);
      const dest = path.join(root, 'quarantine', 'a.pdf');
      s1.inboxRepo.planMove(id, { destKind: 'quarantine', destPath: dest, sidecarPath: `${dest}.error.json`, reasonCode: 'file.not_pdf', reason: 'x' });
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.linkSync(path.join(inbox, 'a.pdf'), dest); // ...and the crash came between link and unlink
      await service(app, root).runOnce();
      expect(fs.existsSync(path.join(inbox, 'a.pdf'))).toBe(false);
      expect(fs.readFileSync(dest, 'utf8')).toBe('<html>not a pdf</html>');
      expect(JSON.parse(fs.readFileSync(`${dest}.error.json`, 'utf8')).code).toBe('file.not_pdf');
      expect(app.repo.list()).toHaveLength(1);
      expect(fs.readdirSync(path.join(root, 'quarantine')).sort()).toEqual(['a.pdf', 'a.pdf.error.json']);
    } finally {
      await app.close();
    }
  }, 60_000);
});
