// Routes of the review UI. Files and page images are found by document id only (looked up in
// the database), never by a path from the request.
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../pipeline/app.js';
import type { ReviewRepository, QueueFilters, Target, ItemKey } from './review.repository.js';
import { fieldLabel } from './review.repository.js';
import type { ReviewDecisions, DecisionOutcome } from './decisions.js';
import { stateToken } from './decisions.js';
import type { PageImages } from './page-images.js';
import { type Csrf, REVIEWER_COOKIE, cookie } from './security.js';
import { REVIEW_CSS, REVIEW_JS } from './views/assets.js';
import { qs } from './views/html.js';
import {
  documentPage, documentsPage, filterQuery, itemPage, itemPath, messagePage, queuePage, tablesPage, showValue, type PageCtx,
} from './views/pages.js';
import { sniffFileKind } from '../pipeline/file-kind.js';
import { loadTablePreviews } from './tables.js';

export interface RouteDeps { app: App; review: ReviewRepository; decisions: ReviewDecisions; images: PageImages; csrf: Csrf }

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const TARGETS = new Set(['field', 'indicator']);

type Q = Record<string, string | undefined>;
type Body = Record<string, string | undefined>;

function filtersFrom(q: Q): QueueFilters {
  const v = (s: string | undefined) => (s == null || s === '' ? undefined : s === '_none' ? '' : s.slice(0, 100));
  return { province: v(q.province), docType: v(q.docType), period: v(q.period), field: v(q.field) };
}

const html = (reply: FastifyReply, body: string, code = 200) => reply.code(code).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

