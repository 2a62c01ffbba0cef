// The error registry: one code, one category, one Vietnamese message; exit statuses by category;
// every code the sources use is registered and every registered code is used; the code lists in
// the docs are what `npm run docs:errors` generates.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  CATEGORIES, ERROR_CODES, REGISTRY, TonghopError, exitStatusFor, fillTemplate, isErrorCode, messageFor, type ErrorCode,
} from '../../model/errors.js';
import { PdfOpenError } from '../../extractors/pdf-document.js';
import { PdfIsolationError } from '../../extractors/pdf-isolated.js';
import { OcrError } from '../../extractors/ocr/ocr-pool.js';
import { RasterError } from '../../extractors/ocr/raster-error.js';
import { failed } from '../../pipeline/stage.js';
import { kindRefusal } from '../../pipeline/file-kind.js';
import { describeFatal } from '../../pipeline/exit.js';
import { ROOT, rewriteMarked, staleDocs } from '../../scripts/error-docs.js';

const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

describe('registry', () => {
  it.each(ERROR_CODES)('%s: a dotted code, a known category, a Vietnamese message', (code) => {
    expect(code).toMatch(/^[a-z]+\.[a-z_]+$/);
    expect(Object.keys(CATEGORIES)).toContain(REGISTRY[code].category);
    expect(REGISTRY[code].message).toMatch(VIETNAMESE);
  });

  it('maps categories to the exit statuses of the CLI', () => {
    const byCode: [ErrorCode, number][] = [
      ['file.empty', 3], ['pdf.truncated', 4], ['pdf.no_content', 4], ['ocr.failed', 5], ['raster.too_large', 5],
      ['review.rejected', 6], ['inbox.locked', 7], ['usage.bad_query', 1], ['database.not_found', 1], ['internal.error', 1],
    ];
    for (const [code, status] of byCode) expect([code, exitStatusFor(code)]).toEqual([code, status]);
  });

  it('fills parameters, and knows its own codes', () => {
    expect(messageFor('pdf.too_many_pages', { pages: 320, limit: 300 })).toBe('Tệp PDF có 320 trang, vượt giới hạn 300 trang.');
    expect(messageFor('pdf.no_pages')).toBe('Tệp PDF không có trang nào.');
    expect(isErrorCode('pdf.timeout')).toBe(true);
    expect(isErrorCode('title.missing')).toBe(false); // a finding, not a failure
    expect(isErrorCode('toString')).toBe(false);
  });
});

describe('TonghopError', () => {
  it('is the base of the four error classes, with code, category and the registry message', () => {
    const errors = [
      new PdfOpenError('pdf.invalid', { detail: 'Invalid PDF structure' }),
      new PdfIsolationError('pdf.timeout', { seconds: 60 }),
      new OcrError('ocr.terminated'),
      new RasterError('raster.too_large', { width: 20000, height: 30000 }),
    ];
    for (const e of errors) {
      expect(e).toBeInstanceOf(TonghopError);
      expect(e).toBeInstanceOf(Error);
      expect(e.message).toBe(fillTemplate(REGISTRY[e.code].message, e.params));
      expect(e.message).not.toMatch(/[{}]/);
    }
    expect(errors.map((e) => [e.name, e.category, e.exitStatus])).toEqual([
      ['PdfOpenError', 'pdf', 4], ['PdfIsolationError', 'pdf', 4], ['OcrError', 'ocr', 5], ['RasterError', 'ocr', 5],
    ]);
    expect(errors[0].message).toContain('Invalid PDF structure');
  });

  it('restore keeps a message rendered in another thread, and the class', () => {
    const rendered = messageFor('pdf.invalid', { detail: 'bad xref' });
    const e = PdfOpenError.restore('pdf.invalid', rendered);
    expect(e).toBeInstanceOf(PdfOpenError);
    expect(e.message).toBe(rendered);
    expect(e.code).toBe('pdf.invalid');
  });

  it('failed() takes a code and its parameters, or a caught error; one message per code', () => {
    expect(failed('pdf.no_content')).toEqual({ kind: 'failed', code: 'pdf.no_content', message: messageFor('pdf.no_content') });
    expect(failed('image.too_large', { width: 1, height: 2, pixels: '2', limit: '1' }).message).toBe('Ảnh 1×2 (2) vượt giới hạn 1.');
    const err = new OcrError('ocr.model_missing', { file: '/x/vie.traineddata.gz' });
    expect(failed(err)).toEqual({ kind: 'failed', code: 'ocr.model_missing', message: err.message });
    expect(failed(kindRefusal('docx'))).toMatchObject({ code: 'file.not_pdf', message: expect.stringContaining('Word (DOCX)') });
    expect(failed(kindRefusal('empty'))).toEqual({ kind: 'failed', code: 'file.empty', message: 'Tệp rỗng (0 byte).' });
  });
});

