// The numbers at the top of every review page (issue 15 part 5): documents received for this
// period, how many went through without a person (straight-through), how many wait for review
// and since when, and how many provinces have not sent. "This period" is the one being
// collected (reports/followup.ts defines periods and how documents answer them; the numbers
// are the follow-up page's own, so both always agree). Computed again only when the database
// has changed (DashboardRepository.fingerprint), so a page view costs a few cheap queries.
import type { Db } from '../pipeline/db/database.js';
import { buildFollowup, periodDashboard } from '../reports/followup.js';
import { viDate } from '../reports/appendix.js';
import { DashboardRepository } from './dashboard.repository.js';
import { html, qs, type SafeHtml } from './views/html.js';

export interface DashboardNumbers {
  /** the current period's name; null when no period is defined */
  period: string | null;
  /** documents counted for the period (null without a period) */
  documents: number | null;
  /** share of them accepted without any decision, 0..1 (null without documents) */
  straightThrough: number | null;
  /** documents of any period waiting for review, and the day the oldest came in */
  waitingForReview: number;
  oldestWaiting: string | null;
  /** provinces with nothing for the period (null without a period) */
  missingProvinces: number | null;
}

const cache = new WeakMap<Db, { key: string; numbers: DashboardNumbers }>();

/** The numbers as of `today` (ISO date); cached per database until anything they depend on changes. */
export function dashboardNumbers(db: Db, today: string = new Date().toISOString().slice(0, 10)): DashboardNumbers {
  const repo = new DashboardRepository(db);
  const key = `${today}|${repo.fingerprint()}`;
  const hit = cache.get(db);
  if (hit?.key === key) return hit.numbers;
  const period = repo.currentPeriod(today);
  const backlog = repo.backlog();
  const base = { waitingForReview: backlog.waiting, oldestWaiting: backlog.oldestReceivedAt?.slice(0, 10) ?? null };
  let numbers: DashboardNumbers = { period: null, documents: null, straightThrough: null, missingProvinces: null, ...base };
  if (period) {
    const d = periodDashboard(db, buildFollowup(db, period));
    numbers = { period, documents: d.documents, straightThrough: d.straightThrough, missingProvinces: d.missingProvinces, ...base };
  }
  cache.set(db, { key, numbers });
  return numbers;
}

/** The strip of numbers the page layout puts above every page's content. */
export function dashboardStrip(n: DashboardNumbers): SafeHtml {
  const pct = n.straightThrough === null ? '—' : `${Math.round(n.straightThrough * 100)}%`;
  const followup = n.period ? `/followup${qs({ period: n.period })}` : '/followup';
  const periodCells = n.period
    ? html`<a href="${followup}" id="bar-period">Kỳ ${n.period}</a>
  <span><b id="bar-documents">${n.documents ?? 0}</b> văn bản kỳ này</span>
  <span><b id="bar-straight">${pct}</b> tự động, không cần rà soát</span>`
    : html`<span id="bar-period" class="muted">Chưa khai báo kỳ báo cáo</span>`;
  return html`<style>.dash-bar{display:flex;flex-wrap:wrap;gap:6px 16px;align-items:baseline;background:#fff;border:1px solid #dde3ea;padding:6px 12px;margin:0 0 12px;font-size:13px}.dash-bar b{font-size:16px}</style>
<nav class="dash-bar" id="dash-bar" aria-label="Số liệu tổng quan">
  ${periodCells}
  <a href="/queue"><b id="bar-waiting">${n.waitingForReview}</b> chờ rà soát</a>
  <span><b id="bar-oldest">${n.oldestWaiting ? viDate(n.oldestWaiting) : '—'}</b> chờ lâu nhất từ</span>
  ${n.period ? html`<a href="${followup}"><b id="bar-missing">${n.missingProvinces ?? 0}</b> tỉnh, thành phố chưa gửi</a>` : ''}
</nav>`;
}
