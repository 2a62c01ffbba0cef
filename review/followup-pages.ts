// Review UI pages of issue 15: the follow-up of a reporting period (under "Bảng tổng hợp"),
// every document cell linked to its document; and full-text search (from the "Văn bản" page),
// each hit opening its page image with the matching lines highlighted and the page text with
// the match marked. Server-rendered like the other pages; every value goes through html``.
import type { FastifyInstance, FastifyRequest, FastifyReply } from 'fastify';
import type { App } from '../pipeline/app.js';
import type { Box } from '../model/document.js';
import type { ReadPage } from '../model/ocr.js';
import { searchDocuments, matchRanges, queryTokens, indexedPage, type SearchOptions, type SearchResult } from '../pipeline/search.js';
import { buildFollowup, listPeriods, periodDashboard, type FollowupTable, type PeriodDashboard } from '../reports/followup.js';
import { STATUS_LABEL, followupSummary, followupTitle } from '../reports/followup-render.js';
import { viDate } from '../reports/appendix.js';
import { TonghopError } from '../model/errors.js';
import type { Csrf } from './security.js';
import { REVIEWER_COOKIE } from './security.js';
import { html, qs, raw, type SafeHtml } from './views/html.js';
import { layout, messagePage, type PageCtx } from './views/pages.js';
import { dashboardNumbers } from './dashboard.js';

export interface FollowupRouteDeps { app: App; csrf: Csrf }

type Q = Record<string, string | undefined>;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const send = (reply: FastifyReply, body: string, code = 200) => reply.code(code).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
const short = (s: string | undefined, n = 200) => (s ?? '').trim().slice(0, n) || undefined;

// Status colours for this page only (the shared stylesheet belongs to the review pages).
const STYLE = raw(`<style>
.fu-received{background:#e2efda}.fu-late{background:#fff2cc}.fu-in_review{background:#ddebf7}.fu-missing{background:#f8cbad}
.fu-counts span{display:inline-block;margin-right:14px}.hit{margin:10px 0;padding:8px 10px;background:#fff;border:1px solid #dde3ea}
.hit mark,.pagetext mark{background:#ffe600;padding:0 1px}.pagetext{white-space:pre-wrap;background:#fff;border:1px solid #dde3ea;padding:10px;font-size:13px}
.fu-dash{display:flex;gap:12px;margin:8px 0 14px}.fu-dash div{background:#fff;border:1px solid #dde3ea;padding:8px 12px;min-width:120px;font-size:13px}
.fu-dash b{display:block;font-size:22px}
.search-view{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px}
</style>`);

function ctxOf(req: FastifyRequest, csrf: Csrf, app: App): PageCtx {
  const a = req.account; // signed in (issue 17): the header shows the account instead of the typed name
  return { csrf: csrf.tokenFor(req.sessionId), reviewer: a ? a.displayName : req.cookies[REVIEWER_COOKIE] ?? '', self: req.url, flash: null,
    account: a ? { name: a.displayName, username: a.username, role: a.role } : null, dashboard: dashboardNumbers(app.db) };
}

function dashboard(d: PeriodDashboard): SafeHtml {
  const pct = d.straightThrough === null ? '—' : `${Math.round(d.straightThrough * 100)}%`;
  return html`<div class="fu-dash" id="dashboard">
  <div><b id="dash-documents">${d.documents}</b>văn bản kỳ này</div>
  <div><b id="dash-straight">${pct}</b>tự động, không cần rà soát</div>
  <div><b id="dash-waiting">${d.waitingForReview}</b><a href="/queue">chờ rà soát</a></div>
  <div><b id="dash-oldest">${d.oldestWaiting ? viDate(d.oldestWaiting) : '—'}</b>chờ lâu nhất từ</div>
  <div><b id="dash-missing">${d.missingProvinces}</b>tỉnh, thành phố chưa gửi</div></div>`;
}

