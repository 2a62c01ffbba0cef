// `tonghop review`: the review queue web UI (fastify). Bound to 127.0.0.1 by default. With
// accounts (issue 17) every page needs a signed-in session; bound to any other address it
// refuses to start while no account exists. Every write needs the CSRF token.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import path from 'node:path';
import type { App } from '../pipeline/app.js';
import { ReviewRepository } from './review.repository.js';
import { ReviewDecisions } from './decisions.js';
import { PageImages, type OriginalsAt } from './page-images.js';
import { PgSyncContentStore } from '../pipeline/pg/sync-content.js';
import { pgCacheRoot } from '../pipeline/pg/content.js';
import { registerRoutes } from './routes.js';
import { registerFollowupRoutes } from './followup-pages.js';
import {
  BODY_LIMIT, Csrf, HSTS, SECURITY_HEADERS, SESSION_COOKIE, TOKEN_COOKIE, cookie, hostAllowed, isLoopback, parseCookies, randomToken, safeEqual,
} from './security.js';
import { messagePage } from './views/pages.js';
import { AccountsRepository } from './accounts.repository.js';
import { Accounts, DEFAULT_AUTH_POLICY, type AuthPolicy } from './accounts.js';
import { ClaimsRepository } from './claims.repository.js';
import { Claims, CLAIM_MS } from './claims.js';
import { ApprovalsRepository } from './approvals.repository.js';
import { accountGuard, appendCookie, registerAuthRoutes } from './auth.js';
import { registerTeamRoutes } from './team-routes.js';
import { TonghopError } from '../model/errors.js';

export interface ReviewServerOptions {
  port: number;
  /** default 127.0.0.1; any other address requires at least one account (else start-up is refused) */
  host?: string;
  /** access token; when set it is required whatever the address */
  token?: string;
  /** behind a reverse proxy: honour X-Forwarded-For/-Proto/-Host from these addresses (true: loopback only) */
  trustProxy?: boolean | string;
  /** sign-in throttle and session lifetimes (tests shorten them) */
  auth?: Partial<AuthPolicy>;
  /** the clock (tests move it to end a lockout or a claim) */
  now?: () => number;
  claimMs?: number;
  /** PostgreSQL with originals in a shared folder (`--store DIR` of ingest and the workers): that folder */
  sharedStore?: string | null;
}

/** What buildReviewServer needs beyond the app. */
export interface ReviewServerConfig extends Omit<ReviewServerOptions, 'port' | 'token' | 'host'> { host: string; token: string | null }

export interface ReviewServer { url: string; token: string | null; close(): Promise<void> }

declare module 'fastify' {
  interface FastifyRequest { sessionId: string; cookies: Record<string, string> }
}

export async function startReviewServer(app: App, opts: ReviewServerOptions): Promise<ReviewServer> {
  const host = opts.host ?? '127.0.0.1';
  // beyond loopback, accounts are the access control: no anonymous access at all
  if (!isLoopback(host) && new AccountsRepository(app.db).activeCount() === 0) throw new TonghopError('review.no_accounts', { host });
  const token = opts.token ?? null;
  const fastify = buildReviewServer(app, { ...opts, host, token });
  await fastify.listen({ port: opts.port, host });
  const addr = fastify.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}/${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  return { url, token, close: () => fastify.close() };
}

/** An HTML refusal page with its status code. */
const refuse = (reply: FastifyReply, code: number, title: string, text: string) =>
  reply.code(code).type('text/html; charset=utf-8').send(messagePage(null, title, text));

/**
 * onRequest guard: security headers, the Host check, the access token (moved into an HttpOnly
 * cookie), the pre-login session cookie (CSRF), then the account session and role (auth.ts).
 */
