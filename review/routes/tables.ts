// The report tables preview page (what the national tables would hold now).
import type { FastifyInstance } from 'fastify';
import { loadTablePreviews } from '../tables.js';
import { tablesPage } from '../views/pages.js';
import { html, type RouteDeps, type RouteKit } from './kit.js';

export function registerTableRoutes(fastify: FastifyInstance, { app }: RouteDeps, { ctxOf }: RouteKit): void {
  fastify.get('/tables', async (req, reply) => {
    const t = await loadTablePreviews(app);
    return html(reply, tablesPage(ctxOf(req), t));
  });
}
