// One review item (a field or an indicator of a document): its page, and the accept / correct
// decisions, each followed by the next item of the same filtered queue. With accounts (issue 17)
// opening the item claims it, someone else's claim blocks deciding, and a large correction
// waits for a lead's approval.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ItemKey, Target } from '../review.repository.js';
import { stateToken, type ProposalOutcome } from '../decisions.js';
import { hasRole } from '../accounts.js';
import { thresholdsFrom } from '../four-eyes.js';
import { messageFor } from '../../model/errors.js';
import { qs } from '../views/html.js';
import { officeSourceFor } from '../office-source.js';
import { filterQuery, itemPage, messagePage, showValue } from '../views/pages.js';
import { ID, NAME, TARGETS, filtersFrom, html, type Body, type Q, type RouteDeps, type RouteKit } from './kit.js';

const hhmm = (iso: string) => new Date(iso).toTimeString().slice(0, 5);

/** The claim and pending-change facts the item page shows (accounts only); claims the item when it is open. */
function teamFacts({ review, claims, approvals }: RouteDeps, req: FastifyRequest, k: ItemKey, claimIt: boolean) {
  const me = req.account;
  if (!me) return {};
  const p = approvals.openFor(k.documentId, k.target, k.name);
  const h = claimIt && !p ? claims.claim(k, me) : claims.holder(k);
  const item = p && review.item(k.documentId, k.target, k.name);
  return {
    holder: h ? { name: h.name, until: h.until, mine: h.accountId === me.id, assigned: h.assigned } : null,
    pending: p ? { requester: p.requester_name || p.requester, at: p.requested_at,
      text: `${showValue(p.target, p.name, JSON.parse(p.old_value_json ?? 'null'), item?.unit)} → ${showValue(p.target, p.name, JSON.parse(p.new_value_json ?? 'null'), item?.unit)}` } : null,
    canRelease: hasRole(me, 'lead'),
  };
}

export function registerItemRoutes(fastify: FastifyInstance, deps: RouteDeps, { ctxOf, reviewerOf }: RouteKit): void {
  const { app, review, images } = deps;
  const itemParams = (req: FastifyRequest) => {
    const p = req.params as { doc: string; target: string; name: string };
    if (!ID.test(p.doc) || !TARGETS.has(p.target) || !NAME.test(p.name)) return null;
    return { documentId: p.doc, target: p.target as Target, name: p.name };
  };
  const badItem = (req: FastifyRequest, reply: FastifyReply) => html(reply, messagePage(ctxOf(req), 'Yêu cầu không hợp lệ', 'Địa chỉ mục không hợp lệ.'), 400);

  async function renderItem(req: FastifyRequest, reply: FastifyReply, k: ItemKey, extra: { code?: number; input?: string; error?: string; claim?: boolean } = {}) {
    const doc = review.document(k.documentId);
    const item = doc && review.item(k.documentId, k.target, k.name);
    if (!doc || !item) return html(reply, messagePage(ctxOf(req), 'Không tìm thấy', 'Không có mục này.'), 404);
    const filters = filtersFrom(req.query as Q);
    const keys = review.queue(filters, 100000);
    const at = keys.findIndex((e) => e.documentId === k.documentId && e.target === k.target && e.name === k.name);
    // Word/Excel: the source paragraph or cell instead of a page image
    const officeSource = officeSourceFor(app.repo, doc, item);
    const image = item.page && !officeSource ? await images.page(doc, item.page) : null;
    const state = review.itemState(k.documentId, k.target, k.name)!;
    const open = item.status === 'needs_review' && doc.status === 'needs_review';
    return html(reply, itemPage(ctxOf(req, extra.error ? { kind: 'err', text: extra.error } : undefined), {
      doc, item, filters, position: at >= 0 ? { index: at + 1, total: keys.length } : null,
      image: image ? (image.ok ? image : { ok: false, message: image.message }) : null, officeSource,
      stateToken: stateToken(state), input: extra.input, history: review.history(k.documentId), canUndo: !!review.lastUndoable(k.documentId),
      documentFindings: app.repo.findings(k.documentId).filter((f) => f.scope === 'document'),
      ...teamFacts(deps, req, k, (extra.claim ?? true) && open),
    }), extra.code ?? 200);
  }

  fastify.get('/items/:doc/:target/:name', async (req, reply) => {
    const k = itemParams(req);
    return k ? renderItem(req, reply, k) : badItem(req, reply);
  });

  registerDecisionRoutes(fastify, deps, reviewerOf, { itemParams, badItem, renderItem });
  registerClaimRoutes(fastify, deps, { itemParams, badItem, renderItem });
}

type ItemHelpers = {
  itemParams: (req: FastifyRequest) => ItemKey | null;
  badItem: (req: FastifyRequest, reply: FastifyReply) => FastifyReply;
  renderItem: (req: FastifyRequest, reply: FastifyReply, k: ItemKey, extra: { code?: number; input?: string; error?: string; claim?: boolean }) => Promise<FastifyReply>;
};

