// Pages of the review team (issue 17): changes waiting for approval, my work, the team's
// counts and times, accounts and settings. Everything goes through html`` and is escaped.
import { html, qs, type SafeHtml } from './html.js';
import { itemPath, layout, showValue, type PageCtx } from './pages.js';
import { fieldLabel, type DecisionRow, type Facet } from '../review.repository.js';
import type { PendingView } from '../approvals.repository.js';
import type { ClaimRow } from '../claims.repository.js';
import type { AccountRow } from '../accounts.repository.js';
import type { ReviewerStats } from '../work.repository.js';
import type { ApprovalThresholds } from '../four-eyes.js';

const csrfInput = (ctx: PageCtx) => html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
const when = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 16) : '—');
const ROLE: Record<string, string> = { reviewer: 'người rà soát', lead: 'trưởng nhóm', admin: 'quản trị' };
const ACTION: Record<string, string> = { accept: 'Chấp nhận', correct: 'Sửa', reject: 'Loại văn bản', undo: 'Hoàn tác' };
const WHY: Record<string, string> = {
  indicator_delta: 'thay đổi số liệu chỉ tiêu vượt ngưỡng', appendix_rows: 'thay đổi dòng Phụ lục I/II', province_document: 'loại văn bản đang đánh dấu tỉnh trong Phụ lục',
};

const itemLink = (p: { document_id: string; target: string; name: string | null; label?: string | null }) =>
  p.target === 'document' || !p.name ? html`<a href="/documents/${p.document_id}">cả văn bản</a>`
    : html`<a href="${itemPath({ documentId: p.document_id, target: p.target as 'field' | 'indicator', name: p.name })}">${p.target === 'field' ? fieldLabel(p.name) : p.label ?? p.name}</a>`;

const change = (p: PendingView) => p.action === 'reject' ? 'Loại văn bản khỏi tổng hợp'
  : `${showValue(p.target, p.name, JSON.parse(p.old_value_json ?? 'null'), p.unit)} → ${showValue(p.target, p.name, JSON.parse(p.new_value_json ?? 'null'), p.unit)}`;

export function approvalsPage(ctx: PageCtx, d: { rows: PendingView[]; meId: number }): string {
  const body = html`<h1>Thay đổi chờ duyệt</h1>
<p class="muted">Những thay đổi làm dịch chuyển số liệu quốc gia hoặc dòng Phụ lục vượt ngưỡng chỉ được áp dụng khi một trưởng nhóm khác người đề nghị duyệt. Báo cáo chưa tính chúng.</p>
${d.rows.length === 0 ? html`<div class="empty" id="approvals-empty">Không có thay đổi nào chờ duyệt.</div>` : html`
<table id="approvals"><thead><tr><th>Văn bản</th><th>Mục</th><th>Thay đổi</th><th>Vì sao cần duyệt</th><th>Người đề nghị</th><th>Lý do</th><th>Lúc</th><th></th></tr></thead><tbody>
${d.rows.map((p) => html`<tr data-pending="${p.id}"><td><a href="/documents/${p.document_id}">${p.file_name}</a><br><span class="muted">${p.province_name ?? '—'} · ${p.doc_number ?? '—'}</span></td>
  <td>${itemLink(p)}</td><td class="change">${change(p)}</td><td>${WHY[p.why]}${p.why === 'indicator_delta' ? ` (${showValue('indicator', p.name, p.amount, p.unit)})` : ''}</td>
  <td>${p.requester_name || p.requester}</td><td>${p.reason ?? ''}</td><td>${when(p.requested_at)}</td>
  <td>${p.requested_by === d.meId ? html`<span class="muted">của bạn: cần trưởng nhóm khác</span>` : html`
    <form method="post" action="/approvals/${p.id}/approve" style="display:inline">${csrfInput(ctx)}<button type="submit" class="primary" data-approve="${p.id}">Duyệt</button></form>
    <form method="post" action="/approvals/${p.id}/refuse" style="display:inline">${csrfInput(ctx)}<input type="text" name="note" placeholder="Lý do không duyệt" maxlength="500"><button type="submit" data-refuse="${p.id}">Không duyệt</button></form>`}</td></tr>`)}
</tbody></table>`}`;
  return layout(ctx, 'Chờ duyệt', '', body);
}

function facetLinks(name: string, facets: Facet[]): SafeHtml {
  return html`<table><tbody>${facets.map((f) => html`<tr><td><a href="/queue${qs({ [name]: f.value == null || f.value === '' ? '_none' : f.value })}">${f.value ? (f.label && f.label !== f.value ? `${f.label} (${f.value})` : f.value) : '(không có)'}</a></td><td class="num">${f.n}</td></tr>`)}</tbody></table>`;
}

