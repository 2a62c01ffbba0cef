// Server-rendered pages of the review UI (Vietnamese). Everything from a document or a
// request goes through html`` and is escaped; raw() is used only for our own markup.
import { html, raw, qs, type SafeHtml } from './html.js';
import type { DocumentRow } from '../../model/records.js';
import type { DecisionRow, Facet, QueueEntry, QueueFilters, ReviewItem, Target } from '../review.repository.js';
import { fieldLabel } from '../review.repository.js';
import { formatVnNumber, valueToInput } from '../corrections.js';
import type { PageImageMeta } from '../page-images.js';
import type { FindingRecord } from '../../model/findings.js';
import type { SignatureInfo } from '../../model/signature.js';
import { officeSourceView, type OfficeSourceView } from '../office-source.js';
import { dashboardStrip, type DashboardNumbers } from '../dashboard.js';

export interface PageCtx {
  csrf: string;
  reviewer: string;
  /** path and query of this page, to come back to after saving the reviewer name */
  self: string;
  flash?: { kind: 'ok' | 'err'; text: string; undoDocumentId?: string } | null;
  /** the signed-in account (issue 17); null or absent in single-user mode */
  account?: { name: string; username: string; role: 'reviewer' | 'lead' | 'admin' } | null;
  /** issue 15: the numbers shown above every page (review/dashboard.ts); absent, no strip */
  dashboard?: DashboardNumbers | null;
}

const STATUS_LABEL: Record<string, string> = {
  needs_review: 'Cần rà soát', accepted: 'Đã chấp nhận', corrected: 'Đã sửa', failed: 'Lỗi / bị loại', duplicate: 'Bản trùng', pending: 'Đang xử lý',
};
const ACTION_LABEL: Record<string, string> = { accept: 'Chấp nhận', correct: 'Sửa', reject: 'Loại văn bản', undo: 'Hoàn tác' };
const QUALIFIER: Record<string, string> = { exact: '', at_least: 'hơn ', approx: 'khoảng ' };

export const statusPill = (s: string) => html`<span class="pill st-${s}">${STATUS_LABEL[s] ?? s}</span>`;

function confCell(c: number) {
  const cls = c < 0.5 ? 'low' : c < 0.9 ? 'mid' : '';
  return html`<span class="conf ${cls}">${Math.round(c * 100)}%</span>`;
}

