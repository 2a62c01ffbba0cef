// Routes of the review team (issue 17): approvals (lead), my work (everyone), the team's counts
// and the audit CSV (lead), accounts and settings (admin). Roles are checked by the guard from
// each route's `config.role` (auth.ts); in single-user mode these pages have nothing to act on.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TonghopError, messageFor } from '../model/errors.js';
import { toCsv } from '../reports/csv.js';
import { ROLES, type Role } from './accounts.js';
import { thresholdsFrom } from './four-eyes.js';
import { WorkRepository } from './work.repository.js';
import { routeKit, html, type Body, type Q, type RouteDeps } from './routes/kit.js';
import { messagePage } from './views/pages.js';
import { approvalsPage, periodsPage, settingsPage, teamPage, usersPage, workPage } from './views/team-pages.js';
import { PERIOD_KINDS, definePeriod, listPeriods } from '../reports/followup.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

/** A date range from the query (YYYY-MM-DD, `to` inclusive), default the last 30 days. */
function rangeOf(q: Q, now: number): { from: string; to: string; fromIso: string; toIso: string } {
  const today = new Date(now).toISOString().slice(0, 10);
  const to = q.to && DAY.test(q.to) ? q.to : today;
  const from = q.from && DAY.test(q.from) ? q.from : addDays(to, -30);
  return { from, to, fromIso: `${from}T00:00:00.000Z`, toIso: `${addDays(to, 1)}T00:00:00.000Z` };
}

/** A cell a spreadsheet would run as a formula (=, +, -, @ first) is kept as text. */
const safeCell = (v: string | number | null | undefined) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) && !/^-?\d+([.,]\d+)?$/.test(v) ? `'${v}` : v);

export function registerTeamRoutes(fastify: FastifyInstance, deps: RouteDeps): void {
  registerApprovalRoutes(fastify, deps);
  registerWorkRoutes(fastify, deps);
  registerAdminRoutes(fastify, deps);
}

const who = (req: FastifyRequest) => ({ id: req.account?.id ?? null, name: req.account?.username ?? null, address: req.ip });

/** Changes waiting for approval: the list, approve, refuse (lead). */
function registerApprovalRoutes(fastify: FastifyInstance, deps: RouteDeps): void {
  const { ctxOf } = routeKit(deps);
  const { decisions, approvals, accounts, now } = deps;
  const needAccount = (req: FastifyRequest, reply: FastifyReply) =>
    req.account ? null : html(reply, messagePage(ctxOf(req), 'Chưa dùng tài khoản', 'Trang này dùng khi có tài khoản (tonghop user add).'), 404);

  fastify.get('/approvals', { config: { role: 'lead' } }, (req, reply) =>
    needAccount(req, reply) ?? html(reply, approvalsPage(ctxOf(req), { rows: approvals.open(), meId: req.account!.id })));

  fastify.post('/approvals/:id/approve', { config: { role: 'lead' } }, (req, reply) => {
    const id = Number((req.params as { id: string }).id);
    if (!req.account || !Number.isInteger(id)) return html(reply, messagePage(ctxOf(req), 'Yêu cầu không hợp lệ', 'Không có thay đổi này.'), 400);
    const out = decisions.approve(id, { accountId: req.account.id, at: new Date(now()).toISOString() });
    accounts.audit({ account: req.account, action: out.ok ? 'approve' : 'approve_refused', address: req.ip, detail: { pending: id, ...(out.ok ? { decision: out.decisionId } : { code: out.code }) } });
    if (!out.ok) return html(reply, messagePage(ctxOf(req, { kind: 'err', text: out.message }), 'Không duyệt được', out.message), out.httpStatus);
    return reply.redirect(`/approvals?done=${out.decisionId}`, 303);
  });

  fastify.post('/approvals/:id/refuse', { config: { role: 'lead' } }, (req, reply) => {
    const id = Number((req.params as { id: string }).id);
    if (!req.account || !Number.isInteger(id)) return html(reply, messagePage(ctxOf(req), 'Yêu cầu không hợp lệ', 'Không có thay đổi này.'), 400);
    const note = ((req.body ?? {}) as Body).note ?? null;
    const out = decisions.refusePending(id, { accountId: req.account.id, at: new Date(now()).toISOString(), note });
    if (!out.ok) return html(reply, messagePage(ctxOf(req, { kind: 'err', text: (out as { message: string }).message }), 'Không thực hiện được', (out as { message: string }).message), 409);
    accounts.audit({ account: req.account, action: 'approval_refuse', address: req.ip, detail: { pending: id, note } });
    return reply.redirect('/approvals', 303);
  });
}

