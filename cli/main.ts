// The `tonghop` command line (commander). Results go to stdout, progress to stderr.
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { makeConfig, makePgConfig, defaultDbFile } from '../pipeline/config.js';
import { openApp } from '../pipeline/app.js';
import { EXTRA_COMMANDS } from './commands.js';
import { addWatchOptions, type WatchOptions, type Companion } from './watch.js';
import { exitOnError } from '../pipeline/exit.js';
import { isPostgresUrl } from '../pipeline/pg/url.js';
import { registerWorkerCommand } from './worker.js';
import { TonghopError } from '../model/errors.js';
// Each command imports what it runs when it runs (`await import` in its action): loading every
// command's modules (pdfjs, tesseract, fastify, exceljs, docx…) at start-up made `tonghop status` slow.

const program = new Command();
program
  .name('tonghop')
  .description('Tổng hợp: trích xuất số liệu từ báo cáo, chương trình phối hợp của các tỉnh (PDF, ảnh quét)')
  .option('--db <file>', 'tệp cơ sở dữ liệu SQLite, hoặc URL PostgreSQL (postgres://người-dùng@máy:cổng/csdl)', defaultDbFile())
  .option('--trust <dir>', 'thư mục chứng thư số tin cậy (PEM/DER) để kiểm tra chữ ký số')
  .showHelpAfterError();

// The trust folder: --trust, else $TONGHOP_TRUST (so `npm start` can have one without arguments).
const trustDir = (): string | null => {
  const dir = program.opts().trust ?? process.env.TONGHOP_TRUST;
  return dir ? path.resolve(dir) : null;
};
// With PostgreSQL (issue 16) the commands that run there branch to cli/pg-commands.ts first; the
// others refuse the URL here rather than open a SQLite file named after it.
const pgUrl = (): string | null => (isPostgresUrl(program.opts().db) ? program.opts().db : null);
let running = '';
program.hook('preAction', (_p, action) => { running = action.name(); });
const pg = () => import('./pg-commands.js');
const cfgFrom = (opts: { postgres?: boolean } = {}) => {
  const url = pgUrl();
  if (!url) return makeConfig({ dbFile: program.opts().db, trustDir: trustDir() });
  if (!opts.postgres) throw new TonghopError('usage.not_on_postgres', { command: running });
  return makePgConfig(url, { trustDir: trustDir() });
};
for (const register of EXTRA_COMMANDS) register(program, { config: cfgFrom });
registerWorkerCommand(program, { config: cfgFrom, trustDir });

program.command('ingest')
  .description('xử lý các tệp PDF/ảnh (tệp hoặc thư mục) rồi in tóm tắt')
  .argument('<paths...>')
  .option('--force', 'xử lý lại cả những tệp đã xử lý')
  .option('--json', 'in tóm tắt dạng JSON')
  .option('--store <dir>', 'với PostgreSQL: thư mục chung chứa bản gốc cho mọi worker (mặc định: trong cơ sở dữ liệu)')
  .option('--no-wait', 'với PostgreSQL: chỉ đưa vào hàng đợi, không chờ các worker xử lý xong')
  .action(async (paths: string[], o: { force?: boolean; json?: boolean; store?: string; wait?: boolean }) => {
    const url = pgUrl();
    if (url) return (await pg()).pgIngestCommand(url, cfgFrom({ postgres: true }), paths, o);
    const { ingestPaths, summaryText } = await import('../pipeline/ingest.js');
    const app = openApp(cfgFrom());
    try {
      const summary = await ingestPaths(app, paths, { force: o.force, progress: true });
      process.stdout.write(o.json ? `${JSON.stringify(summary, null, 2)}\n` : summaryText(summary));
    } finally {
      await app.close();
    }
  });

program.command('start')
  .description('việc chính (npm start): theo dõi thư mục ./inbox và mở giao diện kiểm tra; --once: xử lý hộp thư một lần rồi thoát')
  .option('--port <n>', 'cổng của giao diện kiểm tra (review)', '8080')
  .option('--no-review', 'không mở giao diện kiểm tra')
  .action(async (o: WatchOptions & { port: string; review: boolean }) => {
    const { runWatch } = await import('./watch.js');
    const companions = o.once || !o.review ? [] : [reviewCompanion(Number(o.port), o.store)];
    process.exitCode = await runWatch(cfgFrom({ postgres: true }), o, companions); // PostgreSQL: enqueue for the workers (cli/watch.ts)
  });
