// `tonghop watch`: the inbox service on the command line (also behind `tonghop start`).
// With a postgres:// --db (issue 16) the service enqueues each file for `tonghop worker`
// processes instead of running the stages (pipeline/pg/inbox-intake.ts): intake on an async
// pool with pg-boss, the inbox bookkeeping on the synchronous store (openApp: app.db = PgSyncDb).
// Exit status: 0 after SIGINT/SIGTERM or a finished `--once`; on a fatal error the status of its
// category (model/errors.ts: 7 for inbox.locked, 1 for bad options or a database failure).
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import type { Config } from '../pipeline/config.js';
import { openApp, type App } from '../pipeline/app.js';
import type { ServiceCounts } from '../pipeline/inbox/service.js';
import { DEFAULT_READINESS } from '../pipeline/inbox/readiness.js';
import { TonghopError } from '../model/errors.js';

export interface WatchOptions {
  inbox: string;
  archive?: string;
  quarantine?: string;
  poll?: boolean;
  pollInterval?: string;
  settleMs?: string;
  openRetries?: string;
  retryMs?: string;
  maxTracked?: string;
  shutdownTimeout?: string;
  once?: boolean;
  logLevel?: string;
  logJson?: boolean;
  /** PostgreSQL: the shared originals folder (default: originals in the database) */
  store?: string;
}

/** Options shared by `watch` and `start`. */
export function addWatchOptions(cmd: Command, defaults: { inbox?: string } = {}): Command {
  return cmd
    .option('--inbox <dir>', 'thư mục nhận tệp', defaults.inbox ?? 'inbox')
    .option('--archive <dir>', 'nơi chuyển tệp đã xử lý (mặc định: archive/ cạnh inbox)')
    .option('--quarantine <dir>', 'nơi chuyển tệp bị từ chối (mặc định: quarantine/ cạnh inbox)')
    .option('--poll', 'dò thư mục định kỳ thay vì chờ sự kiện (ổ mạng)')
    .option('--poll-interval <ms>', 'chu kỳ dò khi dùng --poll', '1000')
    .option('--settle-ms <ms>', 'kích thước và thời điểm sửa phải đứng yên chừng này mới nhận tệp', String(DEFAULT_READINESS.settleMs))
    .option('--open-retries <n>', 'số lần thử lại khi tệp chưa mở được như PDF/ảnh hoàn chỉnh', String(DEFAULT_READINESS.openRetries))
    .option('--retry-ms <ms>', 'chờ trước lần thử lại đầu tiên (tăng gấp đôi mỗi lần)', String(DEFAULT_READINESS.backoffMs))
    .option('--max-tracked <n>', 'số tệp theo dõi cùng lúc (giới hạn bộ nhớ)', '256')
    .option('--shutdown-timeout <ms>', 'khi dừng, chờ văn bản đang xử lý tối đa chừng này', '30000')
    .option('--once', 'xử lý những gì đang có trong hộp thư rồi thoát')
    .option('--log-level <level>', 'mức ghi nhật ký (pino)', 'info')
    .option('--log-json', 'ghi nhật ký dạng JSON (pino) cả khi chạy trên màn hình; không phải màn hình thì luôn là JSON')
    .option('--store <dir>', 'với PostgreSQL: thư mục chung chứa bản gốc cho mọi worker (mặc định: trong cơ sở dữ liệu)');
}

const int = (s: string | undefined, name: string): number | undefined => {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n) || n < 0) throw new TonghopError('usage.invalid_option', { option: name, value: s });
  return n;
};

/** A companion that runs beside the watcher (the review UI); returns how to stop it. */
export type Companion = (app: App, log: import('pino').Logger) => Promise<(() => Promise<void>) | null>;

