// The review UI with accounts (issue 17) over real HTTP on a real SQLite file: the sign-in
// contract, session fixation, brute force slowed then locked (and unlocked by itself), CSRF,
// roles, stored XSS in names and reasons, a disabled account's session, the audit log, and the
// headers. The clock is the server's own (moved forward here instead of waiting).
import { seedReviewDb, removeDir, type SeededDb } from './fixture.js';
import { HttpSession } from './http-session.js';
import { startReviewServer, type ReviewServer } from '../../review/server.js';
import { Accounts } from '../../review/accounts.js';
import { AccountsRepository } from '../../review/accounts.repository.js';

let s: SeededDb;
let srv: ReviewServer;
let base: string;
let accounts: Accounts;
let clock = Date.now();
const XSS = '<img src=x onerror="window.__pwned=1">';
const PW = { lan: 'mat-khau-cua-lan-1', minh: 'mat-khau-cua-minh-2', hoa: 'mat-khau-cua-hoa-3', admin: 'mat-khau-quan-tri-4' };
const cli = { id: null, name: null, address: 'test' };
let nextAddress = 1;
/** A client from its own address (the server trusts the loopback proxy and reads X-Forwarded-For). */
const client = () => new HttpSession(base, `192.0.2.${nextAddress++}`);

beforeAll(async () => {
  s = await seedReviewDb();
  accounts = new Accounts(new AccountsRepository(s.app.db));
  await accounts.add('lan', 'reviewer', PW.lan, `Lan ${XSS}`, cli);
  await accounts.add('minh', 'reviewer', PW.minh, null, cli);
  await accounts.add('hoa', 'lead', PW.hoa, 'Trần Hoa', cli);
  await accounts.add('quantri', 'admin', PW.admin, null, cli);
  srv = await startReviewServer(s.app, {
    port: 0, trustProxy: true, now: () => clock,
    auth: {
      account: { free: 3, lockAt: 6, baseDelayMs: 1000, maxDelayMs: 60_000, lockMs: 15 * 60_000, windowMs: 3600_000 },
      address: { free: 6, lockAt: 8, baseDelayMs: 0, maxDelayMs: 0, lockMs: 15 * 60_000, windowMs: 3600_000 },
    },
  });
  base = srv.url.replace(/\/$/, '');
});
afterAll(async () => {
  await srv.close();
  await s.app.close();
  removeDir(s.dataDir);
});