function requestGuard(o: ReviewServerConfig, accounts: Accounts) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
    // behind a trusted proxy the public name is the proxy's; bound to loopback otherwise, only loopback names
    if (!o.trustProxy && !hostAllowed(req.headers.host, o.host)) {
      return refuse(reply, 421, 'Sai địa chỉ máy chủ', 'Máy chủ rà soát chỉ trả lời theo địa chỉ 127.0.0.1 hoặc localhost.');
    }
    req.cookies = parseCookies(req.headers.cookie);
    if (o.token) {
      const url = new URL(req.url, 'http://x');
      const given = url.searchParams.get('token') ?? req.cookies[TOKEN_COOKIE] ?? bearer(req);
      if (!given || !safeEqual(given, o.token)) {
        return refuse(reply, 401, 'Cần mã truy cập', 'Máy chủ rà soát này yêu cầu mã truy cập. Hãy mở đúng đường dẫn có ?token=… được in ra khi khởi động.');
      }
      if (url.searchParams.has('token')) {
        // keep the token in an HttpOnly cookie and drop it from the address bar (and from history)
        url.searchParams.delete('token');
        reply.header('set-cookie', cookie(TOKEN_COOKIE, o.token, { httpOnly: true }));
        if (req.method === 'GET') return reply.redirect(url.pathname + url.search, 303);
      }
    }
    let sid = req.cookies[SESSION_COOKIE];
    if (!sid || !/^[A-Za-z0-9_-]{20,64}$/.test(sid)) {
      sid = randomToken();
      appendCookie(reply, cookie(SESSION_COOKIE, sid, { httpOnly: true, secure: req.protocol === 'https' }));
    }
    req.sessionId = sid;
    if (accountGuard(accounts, req, reply)) return reply;
  };
}

/** The fastify instance with guards and routes, not listening (tests may inject into it). */
export function buildReviewServer(app: App, o: ReviewServerConfig): FastifyInstance {
  // proxy-addr's "loopback" keyword: a proxy on this machine (nginx, caddy) is trusted, nobody else
  const trustProxy = o.trustProxy === true ? 'loopback' : o.trustProxy || false;
  const fastify = Fastify({ bodyLimit: BODY_LIMIT, logger: false, trustProxy, routerOptions: { maxParamLength: 200 } });
  const csrf = new Csrf(csrfSecret(new AccountsRepository(app.db)));
  const now = o.now ?? Date.now;
  const review = new ReviewRepository(app.db);
  const approvals = new ApprovalsRepository(app.db);
  const decisions = new ReviewDecisions(review, app.repo, approvals);
  const accounts = new Accounts(new AccountsRepository(app.db), { ...DEFAULT_AUTH_POLICY, ...o.auth }, now);
  const claims = new Claims(new ClaimsRepository(app.db), now, o.claimMs ?? CLAIM_MS);
  const images = new PageImages(path.join(app.cfg.dataDir, 'review-cache'), originalsAt(app, o.sharedStore ?? null));

  // Forms only: urlencoded, parsed here (no multipart, no uploads).
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  fastify.addHook('onRequest', requestGuard(o, accounts));

  // CSRF on every write, checked once the form is parsed. Cross-site requests also lack the
  // SameSite=Strict session cookie, so the token cannot be matched without it.
  fastify.addHook('preHandler', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const given = typeof body._csrf === 'string' ? body._csrf : (req.headers['x-csrf-token'] as string | undefined);
    if (!csrf.verify(req.sessionId, given)) { // the signed-in session when there is one, else the pre-login cookie
      return refuse(reply, 403, 'Yêu cầu bị từ chối', 'Thiếu hoặc sai mã chống giả mạo (CSRF). Hãy tải lại trang rồi thử lại.');
    }
  });

  fastify.setNotFoundHandler((_req, reply) => refuse(reply, 404, 'Không tìm thấy', 'Không có trang này.'));
  fastify.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) => {
    const code = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    const text = code === 413 ? 'Nội dung gửi lên quá lớn.' : code === 415 ? 'Kiểu nội dung không được hỗ trợ.' : code < 500 ? 'Yêu cầu không hợp lệ.' : 'Lỗi máy chủ.';
    if (code >= 500) process.stderr.write(`review: ${err.message}\n`);
    return refuse(reply, code, 'Lỗi', text);
  });

  const deps = { app, review, decisions, images, csrf, accounts, claims, approvals, now };
  registerAuthRoutes(fastify, { accounts, csrf });
  registerRoutes(fastify, deps);
  registerTeamRoutes(fastify, deps); // issue 17: approvals, work views, admin
  registerFollowupRoutes(fastify, { app, csrf }); // issue 15: /followup, /search
  return fastify;
}

/** The CSRF key every review process on this database shares (made by the first one to start). */
function csrfSecret(repo: AccountsRepository): Buffer {
  return Buffer.from(repo.settingOnce('csrf.secret', randomToken(32), new Date().toISOString()), 'utf8');
}

/** The folders originals may be read from (page-images.ts), for this app's store. */
function originalsAt(app: App, sharedStore: string | null): OriginalsAt {
  const store = app.store;
  if (!(store instanceof PgSyncContentStore)) return { roots: [path.join(app.cfg.dataDir, 'store')] };
  return { roots: [pgCacheRoot(app.cfg.dataDir), ...(sharedStore ? [sharedStore] : [])], fetch: (p) => store.localPath(p) };
}

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
}
