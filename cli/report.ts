// `tonghop report NAME` and `tonghop reconcile FILE` (issue 6).
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { CliContext } from './context.js';
import { openApp } from '../pipeline/app.js';
// the lists only, at start-up; the report code (exceljs, docx, the pipeline) is imported by the action that runs it
import { REPORT_FORMATS, REPORT_NAMES, type ReportFormat, type ReportName } from '../reports/report-bundle.js';
import { syncGazetteerTables } from '../pipeline/db/gazetteer-tables.js';
import type { Selection } from '../reports/selection.js';
import { TonghopError } from '../model/errors.js';

interface SelectionOpts { period?: string; receivedBy?: string; asOf?: string; confirmedOnly?: boolean }

function addSelectionOptions(cmd: Command): Command {
  return cmd
    .option('--period <text>', 'kỳ báo cáo, ví dụ "6 tháng đầu năm 2023", "quý II/2023", "năm 2025"')
    .option('--received-by <date>', 'chỉ tính văn bản nhận đến ngày (YYYY-MM-DD)')
    .option('--as-of <date>', 'danh sách tỉnh theo ngày này (63 tỉnh trước 1/7/2025, 34 tỉnh từ đó)')
    .option('--confirmed-only', 'không tính văn bản còn chờ kiểm tra (mặc định: tính, ghi là tạm tính)');
}

const selectionFrom = (o: SelectionOpts): Selection => ({ period: o.period, receivedBy: o.receivedBy, asOf: o.asOf, confirmedOnly: o.confirmedOnly });

function writeOut(data: string | Uint8Array, out?: string): void {
  if (out) {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, data);
  } else process.stdout.write(data);
}

export function registerReportCommands(program: Command, ctx: CliContext): void {
  addSelectionOptions(program.command('report')
    .description('bảng của báo cáo quốc gia: appendix-1 (Phụ lục I), appendix-2 (Phụ lục II), indicators (chỉ tiêu), narrative (mục I.2), all')
    .addArgument(program.createArgument('<name>', 'tên bảng').choices([...REPORT_NAMES]))
    .addOption(new Option('--format <fmt>', 'định dạng (xlsx, docx: tệp nhị phân)').choices([...REPORT_FORMATS]).default('md'))
    .option('--out <file>', 'ghi ra tệp thay vì màn hình'))
    .action(async (name: ReportName, o: SelectionOpts & { format: ReportFormat; out?: string }) => {
      const { buildReport, renderReport } = await import('../reports/report.js');
      const { readSnapshot } = await import('../reports/snapshot.js');
      const app = openApp(ctx.config({ postgres: true }));
      try {
        syncGazetteerTables(app.db);
        // the tables read at one instant (on PostgreSQL: one read-only snapshot), rendered after
        const bundle = readSnapshot(app.db, () => buildReport(app.db, name, selectionFrom(o)));
        const data = await renderReport(bundle, o.format);
        if (typeof data !== 'string' && !o.out && process.stdout.isTTY) {
          throw new TonghopError('usage.binary_to_stdout', { format: o.format });
        }
        writeOut(data, o.out);
      } finally {
        await app.close();
      }
    });

  addSelectionOptions(program.command('reconcile')
    .description('đối chiếu một báo cáo quốc gia đã ban hành (PDF) với các bảng tổng hợp từ dữ liệu: liệt kê mọi chỗ chênh lệch')
    .argument('<file>', 'tệp PDF (hoặc .txt) của báo cáo đã ban hành')
    .addOption(new Option('--format <fmt>', 'định dạng').choices(['md', 'json']).default('md'))
    .option('--out <file>', 'ghi ra tệp thay vì màn hình'))
    .action(async (file: string, o: SelectionOpts & { format: 'md' | 'json'; out?: string }) => {
      const { reconcileFile, reconcileMarkdown } = await import('../reports/reconcile.js');
      const cfg = ctx.config({ postgres: true });
      const app = openApp(cfg);
      try {
        syncGazetteerTables(app.db);
        // on PostgreSQL a published PDF goes through the queue like `tonghop ingest` (the stages run in `tonghop worker`)
        const pgUrl = cfg.pgUrl;
        const ingest = pgUrl ? async (f: string) => (await import('./pg-commands.js')).pgIngestFiles(pgUrl, cfg, [f], { progress: false }) : undefined;
        const result = await reconcileFile(app, file, selectionFrom(o), ingest);
        writeOut(o.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : reconcileMarkdown(result), o.out);
      } finally {
        await app.close();
      }
    });
}
