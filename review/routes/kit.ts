// What every review page module shares: its dependencies, the request validators (ids and names
// from the URL are checked against these patterns, never used as paths), the HTML reply, and the
// per-request page context (CSRF token, reviewer name, flash line after a redirect).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../pipeline/app.js';
import type { ReviewRepository, QueueFilters } from '../review.repository.js';
import { fieldLabel } from '../review.repository.js';
import type { ReviewDecisions } from '../decisions.js';
import type { PageImages } from '../page-images.js';
import { type Csrf, REVIEWER_COOKIE, cookie } from '../security.js';
import { showValue, type PageCtx } from '../views/pages.js';
import type { Accounts } from '../accounts.js';
import type { Claims } from '../claims.js';
import type { ApprovalsRepository } from '../approvals.repository.js';
import { dashboardNumbers } from '../dashboard.js';

export interface RouteDeps {
  app: App; review: ReviewRepository; decisions: ReviewDecisions; images: PageImages; csrf: Csrf;
  /** issue 17: accounts, claims and pending approvals, and the clock they share */
  accounts: Accounts; claims: Claims; approvals: ApprovalsRepository; now: () => number;
}

export const ID = /^[A-Za-z0-9_-]{1,64}$/;
export const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
export const TARGETS = new Set(['field', 'indicator']);

export type Q = Record<string, string | undefined>;
export type Body = Record<string, string | undefined>;

export function filtersFrom(q: Q): QueueFilters {
  const v = (s: string | undefined) => (s == null || s === '' ? undefined : s === '_none' ? '' : s.slice(0, 100));
  return { province: v(q.province), docType: v(q.docType), period: v(q.period), field: v(q.field) };
}

export const html = (reply: FastifyReply, body: string, code = 200) => reply.code(code).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

/** Per-request helpers bound to the session's dependencies. */
export interface RouteKit {
  ctxOf(req: FastifyRequest, flash?: PageCtx['flash']): PageCtx;
  /** The reviewer's name from the form (remembered in a cookie) or from the cookie. */
  reviewerOf(req: FastifyRequest, reply: FastifyReply): string;
}

export function routeKit({ app, review, csrf }: RouteDeps): RouteKit {
  const ctxOf = (req: FastifyRequest, flash?: PageCtx['flash']): PageCtx => ({
    csrf: csrf.tokenFor(req.sessionId), reviewer: req.account ? req.account.displayName : req.cookies.th_reviewer ?? '', self: req.url,
    flash: flash ?? flashFrom(review, req),
    account: req.account ? { name: req.account.displayName, username: req.account.username, role: req.account.role } : null,
    dashboard: dashboardNumbers(app.db), // issue 15: the numbers above every page
  });

  const reviewerOf = (req: FastifyRequest, reply: FastifyReply): string => {
    // with accounts the decision carries the account: no typed name
    if (req.account) return req.account.username;
    const body = (req.body ?? {}) as Body;
    const fromForm = (body.reviewer ?? '').trim().slice(0, 80);
    if (fromForm) {
      reply.header('set-cookie', [...[reply.getHeader('set-cookie') ?? []].flat().map(String), cookie(REVIEWER_COOKIE, fromForm, { maxAge: 365 * 86400 })]);
      return fromForm;
    }
    return (req.cookies[REVIEWER_COOKIE] ?? '').trim().slice(0, 80);
  };

  return { ctxOf, reviewerOf };
}

/** "?done=<decision id>" after a redirect: what was just done, with its undo. */
function flashFrom(review: ReviewRepository, req: FastifyRequest): PageCtx['flash'] {
  const q = req.query as Q;
  if (q.pending && /^\d{1,12}$/.test(q.pending)) return { kind: 'ok', text: 'Thay đổi này làm thay đổi số liệu hoặc Phụ lục vượt ngưỡng: đã gửi chờ trưởng nhóm duyệt; chưa tính vào báo cáo cho tới khi được duyệt.' };
  const id = Number(q.done);
  if (!Number.isInteger(id) || id <= 0) return q.msg === 'empty' ? { kind: 'ok', text: 'Đã xử lý hết các mục cần rà soát.' } : null;
  const d = review.decision(id);
  if (!d) return null;
  const ind = d.target === 'indicator' ? review.item(d.document_id, 'indicator', d.name ?? '') : undefined;
  const val = (j: string | null) => showValue(d.target, d.name, JSON.parse(j ?? 'null'), ind?.unit);
  const what = d.target === 'document' ? 'văn bản' : d.target === 'field' ? `“${fieldLabel(d.name ?? '')}”` : `chỉ tiêu “${ind?.label ?? d.name}”`;
  const text = d.action === 'accept' ? `Đã chấp nhận ${what}: ${val(d.new_value_json)}.`
    : d.action === 'correct' ? `Đã sửa ${what}: ${val(d.old_value_json)} → ${val(d.new_value_json)}.`
      : d.action === 'reject' ? 'Đã loại văn bản khỏi tổng hợp.'
        : 'Đã hoàn tác quyết định.';
  return { kind: 'ok', text, undoDocumentId: d.action === 'undo' || d.undone_by ? undefined : d.document_id };
}
