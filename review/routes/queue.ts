// The review queue page (filtered list of doubtful items) and "next item" navigation.
import type { FastifyInstance } from 'fastify';
import type { ItemKey, Target } from '../review.repository.js';
import { qs } from '../views/html.js';
import { filterQuery, itemPath, queuePage } from '../views/pages.js';
import { TARGETS, filtersFrom, html, type Q, type RouteDeps, type RouteKit } from './kit.js';

export function registerQueueRoutes(fastify: FastifyInstance, { review }: RouteDeps, { ctxOf }: RouteKit): void {
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
    // with accounts, "next" never hands out an item someone else holds (issue 17)
    const next = review.nextAfter(filters, after, req.account?.id ?? null);
    const keep = { ...filterQuery(filters), done: q.done, pending: q.pending };
    if (!next) return reply.redirect(`/queue${qs({ ...keep, msg: q.done ? 'empty' : undefined })}`, 303);
    return reply.redirect(`${itemPath(next)}${qs(keep)}`, 303);
  });
}
