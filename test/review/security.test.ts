// The review server's guards over real HTTP: CSRF on writes, escaping of PDF text, no path
// traversal in file/image routes, no serving beyond loopback without accounts, token, Host check, size limits.
import { seedReviewDb, removeDir, rawGet, HOSTILE_TEXT, type SeededDb } from './fixture.js';
import { startReviewServer, type ReviewServer } from '../../review/server.js';
import { ReviewRepository } from '../../review/review.repository.js';

let s: SeededDb;
let srv: ReviewServer;
let base: string;
let port: number;

beforeAll(async () => {
  s = await seedReviewDb();
  srv = await startReviewServer(s.app, { port: 0 });
  base = srv.url.replace(/\/$/, '');
  port = Number(new URL(srv.url).port);
});
afterAll(async () => {
  await srv.close();
  await s.app.close();
  removeDir(s.dataDir);
});

/** A session: the cookies the server set, and the CSRF token printed in its forms. */
async function session(): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${base}/queue`);
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await r.text())![1];
  return { cookie, csrf };
}

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', body, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });

describe('CSRF', () => {
  const acceptPath = () => `/items/${s.haGiang}/field/province/accept`;

  it('refuses a write without the token, with a wrong one, or without the session cookie', async () => {
    const { cookie, csrf } = await session();
    expect((await post(acceptPath(), form({ reviewer: 'Lan' }), { cookie })).status).toBe(403);
    expect((await post(acceptPath(), form({ reviewer: 'Lan', _csrf: `${csrf.slice(0, -2)}xx` }), { cookie })).status).toBe(403);
    expect((await post(acceptPath(), form({ reviewer: 'Lan', _csrf: csrf }))).status).toBe(403);
    // a token from another session does not fit this one
    const other = await session();
    expect((await post(acceptPath(), form({ reviewer: 'Lan', _csrf: other.csrf }), { cookie })).status).toBe(403);
    expect((await post(`/documents/${s.hostile}/reject`, form({ reviewer: 'Lan' }), { cookie })).status).toBe(403);
    expect((await post(`/documents/${s.hostile}/undo`, '', { cookie })).status).toBe(403);
    const review = new ReviewRepository(s.app.db);
    expect(review.history(s.haGiang)).toEqual([]);
    expect(s.app.repo.get(s.hostile)!.status).toBe('needs_review');
  });

  it('accepts the write with the token and the session cookie', async () => {
    const { cookie, csrf } = await session();
    const r = await post(`/items/${s.hostile}/field/issueDate/correct`, form({ reviewer: 'Lan', _csrf: csrf, value: '31/02/2023' }), { cookie });
    expect(r.status).toBe(422);
    expect(await r.text()).toContain('Ngày không có thật trên lịch');
    const unknown = await post(`/items/${s.haGiang}/field/province/correct`, form({ reviewer: 'Lan', _csrf: csrf, value: 'Atlantis' }), { cookie });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain('Không tìm thấy tỉnh, thành phố “Atlantis”');
    const ok = await post(`/items/${s.hostile}/field/issueDate/correct`, form({ reviewer: 'Lan', _csrf: csrf, value: '28/02/2023' }), { cookie });
    expect(ok.status).toBe(303);
    expect(s.app.repo.get(s.hostile)!.issue_date).toBe('2023-02-28');
    const undo = await post(`/documents/${s.hostile}/undo`, form({ _csrf: csrf, reviewer: 'Lan' }), { cookie });
    expect(undo.status).toBe(303);
    expect(s.app.repo.get(s.hostile)!.issue_date).toBeNull();
  });

  it('refuses bodies over the size limit', async () => {
    const { cookie, csrf } = await session();
    const r = await post(`/items/${s.haGiang}/field/province/correct`, form({ _csrf: csrf, value: 'x'.repeat(100_000) }), { cookie });
    expect(r.status).toBe(413);
  });
});

describe('escaping', () => {
  it('shows markup from PDF text as text, in every page that prints it', async () => {
    for (const path of [`/items/${s.hostile}/field/issueDate`, `/documents/${s.hostile}`, '/documents', '/queue']) {
      const body = await (await fetch(`${base}${path}`)).text();
      expect(body).not.toContain('<script>window.__pwned');
      expect(body).not.toContain('<img src=x');
      expect(body).not.toContain('<b>dangerous</b>');
    }
    const item = await (await fetch(`${base}/items/${s.hostile}/field/issueDate`)).text();
    expect(item).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(HOSTILE_TEXT).toContain('<script>');
  });

  it('sends a CSP that allows no inline script', async () => {
    const r = await fetch(`${base}/queue`);
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('file and image routes', () => {
  it('serves the original and page images by document id', async () => {
    const f = await fetch(`${base}/documents/${s.haGiang}/file`);
    expect(f.status).toBe(200);
    expect(f.headers.get('content-type')).toBe('application/pdf');
    expect(f.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await f.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const img = await fetch(`${base}/documents/${s.haGiang}/page/2.png`);
    expect(img.status).toBe(200);
    expect(Buffer.from(await img.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    expect((await fetch(`${base}/documents/${s.haGiang}/page/3.png`)).status).toBe(404);
  });

  it('refuses ../ in file and image routes', async () => {
    const attempts = [
      '/documents/../../../../etc/passwd/file',
      '/documents/..%2F..%2F..%2F..%2Fetc%2Fpasswd/file',
      `/documents/${s.haGiang}/page/..%2F..%2F..%2Fetc%2Fpasswd`,
      '/documents/%2E%2E%2F%2E%2E%2Fpackage.json/file',
      '/static/../../package.json',
      '/documents/..%5C..%5Cwindows/file',
    ];
    for (const p of attempts) {
      const r = await rawGet(port, p);
      expect([400, 404]).toContain(r.status);
      expect(r.body).not.toMatch(/root:|"name": "tonghop"/);
    }
    expect((await rawGet(port, '/documents/..%2F..%2Fetc%2Fpasswd/file')).status).toBe(400);
  });
});

describe('access', () => {
  it('refuses a Host header that is not loopback (DNS rebinding)', async () => {
    expect((await rawGet(port, '/queue', { host: `evil.example:${port}` })).status).toBe(421);
    expect((await rawGet(port, '/queue', { host: `localhost:${port}` })).status).toBe(200);
  });

  it('refuses to serve beyond loopback while no account exists (issue 17)', async () => {
    await expect(startReviewServer(s.app, { port: 0, host: '0.0.0.0' })).rejects.toMatchObject({ code: 'review.no_accounts' });
  });

  it('requires the access token when one is given', async () => {
    const token = 'a-token-for-this-test-only';
    const open = await startReviewServer(s.app, { port: 0, token });
    try {
      expect(open.token).toBe(token);
      const p = new URL(open.url).port;
      const at = (path: string, headers: Record<string, string> = {}) => fetch(`http://127.0.0.1:${p}${path}`, { redirect: 'manual', headers });
      expect((await at('/queue')).status).toBe(401);
      expect((await at(`/documents/${s.haGiang}/file`)).status).toBe(401);
      expect((await at('/queue?token=wrong')).status).toBe(401);
      const good = await at(`/queue?token=${encodeURIComponent(token)}`);
      expect(good.status).toBe(303);
      expect(good.headers.get('location')).toBe('/queue');
      const cookie = good.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      expect((await at('/queue', { cookie })).status).toBe(200);
      expect((await at('/queue', { authorization: `Bearer ${token}` })).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe('single-user mode (no account)', () => {
  it("has no team pages: nobody creates the first account or changes settings from the browser", async () => {
    const { cookie, csrf } = await session();
    for (const p of ['/approvals', '/work/team', '/audit.csv', '/admin/users', '/admin/settings', '/admin/periods']) {
      expect((await fetch(`${base}${p}`, { headers: { cookie } })).status).toBe(404);
    }
    const r = await post('/admin/users', form({ _csrf: csrf, username: 'evil', role: 'admin', password: 'x'.repeat(12) }), { cookie });
    expect(r.status).toBe(404);
    expect(s.app.db.prepare('SELECT COUNT(*) AS n FROM accounts').get()).toEqual({ n: 0 });
  });
});
