// The review server's guards, as plain functions over request facts so they are testable and
// run in one fastify hook: access token, Host header (DNS rebinding), CSRF, cookies, headers.
import crypto from 'node:crypto';

export const SESSION_COOKIE = 'th_sid';
export const TOKEN_COOKIE = 'th_token';
export const REVIEWER_COOKIE = 'th_reviewer';
/** Largest form a reviewer can send (a correction, a reason): anything bigger is refused. */
export const BODY_LIMIT = 16 * 1024;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const k = part.slice(0, i).trim();
    try { out[k] = decodeURIComponent(part.slice(i + 1).trim()); } catch { /* a malformed cookie is ignored */ }
  }
  return out;
}

export function cookie(name: string, value: string, opts: { httpOnly?: boolean; maxAge?: number; secure?: boolean } = {}): string {
  return [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Strict', ...(opts.httpOnly ? ['HttpOnly'] : []),
    ...(opts.maxAge != null ? [`Max-Age=${opts.maxAge}`] : []), ...(opts.secure ? ['Secure'] : [])].join('; ');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export const randomToken = (bytes = 24) => crypto.randomBytes(bytes).toString('base64url');

/**
 * CSRF: a session id in an HttpOnly cookie, and a form token that is an HMAC of it under a
 * secret. Another site can neither read the cookie nor compute the token. The server passes the
 * database's secret (csrfSecret) so that a form one review process served can be sent to another
 * (several processes behind one proxy, PostgreSQL); without one it is this process's own.
 */
export class Csrf {
  constructor(private readonly secret: Buffer = crypto.randomBytes(32)) {}

  tokenFor(sessionId: string): string {
    return crypto.createHmac('sha256', this.secret).update(sessionId).digest('base64url');
  }

  verify(sessionId: string | undefined, token: string | undefined): boolean {
    return !!sessionId && !!token && safeEqual(this.tokenFor(sessionId), token);
  }
}

/**
 * Host header check against DNS rebinding: when bound to loopback, only loopback names are
 * served (a rebinding page reaches us with its own domain in Host). Bound elsewhere, the
 * access token does that job.
 */
export function hostAllowed(hostHeader: string | undefined, boundHost: string): boolean {
  if (!isLoopback(boundHost)) return true;
  if (!hostHeader) return false;
  const name = hostHeader.startsWith('[') ? hostHeader.slice(1, hostHeader.indexOf(']')) : hostHeader.replace(/:\d+$/, '');
  return isLoopback(name.toLowerCase());
}

export const SECURITY_HEADERS: Record<string, string> = {
  // scripts only from our own /static/ file: injected markup cannot run script
  // connect-src: the open item page renews its claim with a same-origin POST (issue 17)
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** Sent only over HTTPS (behind a TLS reverse proxy with --trust-proxy): browsers then refuse plain HTTP. */
export const HSTS = 'max-age=31536000';