function followupBody(t: FollowupTable | null, periods: string[], selected: string | undefined, dash: PeriodDashboard | null): SafeHtml {
  const picker = html`<form class="filters" method="get" action="/followup"><label>Kỳ báo cáo <select name="period" id="period-select">
    ${periods.map((p) => html`<option value="${p}" ${p === selected ? raw('selected') : ''}>${p}</option>`)}</select></label>
    <button type="submit">Xem</button></form>`;
  if (!t) {
    return html`<h1>Theo dõi kỳ báo cáo</h1><div class="empty" id="followup-empty">Chưa khai báo kỳ báo cáo nào. Dùng lệnh:
      <code>tonghop period add "6 tháng đầu năm 2023" --kind report --deadline 2023-06-25 --request 329/CV-VPQGGN</code></div>`;
  }
  const docCell = (r: FollowupTable['rows'][number]) => r.documents.map((d, i) => html`${i ? html`<br>` : ''}<a href="/documents/${d.id}">${d.docNumber ?? '(chưa rõ số)'}</a>${d.provisional ? ' (tạm)' : ''}${d.predecessor ? html` <span class="muted">(${d.predecessor.name})</span>` : ''}`);
  return html`${STYLE}<div class="nav"><a href="/tables">← Bảng tổng hợp</a></div>
<h1>${followupTitle(t)}</h1>${dash ? dashboard(dash) : ''}${picker}
<p id="followup-summary">${followupSummary(t)}</p>
<p class="fu-counts"><span>Phải gửi: <b id="count-expected">${t.expected}</b></span><span>Đã gửi: <b id="count-received">${t.received}</b></span>
  <span>Đúng hạn: <b id="count-ontime">${t.onTime}</b></span><span>Quá hạn: <b id="count-late">${t.late}</b></span>
  <span>Đang kiểm tra: <b id="count-inreview">${t.inReview}</b></span><span>Chưa gửi: <b id="count-missing">${t.missing}</b></span></p>
<p class="muted">Dự thảo công văn đôn đốc các tỉnh chưa gửi: <code>tonghop report reminder --period "${t.period}" --out cong-van-don-doc.docx</code></p>
<table id="followup" class="report"><thead><tr><th>TT</th><th>Tỉnh, thành phố</th><th>Tình trạng</th><th>Số hiệu văn bản</th><th>Ngày ban hành</th><th>Ngày nhận</th></tr></thead><tbody>
${t.rows.map((r) => html`<tr data-code="${r.code}" data-status="${r.status}"><td>${r.tt}</td>
  <td>${r.province}${r.predecessors ? html`<div class="muted">${r.predecessors.map((p) => `${p.name}${p.sent ? ' ✓' : ''}`).join(', ')}</div>` : ''}</td>
  <td class="fu-${r.status}">${STATUS_LABEL[r.status]}</td><td>${docCell(r)}</td>
  <td>${r.documents.map((d) => viDate(d.issueDate)).join('; ')}</td><td>${r.documents.map((d) => viDate(d.receivedDate)).join('; ')}</td></tr>`)}
</tbody></table>`;
}

/** The snippet with its match in <mark>. */
function markedSnippet(h: SearchResult['hits'][number]): SafeHtml {
  if (!h.highlight) return html`${h.snippet}`;
  const { start, end } = h.highlight;
  return html`${h.snippet.slice(0, start)}<mark>${h.snippet.slice(start, end)}</mark>${h.snippet.slice(end)}`;
}

function searchForm(q: Q): SafeHtml {
  const input = (name: string, label: string, type = 'text') => html`<label>${label} <input type="${type}" name="${name}" value="${q[name] ?? ''}" maxlength="200"></label>`;
  return html`<form class="filters" method="get" action="/search" id="search-form">
  <label>Tìm <input type="search" name="q" id="search-q" value="${q.q ?? ''}" maxlength="200" placeholder="giam ngheo, 280/BC-SLĐTBXH, ..." required></label>
  ${input('province', 'Tỉnh')}${input('period', 'Kỳ')}${input('type', 'Loại')}${input('from', 'Từ ngày', 'date')}${input('to', 'Đến ngày', 'date')}
  <button type="submit">Tìm</button></form>`;
}

function searchBody(q: Q, r: SearchResult | null, error: string | null): SafeHtml {
  const hits = r?.hits ?? [];
  return html`${STYLE}<div class="nav"><a href="/documents">← Văn bản</a></div><h1>Tìm trong văn bản</h1>
<p class="muted">Không phân biệt dấu: "giam ngheo" tìm thấy "giảm nghèo", "Dak Nong" tìm thấy "Đắk Nông"; gồm cả trang quét đã nhận dạng chữ.</p>
${searchForm(q)}
${error ? html`<div class="flash err" role="alert">${error}</div>` : ''}
${r ? html`<p id="search-count">${hits.length} kết quả${r.mode === 'words' ? ' (không có cụm từ liền nhau; trang có đủ các từ)' : ''}.</p>
<div id="search-hits">${hits.map((h) => html`<div class="hit"><a class="hit-link" href="/search/view/${h.id}/${h.page}${qs({ q: r.query })}">${h.docNumber ?? '(chưa rõ số)'} · ${h.province ?? '—'} · trang ${h.page}</a>
  <span class="muted">${h.file}</span><div>${markedSnippet(h)}</div></div>`)}</div>` : ''}`;
}

/** Boxes of the lines a match touches (PDF points, top-left origin), from the stored page. */
function lineBoxes(page: ReadPage, ranges: { start: number; end: number }[]): Box[] {
  const boxes: Box[] = [];
  let offset = 0;
  for (const line of page.lines) {
    const len = line.text.normalize('NFC').length;
    if (ranges.some((r) => r.start < offset + len && r.end > offset)) boxes.push(line.box);
    offset += len + 1;
  }
  return boxes;
}