describe('sign-in', () => {
  it('serves the login form and sends every other page there', async () => {
    const c = client();
    const form = await c.get('/login');
    expect(form.status).toBe(200);
    for (const name of ['username', 'password', '_csrf']) expect(form.body).toMatch(new RegExp(`name="${name}"`));
    const q = await c.get('/queue');
    expect(q.status).toBe(303);
    expect(q.res.headers.get('location')).toBe('/login?next=%2Fqueue');
    expect((await c.get(`/documents/${s.haGiang}/file`)).status).toBe(303);
    expect((await c.post(`/items/${s.haGiang}/field/province/accept`, {})).status).toBe(401);
  });

  it('signs in with a new HttpOnly, SameSite=Strict session cookie with an expiry, and signs out', async () => {
    const c = client();
    const r = await c.login('Lan', PW.lan);
    expect(r.status).toBe(303);
    expect(r.res.headers.get('location')).toBe('/queue');
    const set = r.res.headers.getSetCookie().find((x) => x.startsWith('th_session='))!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Max-Age=\d+/);
    const q = await c.get('/queue');
    expect(q.status).toBe(200);
    expect(q.body).toContain('id="logout-form"');
    expect(q.body).not.toContain('id="reviewer-form"');
    expect((await c.post('/logout', {})).status).toBe(303);
    expect((await c.get('/queue')).status).toBe(303);
    const kinds = s.app.db.prepare("SELECT action FROM audit_log WHERE username = 'lan' ORDER BY id").all().map((x) => (x as { action: string }).action);
    expect(kinds).toEqual(expect.arrayContaining(['login', 'logout']));
  });

  it('refuses a wrong password with one message for unknown names and wrong passwords, and logs it', async () => {
    const c = client();
    const wrong = await c.login('minh', 'not-the-password');
    const unknown = await c.login('nobody', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toContain('Sai tên đăng nhập hoặc mật khẩu.');
    expect(unknown.body).toContain('Sai tên đăng nhập hoặc mật khẩu.');
    const n = s.app.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'login_failed' AND username IN ('minh', 'nobody')").get() as { n: number };
    expect(n.n).toBe(2);
  });

  it('does not keep a session id the browser brought (fixation)', async () => {
    const c = client();
    const planted = 'A'.repeat(43);
    c.jar.set('th_session', planted);
    await c.get('/login');
    expect(c.jar.has('th_session')).toBe(false); // an unknown session id is cleared, not adopted
    const preLogin = c.jar.get('th_sid');
    c.jar.set('th_session', planted);
    await c.post('/login', { username: 'minh', password: PW.minh });
    expect(c.jar.get('th_session')).toBeTruthy();
    expect(c.jar.get('th_session')).not.toBe(planted);
    expect(c.jar.get('th_sid')).not.toBe(preLogin);
    const attacker = new HttpSession(base, '192.0.2.250');
    attacker.jar.set('th_session', planted);
    expect((await attacker.get('/queue')).status).toBe(303);
  });

  it('slows brute force on one account, then locks it; the lockout ends by itself', async () => {
    const c = client();
    for (let i = 0; i < 3; i++) expect((await c.login('hoa', `guess-${i}`)).status).toBe(401);
    // the 4th try comes too soon: refused even with the right password
    const slowed = await c.login('hoa', PW.hoa);
    expect(slowed.status).toBe(429);
    expect(slowed.res.headers.get('retry-after')).toBe('1');
    expect(slowed.body).toContain('hãy chờ 1 giây');
    // waiting as told, the guesses go on, each wait doubling, until the account locks
    for (const waitMs of [1100, 2100, 4100]) {
      clock += waitMs;
      expect((await c.login('hoa', 'another-guess')).status).toBe(401);
    }
    clock += 60_000;
    const locked = await c.login('hoa', PW.hoa);
    expect(locked.status).toBe(429);
    expect(locked.body).toContain('tạm khoá');
    // from another address too: the account itself is locked
    expect((await client().login('hoa', PW.hoa)).status).toBe(429);
    clock += 15 * 60_000;
    expect((await c.login('hoa', PW.hoa)).status).toBe(303);
    const actions = (s.app.db.prepare("SELECT action FROM audit_log WHERE username = 'hoa' ORDER BY id").all() as { action: string }[]).map((r) => r.action);
    expect(actions.filter((a) => a === 'login_failed')).toHaveLength(6);
    expect(actions).toEqual(expect.arrayContaining(['login_throttled', 'login_locked', 'login']));
  });

  it('locks one address that tries many names', async () => {
    const c = client();
    for (let i = 0; i < 8; i++) expect((await c.login(`user${i}`, 'guess')).status).toBe(401);
    expect((await c.login('minh', PW.minh)).status).toBe(429);
    expect((await client().login('minh', PW.minh)).status).toBe(303);
  });
});

describe('CSRF with accounts', () => {
  it('refuses a sign-in without the token, and a write whose token belongs to the pre-login session', async () => {
    const c = client();
    await c.get('/login');
    const preLoginToken = c.csrf;
    expect((await c.post('/login', { username: 'minh', password: PW.minh }, { csrf: false })).status).toBe(403);
    expect((await c.post('/login', { username: 'minh', password: PW.minh })).status).toBe(303);
    const r = await c.post(`/items/${s.hostile}/field/issueDate/accept`, { _csrf: preLoginToken });
    expect(r.status).toBe(403);
    await c.get(`/items/${s.hostile}/field/issueDate`);
    expect(c.csrf).not.toBe(preLoginToken);
    // with the signed-in session's own token the write goes through (a bad date: refused on its merits, 422)
    expect((await c.post(`/items/${s.hostile}/field/issueDate/correct`, { value: '31/02/2023' })).status).toBe(422);
  });
});

