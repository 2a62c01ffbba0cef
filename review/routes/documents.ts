// The documents list, one document's page, and the document-level decisions (reject, undo).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { qs } from '../views/html.js';
import { documentPage, documentsPage, filterQuery, itemPath, messagePage } from '../views/pages.js';
import { ID, filtersFrom, html, type Body, type Q, type RouteDeps, type RouteKit } from './kit.js';
import { hasRole } from '../accounts.js';
import { messageFor } from '../../model/errors.js';

export function registerDocumentRoutes(fastify: FastifyInstance, { app, review, decisions, now }: RouteDeps, { ctxOf, reviewerOf }: RouteKit): void {
  /**
   * With accounts (issue 17): a reviewer undoes only their own decisions (a lead anyone's, and
   * only a lead undoes an approved one); rejecting a document that marks a province waits for a lead.
   */
  const refusedUndo = (req: FastifyRequest, doc: string): string | null => {
    const last = req.account && review.lastUndoable(doc);
    if (!req.account || !last || hasRole(req.account, 'lead')) return null;
    return last.account_id === req.account.id && last.approved_by == null ? null : messageFor('undo.not_yours', { reviewer: last.reviewer });
  };
  const docAction = (verb: 'reject' | 'undo') => async (req: FastifyRequest, reply: FastifyReply) => {
    const { doc } = req.params as { doc: string };
    if (!ID.test(doc)) return html(reply, messagePage(ctxOf(req), 'Yêu cầu không hợp lệ', 'Mã văn bản không hợp lệ.'), 400);
    const b = (req.body ?? {}) as Body;
    const args = { documentId: doc, reviewer: reviewerOf(req, reply), reason: b.reason ?? null, accountId: req.account?.id ?? null };
    const notYours = verb === 'undo' ? refusedUndo(req, doc) : null;
    if (notYours) return html(reply, messagePage(ctxOf(req, { kind: 'err', text: notYours }), 'Không thực hiện được', notYours), 403);
    const out = verb === 'undo' ? decisions.undo(args)
      : req.account ? decisions.proposeReject({ ...args, accountId: req.account.id, at: new Date(now()).toISOString() }) : decisions.reject(args);
    if (!out.ok) return html(reply, messagePage(ctxOf(req, { kind: 'err', text: out.message }), 'Không thực hiện được', out.message), out.httpStatus);
    if ('pendingId' in out) return reply.redirect(`/next${qs({ ...filterQuery(filtersFrom(req.query as Q)), pending: out.pendingId })}`, 303);
    if (verb === 'reject') return reply.redirect(`/next${qs({ ...filterQuery(filtersFrom(req.query as Q)), done: out.decisionId })}`, 303);
    // after an undo, back to the item it touched so the person sees it restored
    const d = review.decision(review.decision(out.decisionId)!.undoes!)!;
    const back = d.target === 'document' ? `/documents/${doc}` : itemPath({ documentId: doc, target: d.target, name: d.name! });
    return reply.redirect(`${back}${qs({ done: out.decisionId })}`, 303);
  };
  fastify.post('/documents/:doc/reject', docAction('reject'));
  fastify.post('/documents/:doc/undo', docAction('undo'));

  fastify.get('/documents', (req, reply) => {
    const q = req.query as Q;
    const status = q.status && /^[a-z_]{1,20}$/.test(q.status) ? q.status : undefined;
    return html(reply, documentsPage(ctxOf(req), { docs: review.documents({ status }), open: review.openCounts(), filters: { status }, counts: review.countsByStatus() }));
  });

  fastify.get('/documents/:doc', (req, reply) => {
    const { doc } = req.params as { doc: string };
    const row = ID.test(doc) ? review.document(doc) : undefined;
    if (!row) return html(reply, messagePage(ctxOf(req), 'Không tìm thấy', 'Không có văn bản này.'), ID.test(doc) ? 404 : 400);
    return html(reply, documentPage(ctxOf(req), { doc: row, items: review.items(doc), history: review.history(doc), canUndo: !!review.lastUndoable(doc), findings: app.repo.findings(doc), signatures: app.repo.signatures(doc),
      parent: row.parent_id ? app.repo.get(row.parent_id) ?? null : null, attachments: app.repo.attachments(doc) }));
  });
}
