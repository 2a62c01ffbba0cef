// One review item (a field or an indicator of a document): its page, and the accept / correct
// decisions, each followed by the next item of the same filtered queue.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ItemKey, Target } from '../review.repository.js';
import { stateToken, type DecisionOutcome } from '../decisions.js';
import { qs } from '../views/html.js';
import { officeSourceFor } from '../office-source.js';
import { filterQuery, itemPage, messagePage } from '../views/pages.js';
import { ID, NAME, TARGETS, filtersFrom, html, type Body, type Q, type RouteDeps, type RouteKit } from './kit.js';

export function registerItemRoutes(fastify: FastifyInstance, { app, review, decisions, images }: RouteDeps, { ctxOf, reviewerOf }: RouteKit): void {
  const itemParams = (req: FastifyRequest) => {
    const p = req.params as { doc: string; target: string; name: string };
    if (!ID.test(p.doc) || !TARGETS.has(p.target) || !NAME.test(p.name)) return null;
    return { documentId: p.doc, target: p.target as Target, name: p.name };
  };

  async function renderItem(req: FastifyRequest, reply: FastifyReply, k: ItemKey, extra: { code?: number; input?: string; error?: string } = {}) {
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
    return html(reply, itemPage(ctxOf(req, extra.error ? { kind: 'err', text: extra.error } : undefined), {
      doc, item, filters, position: at >= 0 ? { index: at + 1, total: keys.length } : null,
      image: image ? (image.ok ? image : { ok: false, message: image.message }) : null, officeSource,
      stateToken: stateToken(state), input: extra.input, history: review.history(k.documentId), canUndo: !!review.lastUndoable(k.documentId),
      documentFindings: app.repo.findings(k.documentId).filter((f) => f.scope === 'document'),
    }), extra.code ?? 200);
  }

  fastify.get('/items/:doc/:target/:name', async (req, reply) => {
    const k = itemParams(req);
    if (!k) return html(reply, messagePage(ctxOf(req), 'Yêu cầu không hợp lệ', 'Địa chỉ mục không hợp lệ.'), 400);
    return renderItem(req, reply, k);
  });

  /** After a decision: on to the next item of the same filtered queue, or back with the error. */
  async function afterDecision(req: FastifyRequest, reply: FastifyReply, k: ItemKey, out: DecisionOutcome, input?: string) {
    if (!out.ok) return renderItem(req, reply, k, { code: out.httpStatus, input, error: out.message });
    const q = req.query as Q;
    return reply.redirect(`/next${qs({ ...filterQuery(filtersFrom(q)), after: `${k.documentId}/${k.target}/${k.name}`, done: out.decisionId })}`, 303);
  }

  fastify.post('/items/:doc/:target/:name/accept', async (req, reply) => {
    const k = itemParams(req);
    if (!k) return html(reply, messagePage(ctxOf(req), 'Yêu cầu không hợp lệ', 'Địa chỉ mục không hợp lệ.'), 400);
    const b = (req.body ?? {}) as Body;
    const out = decisions.accept({ ...k, reviewer: reviewerOf(req, reply), reason: b.reason ?? null, expect: b.expect ?? null });
    return afterDecision(req, reply, k, out);
  });

  fastify.post('/items/:doc/:target/:name/correct', async (req, reply) => {
    const k = itemParams(req);
    if (!k) return html(reply, messagePage(ctxOf(req), 'Yêu cầu không hợp lệ', 'Địa chỉ mục không hợp lệ.'), 400);
    const b = (req.body ?? {}) as Body;
    const input = (b.value ?? '').slice(0, 200);
    const out = decisions.correct({ ...k, reviewer: reviewerOf(req, reply), input, reason: b.reason ?? null, expect: b.expect ?? null });
    return afterDecision(req, reply, k, out, input);
  });
}
