// `npm run docs:errors`: rewrites the error-code lists in the documentation from the registry
// (model/errors.ts), between the markers
//   <!-- error-codes:start -->                      every category, with the exit-status table
//   <!-- error-codes:start categories=pdf,inbox --> only those categories, as a short list
//   <!-- error-codes:end -->
// `--check` rewrites nothing and exits 1 when a file is out of date (test/model/errors.test.ts
// runs the same check).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, REGISTRY, type ErrorCategory, type ErrorCode } from '../model/errors.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The files that carry a generated list (relative to the repository root). */
export const DOC_FILES = ['docs/errors.md', 'pipeline/inbox/README.md', 'review/README.md'];

const START = /<!-- error-codes:start(?:\s+categories=([\w,]+))?\s*-->/g;
const END = '<!-- error-codes:end -->';

const codesOf = (cat: ErrorCategory) => (Object.keys(REGISTRY) as ErrorCode[]).filter((c) => REGISTRY[c].category === cat);
/** Placeholders shown as they are in the docs, in italics so they read as "filled in". */
const shown = (message: string) => message.replace(/\{(\w+)\}/g, '_{$1}_').replace(/\|/g, '\\|');

/** The full list: exit statuses, then one table per category. */
export function renderAll(): string {
  const out = ['| nhóm (category) | ý nghĩa | mã thoát của `tonghop` |', '|---|---|---|'];
  for (const [cat, c] of Object.entries(CATEGORIES)) out.push(`| \`${cat}\` | ${c.label} | ${c.exit} |`);
  out.push('', 'Mã thoát 0: thành công. Một tệp hỏng trong `ingest` hay trong hộp thư không làm lệnh dừng: tệp được ghi là `failed` (hoặc chuyển vào `quarantine/`) với mã và lý do dưới đây.');
  for (const cat of Object.keys(CATEGORIES) as ErrorCategory[]) {
    const codes = codesOf(cat);
    if (!codes.length) continue;
    out.push('', `### ${CATEGORIES[cat].label} (\`${cat}\`, mã thoát ${CATEGORIES[cat].exit})`, '', '| mã | thông báo |', '|---|---|');
    for (const code of codes) out.push(`| \`${code}\` | ${shown(REGISTRY[code].message)} |`);
  }
  return out.join('\n');
}

/** A short list of some categories' codes, for a module's README. */
export function renderList(categories: ErrorCategory[]): string {
  return categories.flatMap(codesOf).map((code) => `- \`${code}\` (${REGISTRY[code].category}): ${shown(REGISTRY[code].message)}`).join('\n');
}

/** The text with every marked block regenerated; text outside the markers is kept byte for byte. */
export function rewriteMarked(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(START)) {
    if (m.index < at) continue;
    const end = text.indexOf(END, m.index);
    if (end < 0) throw new Error(`missing ${END} after ${m[0]}`);
    const cats = m[1]?.split(',') as ErrorCategory[] | undefined;
    for (const c of cats ?? []) if (!(c in CATEGORIES)) throw new Error(`unknown category "${c}" in ${m[0]}`);
    out += `${text.slice(at, m.index)}${m[0]}\n${cats ? renderList(cats) : renderAll()}\n`;
    at = end;
  }
  return out + text.slice(at);
}

/** Files whose generated blocks differ from the registry. */
export function staleDocs(root = ROOT): string[] {
  return DOC_FILES.filter((f) => {
    const text = fs.readFileSync(path.join(root, f), 'utf8');
    return !text.includes(END) || rewriteMarked(text) !== text;
  });
}

function main(argv: string[]): number {
  if (argv.includes('--check')) {
    const stale = staleDocs();
    for (const f of stale) process.stderr.write(`${f}: danh sách mã lỗi chưa khớp model/errors.ts (chạy npm run docs:errors)\n`);
    return stale.length ? 1 : 0;
  }
  for (const f of DOC_FILES) {
    const file = path.join(ROOT, f);
    const text = fs.readFileSync(file, 'utf8');
    const next = rewriteMarked(text);
    if (next !== text) { fs.writeFileSync(file, next); process.stdout.write(`đã cập nhật ${f}\n`); }
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