export function workPage(ctx: PageCtx, d: { claims: ClaimRow[]; pending: PendingView[]; decisions: DecisionRow[]; byProvince: Facet[]; byPeriod: Facet[] }): string {
  const body = html`<h1>Việc của tôi</h1>
<h2>Mục tôi đang giữ</h2>
${d.claims.length === 0 ? html`<p class="muted" id="my-claims-empty">Không giữ mục nào.</p>` : html`<table id="my-claims"><thead><tr><th>Mục</th><th>Từ</th><th>Đến</th><th></th></tr></thead><tbody>
${d.claims.map((c) => html`<tr><td>${itemLink({ document_id: c.document_id, target: c.target, name: c.name })}</td><td>${when(c.claimed_at)}</td><td>${when(c.expires_at)}</td><td>${c.assigned_by ? 'được giao' : ''}</td></tr>`)}</tbody></table>`}
<h2>Thay đổi tôi đã gửi duyệt</h2>
${d.pending.length === 0 ? html`<p class="muted">Chưa có.</p>` : html`<table id="my-pending"><thead><tr><th>Văn bản</th><th>Mục</th><th>Thay đổi</th><th>Trạng thái</th></tr></thead><tbody>
${d.pending.map((p) => html`<tr><td>${p.file_name}</td><td>${itemLink(p)}</td><td>${change(p)}</td><td>${p.state === 'pending' ? 'Chờ duyệt' : p.state === 'approved' ? 'Đã duyệt' : `Không duyệt${p.note ? `: ${p.note}` : ''}`}</td></tr>`)}</tbody></table>`}
<h2>Quyết định gần đây của tôi</h2>
${d.decisions.length === 0 ? html`<p class="muted">Chưa có.</p>` : html`<table id="my-decisions"><thead><tr><th>Lúc</th><th>Việc</th><th>Mục</th><th>Giá trị</th></tr></thead><tbody>
${d.decisions.map((x) => html`<tr class="${x.undone_by ? 'undone' : ''}"><td>${when(x.decided_at)}</td><td>${ACTION[x.action]}</td><td>${itemLink(x)}</td><td>${showValue(x.target, x.name, JSON.parse(x.new_value_json ?? 'null'))}</td></tr>`)}</tbody></table>`}
<div style="display:flex;gap:24px;flex-wrap:wrap"><div><h2>Mục cần rà soát theo tỉnh</h2>${facetLinks('province', d.byProvince)}</div>
<div><h2>Theo kỳ báo cáo</h2>${facetLinks('period', d.byPeriod)}</div></div>`;
  return layout(ctx, 'Việc của tôi', '', body);
}

export function teamPage(ctx: PageCtx, d: { stats: ReviewerStats[]; claims: ClaimRow[]; from: string; to: string }): string {
  const body = html`<h1>Nhóm rà soát</h1>
<form method="get" action="/work/team" class="filters"><label>Từ ngày<input type="date" name="from" value="${d.from}"></label><label>Đến ngày<input type="date" name="to" value="${d.to}"></label>
  <button type="submit">Xem</button> <a href="/audit.csv${qs({ from: d.from, to: d.to })}" id="audit-csv">Tải nhật ký (CSV)</a></form>
<table id="team-stats"><thead><tr><th>Tài khoản</th><th>Vai trò</th><th class="num">Quyết định</th><th class="num">Chấp nhận</th><th class="num">Sửa</th><th class="num">Loại</th><th class="num">Hoàn tác</th><th class="num">Qua duyệt</th><th class="num">Thời gian TB/mục</th><th>Gần nhất</th></tr></thead><tbody>
${d.stats.map((s) => html`<tr><td>${s.display_name || s.username} <span class="muted">${s.username}</span></td><td>${ROLE[s.role]}</td><td class="num">${s.decisions}</td><td class="num">${s.accepts ?? 0}</td>
  <td class="num">${s.corrects ?? 0}</td><td class="num">${s.rejects ?? 0}</td><td class="num">${s.undos ?? 0}</td><td class="num">${s.approved ?? 0}</td><td class="num">${s.avg_s == null ? '—' : `${Math.round(s.avg_s)} giây`}</td><td>${when(s.last_at)}</td></tr>`)}
</tbody></table>
<h2>Mục đang được giữ</h2>
${d.claims.length === 0 ? html`<p class="muted">Không có.</p>` : html`<table id="team-claims"><thead><tr><th>Người giữ</th><th>Mục</th><th>Đến</th><th></th></tr></thead><tbody>
${d.claims.map((c) => html`<tr><td>${c.display_name || c.username}</td><td>${itemLink({ document_id: c.document_id, target: c.target, name: c.name })}</td><td>${when(c.expires_at)}</td>
  <td><form method="post" action="${itemPath({ documentId: c.document_id, target: c.target, name: c.name })}/release" style="display:inline">${csrfInput(ctx)}<button type="submit">Giải phóng</button></form>
  <form method="post" action="${itemPath({ documentId: c.document_id, target: c.target, name: c.name })}/assign" style="display:inline">${csrfInput(ctx)}<input name="username" placeholder="giao cho (tên đăng nhập)" maxlength="40"><button type="submit">Giao</button></form></td></tr>`)}</tbody></table>`}`;
  return layout(ctx, 'Nhóm rà soát', '', body);
}