/** My work (everyone), the team's counts and claims, the audit CSV (lead). */
function registerWorkRoutes(fastify: FastifyInstance, deps: RouteDeps): void {
  const { ctxOf } = routeKit(deps);
  const { review, claims, approvals, accounts, now } = deps;
  const work = new WorkRepository(deps.app.db);

  fastify.get('/work', (req, reply) => {
    const me = req.account;
    if (!me) return html(reply, messagePage(ctxOf(req), 'Chưa dùng tài khoản', 'Trang này dùng khi có tài khoản (tonghop user add).'), 404);
    const f = review.facets();
    return html(reply, workPage(ctxOf(req), { claims: claims.mine(me), pending: approvals.byRequester(me.id, 50), decisions: work.decisionsOf(me.id, 50), byProvince: f.province, byPeriod: f.period }));
  });

  fastify.get('/work/team', { config: { role: 'lead' } }, (req, reply) => {
    const r = rangeOf(req.query as Q, now());
    return html(reply, teamPage(ctxOf(req), { stats: work.reviewerStats(r.fromIso, r.toIso), claims: claims.all(), from: r.from, to: r.to }));
  });

  // the audit log of a date range: sign-ins and account changes, and every decision, in time order
  fastify.get('/audit.csv', { config: { role: 'lead' } }, (req, reply) => {
    const r = rangeOf(req.query as Q, now());
    const rows: (string | number | null)[][] = [
      ...accounts.repo.auditBetween(r.fromIso, r.toIso).map((a) => [a.at, a.username, a.action, null, null, null, null, null, a.address, a.detail]),
      ...work.decisionsBetween(r.fromIso, r.toIso).map((d) => [d.decided_at, d.reviewer, `decision_${d.action}`, d.document_id, d.name ?? d.target, d.old_value_json, d.new_value_json, d.reason, null,
        d.approver ? JSON.stringify({ approvedBy: d.approver }) : null]),
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const csv = toCsv(['thoi_diem', 'tai_khoan', 'hanh_dong', 'van_ban', 'muc', 'gia_tri_cu', 'gia_tri_moi', 'ly_do', 'dia_chi', 'chi_tiet'], rows.map((row) => row.map(safeCell)));
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="nhat-ky-ra-soat-${r.from}-${r.to}.csv"`).send(csv);
  });
}

/** Accounts, reporting periods and approval thresholds (admin). */
function registerAdminRoutes(fastify: FastifyInstance, deps: RouteDeps): void {
  const { ctxOf } = routeKit(deps);
  const { accounts, now } = deps;

  const users = (req: FastifyRequest, reply: FastifyReply, error?: string, code = 200) => html(reply, usersPage(ctxOf(req), { users: accounts.list(), error }), code);
  fastify.get('/admin/users', { config: { role: 'admin' } }, (req, reply) => users(req, reply));

  fastify.post('/admin/users', { config: { role: 'admin' } }, async (req, reply) => {
    const b = (req.body ?? {}) as Body;
    const role = (ROLES as readonly string[]).includes(b.role ?? '') ? (b.role as Role) : 'reviewer';
    try {
      await accounts.add(b.username ?? '', role, b.password ?? '', b.name ?? null, who(req));
    } catch (e) {
      if (e instanceof TonghopError) return users(req, reply, e.message, 422);
      throw e;
    }
    return reply.redirect('/admin/users', 303);
  });

  for (const verb of ['disable', 'enable'] as const) {
    fastify.post(`/admin/users/:name/${verb}`, { config: { role: 'admin' } }, (req, reply) => {
      const name = (req.params as { name: string }).name;
      if (verb === 'disable' && name === req.account?.username) return users(req, reply, 'Không tự khoá tài khoản đang dùng.', 422);
      try {
        accounts.setDisabled(name, verb === 'disable', who(req));
      } catch (e) {
        if (e instanceof TonghopError) return users(req, reply, e.message, 404);
        throw e;
      }
      return reply.redirect('/admin/users', 303);
    });
  }

  registerPeriodRoutes(fastify, deps);

  fastify.get('/admin/settings', { config: { role: 'admin' } }, (req, reply) =>
    html(reply, settingsPage(ctxOf(req), thresholdsFrom((k) => accounts.repo.setting(k)))));

  fastify.post('/admin/settings', { config: { role: 'admin' } }, (req, reply) => {
    const b = (req.body ?? {}) as Body;
    const at = new Date(now()).toISOString();
    for (const key of ['indicatorDelta', 'appendixRows'] as const) {
      const v = Number(b[key]);
      if (b[key] == null || b[key] === '' || !Number.isFinite(v) || v < 0) {
        return html(reply, messagePage(ctxOf(req), 'Giá trị không hợp lệ', messageFor('usage.invalid_option', { option: key, value: b[key] ?? '' })), 422);
      }
      accounts.repo.putSetting(`approval.${key}`, String(v), at, req.account?.id ?? null);
    }
    accounts.audit({ account: req.account, action: 'settings', address: req.ip, detail: { indicatorDelta: b.indicatorDelta, appendixRows: b.appendixRows } });
    return reply.redirect('/admin/settings', 303);
  });
}

/** Reporting periods (admin): the list and a form to add or change one (as `tonghop period add`). */
function registerPeriodRoutes(fastify: FastifyInstance, deps: RouteDeps): void {
  const { ctxOf } = routeKit(deps);
  const { accounts } = deps;
  const periods = (req: FastifyRequest, reply: FastifyReply, error?: string, code = 200) => html(reply, periodsPage(ctxOf(req), { periods: listPeriods(deps.app.db), error }), code);
  fastify.get('/admin/periods', { config: { role: 'admin' } }, (req, reply) => periods(req, reply));

  fastify.post('/admin/periods', { config: { role: 'admin' } }, (req, reply) => {
    const b = (req.body ?? {}) as Body;
    const kind = (PERIOD_KINDS as readonly string[]).includes(b.kind ?? '') ? (b.kind as (typeof PERIOD_KINDS)[number]) : 'report';
    try {
      const p = definePeriod(deps.app.db, { name: (b.name ?? '').slice(0, 100), kind, deadline: b.deadline ?? '', request: b.request?.trim() || null });
      accounts.audit({ account: req.account, action: 'period_define', address: req.ip, detail: { name: p.name, kind: p.kind, deadline: p.deadline } });
    } catch (e) {
      if (e instanceof TonghopError) return periods(req, reply, e.message, 422);
      throw e;
    }
    return reply.redirect('/admin/periods', 303);
  });
}