describe('roles', () => {
  it("refuses another role's pages with 403", async () => {
    const reviewer = client();
    await reviewer.login('minh', PW.minh);
    await reviewer.get('/queue');
    for (const p of ['/approvals', '/work/team', '/audit.csv', '/admin/users', '/admin/settings']) expect((await reviewer.get(p)).status).toBe(403);
    expect((await reviewer.post('/approvals/1/approve', {})).status).toBe(403);
    expect((await reviewer.post('/admin/users', { username: 'evil', role: 'admin', password: 'x'.repeat(12) })).status).toBe(403);
    expect((await reviewer.post(`/items/${s.haGiang}/field/province/release`, {})).status).toBe(403);
    expect((await reviewer.get('/work')).status).toBe(200);

    const lead = client();
    await lead.login('hoa', PW.hoa);
    for (const p of ['/approvals', '/work/team', '/audit.csv']) expect((await lead.get(p)).status).toBe(200);
    for (const p of ['/admin/users', '/admin/settings']) expect((await lead.get(p)).status).toBe(403);

    const admin = client();
    await admin.login('quantri', PW.admin);
    for (const p of ['/admin/users', '/admin/settings', '/approvals']) expect((await admin.get(p)).status).toBe(200);
    expect(accounts.repo.byName('evil')).toBeUndefined();
  });
});

