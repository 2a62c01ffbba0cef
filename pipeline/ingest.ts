// `tonghop ingest PATH...`: take every file in, then process everything pending.
import fs from 'node:fs';
import path from 'node:path';
import type { App } from './app.js';
import { takeIn, type IntakeOutcome } from './intake.js';
import { processPending } from './runner.js';
import { makeProgress } from './progress.js';
import { TonghopError } from '../model/errors.js';
import type { DocumentRow } from '../model/records.js';

export interface IngestSummary {
  files: number;
  new: number;
  alreadyKnown: number;
  duplicates: number;
  byStatus: Record<string, number>;
  failures: { file: string; code: string | null; error: string | null }[];
  seconds: number;
}

/** Every regular file under the given paths (folders recursively), in a stable order. */
export function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name));
    } else if (st.isFile()) out.push(p);
  };
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new TonghopError('input.not_found', { path: p });
    walk(p);
  }
  return out;
}

export async function ingestPaths(app: App, paths: string[], opts: { force?: boolean; progress?: boolean } = {}): Promise<IngestSummary> {
  const t0 = Date.now();
  const files = collectFiles(paths);
  const outcomes: IntakeOutcome[] = files.map((f) => takeIn(app, f));
  if (opts.force) {
    for (const o of outcomes) if (o.kind === 'known' || o.kind === 'new') {
      const row = app.repo.get(o.id);
      if (row && row.status !== 'duplicate') app.repo.resetStages(o.id);
    }
  }
  const progress = opts.progress ? makeProgress() : null;
  const waiting = app.repo.countPending();
  progress?.start(waiting);
  await processPending(app, { onProgress: (p) => progress?.update(p.done, p.total, `${p.fileName}: ${p.status}`) });
  progress?.stop();
  const ids = new Set(outcomes.map((o) => o.id));
  return ingestSummary(files.length, outcomes, [...ids].map((id) => app.repo.get(id)!).filter(Boolean), t0);
}

/** The summary of one ingest from what each file became and the rows of its documents (either store). */
export function ingestSummary(
  files: number, outcomes: readonly Pick<IntakeOutcome, 'kind'>[], rows: readonly Pick<DocumentRow, 'status' | 'file_name' | 'error_code' | 'error'>[], t0: number,
): IngestSummary {
  const byStatus: Record<string, number> = {};
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return {
    files,
    new: outcomes.filter((o) => o.kind === 'new').length,
    alreadyKnown: outcomes.filter((o) => o.kind === 'known').length,
    duplicates: outcomes.filter((o) => o.kind === 'duplicate').length,
    byStatus,
    failures: rows.filter((r) => r.status === 'failed').map((r) => ({ file: r.file_name, code: r.error_code, error: r.error })),
    seconds: (Date.now() - t0) / 1000,
  };
}

const STATUS_VI: Record<string, string> = {
  accepted: 'đã chấp nhận', needs_review: 'cần kiểm tra', failed: 'lỗi', duplicate: 'trùng lặp', pending: 'đang chờ',
};

export function summaryText(s: IngestSummary): string {
  const lines = [
    `Đã xem ${s.files} tệp trong ${s.seconds.toFixed(1)} giây: ${s.new} tệp mới, ${s.alreadyKnown} tệp đã có từ trước, ${s.duplicates} bản trùng.`,
    ...Object.entries(s.byStatus).map(([k, n]) => `  ${STATUS_VI[k] ?? k}: ${n}`),
    ...s.failures.map((f) => `  ✗ ${f.file}: ${f.error} [${f.code}]`),
  ];
  return `${lines.join('\n')}\n`;
}
