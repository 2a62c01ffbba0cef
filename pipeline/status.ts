// `tonghop status`: counts by state, queue depths (inbox folder, database), the oldest waiting
// item and recent failures.
import fs from 'node:fs';
import path from 'node:path';
import type { DocumentsRepository } from './db/documents.repository.js';
import type { InboxRepository } from './db/inbox.repository.js';
import { isIgnoredName } from './inbox/readiness.js';

export interface WaitingItem { file: string; since: string; where: 'inbox' | 'database' }

export interface StatusReport {
  counts: Record<string, number>;
  queue: {
    pending: number;
    oldestPending: { file: string; since: string } | null;
    /** entries lying in the inbox folder, not yet taken in (null when no inbox folder was given) */
    inboxFiles?: number | null;
    /** taken in from the inbox, original not yet moved to archive/quarantine */
    inboxTaken?: number;
    /** the item that has waited longest anywhere */
    oldestWaiting?: WaitingItem | null;
  };
  inbox?: { dir: string | null; moved: Record<string, number> };
  recentFailures: { file: string; code: string | null; error: string | null; at: string }[];
}

export interface StatusOptions { inboxRepo?: InboxRepository; inboxDir?: string | null; failures?: number }

export function statusReport(repo: DocumentsRepository, opts: StatusOptions = {}): StatusReport {
  const counts = repo.countsByStatus();
  const oldest = repo.oldestPending();
  const report: StatusReport = {
    counts,
    queue: { pending: counts.pending ?? 0, oldestPending: oldest ? { file: oldest.file_name, since: oldest.received_at } : null },
    recentFailures: repo.recentFailures(opts.failures ?? 10).map((r) => ({ file: r.file_name, code: r.error_code, error: r.error, at: r.updated_at })),
  };
  if (!opts.inboxRepo) return report;
  const ir = opts.inboxRepo;
  const folder = opts.inboxDir ? scanInbox(opts.inboxDir, (p) => !!ir.openEntry(p)) : null;
  const open = ir.countByState();
  report.queue.inboxFiles = folder ? folder.count : null;
  report.queue.inboxTaken = (open.waiting ?? 0) + (open.moving ?? 0);
  const candidates: WaitingItem[] = [];
  if (folder?.oldest) candidates.push({ file: path.basename(folder.oldest.path), since: new Date(folder.oldest.mtimeMs).toISOString(), where: 'inbox' });
  const ow = ir.oldestWaiting();
  if (ow) candidates.push({ file: path.basename(ow.path), since: ow.taken_at, where: 'database' });
  if (oldest) candidates.push({ file: oldest.file_name, since: oldest.received_at, where: 'database' });
  report.queue.oldestWaiting = candidates.sort((a, b) => a.since.localeCompare(b.since))[0] ?? null;
  report.inbox = { dir: opts.inboxDir ? path.resolve(opts.inboxDir) : null, moved: ir.countByDestination() };
  // Folders and symlinks have no document row; show them with the documents that failed.
  const entries = ir.recentQuarantined(opts.failures ?? 10).filter((e) => !e.document_id)
    .map((e) => ({ file: path.basename(e.path), code: e.reason_code, error: e.reason, at: e.updated_at }));
  report.recentFailures = [...report.recentFailures, ...entries].sort((a, b) => b.at.localeCompare(a.at)).slice(0, opts.failures ?? 10);
  return report;
}

/** Counts entries in the inbox folder not yet taken in (streamed; stops counting at 1,000,000). */
function scanInbox(dir: string, taken: (p: string) => boolean): { count: number; oldest: { path: string; mtimeMs: number } | null } | null {
  let d: fs.Dir;
  try { d = fs.opendirSync(dir); } catch { return null; }
  let count = 0;
  let oldest: { path: string; mtimeMs: number } | null = null;
  try {
    for (let e = d.readSync(); e && count < 1_000_000; e = d.readSync()) {
      if (isIgnoredName(e.name)) continue;
      const p = path.resolve(dir, e.name);
      if (taken(p)) continue;
      count++;
      try {
        const st = fs.lstatSync(p);
        if (!oldest || st.mtimeMs < oldest.mtimeMs) oldest = { path: p, mtimeMs: st.mtimeMs };
      } catch { /* gone meanwhile */ }
    }
  } finally { d.closeSync(); }
  return { count, oldest };
}

export function statusText(r: StatusReport): string {
  const order = ['pending', 'accepted', 'needs_review', 'duplicate', 'failed'];
  const vi: Record<string, string> = { pending: 'Đang chờ', accepted: 'Đã chấp nhận', needs_review: 'Cần kiểm tra', duplicate: 'Trùng lặp', failed: 'Lỗi' };
  const lines = ['Văn bản theo trạng thái:', ...order.map((k) => `  ${vi[k]}: ${r.counts[k] ?? 0}`)];
  lines.push(`Hàng đợi: ${r.queue.pending} văn bản${r.queue.oldestPending ? `, cũ nhất: ${r.queue.oldestPending.file} (từ ${r.queue.oldestPending.since})` : ''}`);
  if (r.queue.inboxFiles != null) lines.push(`  Tệp trong hộp thư chưa nhận: ${r.queue.inboxFiles}`);
  if (r.queue.inboxTaken != null) lines.push(`  Đã nhận, chưa chuyển khỏi hộp thư: ${r.queue.inboxTaken}`);
  if (r.queue.oldestWaiting) lines.push(`  Chờ lâu nhất: ${r.queue.oldestWaiting.file} (từ ${r.queue.oldestWaiting.since}, ${r.queue.oldestWaiting.where === 'inbox' ? 'trong hộp thư' : 'trong cơ sở dữ liệu'})`);
  if (r.inbox) {
    const m = r.inbox.moved;
    lines.push(`Đã chuyển: lưu trữ ${m.archive ?? 0}, trùng lặp ${m.duplicate ?? 0}, cách ly ${m.quarantine ?? 0}`);
  }
  if (r.recentFailures.length) {
    lines.push('Lỗi gần đây:');
    for (const f of r.recentFailures) lines.push(`  ${f.at} ${f.file}: ${f.error} [${f.code}]`);
  }
  return `${lines.join('\n')}\n`;
}
