// Routes of the review UI, one module per page under routes/ (queue, item, documents, files,
// tables, plus the stylesheet/script and the reviewer-name form). Files and page images are found
// by document id only (looked up in the database), never by a path from the request.
import type { FastifyInstance } from 'fastify';
import { registerAssetRoutes } from './routes/assets.js';
import { registerDocumentRoutes } from './routes/documents.js';
import { registerFileRoutes } from './routes/files.js';
import { registerItemRoutes } from './routes/item.js';
import { routeKit, type RouteDeps } from './routes/kit.js';
import { registerQueueRoutes } from './routes/queue.js';
import { registerReviewerRoutes } from './routes/reviewer.js';
import { registerTableRoutes } from './routes/tables.js';

export type { RouteDeps };

export function registerRoutes(fastify: FastifyInstance, deps: RouteDeps): void {
  const kit = routeKit(deps);
  registerAssetRoutes(fastify);
  registerQueueRoutes(fastify, deps, kit);
  registerItemRoutes(fastify, deps, kit);
  registerDocumentRoutes(fastify, deps, kit);
  registerReviewerRoutes(fastify);
  registerFileRoutes(fastify, deps);
  registerTableRoutes(fastify, deps, kit);
}
