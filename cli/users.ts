// `tonghop user add|list|disable|enable|passwd`: accounts of the review UI (issue 17). A password
// is never an argument (it would stay in the shell history and in `ps`): it is read from stdin,
// typed twice without echo at a terminal, or the first line of piped input.
import { Option, type Command } from 'commander';
import type { CliContext } from './context.js';
import { openApp } from '../pipeline/app.js';
import { TonghopError } from '../model/errors.js';

const CLI_ACTOR = { id: null, name: null, address: 'cli' };

/** Reads what is typed at a terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    let typed = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') { done(); resolve(typed); return; }
        if (ch === '\u0003') { done(); reject(new Error('interrupted')); return; }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    const done = () => { stdin.off('data', onData); stdin.setRawMode(false); stdin.pause(); process.stderr.write('\n'); };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const a = await promptHidden('Mật khẩu: ');
    const b = await promptHidden('Nhập lại mật khẩu: ');
    if (a !== b) throw new TonghopError('user.password_mismatch');
    return a;
  }
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

export function registerUserCommands(program: Command, ctx: CliContext): void {
  const user = program.command('user').description('tài khoản của giao diện rà soát (mật khẩu đọc từ stdin, không bao giờ từ tham số)');
  const withAccounts = async <T>(fn: (a: import('../review/accounts.js').Accounts) => Promise<T> | T): Promise<T> => {
    const { Accounts } = await import('../review/accounts.js');
    const { AccountsRepository } = await import('../review/accounts.repository.js');
    const app = openApp(ctx.config({ postgres: true }));
    try {
      return await fn(new Accounts(new AccountsRepository(app.db)));
    } finally {
      await app.close();
    }
  };

  user.command('add')
    .description('thêm tài khoản; mật khẩu nhập hai lần (không hiện) hoặc dòng đầu của stdin')
    .argument('<name>', 'tên đăng nhập (chữ thường không dấu, số, . _ -)')
    .addOption(new Option('--role <role>', 'vai trò').choices(['reviewer', 'lead', 'admin']).makeOptionMandatory())
    .option('--name <full>', 'họ tên hiển thị')
    .action(async (name: string, o: { role: 'reviewer' | 'lead' | 'admin'; name?: string }) => {
      const password = await readPassword();
      const a = await withAccounts((acc) => acc.add(name, o.role, password, o.name ?? null, CLI_ACTOR));
      process.stdout.write(`Đã thêm tài khoản ${a.username} (${a.role}).\n`);
    });

  user.command('list')
    .description('các tài khoản')
    .addOption(new Option('--format <fmt>', 'định dạng').choices(['table', 'json']).default('table'))
    .action(async (o: { format: 'table' | 'json' }) => {
      const rows = await withAccounts((acc) => acc.list().map((r) => ({
        username: r.username, name: r.display_name, role: r.role, disabled: r.disabled === 1, createdAt: r.created_at,
      })));
      if (o.format === 'json') { process.stdout.write(`${JSON.stringify({ users: rows }, null, 2)}\n`); return; }
      if (!rows.length) { process.stdout.write('Chưa có tài khoản nào (giao diện rà soát chạy một người dùng, chỉ trên 127.0.0.1).\n'); return; }
      for (const r of rows) process.stdout.write(`${r.username}\t${r.role}\t${r.disabled ? 'đã khoá' : 'đang dùng'}\t${r.name ?? ''}\n`);
    });

  for (const [verb, disabled, text] of [['disable', true, 'khoá tài khoản (các phiên đăng nhập của nó dừng ngay)'], ['enable', false, 'mở lại tài khoản đã khoá']] as const) {
    user.command(verb).description(text).argument('<name>').action(async (name: string) => {
      await withAccounts((acc) => acc.setDisabled(name, disabled, CLI_ACTOR));
      process.stdout.write(`${disabled ? 'Đã khoá' : 'Đã mở lại'} tài khoản ${name.toLowerCase()}.\n`);
    });
  }

  user.command('passwd')
    .description('đặt mật khẩu mới (đọc từ stdin); các phiên đăng nhập của tài khoản dừng')
    .argument('<name>')
    .action(async (name: string) => {
      const password = await readPassword();
      await withAccounts((acc) => acc.setPassword(name, password, CLI_ACTOR));
      process.stdout.write(`Đã đổi mật khẩu của ${name.toLowerCase()}.\n`);
    });
}
