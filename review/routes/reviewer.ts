// Setting the reviewer's name (a cookie), then back to the page the form was on.
import type { FastifyInstance } from 'fastify';
import { REVIEWER_COOKIE, cookie } from '../security.js';
import type { Body } from './kit.js';

export function registerReviewerRoutes(fastify: FastifyInstance): void {
  fastify.post('/reviewer', (req, reply) => {
    const b = (req.body ?? {}) as Body;
    const name = (b.reviewer ?? '').trim().slice(0, 80);
    reply.header('set-cookie', [...[reply.getHeader('set-cookie') ?? []].flat().map(String), cookie(REVIEWER_COOKIE, name, { maxAge: name ? 365 * 86400 : 0 })]);
    // only a local path: never an open redirect
    const back = b.back && /^\/(?![/\\])[^\s]*$/.test(b.back) ? b.back : '/queue';
    return reply.redirect(back, 303);
  });
}
