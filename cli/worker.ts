// `tonghop worker` (issue 16): with a PostgreSQL --db, take stage jobs from the queue until
// SIGINT/SIGTERM. Any number of these, on any number of machines. Only commander is loaded at
// start-up; the worker's modules (pg, pg-boss, the stages) are imported when it runs.
import os from 'node:os';
import { Option, type Command } from 'commander';
import type { CliContext } from './context.js';
import { isPostgresUrl } from '../pipeline/pg/url.js';
import { TonghopError } from '../model/errors.js';

interface WorkerCliOptions { concurrency: string; stages?: string; store?: string; ocrCache?: string; shutdownTimeout: string; quiet?: boolean }

const positiveInt = (name: string, v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new TonghopError('usage.invalid_option', { option: name, value: v });
  return n;
};

export function registerWorkerCommand(program: Command, ctx: CliContext): void {
  program.command('worker')
    .description('với cơ sở dữ liệu PostgreSQL (--db postgres://…): nhận việc từ hàng đợi theo từng bước xử lý cho đến khi dừng (Ctrl+C); chạy được nhiều worker trên nhiều máy')
    .option('--concurrency <n>', 'số việc chạy cùng lúc trong tiến trình này; cũng là số luồng OCR (tối đa bằng số lõi)', '2')
    .option('--stages <list>', 'chỉ nhận việc của các bước này, cách nhau bằng dấu phẩy (ví dụ: text để chỉ làm OCR)')
    .option('--store <dir>', 'thư mục chung chứa bản gốc (mọi máy gắn cùng đường dẫn); mặc định: bản gốc nằm trong cơ sở dữ liệu')
    .option('--ocr-cache <dir>', 'thư mục bộ nhớ đệm OCR (mặc định: data/ocr-cache)')
    .option('--shutdown-timeout <ms>', 'khi dừng: chờ các việc đang chạy tối đa chừng này mili giây, rồi trả việc còn dở lại hàng đợi', '30000')
    .addOption(new Option('--quiet', 'không in từng văn bản xong'))
    .action(async (o: WorkerCliOptions) => {
      const url = program.opts().db as string;
      if (!isPostgresUrl(url)) throw new TonghopError('usage.needs_postgres', { command: 'worker' });
      const { STAGES } = await import('../pipeline/pipeline.js');
      const stages = o.stages ? o.stages.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      const unknown = stages?.find((s) => !STAGES.some((x) => x.name === s));
      if (unknown) throw new TonghopError('usage.invalid_option', { option: '--stages', value: unknown });
      // the trust folder as every other command reads it (--trust or $TONGHOP_TRUST, made absolute)
      await runWorker(url, o, stages, ctx.trustDir?.() ?? null);
    });
}

async function runWorker(url: string, o: WorkerCliOptions, stages: string[] | undefined, trustDir: string | null): Promise<void> {
  const { StageWorker } = await import('../pipeline/pg/worker.js');
  const { queueSettings } = await import('../pipeline/pg/queue.js');
  const { pgConfig } = await import('./pg-commands.js');
  const concurrency = positiveInt('--concurrency', o.concurrency);
  const timeout = positiveInt('--shutdown-timeout', o.shutdownTimeout);
  const log = o.quiet ? undefined : (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  // The OCR pool follows --concurrency (at most one tesseract thread per core): a text job
  // recognises its pages one after another, so threads beyond the jobs at once would sit idle,
  // and `--concurrency 1` is one OCR core, which lets N such processes share N cores.
  const ocrWorkers = Math.min(concurrency, Math.max(1, os.availableParallelism()));
  const w = await StageWorker.start({ url, cfg: pgConfig({ trustDir, ocrCache: o.ocrCache, ocrWorkers }), settings: queueSettings(), concurrency, stages, storeDir: o.store ?? null, log });
  process.stderr.write(`Worker ${w.id} đang nhận việc (${stages?.join(', ') ?? 'mọi bước'}; tối đa ${concurrency} việc cùng lúc, ${ocrWorkers} luồng OCR). Ctrl+C để dừng.\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stderr.write('Đang dừng: chờ các việc đang chạy xong…\n');
  await w.stop(timeout);
  const s = w.stats;
  const perJob = s.jobs ? (s.roundTrips / s.jobs).toFixed(1) : '0';
  process.stderr.write(`Đã dừng. Việc đã làm: ${s.jobs} (xong ${s.byResult.done}, lỗi ${s.byResult.failed}, bỏ qua ${s.byResult.skipped}, trùng ${s.byResult.duplicate}); ${perJob} lượt truy vấn CSDL mỗi việc.\n`);
}
