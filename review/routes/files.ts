// A document's original file (download) and its page images. Files are found by document id only
// (looked up in the database), never by a path from the request.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { sniffFileKind } from '../../pipeline/file-kind.js';
import { messagePage } from '../views/pages.js';
import { ID, html, type RouteDeps } from './kit.js';

export function registerFileRoutes(fastify: FastifyInstance, { review, images }: RouteDeps): void {
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
}
