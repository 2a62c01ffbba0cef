// `tonghop user` and `tonghop review --host` as separate processes on a real SQLite file (issue 17):
// the password comes from stdin (there is no option for it), and serving beyond loopback is
// refused with a registered code and exit status while no account exists.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { tempDir } from '../helpers.js';
import { removeDir } from './fixture.js';
import { openApp } from '../../pipeline/app.js';
import { makeConfig } from '../../pipeline/config.js';
import { AccountsRepository } from '../../review/accounts.repository.js';
import { verifyPassword } from '../../review/passwords.js';
import { exitStatusFor } from '../../model/errors.js';

const dir = tempDir('tonghop-users-');
const db = path.join(dir, 'tonghop.db');
const tonghop = (args: string[], input = '') =>
  spawnSync(process.execPath, [path.join(process.cwd(), 'bin', 'tonghop.js'), '--db', db, ...args], { encoding: 'utf8', input, timeout: 60_000 });

afterAll(() => removeDir(dir));

it('refuses --host beyond loopback without accounts, adds an account with the password from stdin, lists it', () => {
  const refused = tonghop(['review', '--host', '0.0.0.0', '--port', '0']);
  expect(refused.status).toBe(exitStatusFor('review.no_accounts'));
  expect(refused.status).not.toBe(0);
  expect(refused.stderr).toContain('khi chưa có tài khoản nào');

  const add = tonghop(['user', 'add', 'Lan', '--role', 'lead', '--name', 'Nguyễn Thị Lan'], 'một mật khẩu dài\nbỏ qua dòng này\n');
  expect(add.status).toBe(0);
  expect(add.stdout).toContain('Đã thêm tài khoản lan (lead)');
  const weak = tonghop(['user', 'add', 'minh', '--role', 'reviewer'], 'ngắn\n');
  expect(weak.status).toBe(1);
  expect(weak.stderr).toContain('user.weak_password');

  const list = JSON.parse(tonghop(['user', 'list', '--format', 'json']).stdout) as { users: { username: string; role: string; disabled: boolean }[] };
  expect(list.users).toEqual([expect.objectContaining({ username: 'lan', name: 'Nguyễn Thị Lan', role: 'lead', disabled: false })]);
});

it('stores a salted scrypt hash, never the password', async () => {
  const app = openApp(makeConfig({ dbFile: db, dataDir: dir }));
  try {
    const row = new AccountsRepository(app.db).byName('lan')!;
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
    expect(row.password_hash).not.toContain('mật khẩu');
    expect(await verifyPassword('một mật khẩu dài', row.password_hash)).toBe(true);
    expect(await verifyPassword('một mật khẩu dài ', row.password_hash)).toBe(false);
  } finally {
    await app.close();
  }
});