/** Runs the service until a signal (or, with --once, until the inbox is handled). Resolves to the exit code. */
export async function runWatch(cfg: Config, o: WatchOptions, companions: Companion[] = []): Promise<number> {
  // imported here, not at the top: every other command would pay for the whole pipeline at start-up
  const { InboxService } = await import('../pipeline/inbox/service.js');
  const { chooseLogFormat, serviceLogger } = await import('../pipeline/inbox/log.js');
  const log = serviceLogger(o.logLevel, chooseLogFormat({ isTTY: process.stderr.isTTY, logJson: o.logJson }));
  const app = openApp(cfg);
  let queue: import('../pipeline/pg/inbox-intake.js').PgInboxIntake | undefined;
  try {
    if (cfg.pgUrl) queue = await (await import('../pipeline/pg/inbox-intake.js')).PgInboxIntake.open(app, { storeDir: o.store });
  } catch (err) {
    await app.close();
    throw err;
  }
  const closeAll = async () => { await queue?.close(); await app.close(); };
  const service = new InboxService(app, {
    queue,
    inbox: o.inbox, archive: o.archive, quarantine: o.quarantine, log,
    poll: !!o.poll, pollIntervalMs: int(o.pollInterval, '--poll-interval'),
    readiness: {
      settleMs: int(o.settleMs, '--settle-ms'), openRetries: int(o.openRetries, '--open-retries'),
      backoffMs: int(o.retryMs, '--retry-ms'),
    },
    maxTracked: Math.max(1, int(o.maxTracked, '--max-tracked') ?? 256),
    shutdownTimeoutMs: int(o.shutdownTimeout, '--shutdown-timeout'),
  });
  const stops: (() => Promise<void>)[] = [];
  let resolveExit!: (code: number) => void;
  const exit = new Promise<number>((r) => { resolveExit = r; });
  let stopping = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stopping) { log.warn({ sig }, 'second signal: leaving in-flight documents pending'); process.exit(0); }
    stopping = true;
    log.info({ sig }, 'stopping: no new files; finishing documents in flight');
    if (o.once) { service.requestStop(); return; }
    void (async () => {
      for (const s of stops) await s().catch((err) => log.warn({ err }, 'companion did not stop cleanly'));
      const { parked } = await service.stop();
      if (parked) { log.warn('in-flight documents left pending; they resume on the next start'); process.exit(0); }
      await closeAll();
      resolveExit(0);
      // Everything is stopped and closed: the process ends when its event loop drains. Should a
      // handle linger (a fresh clone's CI once kept two worker threads alive for minutes after
      // this point), leave anyway after a moment; the timer itself holds nothing open.
      setTimeout(() => {
        log.warn({ open: process.getActiveResourcesInfo() }, 'handles still open after stopping; exiting');
        process.exit(process.exitCode ?? 0);
      }, 3000).unref();
    })().catch((err) => { log.error({ err }, 'stop failed'); process.exit(1); });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  if (o.once) {
    try {
      const counts = await service.runOnce();
      process.stdout.write(onceSummary(counts));
      if (service.parked) process.exit(0); // documents still running in this process: they resume next time
      return 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await closeAll();
    }
  }
  await service.start();
  for (const c of companions) {
    const stop = await c(app, log);
    if (stop) stops.push(stop);
  }
  const watchdog = setInterval(() => {
    if (service.failure && !stopping) { log.fatal({ err: service.failure }, 'fatal: exiting'); process.exit(service.failure instanceof TonghopError ? service.failure.exitStatus : 1); }
  }, 500);
  const code = await exit;
  clearInterval(watchdog);
  return code;
}

export function onceSummary(c: ServiceCounts): string {
  return `Hộp thư: nhận ${c.taken} tệp; lưu trữ ${c.archived}, trùng lặp ${c.duplicates}, cách ly ${c.quarantined}`
    + (c.gone ? `, biến mất khỏi hộp thư ${c.gone}` : '') + '.\n';
}

export function registerWatchCommand(program: Command, ctx: CliContext): void {
  addWatchOptions(program.command('watch')
    .description('dịch vụ chạy liên tục: theo dõi hộp thư, xử lý tệp mới, chuyển tệp đã xử lý sang archive/, tệp bị từ chối sang quarantine/'))
    .action(async (o: WatchOptions) => {
      process.exitCode = await runWatch(ctx.config({ postgres: true }), o);
    });
}
