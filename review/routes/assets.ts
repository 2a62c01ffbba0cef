// The review UI's stylesheet and script (served from memory, cached briefly).
import type { FastifyInstance } from 'fastify';
import { REVIEW_CSS, REVIEW_JS } from '../views/assets.js';

export function registerAssetRoutes(fastify: FastifyInstance): void {
  fastify.get('/static/review.css', (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=300').send(REVIEW_CSS));
  fastify.get('/static/review.js', (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'max-age=300').send(REVIEW_JS));
}
