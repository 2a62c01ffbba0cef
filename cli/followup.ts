// `tonghop period add|list|show`, `tonghop report followup|reminder` and `tonghop search`
// (issue 15). Registered through the CLI's command list like the other parts' commands.
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import type { CliContext as Context } from './context.js';
import { openApp } from '../pipeline/app.js';
import { searchDocuments, searchTable, type SearchOptions } from '../pipeline/search.js';
import type { PeriodRow } from '../pipeline/db/periods.repository.js';
import { TonghopError } from '../model/errors.js';
import { buildFollowup, definePeriod, findPeriod, listPeriods, periodJson, PERIOD_KINDS, type PeriodInput } from '../reports/followup.js';
// the format lists only, at start-up; the renderers (exceljs, docx) are imported by the actions that use them
import { FOLLOWUP_FORMATS, REMINDER_FORMATS } from '../reports/formats.js';
import type { FollowupFormat } from '../reports/followup-render.js';
import type { ReminderFormat } from '../reports/reminder.js';
import { viDate } from '../reports/appendix.js';

function writeOut(data: string | Uint8Array, out: string | undefined, format: string): void {
  if (out) {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, data);
    return;
  }
  if (typeof data !== 'string' && process.stdout.isTTY) throw new TonghopError('usage.binary_to_stdout', { format });
  process.stdout.write(data);
}