function markedText(text: string, ranges: { start: number; end: number }[]): SafeHtml {
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start < at) continue;
    parts.push(html`${text.slice(at, r.start)}<mark>${text.slice(r.start, r.end)}</mark>`);
    at = r.end;
  }
  parts.push(html`${text.slice(at)}`);
  return html`${parts}`;
}

function searchViewBody(d: { id: string; file: string; docNumber: string | null; pageNo: number; query: string; page: ReadPage | null; text: string; ranges: { start: number; end: number }[] }): SafeHtml {
  const pct = (v: number, of: number) => `${Math.max(0, Math.min(100, (v / of) * 100)).toFixed(3)}%`;
  const boxes = d.page ? lineBoxes(d.page, d.ranges) : [];
  const p = d.page;
  const hl = p ? boxes.map((b, i) => html`<div class="hl" ${i === 0 ? raw('id="highlight"') : ''} style="left:${pct(b.x - 2, p.width)};top:${pct(b.y - 2, p.height)};width:${pct(b.w + 4, p.width)};height:${pct(b.h + 4, p.height)}"></div>`) : [];
  return html`${STYLE}<div class="nav"><a href="/search${qs({ q: d.query })}">← Kết quả tìm kiếm</a> · <a href="/documents/${d.id}">Văn bản</a></div>
<h1>${d.docNumber ?? d.file} · trang ${d.pageNo}</h1>
<div class="search-view"><div class="page"><img id="page-image" src="/documents/${d.id}/page/${d.pageNo}.png" alt="Trang ${d.pageNo} của ${d.file}">${hl}</div>
<div><h2>Nội dung trang (${d.ranges.length} chỗ khớp)</h2><div class="pagetext" id="page-text">${markedText(d.text, d.ranges)}</div></div></div>`;
}

export function registerFollowupRoutes(fastify: FastifyInstance, deps: FollowupRouteDeps): void {
  const { app, csrf } = deps;

  fastify.get('/followup', (req, reply) => {
    const periods = listPeriods(app.db);
    const wanted = short((req.query as Q).period);
    const chosen = wanted ?? periods[periods.length - 1]?.name;
    try {
      const t = chosen ? buildFollowup(app.db, chosen) : null;
      const dash = t ? periodDashboard(app.db, t) : null;
      return send(reply, layout(ctxOf(req, csrf, app), 'Theo dõi kỳ báo cáo', 'tables', followupBody(t, periods.map((p) => p.name), t?.period, dash)));
    } catch (err) {
      if (err instanceof TonghopError) return send(reply, messagePage(ctxOf(req, csrf, app), 'Không có kỳ báo cáo', err.message), 404);
      throw err;
    }
  });

  fastify.get('/search', (req, reply) => {
    const q = req.query as Q;
    const query = short(q.q);
    let r: SearchResult | null = null;
    let error: string | null = null;
    if (query) {
      const o: SearchOptions = { province: short(q.province, 80), period: short(q.period, 80), type: short(q.type, 80), from: short(q.from, 10), to: short(q.to, 10) };
      try {
        r = searchDocuments(app.db, query, o);
      } catch (err) {
        if (!(err instanceof TonghopError)) throw err;
        error = err.message;
      }
    }
    return send(reply, layout(ctxOf(req, csrf, app), 'Tìm trong văn bản', 'documents', searchBody(q, r, error)), error ? 400 : 200);
  });

  fastify.get('/search/view/:doc/:page', (req, reply) => {
    const { doc, page } = req.params as { doc: string; page: string };
    const query = short((req.query as Q).q) ?? '';
    const pageNo = Number(page);
    if (!ID.test(doc) || !Number.isInteger(pageNo) || pageNo < 1 || pageNo > 9999) return send(reply, messagePage(null, 'Yêu cầu không hợp lệ', 'Địa chỉ trang không hợp lệ.'), 400);
    const row = app.repo.get(doc);
    const indexed = row ? indexedPage(app.db, doc, pageNo) : null;
    if (!row || !indexed) return send(reply, messagePage(ctxOf(req, csrf, app), 'Không tìm thấy', 'Không có trang này của văn bản.'), 404);
    const stored = app.repo.loadArtifacts(doc).pages?.find((p) => p.page === pageNo) ?? null;
    const ranges = matchRanges(indexed.folded, queryTokens(query));
    const body = searchViewBody({ id: doc, file: row.file_name, docNumber: row.doc_number, pageNo, query, page: stored, text: indexed.text, ranges });
    return send(reply, layout(ctxOf(req, csrf, app), `Trang ${pageNo}`, 'documents', body));
  });
}