export function registerRoutes(fastify: FastifyInstance, deps: RouteDeps): void {
  const { review, decisions, images, csrf, app } = deps;

  const ctxOf = (req: FastifyRequest, flash?: PageCtx['flash']): PageCtx => ({
    csrf: csrf.tokenFor(req.sessionId), reviewer: req.cookies.th_reviewer ?? '', self: req.url, flash: flash ?? flashFrom(req),
  });

  /** "?done=<decision id>" after a redirect: what was just done, with its undo. */
  function flashFrom(req: FastifyRequest): PageCtx['flash'] {
    const q = req.query as Q;
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

  const reviewerOf = (req: FastifyRequest, reply: FastifyReply): string => {
    const body = (req.body ?? {}) as Body;
    const fromForm = (body.reviewer ?? '').trim().slice(0, 80);
    if (fromForm) {
      reply.header('set-cookie', [...[reply.getHeader('set-cookie') ?? []].flat().map(String), cookie(REVIEWER_COOKIE, fromForm, { maxAge: 365 * 86400 })]);
      return fromForm;
    }
    return (req.cookies[REVIEWER_COOKIE] ?? '').trim().slice(0, 80);
  };

  fastify.get('/static/review.css', (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=300').send(REVIEW_CSS));
  fastify.get('/static/review.js', (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'max-age=300').send(REVIEW_JS));
  fastify.get('/', (_req, reply) => reply.redirect('/queue', 303));

  fastify.get('/queue', (req, reply) => {
    const filters = filtersFrom(req.query as Q);
    return html(reply, queuePage(ctxOf(req), {
      filters, entries: review.queue(filters, 300), total: review.queueCount(filters), totalAll: review.queueCount({}),
      facets: review.facets(), counts: review.countsByStatus(),
    }));
  });

  fastify.get('/next', (req, reply) => {
    const q = req.query as Q;
    const filters = filtersFrom(q);
    const [documentId, target, name] = (q.after ?? '').split('/');
    const after: ItemKey | null = documentId && TARGETS.has(target) && name ? { documentId, target: target as Target, name } : null;
    const next = review.nextAfter(filters, after);
    const keep = { ...filterQuery(filters), done: q.done };
    if (!next) return reply.redirect(`/queue${qs({ ...keep, msg: q.done ? 'empty' : undefined })}`, 303);
    return reply.redirect(`${itemPath(next)}${qs(keep)}`, 303);
  });

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
    const image = item.page ? await images.page(doc, item.page) : null;
    const state = review.itemState(k.documentId, k.target, k.name)!;
    return html(reply, itemPage(ctxOf(req, extra.error ? { kind: 'err', text: extra.error } : undefined), {
      doc, item, filters, position: at >= 0 ? { index: at + 1, total: keys.length } : null,
      image: image ? (image.ok ? image : { ok: false, message: image.message }) : null,
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

  const docAction = (verb: 'reject' | 'undo') => async (req: FastifyRequest, reply: FastifyReply) => {
    const { doc } = req.params as { doc: string };
    if (!ID.test(doc)) return html(reply, messagePage(ctxOf(req), 'Yêu cầu không hợp lệ', 'Mã văn bản không hợp lệ.'), 400);
    const b = (req.body ?? {}) as Body;
    const args = { documentId: doc, reviewer: reviewerOf(req, reply), reason: b.reason ?? null };
    const out = verb === 'reject' ? decisions.reject(args) : decisions.undo(args);
    if (!out.ok) return html(reply, messagePage(ctxOf(req, { kind: 'err', text: out.message }), 'Không thực hiện được', out.message), out.httpStatus);
    if (verb === 'reject') return reply.redirect(`/next${qs({ ...filterQuery(filtersFrom(req.query as Q)), done: out.decisionId })}`, 303);
    // after an undo, back to the item it touched so the person sees it restored
    const d = review.decision(review.decision(out.decisionId)!.undoes!)!;
    const back = d.target === 'document' ? `/documents/${doc}` : itemPath({ documentId: doc, target: d.target, name: d.name! });
    return reply.redirect(`${back}${qs({ done: out.decisionId })}`, 303);
  };
  fastify.post('/documents/:doc/reject', docAction('reject'));
  fastify.post('/documents/:doc/undo', docAction('undo'));

  fastify.post('/reviewer', (req, reply) => {
    const b = (req.body ?? {}) as Body;
    const name = (b.reviewer ?? '').trim().slice(0, 80);
    reply.header('set-cookie', [...[reply.getHeader('set-cookie') ?? []].flat().map(String), cookie(REVIEWER_COOKIE, name, { maxAge: name ? 365 * 86400 : 0 })]);
    // only a local path: never an open redirect
    const back = b.back && /^\/(?![/\\])[^\s]*$/.test(b.back) ? b.back : '/queue';
    return reply.redirect(back, 303);
  });

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

  fastify.get('/documents/:doc/file', (req, reply) => {
    const { doc } = req.params as { doc: string };
    if (!ID.test(doc)) return html(reply, messagePage(null, 'Yêu cầu không hợp lệ', 'Mã văn bản không hợp lệ.'), 400);
    const row = review.document(doc);
    const file = row && images.originalPath(row);
    if (!row || !file) return html(reply, messagePage(null, 'Không tìm thấy', 'Không có bản gốc của văn bản này.'), 404);
    const fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(1024);
    fs.readSync(fd, head, 0, 1024, 0);
    fs.closeSync(fd);
    const type = ({ pdf: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg', tiff: 'image/tiff' } as Record<string, string>)[sniffFileKind(head)] ?? 'application/octet-stream';
    const ascii = row.file_name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120) || 'document';
    return reply.type(type).header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.file_name)}`)
      .header('cache-control', 'private, max-age=60').send(fs.createReadStream(file));
  });

  fastify.get('/documents/:doc/page/:page', async (req, reply) => {
    const { doc, page } = req.params as { doc: string; page: string };
    const m = /^(\d{1,4})(\.png)?$/.exec(page);
    if (!ID.test(doc) || !m) return html(reply, messagePage(null, 'Yêu cầu không hợp lệ', 'Địa chỉ ảnh trang không hợp lệ.'), 400);
    const row = review.document(doc);
    if (!row) return html(reply, messagePage(null, 'Không tìm thấy', 'Không có văn bản này.'), 404);
    const img = await images.page(row, Number(m[1]));
    if (!img.ok) return html(reply, messagePage(null, 'Không có ảnh trang', img.message), img.code === 'page.out_of_range' ? 404 : 500);
    return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(fs.createReadStream(img.meta.file));
  });

  fastify.get('/tables', async (req, reply) => {
    const t = await loadTablePreviews(app);
    return html(reply, tablesPage(ctxOf(req), t));
  });
}
