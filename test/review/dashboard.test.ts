// Medium test (issue 15 part 5): the numbers at the top of every review page, on a real SQLite
// file holding the ground truth as read right (test/reports/ground-truth-db.ts) with the seed's
// reporting period: documents this period, straight-through rate, waiting for review, oldest
// waiting, missing provinces — the follow-up page's own numbers for the period being
// collected — and the strip in the server-rendered HTML of every page.
import type { App } from '../../pipeline/app.js';
import { buildFollowup, definePeriod, periodDashboard } from '../../reports/followup.js';
import { dashboardNumbers } from '../../review/dashboard.js';
import { DashboardRepository } from '../../review/dashboard.repository.js';
import { startReviewServer, type ReviewServer } from '../../review/server.js';
import { groundTruthApp, insertDocument } from '../reports/ground-truth-db.js';

const H1 = '6 tháng đầu năm 2023';
const H2 = '6 tháng cuối năm 2023';

describe('dashboard numbers', () => {
  let app: App;
  let server: ReviewServer;

  beforeAll(async () => {
    app = groundTruthApp();
    server = await startReviewServer(app, { port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('without a period: only the review backlog', () => {
    expect(dashboardNumbers(app.db, '2023-07-01')).toEqual({ period: null, documents: null, straightThrough: null, waitingForReview: 0, oldestWaiting: null, missingProvinces: null });
  });

  it('this period\'s documents, straight-through rate and missing provinces are the follow-up\'s own', () => {
    definePeriod(app.db, { name: H1, kind: 'report', deadline: '2023-06-25', request: '329/CV-VPQGGN', requestDate: '2023-06-14' });
    const n = dashboardNumbers(app.db, '2023-07-01');
    expect(n).toEqual({ period: H1, documents: 35, straightThrough: 1, waitingForReview: 0, oldestWaiting: null, missingProvinces: 28 });
    const d = periodDashboard(app.db, buildFollowup(app.db, H1));
    expect([n.documents, n.straightThrough, n.missingProvinces]).toEqual([d.documents, d.straightThrough, d.missingProvinces]);
  });

  it('"this period" is the one whose deadline comes next, else the one that ended last', () => {
    definePeriod(app.db, { name: H2, kind: 'report', deadline: '2023-12-25' });
    const repo = new DashboardRepository(app.db);
    expect([repo.currentPeriod('2023-06-01'), repo.currentPeriod('2023-06-25'), repo.currentPeriod('2023-07-01'), repo.currentPeriod('2024-03-01')]).toEqual([H1, H1, H2, H2]);
    expect(dashboardNumbers(app.db, '2023-06-20').period).toBe(H1);
    const h2 = dashboardNumbers(app.db, '2023-07-01');
    expect(h2).toMatchObject({ period: H2, missingProvinces: periodDashboard(app.db, buildFollowup(app.db, H2)).missingProvinces });
  });

  it('a document waiting for review counts at once, with the day it came in', () => {
    const before = dashboardNumbers(app.db, '2023-06-20');
    insertDocument(app, { id: 'cho-ra-soat', category: 'report', docNumber: '99/BC-UBND', issueDate: '2023-06-20', province: { code: '15', name: 'Yên Bái' }, period: H1, review: ['docNumber'] });
    const after = dashboardNumbers(app.db, '2023-06-20');
    const received = app.repo.get('cho-ra-soat')!.received_at.slice(0, 10);
    expect(after).toMatchObject({ waitingForReview: 1, oldestWaiting: received, documents: before.documents! + 1, missingProvinces: before.missingProvinces! - 1 });
    expect(after.straightThrough).toBeCloseTo(35 / 36, 5);
  });

  it('every review page shows the strip above its content', async () => {
    const n = dashboardNumbers(app.db); // today: both periods ended, the later one is "this period"
    expect(n.period).toBe(H2);
    for (const p of ['/queue', '/documents', '/tables', `/followup?period=${encodeURIComponent(H1)}`, '/search?q=giam+ngheo', '/documents/cho-ra-soat']) {
      const res = await fetch(new URL(p, server.url));
      expect([p, res.status]).toEqual([p, 200]);
      const page = await res.text();
      const bar = page.slice(page.indexOf('id="dash-bar"'), page.indexOf('</nav>', page.indexOf('id="dash-bar"')));
      expect(page.indexOf('id="dash-bar"')).toBeGreaterThan(page.indexOf('<main>'));
      expect(bar).toContain(`Kỳ ${H2}`);
      expect(bar).toContain(`<b id="bar-documents">${n.documents}</b> văn bản kỳ này`);
      expect(bar).toContain(`<b id="bar-straight">${n.straightThrough === null ? '—' : `${Math.round(n.straightThrough * 100)}%`}</b>`);
      expect(bar).toContain('<b id="bar-waiting">1</b> chờ rà soát');
      expect(bar).toMatch(/<b id="bar-oldest">\d{2}\/\d{2}\/\d{4}<\/b> chờ lâu nhất từ/);
      expect(bar).toContain(`<b id="bar-missing">${n.missingProvinces}</b> tỉnh, thành phố chưa gửi`);
    }
  });
});