/** postgres: the command runs on a PostgreSQL --db too, its SQLite code over pipeline/pg/sync-db.ts (issue 16). */
async function withApp<T>(ctx: Context, fn: (app: ReturnType<typeof openApp>) => Promise<T> | T, opts: { postgres?: boolean } = {}): Promise<T> {
  const app = openApp(ctx.config(opts));
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/**
 * Options of a `report` subcommand. The `report NAME` command has its own --period, --format
 * and --out, and commander lets a parent take the options it knows even after the
 * subcommand's name; whichever of the two was given on the command line wins.
 */
function reportSubOptions(cmd: Command, keys: readonly string[]): Record<string, string | undefined> {
  const own = cmd.opts();
  const parent = cmd.parent;
  const out: Record<string, string | undefined> = {};
  for (const k of keys) {
    const fromParent = parent?.getOptionValueSource(k) === 'cli' && cmd.getOptionValueSource(k) !== 'cli';
    out[k] = fromParent ? parent!.opts()[k] : own[k];
  }
  return out;
}

/**
 * Periods, follow-up and reminder run on PostgreSQL too. (Not in one read-only snapshot as the
 * report tables are: a period with a request brings the search index up to date first, a write.)
 */
const ON_PG = { postgres: true };

const periodLine = (p: PeriodRow) =>
  `${p.name}\t${p.kind}\thạn ${viDate(p.deadline)}${p.requestNumber ? `\ttheo ${p.requestNumber}${p.requestDate ? ` ngày ${viDate(p.requestDate)}` : ''}` : ''}`;

function registerPeriodCommands(program: Command, ctx: Context): void {
  const period = program.command('period').description('kỳ báo cáo: thêm, liệt kê, xem (dùng cho report followup, report reminder)');
  period.command('add')
    .description('thêm (hoặc sửa) một kỳ báo cáo, tên viết như trong văn bản, ví dụ "6 tháng đầu năm 2023"')
    .argument('<name>', 'tên kỳ báo cáo')
    .addOption(new Option('--kind <kind>', 'loại văn bản phải gửi: report (báo cáo), programme (chương trình phối hợp), other').choices([...PERIOD_KINDS]).makeOptionMandatory())
    .requiredOption('--deadline <date>', 'hạn gửi (YYYY-MM-DD)')
    .option('--request <docNumber>', 'số hiệu công văn đề nghị, ví dụ 329/CV-VPQGGN')
    .option('--request-date <date>', 'ngày của công văn đề nghị (YYYY-MM-DD)')
    .action((name: string, o: Omit<PeriodInput, 'name'>) => withApp(ctx, (app) => {
      const p = definePeriod(app.db, { name, ...o });
      process.stdout.write(`Đã lưu kỳ báo cáo: ${periodLine(p)}\n`);
    }, ON_PG));
  period.command('list')
    .description('các kỳ báo cáo đã khai báo')
    .addOption(new Option('--format <fmt>', 'định dạng').choices(['table', 'json']).default('table'))
    .action((o: { format: string }) => withApp(ctx, (app) => {
      const all = listPeriods(app.db);
      process.stdout.write(o.format === 'json' ? `${JSON.stringify({ periods: all.map(periodJson) }, null, 2)}\n`
        : all.length ? `${all.map(periodLine).join('\n')}\n` : 'Chưa có kỳ báo cáo nào (tonghop period add ...).\n');
    }, ON_PG));
  period.command('show')
    .description('một kỳ báo cáo và số tỉnh đã gửi, chưa gửi')
    .argument('<name>', 'tên kỳ báo cáo')
    .addOption(new Option('--format <fmt>', 'định dạng').choices(['table', 'json']).default('table'))
    .action(async (name: string, o: { format: string }) => withApp(ctx, async (app) => {
      const { followupSummary } = await import('../reports/followup-render.js');
      const p = findPeriod(app.db, name);
      const t = buildFollowup(app.db, p.name);
      const counts = { expected: t.expected, received: t.received, missing: t.missing, onTime: t.onTime, late: t.late, inReview: t.inReview };
      process.stdout.write(o.format === 'json' ? `${JSON.stringify({ ...periodJson(p), ...counts }, null, 2)}\n` : `${periodLine(p)}\n${followupSummary(t)}\n`);
    }, ON_PG));
}

function registerReportSubcommands(program: Command, ctx: Context): void {
  const report = program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('bảng và văn bản tổng hợp');
  report.addCommand(new Command('followup')
    .description('theo dõi một kỳ báo cáo: từng tỉnh đã gửi đúng hạn, quá hạn, đang kiểm tra hay chưa gửi')
    .option('--period <name>', 'tên kỳ báo cáo đã khai báo (tonghop period add); bắt buộc')
    .addOption(new Option('--format <fmt>', 'định dạng (xlsx: tệp nhị phân)').choices([...FOLLOWUP_FORMATS]).default('md'))
    .option('--out <file>', 'ghi ra tệp thay vì màn hình')
    .action(async function (this: Command) {
      const o = reportSubOptions(this, ['period', 'format', 'out']);
      if (!o.period) this.error("Thiếu --period <name> (kỳ báo cáo đã khai báo bằng tonghop period add)", { exitCode: 1 });
      const format = o.format as FollowupFormat;
      if (!(FOLLOWUP_FORMATS as readonly string[]).includes(format)) throw new TonghopError('usage.invalid_option', { option: '--format', value: format });
      const { renderFollowup } = await import('../reports/followup-render.js');
      await withApp(ctx, async (app) => writeOut(await renderFollowup(buildFollowup(app.db, o.period!), format), o.out, format), ON_PG);
    }));
  report.addCommand(new Command('reminder')
    .description('dự thảo công văn đôn đốc các tỉnh chưa gửi (mẫu: <thư mục dữ liệu>/mau/cong-van-don-doc.txt)')
    .option('--period <name>', 'tên kỳ báo cáo đã khai báo (tonghop period add); bắt buộc')
    .addOption(new Option('--format <fmt>', 'định dạng (docx: tệp nhị phân)').choices([...REMINDER_FORMATS]).default('docx'))
    .option('--out <file>', 'ghi ra tệp thay vì màn hình')
    .action(async function (this: Command) {
      const o = reportSubOptions(this, ['period', 'format', 'out']);
      if (!o.period) this.error("Thiếu --period <name> (kỳ báo cáo đã khai báo bằng tonghop period add)", { exitCode: 1 });
      const format = o.format as ReminderFormat;
      if (!(REMINDER_FORMATS as readonly string[]).includes(format)) throw new TonghopError('usage.invalid_option', { option: '--format', value: format });
      const { renderReminder } = await import('../reports/reminder.js');
      await withApp(ctx, async (app) => writeOut(await renderReminder(buildFollowup(app.db, o.period!), format, app.cfg.dataDir), o.out, format), ON_PG);
    }));
}

function registerSearchCommand(program: Command, ctx: Context): void {
  program.command('search')
    .description('tìm trong nội dung mọi văn bản (kể cả trang quét đã nhận dạng chữ), không phân biệt dấu: "giam ngheo" tìm thấy "giảm nghèo"')
    .argument('<query...>', 'từ, cụm từ hoặc số hiệu văn bản')
    .addOption(new Option('--format <fmt>', 'định dạng').choices(['table', 'json']).default('table'))
    .option('--province <name>', 'chỉ văn bản của tỉnh này (tên hoặc mã)')
    .option('--period <name>', 'chỉ văn bản của kỳ này, ví dụ "6 tháng đầu năm 2023"')
    .option('--type <type>', 'chỉ loại văn bản này: tên ("Báo cáo", "Công văn") hoặc ký hiệu (BC)')
    .option('--from <date>', 'ban hành từ ngày (YYYY-MM-DD)')
    .option('--to <date>', 'ban hành đến ngày (YYYY-MM-DD)')
    .option('--limit <n>', 'số kết quả tối đa', '50')
    .action(async (words: string[], o: Omit<SearchOptions, 'limit'> & { format: string; limit: string }) => {
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new TonghopError('usage.invalid_option', { option: '--limit', value: o.limit });
      // on a PostgreSQL --db too: the index has its own form there (pipeline/pg/search.repository.ts)
      const app = openApp(ctx.config({ postgres: true }));
      try {
        const r = searchDocuments(app.db, words.join(' '), { ...o, limit });
        process.stdout.write(o.format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : searchTable(r));
      } finally {
        await app.close();
      }
    });
}

export function registerFollowupCommands(program: Command, ctx: Context): void {
  registerPeriodCommands(program, ctx);
  registerReportSubcommands(program, ctx);
  registerSearchCommand(program, ctx);
}