describe('stored XSS', () => {
  it('shows names and reasons as text on every page that prints them', async () => {
    const lan = client();
    await lan.login('lan', PW.lan);
    // a rejection that waits for a lead carries its reason to the approvals page
    await lan.get(`/documents/${s.hostile}`);
    const rej = await lan.post(`/documents/${s.hostile}/reject`, { reason: `lý do ${XSS}<script>alert(1)</script>` });
    expect(rej.status).toBe(303);
    expect(rej.res.headers.get('location')).toMatch(/pending=\d+/);
    const lead = client();
    await lead.login('hoa', PW.hoa);
    const admin = client();
    await admin.login('quantri', PW.admin);
    const pages = [await lan.get('/queue'), await lead.get('/approvals'), await lead.get('/work/team'), await admin.get('/admin/users')];
    for (const p of pages) {
      expect(p.status).toBe(200);
      expect(p.body).not.toContain('<img src=x');
      expect(p.body).not.toContain('<script>alert');
    }
    expect(pages[1].body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(pages[3].body).toContain('Lan &lt;img src=x');
    // the CSV keeps the text as is but never as a formula
    const csv = await lead.get('/audit.csv');
    expect(csv.res.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('login');
  });
});

describe('a disabled account', () => {
  it('loses its session at once', async () => {
    const c = client();
    await c.login('minh', PW.minh);
    expect((await c.get('/queue')).status).toBe(200);
    accounts.setDisabled('minh', true, cli);
    expect((await c.get('/queue')).status).toBe(303);
    expect((await c.login('minh', PW.minh)).status).toBe(401);
    accounts.setDisabled('minh', false, cli);
  });
});

describe('headers', () => {
  it('sends strict security headers, and Secure cookies and HSTS behind a TLS proxy', async () => {
    const c = client();
    const r = await c.get('/login', { 'x-forwarded-proto': 'https' });
    expect(r.res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(r.res.headers.get('x-frame-options')).toBe('DENY');
    expect(r.res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(r.res.headers.getSetCookie().every((x) => /; Secure/.test(x))).toBe(true);
    const plain = await client().get('/login');
    expect(plain.res.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('four eyes, undo and work views over HTTP', () => {
  it('a lead cannot approve their own large change; another lead-ranked account can; a refused change goes back to the queue', async () => {
    const lead = client();
    await lead.login('hoa', PW.hoa);
    await lead.get(`/items/${s.haGiang}/indicator/radio_programs`);
    const big = await lead.post(`/items/${s.haGiang}/indicator/radio_programs/correct`, { value: '452' });
    expect(big.res.headers.get('location')).toMatch(/pending=\d+/);
    const id = (s.app.db.prepare("SELECT id FROM review_pending WHERE state = 'pending' AND name = 'radio_programs'").get() as { id: number }).id;
    expect(s.app.repo.indicators(s.haGiang).find((i) => i.key === 'radio_programs')!.value).toBe(4520);
    await lead.get('/approvals');
    const own = await lead.post(`/approvals/${id}/approve`, {});
    expect(own.status).toBe(403);
    expect(own.body).toContain('Không thể tự duyệt');
    const admin = client();
    await admin.login('quantri', PW.admin);
    await admin.get('/approvals');
    expect((await admin.post(`/approvals/${id}/refuse`, { note: 'Nguồn ghi 4.520 lượt phát sóng' })).status).toBe(303);
    expect(s.app.repo.indicators(s.haGiang).find((i) => i.key === 'radio_programs')!.value).toBe(4520);
    // back in the queue for anyone
    expect((await lead.get('/queue')).body).toContain(`/items/${s.haGiang}/indicator/radio_programs`);
    // a small correction goes through at once
    await lead.get(`/items/${s.haGiang}/indicator/radio_programs`);
    expect((await lead.post(`/items/${s.haGiang}/indicator/radio_programs/correct`, { value: '4.500' })).res.headers.get('location')).toMatch(/done=\d+/);
    expect(s.app.repo.indicators(s.haGiang).find((i) => i.key === 'radio_programs')!.value).toBe(4500);
  });

  it("a reviewer cannot undo someone else's decision; a lead can", async () => {
    const reviewer = client();
    await reviewer.login('minh', PW.minh);
    await reviewer.get(`/documents/${s.haGiang}`);
    const r = await reviewer.post(`/documents/${s.haGiang}/undo`, {});
    expect(r.status).toBe(403);
    expect(r.body).toContain('chỉ trưởng nhóm được hoàn tác');
    const lead = client();
    await lead.login('hoa', PW.hoa);
    await lead.get(`/documents/${s.haGiang}`);
    expect((await lead.post(`/documents/${s.haGiang}/undo`, {})).status).toBe(303);
    expect(s.app.repo.indicators(s.haGiang).find((i) => i.key === 'radio_programs')!.value).toBe(4520);
  });

  it('shows my work, the team counts, and the audit log of a date range as CSV', async () => {
    const lead = client();
    await lead.login('hoa', PW.hoa);
    const mine = await lead.get('/work');
    expect(mine.body).toContain('id="my-decisions"');
    expect(mine.body).toContain('id="my-pending"');
    const team = await lead.get('/work/team');
    expect(team.body).toMatch(/Trần Hoa <span class="muted">hoa<\/span><\/td><td>trưởng nhóm<\/td><td class="num">2<\/td>/); // a correction and an undo (the pending one is no decision)
    // decisions carry the real time, sign-ins the test's clock: a range round both
    const day = (dt: number) => new Date(dt).toISOString().slice(0, 10);
    const csv = (await lead.get(`/audit.csv?from=${day(Date.now() - 86400_000)}&to=${day(clock + 86400_000)}`)).body;
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('thoi_diem,tai_khoan,hanh_dong,van_ban,muc,gia_tri_cu,gia_tri_moi,ly_do,dia_chi,chi_tiet');
    expect(lines.some((l) => /,hoa,decision_correct,hagiang0000000001,radio_programs,4520,4500,/.test(l))).toBe(true);
    expect(lines.some((l) => /,hoa,login_failed,/.test(l))).toBe(true);
    expect(lines.some((l) => /,quantri,approval_refuse,/.test(l))).toBe(true);
    const before = (await lead.get('/audit.csv?from=2020-01-01&to=2020-01-31')).body;
    expect(before.trim().split('\r\n')).toHaveLength(1);
  });

  it('lets an admin define a reporting period', async () => {
    const admin = client();
    await admin.login('quantri', PW.admin);
    await admin.get('/admin/periods');
    expect((await admin.post('/admin/periods', { name: '6 tháng đầu năm 2023', kind: 'report', deadline: '2023-07-15' })).status).toBe(303);
    expect((await admin.get('/admin/periods')).body).toContain('6 tháng đầu năm 2023');
    expect((await admin.post('/admin/periods', { name: 'bất kỳ', kind: 'report', deadline: '2023-07-15' })).status).toBe(422);
  });
});