describe('exit statuses', () => {
  it('an expected error prints its message and code, no stack; anything else prints the stack, status 1', () => {
    const expected = describeFatal(new TonghopError('input.not_found', { path: '/khong/co' }));
    expect(expected).toEqual({ status: 3, text: 'Lỗi: Không tìm thấy tệp hoặc thư mục: /khong/co (input.not_found)\n' });
    const bug = describeFatal(new TypeError('x is undefined'));
    expect(bug.status).toBe(1);
    expect(bug.text).toMatch(/x is undefined\nTypeError: x is undefined\n\s+at /);
  });

  it('the CLI exits with the status of the error category', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-errors-'));
    try {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tonghop.js'), '--db', path.join(tmp, 't.db'), 'ingest', path.join(tmp, 'khong-co.pdf')], {
        encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000,
      });
      expect({ status: r.status, stderr: r.stderr }).toEqual({
        status: 3, stderr: `Lỗi: Không tìm thấy tệp hoặc thư mục: ${path.join(tmp, 'khong-co.pdf')} (input.not_found)\n`,
      });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});

// ---- the sources and the docs against the registry ------------------------------------------

const SOURCE_DIRS = ['model', 'extractors', 'pipeline', 'reports', 'review', 'cli', 'scripts', 'testkit', 'bin'];

function sources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) out.push({ file: path.relative(ROOT, p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  for (const d of SOURCE_DIRS) walk(path.join(ROOT, d));
  return out;
}

/** Failure codes written in the sources: the first dotted literal of a failing call, and stored error codes. */
function codesUsed(text: string): string[] {
  const found: string[] = [];
  const calls = /\b(?:failed|failStage|messageFor|restore|TonghopError|PdfOpenError|PdfIsolationError|OcrError|RasterError)\s*\(/g;
  for (const m of text.matchAll(calls)) {
    const args = text.slice(m.index + m[0].length, m.index + m[0].length + 300).split(';')[0];
    const lit = /'([a-z]+\.[a-z_]+)'/.exec(args);
    if (lit) found.push(lit[1]);
  }
  for (const m of text.matchAll(/\b(?:errorCode|error_code|reasonCode)\s*:\s*'([^']+)'/g)) found.push(m[1]);
  return found;
}

describe('sources against the registry', () => {
  const files = sources().filter((f) => f.file !== path.join('model', 'errors.ts'));

  it('the scan finds codes in failing calls and stored error codes, not in findings', () => {
    const src = "return failed('pdf.bogus', { detail }); ctx.repo.failStage(id, 'runner', 0, 'internal.crash_loop', m);\n"
      + "repo.insert({ errorCode: 'file.too_large' }); findings.push({ code: 'title.missing', message: '' });";
    expect(codesUsed(src)).toEqual(['pdf.bogus', 'internal.crash_loop', 'file.too_large']);
  });

  it('every failure code used in the sources is registered', () => {
    const used = files.flatMap((f) => codesUsed(f.text).map((code) => ({ file: f.file, code })));
    expect(used.length).toBeGreaterThan(30); // the scan does find the calls
    expect(used.filter((u) => !isErrorCode(u.code))).toEqual([]);
  });

  it('every registered code is used somewhere', () => {
    const all = files.map((f) => f.text).join('\n');
    expect(ERROR_CODES.filter((c) => !all.includes(`'${c}'`))).toEqual([]);
  });

  it('the code lists in the docs are generated from the registry (npm run docs:errors)', () => {
    expect(staleDocs()).toEqual([]);
  });

  it('a generated block is replaced, the text around it kept', () => {
    const doc = 'trước\n<!-- error-codes:start categories=inbox -->\ncũ\n<!-- error-codes:end -->\nsau\n';
    const next = rewriteMarked(doc);
    expect(next.startsWith('trước\n<!-- error-codes:start categories=inbox -->\n- `inbox.folder` (inbox): ')).toBe(true);
    expect(next.endsWith('<!-- error-codes:end -->\nsau\n')).toBe(true);
    expect(next).not.toContain('cũ');
    expect(rewriteMarked(next)).toBe(next);
  });
});