export function usersPage(ctx: PageCtx, d: { users: AccountRow[]; error?: string }): string {
  const body = html`<h1>Tài khoản</h1><p><a href="/admin/settings">Ngưỡng cần duyệt</a> · <a href="/admin/periods">Kỳ báo cáo</a></p>
${d.error ? html`<div class="flash err" role="alert">${d.error}</div>` : ''}
<table id="users"><thead><tr><th>Tên đăng nhập</th><th>Họ tên</th><th>Vai trò</th><th>Trạng thái</th><th>Tạo lúc</th><th></th></tr></thead><tbody>
${d.users.map((u) => html`<tr data-user="${u.username}"><td>${u.username}</td><td>${u.display_name ?? ''}</td><td>${ROLE[u.role]}</td><td>${u.disabled ? 'Đã khoá' : 'Đang dùng'}</td><td>${when(u.created_at)}</td>
  <td><form method="post" action="/admin/users/${u.username}/${u.disabled ? 'enable' : 'disable'}" style="display:inline">${csrfInput(ctx)}<button type="submit">${u.disabled ? 'Mở lại' : 'Khoá'}</button></form></td></tr>`)}
</tbody></table>
<h2>Thêm tài khoản</h2>
<form method="post" action="/admin/users" class="login" id="add-user">${csrfInput(ctx)}
  <label>Tên đăng nhập<input name="username" maxlength="40" required></label><label>Họ tên<input name="name" maxlength="80"></label>
  <label>Vai trò<select name="role"><option value="reviewer">người rà soát</option><option value="lead">trưởng nhóm</option><option value="admin">quản trị</option></select></label>
  <label>Mật khẩu<input type="password" name="password" autocomplete="new-password" required></label><button type="submit">Thêm</button></form>`;
  return layout(ctx, 'Tài khoản', '', body);
}

export function settingsPage(ctx: PageCtx, t: ApprovalThresholds): string {
  const body = html`<h1>Ngưỡng cần trưởng nhóm duyệt</h1>
<form method="post" action="/admin/settings" class="login" id="settings">${csrfInput(ctx)}
  <label>Chênh lệch lớn nhất của một số liệu chỉ tiêu được áp dụng ngay (theo đơn vị của chỉ tiêu)<input name="indicatorDelta" type="number" min="0" step="any" value="${t.indicatorDelta}"></label>
  <label>Số dòng Phụ lục I/II một lần sửa được thay đổi mà không cần duyệt (0: mọi thay đổi đều cần duyệt)<input name="appendixRows" type="number" min="0" step="1" value="${t.appendixRows}"></label>
  <button type="submit">Lưu</button></form>
<p class="muted">Loại một văn bản đang đánh dấu tỉnh trong Phụ lục luôn cần duyệt.</p>`;
  return layout(ctx, 'Ngưỡng duyệt', '', body);
}

export function periodsPage(ctx: PageCtx, d: { periods: { name: string; kind: string; deadline: string; requestNumber: string | null }[]; error?: string }): string {
  const KIND: Record<string, string> = { report: 'báo cáo', programme: 'chương trình', other: 'khác' };
  const body = html`<h1>Kỳ báo cáo</h1>
${d.error ? html`<div class="flash err" role="alert">${d.error}</div>` : ''}
<table id="periods"><thead><tr><th>Kỳ</th><th>Loại</th><th>Hạn gửi</th><th>Công văn yêu cầu</th></tr></thead><tbody>
${d.periods.map((p) => html`<tr><td><a href="/followup${qs({ period: p.name })}">${p.name}</a></td><td>${KIND[p.kind] ?? p.kind}</td><td>${p.deadline}</td><td>${p.requestNumber ?? '—'}</td></tr>`)}
</tbody></table>
<h2>Thêm hoặc sửa kỳ</h2>
<form method="post" action="/admin/periods" class="login" id="add-period">${csrfInput(ctx)}
  <label>Tên kỳ (ví dụ: 6 tháng đầu năm 2023)<input name="name" maxlength="100" required></label>
  <label>Loại<select name="kind"><option value="report">báo cáo</option><option value="programme">chương trình</option><option value="other">khác</option></select></label>
  <label>Hạn gửi<input type="date" name="deadline" required></label>
  <label>Số công văn yêu cầu (không bắt buộc)<input name="request" maxlength="60"></label><button type="submit">Lưu</button></form>`;
  return layout(ctx, 'Kỳ báo cáo', '', body);
}