/** Accept and correct; with accounts someone else's claim refuses them and a large correction waits for approval. */
function registerDecisionRoutes(fastify: FastifyInstance, { decisions, claims, accounts, now }: RouteDeps, reviewerOf: RouteKit['reviewerOf'], h: ItemHelpers): void {
  const { itemParams, badItem, renderItem } = h;
  /** After a decision: on to the next item of the same filtered queue, or back with the error. */
  async function afterDecision(req: FastifyRequest, reply: FastifyReply, k: ItemKey, out: ProposalOutcome, input?: string) {
    if (!out.ok) return renderItem(req, reply, k, { code: out.httpStatus, input, error: out.message, claim: false });
    if (req.account) claims.release(k);
    const q = req.query as Q;
    const done = 'pendingId' in out ? { pending: out.pendingId } : { done: out.decisionId };
    return reply.redirect(`/next${qs({ ...filterQuery(filtersFrom(q)), after: `${k.documentId}/${k.target}/${k.name}`, ...done })}`, 303);
  }

  /** Someone else's live claim refuses the decision (409), shown on the item page. */
  function claimedByOther(req: FastifyRequest, reply: FastifyReply, k: ItemKey, input?: string) {
    const other = req.account && claims.heldByOther(k, req.account);
    if (!other) return null;
    return renderItem(req, reply, k, { code: 409, input, error: messageFor('item.claimed', { holder: other.name, until: hhmm(other.until) }), claim: false });
  }

  const actor = (req: FastifyRequest, k: ItemKey) => (req.account ? { accountId: req.account.id, durationS: claims.openSeconds(k, req.account) } : {});

  fastify.post('/items/:doc/:target/:name/accept', async (req, reply) => {
    const k = itemParams(req);
    if (!k) return badItem(req, reply);
    const b = (req.body ?? {}) as Body;
    const refused = claimedByOther(req, reply, k);
    if (refused) return refused;
    const out = decisions.accept({ ...k, reviewer: reviewerOf(req, reply), reason: b.reason ?? null, expect: b.expect ?? null, ...actor(req, k) });
    return afterDecision(req, reply, k, out);
  });

  fastify.post('/items/:doc/:target/:name/correct', async (req, reply) => {
    const k = itemParams(req);
    if (!k) return badItem(req, reply);
    const b = (req.body ?? {}) as Body;
    const input = (b.value ?? '').slice(0, 200);
    const refused = claimedByOther(req, reply, k, input);
    if (refused) return refused;
    const args = { ...k, reviewer: reviewerOf(req, reply), input, reason: b.reason ?? null, expect: b.expect ?? null };
    const out = req.account
      ? decisions.proposeCorrection({ ...args, ...actor(req, k), accountId: req.account.id, at: new Date(now()).toISOString(),
        thresholds: thresholdsFrom((key) => accounts.repo.setting(key)) })
      : decisions.correct(args);
    return afterDecision(req, reply, k, out, input);
  });
}

/** The claim of an item: renewed by its open page; released or assigned by a lead (issue 17). */
function registerClaimRoutes(fastify: FastifyInstance, { claims, accounts }: RouteDeps, h: ItemHelpers): void {
  const { itemParams, badItem, renderItem } = h;
  // the open page renews its claim (review.js, once a minute); answers who holds the item
  fastify.post('/items/:doc/:target/:name/claim', (req, reply) => {
    const k = itemParams(req);
    if (!k || !req.account) return reply.code(400).send({ ok: false });
    const h = claims.claim(k, req.account);
    return reply.header('cache-control', 'no-store').send({ ok: h.accountId === req.account.id, holder: h.name, until: h.until });
  });

  // a lead releases someone's claim, or gives the item to someone
  fastify.post('/items/:doc/:target/:name/release', { config: { role: 'lead' } }, (req, reply) => {
    const k = itemParams(req);
    if (!k) return badItem(req, reply);
    const before = claims.holder(k);
    if (claims.release(k)) accounts.audit({ account: req.account, action: 'claim_release', address: req.ip, detail: { item: k, holder: before?.name } });
    // to the team's claims, not back to the item: opening it would claim it for the lead
    return reply.redirect('/work/team', 303);
  });

  fastify.post('/items/:doc/:target/:name/assign', { config: { role: 'lead' } }, (req, reply) => {
    const k = itemParams(req);
    if (!k || !req.account) return badItem(req, reply);
    const to = accounts.repo.byName(((req.body ?? {}) as Body).username?.trim().toLowerCase() ?? '');
    if (!to || to.disabled) return renderItem(req, reply, k, { code: 422, error: messageFor('user.not_found', { name: ((req.body ?? {}) as Body).username ?? '' }), claim: false });
    claims.assign(k, { id: to.id, username: to.username, displayName: to.display_name || to.username, role: to.role }, req.account);
    accounts.audit({ account: req.account, action: 'claim_assign', address: req.ip, detail: { item: k, to: to.username } });
    return reply.redirect('/work/team', 303);
  });
}
