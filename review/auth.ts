// Sign-in for the review UI when accounts exist (issue 17): the session guard, the role gate,
// and the /login and /logout routes. Without any account the UI keeps its single-user
// loopback behaviour (server.ts), so `npm start` works with no set-up.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { messageFor } from '../model/errors.js';
import { type Account, type Accounts, type Role, hasRole } from './accounts.js';
import { type Csrf, SESSION_COOKIE, cookie, randomToken } from './security.js';
import { loginPage, messagePage } from './views/pages.js';

export const AUTH_COOKIE = 'th_session';

const ROLE_LABEL: Record<Role, string> = { reviewer: 'người rà soát', lead: 'trưởng nhóm', admin: 'quản trị' };
export const roleLabel = (r: Role) => ROLE_LABEL[r];

declare module 'fastify' {
  interface FastifyRequest { account: Account | null; accountsOn: boolean }
  interface FastifyContextConfig { role?: Role }
}

/** Paths a signed-out browser may reach: the form itself and its stylesheet. */
const PUBLIC = new Set(['/login', '/static/review.css', '/static/review.js']);

const isHttps = (req: FastifyRequest) => req.protocol === 'https';

export function appendCookie(reply: FastifyReply, c: string): void {
  const cur = reply.getHeader('set-cookie');
  reply.header('set-cookie', [...(cur == null ? [] : Array.isArray(cur) ? cur.map(String) : [String(cur)]), c]);
}

const page = (reply: FastifyReply, code: number, body: string) => reply.code(code).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

/**
 * Part of the onRequest guard: with accounts, a live session sets req.account (and the CSRF
 * binding); anything but the login form without one is sent to /login (GET) or refused (401);
 * a route's `config.role` is checked (403). Returns true when it has answered the request.
 */
export function accountGuard(accounts: Accounts, req: FastifyRequest, reply: FastifyReply): boolean {
  req.account = null;
  req.accountsOn = accounts.enabled();
  if (!req.accountsOn) {
    // single-user mode: the team's pages (approvals, accounts, settings) do not exist; the first
    // account is made with `tonghop user add`, never from an anonymous page
    if (!req.routeOptions.config?.role) return false;
    page(reply, 404, messagePage(null, 'Chưa dùng tài khoản', 'Trang này chỉ có khi giao diện rà soát dùng tài khoản (tonghop user add).'));
    return true;
  }
  const sid = req.cookies[AUTH_COOKIE];
  const account = accounts.session(sid);
  if (account) {
    req.account = account;
    req.sessionId = sid!; // CSRF tokens are bound to the signed-in session
  } else if (sid) {
    appendCookie(reply, cookie(AUTH_COOKIE, '', { httpOnly: true, maxAge: 0, secure: isHttps(req) }));
  }
  const path = req.url.split('?')[0];
  if (!account && !PUBLIC.has(path)) {
    if (req.method === 'GET' || req.method === 'HEAD') {
      const next = /^\/(?![/\\])/.test(req.url) && req.url !== '/' ? `?next=${encodeURIComponent(req.url)}` : '';
      reply.redirect(`/login${next}`, 303);
    } else {
      page(reply, 401, messagePage(null, 'Cần đăng nhập', messageFor('login.required')));
    }
    return true;
  }
  const need = req.routeOptions.config?.role;
  if (account && need && !hasRole(account, need)) {
    page(reply, 403, messagePage(null, 'Không có quyền', messageFor('access.role', { role: roleLabel(need) })));
    return true;
  }
  return false;
}

/** The local path to go back to after signing in (never another site). */
const safeNext = (s: string | undefined) => (s && /^\/(?![/\\])[^\s]*$/.test(s) && !s.startsWith('/login') ? s : '/queue');

export function registerAuthRoutes(fastify: FastifyInstance, { accounts, csrf }: { accounts: Accounts; csrf: Csrf }): void {
  const form = (req: FastifyRequest, reply: FastifyReply, code: number, extra: { error?: string; username?: string; next?: string } = {}) =>
    page(reply, code, loginPage({ csrf: csrf.tokenFor(req.sessionId), next: extra.next ?? safeNext((req.query as { next?: string }).next), ...extra }));

  fastify.get('/login', (req, reply) => {
    if (!req.accountsOn || req.account) return reply.redirect(safeNext((req.query as { next?: string }).next), 303);
    return form(req, reply, 200);
  });

  fastify.post('/login', async (req, reply) => {
    if (!req.accountsOn) return reply.redirect('/queue', 303);
    const b = (req.body ?? {}) as Record<string, string | undefined>;
    const username = (b.username ?? '').slice(0, 80);
    const out = await accounts.login(username, (b.password ?? '').slice(0, 1024), req.ip);
    const next = safeNext(b.next);
    if (!out.ok) {
      if (out.code === 'login.failed') return form(req, reply, 401, { error: messageFor('login.failed'), username, next });
      reply.header('retry-after', String(out.retryAfterS));
      return form(req, reply, 429, { error: messageFor(out.code, { seconds: out.retryAfterS }), username, next });
    }
    // a brand-new session id, and a new pre-login id too: nothing the browser brought survives sign-in
    appendCookie(reply, cookie(AUTH_COOKIE, out.sessionId, { httpOnly: true, maxAge: out.maxAgeS, secure: isHttps(req) }));
    appendCookie(reply, cookie(SESSION_COOKIE, randomToken(), { httpOnly: true, secure: isHttps(req) }));
    return reply.redirect(next, 303);
  });

  fastify.post('/logout', (req, reply) => {
    if (req.account) accounts.logout(req.cookies[AUTH_COOKIE]!, req.account, req.ip);
    appendCookie(reply, cookie(AUTH_COOKIE, '', { httpOnly: true, maxAge: 0, secure: isHttps(req) }));
    return reply.redirect(req.accountsOn ? '/login' : '/queue', 303);
  });
}