addWatchOptions(program.commands.find((c) => c.name() === 'start')!);

/**
 * The review UI beside the watcher (issue 8). The single call site of review/server.ts. On
 * PostgreSQL it reads originals from the database, or from the shared folder the inbox stores into (--store).
 */
function reviewCompanion(port: number, sharedStore?: string): Companion {
  return async (app, log) => {
    try {
      const { startReviewServer } = await import('../review/server.js');
      const server = await startReviewServer(app, { port, host: '127.0.0.1', sharedStore: sharedStore ? path.resolve(sharedStore) : null });
      log.info({ url: server.url }, 'review UI listening');
      process.stderr.write(`Giao diện kiểm tra: ${server.url}\n`);
      return () => server.close();
    } catch (err) {
      // The inbox matters more than the UI: keep watching, say why the UI is not there.
      log.error({ err }, 'review UI did not start; the inbox service keeps running');
      return null;
    }
  };
}

program.command('export')
  .description('xuất dữ liệu')
  .argument('<what>', 'documents')
  .addOption(new Option('--format <fmt>', 'định dạng').choices(['json', 'csv']).default('json'))
  .option('--out <file>', 'ghi ra tệp thay vì màn hình')
  .action(async (what: string, o: { format: string; out?: string }) => {
    if (what !== 'documents') program.error(`Không có bảng xuất "${what}". Dùng: documents`, { exitCode: 1 });
    const { exportDocuments, exportDocumentsCsv } = await import('../reports/export-documents.js');
    const { readSnapshot } = await import('../reports/snapshot.js');
    const app = openApp(cfgFrom({ postgres: true })); // on PostgreSQL: the same code over pipeline/pg/sync-db.ts
    try {
      // every document read at one instant (on PostgreSQL: one read-only snapshot)
      const text = readSnapshot(app.db, () => (o.format === 'csv' ? exportDocumentsCsv(app.repo) : `${JSON.stringify(exportDocuments(app.repo), null, 2)}\n`));
      write(text, o.out);
    } finally {
      await app.close();
    }
  });

program.command('status')
  .description('số văn bản theo trạng thái, hàng đợi, lỗi gần đây')
  .option('--json', 'dạng JSON')
  .option('--inbox <dir>', 'thư mục hộp thư để đếm tệp đang chờ', 'inbox')
  .action(async (o: { json?: boolean; inbox: string }) => {
    const url = pgUrl();
    const { statusReport, statusText } = await import('../pipeline/status.js');
    const { InboxRepository } = await import('../pipeline/db/inbox.repository.js');
    const app = openApp(cfgFrom({ postgres: true }));
    try {
      const r = statusReport(app.repo, { inboxRepo: new InboxRepository(app.db), inboxDir: o.inbox });
      // on PostgreSQL the same report, with the queue per stage and the workers added
      if (url) return await (await pg()).pgStatusCommand(url, r, o);
      process.stdout.write(o.json ? `${JSON.stringify(r, null, 2)}\n` : statusText(r));
    } finally {
      await app.close();
    }
  });

program.command('query')
  .description('truy vấn SQL chỉ đọc trên cơ sở dữ liệu')
  .argument('<sql>')
  .addOption(new Option('--format <fmt>', 'định dạng').choices(['table', 'csv', 'json']).default('table'))
  .action(async (sql: string, o: { format: 'table' | 'csv' | 'json' }) => {
    const url = pgUrl();
    if (url) return void process.stdout.write(await (await pg()).pgQueryCommand(url, sql, o.format));
    const { runQuery } = await import('./query.js');
    process.stdout.write(runQuery(program.opts().db, sql, o.format));
  });

function write(text: string, out?: string) {
  if (out) {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, text);
  } else process.stdout.write(text);
}

// An expected error (TonghopError) exits with its category's status, anything else with 1 (exit.ts).
program.parseAsync(process.argv).catch(exitOnError);