/** A value as a person reads it: "Hà Giang (02)", "1.234 chương trình", "(trống)". */
export function showValue(target: Target | 'document', name: string | null, value: unknown, unit?: string | null, qualifier?: string | null): string {
  if (value == null) return '(trống)';
  if (target === 'indicator') return `${QUALIFIER[qualifier ?? 'exact'] ?? ''}${formatVnNumber(Number(value))}${unit ? ` ${unit}` : ''}`;
  if (name === 'province' && typeof value === 'object') {
    const p = value as { code: string; name: string };
    return `${p.name} (${p.code})`;
  }
  if (name === 'issueDate' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export const itemPath = (k: { documentId: string; target: Target; name: string }) =>
  `/items/${encodeURIComponent(k.documentId)}/${k.target}/${encodeURIComponent(k.name)}`;

export function filterQuery(f: QueueFilters): Record<string, string | undefined> {
  const v = (s: string | undefined) => (s === '' ? '_none' : s);
  return { province: v(f.province), docType: v(f.docType), period: v(f.period), field: f.field };
}

export function layout(ctx: PageCtx, title: string, active: 'queue' | 'documents' | 'tables' | '', body: SafeHtml): string {
  const tab = (href: string, key: string, label: string) => html`<a href="${href}" class="${active === key ? 'on' : ''}">${label}</a>`;
  const flash = ctx.flash
    ? html`<div class="flash ${ctx.flash.kind}" role="${ctx.flash.kind === 'err' ? 'alert' : 'status'}" id="flash">${ctx.flash.text}
        ${ctx.flash.undoDocumentId ? html` <form method="post" action="/documents/${ctx.flash.undoDocumentId}/undo" style="display:inline">
          ${csrfInput(ctx)}<button type="submit" data-key="undo">Hoàn tác <kbd>u</kbd></button></form>` : ''}</div>`
    : '';
  return html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Tổng hợp — rà soát</title><link rel="stylesheet" href="/static/review.css"></head>
<body><header class="top">
  <span>Tổng hợp · Rà soát</span>
  ${tab('/queue', 'queue', 'Hàng đợi')}${tab('/documents', 'documents', 'Văn bản')}${tab('/tables', 'tables', 'Bảng tổng hợp')}
  ${ctx.account ? accountBar(ctx, ctx.account) : html`<form method="post" action="/reviewer" id="reviewer-form">${csrfInput(ctx)}<input type="hidden" name="back" value="${ctx.self}">
    <label for="reviewer-name">Người rà soát</label>
    <input id="reviewer-name" name="reviewer" value="${ctx.reviewer}" placeholder="Họ và tên" maxlength="80" required>
    <button type="submit">Lưu</button></form>`}
</header><main>${flash}${ctx.dashboard ? dashboardStrip(ctx.dashboard) : ''}${body}</main><script src="/static/review.js"></script></body></html>`.value;
}

const csrfInput = (ctx: PageCtx) => html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;

const ROLE_NAME: Record<string, string> = { reviewer: 'người rà soát', lead: 'trưởng nhóm', admin: 'quản trị' };

/** Signed in (issue 17): work views by role, who is signed in, and sign-out. */
function accountBar(ctx: PageCtx, a: NonNullable<PageCtx['account']>): SafeHtml {
  const lead = a.role === 'lead' || a.role === 'admin';
  return html`<a href="/work">Việc của tôi</a>${lead ? html`<a href="/approvals">Chờ duyệt</a><a href="/work/team">Nhóm</a>` : ''}${a.role === 'admin' ? html`<a href="/admin/users">Quản trị</a>` : ''}
  <form method="post" action="/logout" id="logout-form">${csrfInput(ctx)}<span id="account-name">${a.name}</span> <span class="muted" style="color:#cfd8e3">(${ROLE_NAME[a.role]})</span>
    <button type="submit">Đăng xuất</button></form>`;
}

/** The sign-in form (issue 17): username, password and the hidden CSRF token. */
export function loginPage(d: { csrf: string; next: string; error?: string; username?: string }): string {
  return html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Đăng nhập · Tổng hợp — rà soát</title><link rel="stylesheet" href="/static/review.css"></head>
<body><header class="top"><span>Tổng hợp · Rà soát</span></header><main>
<h1>Đăng nhập</h1>
${d.error ? html`<div class="flash err" role="alert" id="flash">${d.error}</div>` : ''}
<form method="post" action="/login" id="login-form" class="login">
  <input type="hidden" name="_csrf" value="${d.csrf}"><input type="hidden" name="next" value="${d.next}">
  <label>Tên đăng nhập <input name="username" id="username" value="${d.username ?? ''}" autocomplete="username" maxlength="40" required autofocus></label>
  <label>Mật khẩu <input type="password" name="password" id="password" autocomplete="current-password" maxlength="1024" required></label>
  <button type="submit" class="primary" id="login-submit">Đăng nhập</button>
</form></main></body></html>`.value;
}

function facetSelect(name: string, label: string, facets: Facet[], current: string | undefined) {
  const opt = (f: Facet) => {
    const v = f.value == null || f.value === '' ? '_none' : f.value;
    const text = f.value == null || f.value === '' ? '(không có)' : f.label && f.label !== f.value ? `${f.label} (${f.value})` : f.value;
    const sel = (current === '' ? '_none' : current) === v;
    return html`<option value="${v}" ${sel ? raw('selected') : ''}>${text} — ${f.n}</option>`;
  };
  return html`<label>${label}<select name="${name}"><option value="">Tất cả</option>${facets.map(opt)}</select></label>`;
}

export function queuePage(ctx: PageCtx, d: {
  filters: QueueFilters; entries: QueueEntry[]; total: number; totalAll: number;
  facets: { province: Facet[]; docType: Facet[]; period: Facet[]; field: Facet[] }; counts: Record<string, number>;
}): string {
  const fq = filterQuery(d.filters);
  const fieldCount = d.facets.field.filter((f) => ['province', 'docNumber', 'issueDate', 'docType'].includes(f.value ?? '')).reduce((s, f) => s + f.n, 0);
  const body = html`
<h1>Hàng đợi rà soát</h1>
<div class="counts">
  <div class="box"><b id="count-open">${d.totalAll}</b>mục cần rà soát</div>
  <div class="box"><b>${fieldCount}</b>trường phần đầu</div>
  <div class="box"><b>${d.totalAll - fieldCount}</b>số liệu chỉ tiêu</div>
  <div class="box"><b>${d.counts.needs_review ?? 0}</b>văn bản chờ rà soát</div>
  <div class="box"><b>${(d.counts.accepted ?? 0)}</b>văn bản đã chấp nhận</div>
  <div class="box"><b>${d.counts.failed ?? 0}</b>văn bản lỗi / bị loại</div>
</div>
<form class="filters" method="get" action="/queue">
  ${facetSelect('province', 'Tỉnh, thành phố', d.facets.province, d.filters.province)}
  ${facetSelect('docType', 'Loại văn bản', d.facets.docType, d.filters.docType)}
  ${facetSelect('period', 'Kỳ báo cáo', d.facets.period, d.filters.period)}
  ${facetSelect('field', 'Trường / chỉ tiêu', d.facets.field, d.filters.field)}
  <button type="submit">Lọc</button> <a href="/queue">Bỏ lọc</a>
  ${d.total ? html`<a href="/next${qs(fq)}" class="primary" data-key="next" id="start">Bắt đầu rà soát <kbd>n</kbd></a>` : ''}
</form>
<p class="muted">${d.total} mục khớp bộ lọc. Thứ tự: trường chặn bảng Phụ lục I/II (tỉnh, số ký hiệu, ngày) trước, rồi độ tin cậy thấp nhất trước.</p>
${d.entries.length === 0 ? html`<div class="empty">Không còn mục nào cần rà soát${d.total !== d.totalAll ? ' với bộ lọc này' : ''}.</div>` : html`
<table id="queue"><thead><tr><th>#</th><th>Trường / chỉ tiêu</th><th>Giá trị đề xuất</th><th class="num">Tin cậy</th><th>Tỉnh</th><th>Loại</th><th>Số, ký hiệu</th><th>Tệp</th><th>Trang</th></tr></thead><tbody>
${d.entries.map((e, i) => html`<tr>
  <td>${i + 1}</td>
  <td><a href="${itemPath(e)}${qs(fq)}">${e.label}</a>${e.target === 'indicator' ? html` <span class="pill">chỉ tiêu</span>` : ''}${e.heldBy ? html` <span class="pill held">đang do ${e.heldBy} giữ</span>` : ''}</td>
  <td>${showValue(e.target, e.name, e.value, e.unit)}</td>
  <td class="num">${confCell(e.confidence)}</td>
  <td>${e.provinceName ?? '—'}</td><td>${e.docType ?? '—'}</td><td>${e.docNumber ?? '—'}</td>
  <td><a href="/documents/${e.documentId}">${e.fileName}</a></td><td>${e.page ?? '—'}</td></tr>`)}
</tbody></table>`}`;
  return layout(ctx, 'Hàng đợi', 'queue', body);
}

export interface ItemPageData {
  doc: DocumentRow;
  item: ReviewItem;
  filters: QueueFilters;
  position: { index: number; total: number } | null;
  image: { ok: true; meta: PageImageMeta } | { ok: false; message: string } | null;
  stateToken: string;
  input?: string;
  history: DecisionRow[];
  canUndo: boolean;
  /** the document's own findings (the whole file, not one value): shown beside every item */
  documentFindings?: FindingRecord[];
  /** issue 17: who holds the item (a live claim), a change waiting for approval, whether this account may release the claim */
  holder?: { name: string; until: string; mine: boolean; assigned: boolean } | null;
  pending?: { requester: string; text: string; at: string } | null;
  canRelease?: boolean;
  /** a Word/Excel document: the paragraph or cell the value was read from, shown instead of a page image */
  officeSource?: OfficeSourceView | null;
}

const hhmm = (iso: string) => { const d = new Date(iso); return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`; };

/** Someone else holds the item, or a change to it waits for a lead (issue 17): no decision forms. */
const isBlocked = (d: ItemPageData) => !!d.pending || !!(d.holder && !d.holder.mine);

/** Who holds the item, or the change waiting for a lead: shown instead of the decision forms. */
function claimBanner(ctx: PageCtx, d: ItemPageData): SafeHtml | '' {
  const path = itemPath(d.item);
  const release = d.canRelease && d.holder && !d.holder.mine ? html` <form method="post" action="${path}/release" style="display:inline">${csrfInput(ctx)}
    <button type="submit" id="release-claim">Giải phóng mục này</button></form>` : '';
  if (d.pending) return html`<p class="flash err" id="pending-banner">Đang chờ trưởng nhóm duyệt thay đổi của ${d.pending.requester}: ${d.pending.text} (gửi lúc ${hhmm(d.pending.at)}).</p>`;
  if (d.holder && !d.holder.mine) return html`<p class="flash err" id="claim-banner">Mục này đang được <b id="claim-holder">${d.holder.name}</b> ${d.holder.assigned ? 'được giao' : 'rà soát'} (giữ đến ${hhmm(d.holder.until)}); bạn không quyết định được.${release}</p>`;
  if (d.holder?.mine) return html`<p class="muted" id="claim-mine" data-claim="${path}/claim">Bạn đang giữ mục này (đến ${hhmm(d.holder.until)}); người khác không sửa được trong lúc bạn mở trang.</p>`;
  return '';
}

/** The page image with the item's source box highlighted, or why there is none. */
function pageViewer(doc: ItemPageData['doc'], item: ReviewItem, image: ItemPageData['image']): SafeHtml {
  const box = item.box;
  if (!item.page) return html`<div class="empty">Không có vị trí trên trang cho mục này.</div>`;
  if (!image?.ok) return html`<div class="empty">${image && !image.ok ? image.message : 'Không có ảnh trang.'}</div>`;
  const m = image.meta;
  const pct = (v: number, of: number) => `${Math.max(0, Math.min(100, (v / of) * 100)).toFixed(3)}%`;
  // boxes are PDF points, origin top-left: percentages of the page size place them at any zoom
  const hl = box ? html`<div class="hl" id="highlight" style="left:${pct(box.x - 2, m.widthPt)};top:${pct(box.y - 2, m.heightPt)};width:${pct(box.w + 4, m.widthPt)};height:${pct(box.h + 4, m.heightPt)}"></div>` : '';
  return html`<div class="page"><img id="page-image" src="/documents/${doc.id}/page/${item.page}.png" width="${m.widthPx}" height="${m.heightPx}" alt="Trang ${item.page} của ${doc.file_name}">${hl}</div>`;
}

export function itemPage(ctx: PageCtx, d: ItemPageData): string {
  const { doc, item } = d;
  const fq = filterQuery(d.filters);
  const back = qs(fq);
  const act = (verb: string) => `${itemPath(item)}/${verb}${back}`;
  const open = (doc.status === 'needs_review' || doc.status === 'accepted') && !isBlocked(d);
  const hidden = html`${csrfInput(ctx)}<input type="hidden" name="expect" value="${d.stateToken}">`;
  const viewer = d.officeSource ? officeSourceView(d.officeSource) : pageViewer(doc, item, d.image);
  const candidates = item.candidates.slice(0, 9);
  const body = html`
<div class="nav">
  <a href="/queue${back}">← Hàng đợi</a>
  ${d.position ? html`<span class="muted">Mục ${d.position.index} / ${d.position.total}</span>` : html`<span class="muted">Mục không còn trong hàng đợi</span>`}
  <a href="/next${qs({ ...fq, after: `${item.documentId}/${item.target}/${item.name}` })}" data-key="next" id="next">Tiếp <kbd>n</kbd></a>
  <span class="muted">Phím tắt: <kbd>a</kbd> chấp nhận · <kbd>c</kbd> sửa · <kbd>n</kbd> tiếp · <kbd>1</kbd>–<kbd>9</kbd> chọn phương án · <kbd>+</kbd>/<kbd>-</kbd> phóng to/thu nhỏ · <kbd>u</kbd> hoàn tác · <kbd>x</kbd> loại văn bản</span>
</div>
<div class="item">
  <section class="viewer">
    <div class="tools">Trang ${item.page ?? '—'}${doc.pages ? html` / ${doc.pages}` : ''} ·
      <button type="button" data-zoom="out">−</button><span id="zoom-label">100%</span><button type="button" data-zoom="in">+</button>
      <button type="button" data-zoom="box">Phóng vùng nguồn</button><button type="button" data-zoom="fit">Vừa khung</button>
      <a href="/documents/${doc.id}/file">Tải bản gốc</a></div>
    <div class="scroll">${viewer}</div>
  </section>
  <section class="panel">
    <div class="muted"><a href="/documents/${doc.id}">${doc.file_name}</a> · ${statusPill(doc.status)}<br>
      ${doc.province_name ?? 'chưa rõ tỉnh'} · ${doc.doc_number ?? 'chưa rõ số'} · ${doc.issue_date ? showValue('field', 'issueDate', doc.issue_date) : 'chưa rõ ngày'}</div>
    <h1 id="item-label">${item.label}${item.target === 'indicator' ? html` <span class="pill">chỉ tiêu</span>` : ''} ${statusPill(item.status)}</h1>
    <div class="muted">Giá trị đề xuất · độ tin cậy ${confCell(item.confidence)}</div>
    <div class="value" id="proposed">${showValue(item.target, item.name, item.value, item.unit, item.qualifier)}</div>
    <div class="muted">Đoạn văn bản nguồn (trang ${item.page ?? '—'})</div>
    <div class="source" id="source-text">${item.sourceText ?? '(không có)'}</div>
    ${item.findings.length ? html`<ul class="findings">${item.findings.map((f) => html`<li title="${f.code}">${f.message}</li>`)}</ul>` : ''}
    ${d.documentFindings?.length ? html`<div class="muted">Ghi nhận về cả văn bản</div>
      <ul class="findings" id="document-findings">${d.documentFindings.map((f) => html`<li title="${f.code}">${SEVERITY_LABEL[f.severity]}: ${f.message}${f.page ? ` (trang ${f.page})` : ''}</li>`)}</ul>` : ''}
    ${candidates.length ? html`<div class="cands"><div class="muted">Phương án khác (điểm khớp)</div>
      ${candidates.map((c, i) => html`<form method="post" action="${act('correct')}" style="display:inline">${hidden}
        <input type="hidden" name="value" value="${candidateInput(item, c.value)}"><input type="hidden" name="reason" value="Chọn phương án ${i + 1}">
        <button type="submit" data-key="cand-${i + 1}" ${open ? '' : raw('disabled')}><kbd>${i + 1}</kbd> ${c.label ?? showValue(item.target, item.name, c.value)} · ${Math.round(c.score * 100)}%</button></form>`)}</div>` : ''}
    ${!ctx.reviewer ? html`<p class="flash err">Hãy nhập tên người rà soát ở góc trên bên phải trước khi quyết định.</p>` : ''}${claimBanner(ctx, d)}
    ${isBlocked(d) ? '' : open ? html`<div class="actions">
      <form method="post" action="${act('accept')}" id="accept-form">${hidden}
        <button type="submit" class="primary" data-key="accept" ${item.status === 'needs_review' ? '' : raw('disabled')}>Chấp nhận <kbd>a</kbd></button>
        <input type="text" name="reason" placeholder="Lý do (không bắt buộc)" maxlength="500"></form>
      <form method="post" action="${act('correct')}" id="correct-form">${hidden}
        <input type="text" name="value" id="correct-input" data-key="correct-input" value="${d.input ?? valueToInput(item.target, item.name, item.value)}"
          placeholder="${placeholderFor(item)}" maxlength="200" autocomplete="off" aria-label="Giá trị đúng">
        <input type="text" name="reason" placeholder="Lý do sửa (không bắt buộc)" maxlength="500">
        <button type="submit" id="correct-submit">Sửa <kbd>c</kbd></button></form>
      <form method="post" action="/documents/${doc.id}/reject${back}" data-confirm="Loại cả văn bản này khỏi tổng hợp?">${csrfInput(ctx)}
        <input type="text" name="reason" placeholder="Lý do loại văn bản" maxlength="500">
        <button type="submit" class="danger" data-key="reject">Loại văn bản <kbd>x</kbd></button></form>
    </div>` : html`<p class="flash err">Văn bản đang ở trạng thái “${STATUS_LABEL[doc.status] ?? doc.status}”: không sửa được. ${d.canUndo ? 'Hoàn tác quyết định gần nhất để mở lại.' : ''}</p>`}
    ${d.canUndo ? html`<form method="post" action="/documents/${doc.id}/undo" style="margin-top:10px">${csrfInput(ctx)}
      <button type="submit" ${ctx.flash?.undoDocumentId ? '' : raw('data-key="undo"')}>Hoàn tác quyết định gần nhất của văn bản</button></form>` : ''}
    ${historyTable(d.history.slice(0, 8))}
  </section>
</div>`;
  return layout(ctx, item.label, 'queue', body);
}

function candidateInput(item: ReviewItem, value: unknown): string {
  if (item.name === 'province' && value && typeof value === 'object') return (value as { code: string }).code;
  return valueToInput(item.target, item.name, value);
}

function placeholderFor(item: ReviewItem): string {
  if (item.target === 'indicator') return 'Số liệu, ví dụ 1.234 hoặc 12,5';
  return ({ province: 'Tên tỉnh hoặc mã, ví dụ Hà Giang hoặc 02', issueDate: 'Ngày, ví dụ 29/06/2023', docNumber: 'Ví dụ 280/BC-SLĐTBXH', docType: 'Ví dụ BC, CTr, KH' } as Record<string, string>)[item.name] ?? '';
}

export function historyTable(rows: DecisionRow[]): SafeHtml {
  if (rows.length === 0) return html`<h2>Lịch sử rà soát</h2><p class="muted" id="history-empty">Chưa có quyết định nào.</p>`;
  return html`<h2>Lịch sử rà soát</h2><table class="history" id="history"><thead><tr><th>Thời gian</th><th>Người</th><th>Việc</th><th>Mục</th><th>Cũ → mới</th><th>Lý do</th></tr></thead><tbody>
${rows.map((r) => {
    const target = r.target;
    const label = target === 'document' ? 'cả văn bản' : target === 'field' ? fieldLabel(r.name ?? '') : r.name;
    const val = (j: string | null) => (target === 'document' ? STATUS_LABEL[JSON.parse(j ?? 'null')] ?? '' : showValue(target, r.name, JSON.parse(j ?? 'null')));
    return html`<tr class="${r.undone_by ? 'undone' : ''}"><td>${r.decided_at.replace('T', ' ').slice(0, 19)}</td><td>${r.reviewer}</td>
      <td>${ACTION_LABEL[r.action] ?? r.action}${r.undone_by ? ' (đã hoàn tác)' : ''}</td><td>${label}</td>
      <td>${val(r.old_value_json)} → ${val(r.new_value_json)}</td><td>${r.reason ?? ''}</td></tr>`;
  })}</tbody></table>`;
}

export function documentsPage(ctx: PageCtx, d: { docs: DocumentRow[]; open: Map<string, number>; filters: { status?: string }; counts: Record<string, number> }): string {
  const body = html`
<h1>Văn bản</h1>
<form class="filters" method="get" action="/search" id="doc-search"><label>Tìm trong nội dung <input type="search" name="q" maxlength="200" placeholder="giam ngheo, 280/BC-SLĐTBXH, ..."></label><button type="submit">Tìm</button></form>
<form class="filters" method="get" action="/documents"><label>Trạng thái<select name="status"><option value="">Tất cả</option>
  ${Object.entries(STATUS_LABEL).map(([k, v]) => html`<option value="${k}" ${d.filters.status === k ? raw('selected') : ''}>${v} — ${d.counts[k] ?? 0}</option>`)}
  </select></label><button type="submit">Lọc</button></form>
${d.docs.length === 0 ? html`<div class="empty">Chưa có văn bản nào.</div>` : html`
<table id="documents"><thead><tr><th>Trạng thái</th><th>Tỉnh, thành phố</th><th>Loại</th><th>Số, ký hiệu</th><th>Ngày</th><th class="num">Cần rà soát</th><th>Tệp gốc</th></tr></thead><tbody>
${d.docs.map((x) => html`<tr><td>${statusPill(x.status)}${x.status === 'failed' && x.error ? html`<div class="muted">${x.error}</div>` : ''}</td>
  <td>${x.province_name ? `${x.province_name} (${x.province_code})` : '—'}</td><td>${x.doc_type ?? '—'}</td>
  <td><a href="/documents/${x.id}">${x.doc_number ?? '(chưa rõ số)'}</a></td>
  <td>${x.issue_date ? showValue('field', 'issueDate', x.issue_date) : '—'}</td><td class="num">${d.open.get(x.id) ?? 0}</td>
  <td>${x.store_path ? html`<a href="/documents/${x.id}/file">${x.file_name}</a>` : x.file_name}</td></tr>`)}
</tbody></table>`}`;
  return layout(ctx, 'Văn bản', 'documents', body);
}

export function documentPage(ctx: PageCtx, d: { doc: DocumentRow; items: ReviewItem[]; history: DecisionRow[]; canUndo: boolean; findings?: FindingRecord[]; signatures?: SignatureInfo[]; parent?: DocumentRow | null; attachments?: DocumentRow[] }): string {
  const x = d.doc;
  const open = x.status === 'needs_review' || x.status === 'accepted';
  const body = html`
<div class="nav"><a href="/documents">← Văn bản</a></div>
<h1>${x.title ?? x.file_name} ${statusPill(x.status)}</h1>
<table style="width:auto"><tbody>
  <tr><th>Tệp gốc</th><td>${x.store_path ? html`<a href="/documents/${x.id}/file" id="download">${x.file_name}</a>` : x.file_name} <span class="muted">${x.pages ?? '?'} trang · ${x.text_source ?? ''}</span></td></tr>
  <tr><th>Cơ quan ban hành</th><td>${x.issuer ?? '—'}</td></tr>
  <tr><th>Tỉnh, thành phố</th><td id="doc-province">${x.province_name ? `${x.province_name} (${x.province_code})` : '—'}</td></tr>
  <tr><th>Số, ký hiệu</th><td>${x.doc_number ?? '—'}</td></tr><tr><th>Loại</th><td>${x.doc_type ?? '—'}</td></tr>
  <tr><th>Ngày ban hành</th><td>${x.issue_date ? showValue('field', 'issueDate', x.issue_date) : '—'}</td></tr>
  <tr><th>Kỳ báo cáo</th><td>${x.period ?? '—'}</td></tr>
  ${d.parent ? html`<tr><th>Gửi kèm trong</th><td id="doc-parent"><a href="/documents/${d.parent.id}">${d.parent.doc_number ?? d.parent.file_name}</a> <span class="muted">${d.parent.file_name}</span></td></tr>` : ''}
  ${d.attachments?.length ? html`<tr><th>Tệp đính kèm</th><td id="doc-attachments">${d.attachments.map((a, i) => html`${i ? ', ' : ''}<a href="/documents/${a.id}">${a.file_name}</a>`)}</td></tr>` : ''}
  ${x.status === 'failed' ? html`<tr><th>Lý do lỗi</th><td>${x.error ?? ''} <span class="muted">${x.error_code ?? ''}</span></td></tr>` : ''}
</tbody></table>
<h2>Trường và số liệu</h2>
<table id="items"><thead><tr><th>Trường / chỉ tiêu</th><th>Giá trị</th><th class="num">Tin cậy</th><th>Trạng thái</th><th>Trang</th></tr></thead><tbody>
${d.items.map((i) => html`<tr><td><a href="${itemPath(i)}">${i.label}</a></td><td>${showValue(i.target, i.name, i.value, i.unit, i.qualifier)}</td>
  <td class="num">${confCell(i.confidence)}</td><td>${statusPill(i.status)}</td><td>${i.page ?? '—'}</td></tr>`)}
</tbody></table>
${signaturesTable(d.signatures ?? [])}
${findingsTable(d.findings ?? [])}
<div class="actions" style="flex-direction:row">
  ${open ? html`<form method="post" action="/documents/${x.id}/reject" data-confirm="Loại cả văn bản này khỏi tổng hợp?">${csrfInput(ctx)}
    <input type="text" name="reason" placeholder="Lý do loại văn bản" maxlength="500"><button type="submit" class="danger">Loại văn bản</button></form>` : ''}
  ${d.canUndo ? html`<form method="post" action="/documents/${x.id}/undo">${csrfInput(ctx)}<button type="submit" data-key="undo">Hoàn tác quyết định gần nhất</button></form>` : ''}
</div>
${historyTable(d.history)}`;
  return layout(ctx, x.file_name, 'documents', body);
}

const SEVERITY_LABEL: Record<FindingRecord['severity'], string> = { info: 'Lưu ý', warning: 'Cảnh báo', error: 'Lỗi' };

const yesNo = (x: boolean, yes: string, no: string) => html`<span class="${x ? 'ok' : 'sev-error'}">${x ? yes : no}</span>`;

/** The document's digital signatures as checked; nothing when it is unsigned. */
export function signaturesTable(rows: SignatureInfo[]): SafeHtml | string {
  if (rows.length === 0) return '';
  return html`<h2>Chữ ký số</h2><table id="signatures"><thead><tr><th>Người ký</th><th>Tổ chức</th><th>Tổ chức cấp chứng thư</th><th>Thời điểm ký</th><th>Toàn vẹn</th><th>Tin cậy</th><th>Phạm vi ký</th></tr></thead><tbody>
${rows.map((s) => html`<tr><td>${s.signer ?? '—'}</td><td>${s.organisation ?? '—'}</td><td>${s.issuer ?? '—'}</td><td>${s.signedAt ?? '—'}</td>
  <td>${yesNo(s.valid, 'Hợp lệ', 'Không hợp lệ')}</td><td>${yesNo(s.trusted, 'Tin cậy', 'Chưa xác định tin cậy')}</td>
  <td>${s.coversWholeFile ? 'Cả tệp' : s.modifiedAfterSigning ? 'Có nội dung thêm sau khi ký' : 'Không đúng phần được ký'}</td></tr>`)}
</tbody></table>`;
}

/** Everything the pipeline noticed about a document: the whole file first, then each field and figure. */
export function findingsTable(rows: FindingRecord[]): SafeHtml {
  if (rows.length === 0) return html`<h2>Ghi nhận khi xử lý</h2><p class="muted" id="findings-empty">Không có ghi nhận nào.</p>`;
  const where = (f: FindingRecord) => (f.scope === 'document' ? 'cả văn bản' : f.scope === 'field' ? fieldLabel(f.field ?? '') : `chỉ tiêu ${f.field}`);
  return html`<h2>Ghi nhận khi xử lý</h2><table id="findings"><thead><tr><th>Mức độ</th><th>Mục</th><th>Nội dung</th><th>Trang</th><th>Mã</th></tr></thead><tbody>
${rows.map((f) => html`<tr class="sev-${f.severity}"><td>${SEVERITY_LABEL[f.severity]}</td><td>${where(f)}</td><td>${f.message}</td><td>${f.page ?? '—'}</td><td class="muted">${f.code}</td></tr>`)}
</tbody></table>`;
}

export interface TableCell { text: string; href?: string; links?: { text: string; href: string }[] }
export interface TablePreview { id: string; title: string; note?: string; columns: string[]; rows: TableCell[][] }

export function tablesPage(ctx: PageCtx, d: { tables: TablePreview[]; missing: string[] }): string {
  const body = html`
<h1>Bảng tổng hợp (xem trước)</h1>
<p><a href="/followup" id="followup-link">Theo dõi kỳ báo cáo: tỉnh đã gửi, quá hạn, chưa gửi</a></p>
<p class="muted">Số liệu tính từ cơ sở dữ liệu hiện tại, gồm cả các quyết định rà soát vừa lưu. Mỗi ô dẫn tới văn bản và trang nguồn.</p>
${d.missing.length ? html`<div class="empty" id="tables-missing">Chưa có mô-đun báo cáo: ${d.missing.join(', ')}. Bảng sẽ hiện ở đây khi phần báo cáo (reports/) được bổ sung.</div>` : ''}
${d.tables.map((t) => html`<h2 id="table-${t.id}">${t.title}</h2>${t.note ? html`<p class="muted">${t.note}</p>` : ''}
<table class="report"><thead><tr>${t.columns.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>
${t.rows.map((r) => html`<tr>${r.map((c) => html`<td>${c.href ? html`<a href="${c.href}">${c.text}</a>` : c.text}${(c.links ?? []).map((l, i) => html`${i ? html`<br>` : ''}<a href="${l.href}">${l.text}</a>`)}</td>`)}</tr>`)}
</tbody></table>`)}`;
  return layout(ctx, 'Bảng tổng hợp', 'tables', body);
}

export function messagePage(ctx: PageCtx | null, title: string, text: string): string {
  const body = html`<h1>${title}</h1><div class="empty">${text}</div><p><a href="/queue">← Hàng đợi</a></p>`;
  if (!ctx) {
    return html`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="/static/review.css"></head><body><main>${body}</main></body></html>`.value;
  }
  return layout(ctx, title, '', body);
}
