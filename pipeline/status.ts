// `tonghop status`: counts by state, what is waiting, recent failures.
import type { DocumentsRepository } from './db/documents.repository.js';

export interface StatusReport {
  counts: Record<string, number>;
  queue: { pending: number; oldestPending: { file: string; since: string } | null };
  recentFailures: { file: string; code: string | null; error: string | null; at: string }[];
}

export function statusReport(repo: DocumentsRepository): StatusReport {
  const counts = repo.countsByStatus();
  const oldest = repo.oldestPending();
  return {
    counts,
    queue: { pending: counts.pending ?? 0, oldestPending: oldest ? { file: oldest.file_name, since: oldest.received_at } : null },
    recentFailures: repo.recentFailures(10).map((r) => ({ file: r.file_name, code: r.error_code, error: r.error, at: r.updated_at })),
  };
}

export function statusText(r: StatusReport): string {
  const order = ['pending', 'accepted', 'needs_review', 'duplicate', 'failed'];
  const vi: Record<string, string> = { pending: 'Đang chờ', accepted: 'Đã chấp nhận', needs_review: 'Cần kiểm tra', duplicate: 'Trùng lặp', failed: 'Lỗi' };
  const lines = ['Văn bản theo trạng thái:', ...order.map((k) => `  ${vi[k]}: ${r.counts[k] ?? 0}`)];
  lines.push(`Hàng đợi: ${r.queue.pending} văn bản${r.queue.oldestPending ? `, cũ nhất: ${r.queue.oldestPending.file} (từ ${r.queue.oldestPending.since})` : ''}`);
  if (r.recentFailures.length) {
    lines.push('Lỗi gần đây:');
    for (const f of r.recentFailures) lines.push(`  ${f.at} ${f.file}: ${f.error} [${f.code}]`);
  }
  return lines.join('\n') + '\n';
}
