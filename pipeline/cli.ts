// The `tonghop` command line (commander). Results go to stdout, progress to stderr.
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { makeConfig, defaultDbFile } from './config.js';
import { openApp } from './app.js';
import { ingestPaths, summaryText } from './ingest.js';
import { exportDocuments, exportDocumentsCsv } from '../reports/export-documents.js';
import { statusReport, statusText } from './status.js';
import { runQuery } from './query.js';
import { EXTRA_COMMANDS } from './cli-commands.js';

const program = new Command();
program
  .name('tonghop')
  .description('Tổng hợp: trích xuất số liệu từ báo cáo, chương trình phối hợp của các tỉnh (PDF, ảnh quét)')
  .option('--db <file>', 'tệp cơ sở dữ liệu SQLite', defaultDbFile())
  .showHelpAfterError();

const cfgFrom = () => makeConfig({ dbFile: program.opts().db });
for (const register of EXTRA_COMMANDS) register(program, { config: cfgFrom });

program.command('ingest')
  .description('xử lý các tệp PDF/ảnh (tệp hoặc thư mục) rồi in tóm tắt')
  .argument('<paths...>')
  .option('--force', 'xử lý lại cả những tệp đã xử lý')
  .option('--json', 'in tóm tắt dạng JSON')
  .action(async (paths: string[], o: { force?: boolean; json?: boolean }) => {
    const app = openApp(cfgFrom());
    try {
      const summary = await ingestPaths(app, paths, { force: o.force, progress: true });
      process.stdout.write(o.json ? JSON.stringify(summary, null, 2) + '\n' : summaryText(summary));
    } finally {
      await app.close();
    }
  });

program.command('start')
  .description('việc chính: xử lý mọi tệp trong thư mục ./inbox')
  .option('--inbox <dir>', 'thư mục nhận tệp', 'inbox')
  .action(async (o: { inbox: string }) => {
    fs.mkdirSync(o.inbox, { recursive: true });
    const app = openApp(cfgFrom());
    try {
      const summary = await ingestPaths(app, [o.inbox], { progress: true });
      process.stdout.write(summaryText(summary));
    } finally {
      await app.close();
    }
  });

program.command('export')
  .description('xuất dữ liệu')
  .argument('<what>', 'documents')
  .addOption(new Option('--format <fmt>', 'định dạng').choices(['json', 'csv']).default('json'))
  .option('--out <file>', 'ghi ra tệp thay vì màn hình')
  .action(async (what: string, o: { format: string; out?: string }) => {
    if (what !== 'documents') program.error(`Không có bảng xuất "${what}". Dùng: documents`, { exitCode: 1 });
    const app = openApp(cfgFrom());
    try {
      const text = o.format === 'csv' ? exportDocumentsCsv(app.repo) : JSON.stringify(exportDocuments(app.repo), null, 2) + '\n';
      write(text, o.out);
    } finally {
      await app.close();
    }
  });

program.command('status')
  .description('số văn bản theo trạng thái, hàng đợi, lỗi gần đây')
  .option('--json', 'dạng JSON')
  .action(async (o: { json?: boolean }) => {
    const app = openApp(cfgFrom());
    try {
      const r = statusReport(app.repo);
      process.stdout.write(o.json ? JSON.stringify(r, null, 2) + '\n' : statusText(r));
    } finally {
      await app.close();
    }
  });

program.command('query')
  .description('truy vấn SQL chỉ đọc trên cơ sở dữ liệu')
  .argument('<sql>')
  .addOption(new Option('--format <fmt>', 'định dạng').choices(['table', 'csv', 'json']).default('table'))
  .action((sql: string, o: { format: 'table' | 'csv' | 'json' }) => {
    process.stdout.write(runQuery(program.opts().db, sql, o.format));
  });

function write(text: string, out?: string) {
  if (out) {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, text);
  } else process.stdout.write(text);
}

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`Lỗi: ${err.message}\n`);
  process.exit(1);
});
