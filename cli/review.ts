// `tonghop review [--port N] [--host H] [--token T] [--trust-proxy [ADDRS]] [--store DIR]`: serves
// the review UI until interrupted. A non-loopback --host needs at least one account (`tonghop user
// add`). Runs on SQLite and on the PostgreSQL store (`--db postgres://…`, issue 16): several review
// processes, on several machines, may serve one PostgreSQL database.
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { CliContext } from './context.js';
import { openApp } from '../pipeline/app.js';
import { TonghopError } from '../model/errors.js';

export function registerReviewCommand(program: Command, ctx: CliContext): void {
  program.command('review')
    .description('giao diện web rà soát các trường, số liệu chưa chắc chắn (mặc định http://127.0.0.1:8080)')
    .addOption(new Option('--port <n>', 'cổng').default('8080').argParser((v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new TonghopError('usage.invalid_option', { option: '--port', value: v });
      return String(n);
    }))
    .option('--host <addr>', 'địa chỉ lắng nghe; khác 127.0.0.1 thì phải có tài khoản (tonghop user add) và mọi trang đều cần đăng nhập')
    .option('--token <t>', 'mã truy cập thêm, bắt buộc với mọi yêu cầu khi được đặt', process.env.TONGHOP_REVIEW_TOKEN)
    .option('--trust-proxy [addrs]', 'chạy sau reverse proxy TLS: tin X-Forwarded-For/-Proto từ các địa chỉ này (mặc định: chỉ proxy trên cùng máy)')
    .option('--store <dir>', 'với PostgreSQL: thư mục chung chứa bản gốc (như --store của ingest và worker); mặc định: bản gốc nằm trong cơ sở dữ liệu')
    .action(async (o: { port: string; host?: string; token?: string; trustProxy?: boolean | string; store?: string }) => {
      const { startReviewServer } = await import('../review/server.js'); // not at start-up of other commands
      const app = openApp(ctx.config({ postgres: true }));
      let server: Awaited<ReturnType<typeof startReviewServer>>;
      try {
        server = await startReviewServer(app, {
          port: Number(o.port), host: o.host, token: o.token, trustProxy: o.trustProxy, sharedStore: o.store ? path.resolve(o.store) : null,
        });
      } catch (err) {
        await app.close();
        throw err;
      }
      process.stderr.write(`Rà soát: ${server.url}\n(Ctrl+C để dừng)\n`);
      // the URL goes to stdout too, so a script can read it
      process.stdout.write(`${server.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await app.close();
    });
}
