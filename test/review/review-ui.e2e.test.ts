// End to end in real headless Chromium: open the queue, correct a province and a figure with
// the keyboard, and see the change in `tonghop export documents` and in the indicator report.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedReviewDb, removeDir, type SeededDb } from './fixture.js';
import { startReviewServer, type ReviewServer } from '../../review/server.js';
import { ReportsRepository } from '../../reports/reports.repository.js';
import { buildIndicatorTotals } from '../../reports/indicator-totals.js';
import { buildAppendix } from '../../reports/appendix.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) {
  // eslint-disable-next-line no-console
  console.warn(`review UI e2e skipped: ${CHROMIUM} is missing (scripts/install-system-deps.sh installs Debian chromium)`);
}
const maybe = haveChromium ? describe : describe.skip;

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

maybe('review UI in Chromium', () => {
  let s: SeededDb;
  let srv: ReviewServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    s = await seedReviewDb();
    srv = await startReviewServer(s.app, { port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.accept(); });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    await s?.app.close();
    if (s) removeDir(s.dataDir);
  });

  /** `tonghop <args>` as a separate process on the same database file, JSON from stdout. */
  const cli = (...args: string[]) => {
    const bin = path.join(process.cwd(), 'bin', 'tonghop.js');
    const r = spawnSync(process.execPath, [bin, '--db', s.dbFile, ...args], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).not.toMatch(/Lỗi/);
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as unknown;
  };
  const exportJson = () => cli('export', 'documents', '--format', 'json') as { documents: { id: string; status: string; province: { code: string; name: string } | null; fields: Record<string, { status: string; value: unknown }>; indicators: { key: string; value: number; status: string }[] }[] };

  it('opens the queue, corrects a province and a figure, and the export and report follow', async () => {
    await page.goto(srv.url);
    expect(page.url()).toMatch(/\/queue$/);
    expect(await page.locator('#count-open').textContent()).toBe('3');
    expect(await page.locator('#queue tbody tr').count()).toBe(3);
    await page.fill('#reviewer-name', 'Nguyễn Thị Lan');
    await page.click('#reviewer-form button');
    await page.waitForURL(/\/queue$/);

    // first item: the province the pipeline could not resolve, with its page image and highlight
    await page.keyboard.press('n');
    await page.waitForURL(/\/items\/hagiang0000000001\/field\/province/);
    expect(await page.locator('#item-label').textContent()).toContain('Tỉnh, thành phố');
    expect(await page.locator('#source-text').textContent()).toContain('UBND TỈNH HÀ GANG');
    await page.waitForFunction(() => ((document.getElementById('page-image') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    const hl = await page.locator('#highlight').boundingBox();
    const img = await page.locator('#page-image').boundingBox();
    expect(hl && img && hl.width > 20 && hl.y >= img.y && hl.y < img.y + img.height / 4).toBeTruthy();
    await expect(page.locator('.cands button').first().textContent()).resolves.toContain('Hà Giang');
    await page.keyboard.press('+');
    expect(await page.locator('#zoom-label').textContent()).toBe('150%');

    // c focuses the correction box; a typed name resolves through the gazetteer
    await page.keyboard.press('c');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Hà Giang');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/items\/hostile0000000002\/field\/issueDate/);
    expect(await page.locator('#flash').textContent()).toContain('Đã sửa “Tỉnh, thành phố”: (trống) → Hà Giang (02)');

    // PDF text with markup is shown as text and never runs
    expect(await page.locator('#source-text').textContent()).toContain('<script>window.__pwned = 1</script>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // an impossible date is refused with a clear message, then a real one goes through
    await page.fill('#correct-input', '31/02/2023');
    await page.click('#correct-submit');
    expect(await page.locator('#flash').textContent()).toContain('Ngày không có thật trên lịch');
    expect(await page.inputValue('#correct-input')).toBe('31/02/2023');
    await page.fill('#correct-input', '28/02/2023');
    await page.click('#correct-submit');
    await page.waitForURL(/\/items\/hagiang0000000001\/indicator\/radio_programs/);

    // the figure: 4.520 was read from the wrong number, the source says 452
    expect(await page.locator('#proposed').textContent()).toContain('4.520');
    await page.keyboard.press('c');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('452');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/queue\?/);
    expect(await page.locator('#flash').textContent()).toContain('Đã sửa chỉ tiêu “chương trình phát thanh”: 4.520 chương trình → 452 chương trình');
    expect(await page.locator('#count-open').textContent()).toBe('0');

    const doc = exportJson().documents.find((d) => d.id === s.haGiang)!;
    expect(doc.status).toBe('accepted');
    expect(doc.province).toEqual({ code: '02', name: 'Hà Giang' });
    expect(doc.fields.province).toMatchObject({ status: 'corrected', value: { code: '02', name: 'Hà Giang' } });
    expect(doc.indicators.find((i) => i.key === 'radio_programs')).toMatchObject({ value: 452, status: 'corrected' });

    const indicators = cli('report', 'indicators', '--format', 'json') as { rows: { key: string; total: number; byProvince: Record<string, number> }[] };
    expect(indicators.rows.find((r) => r.key === 'radio_programs')).toMatchObject({ total: 452, byProvince: { '02': 452 } });
    const reports = new ReportsRepository(s.app.db);
    expect(buildIndicatorTotals(reports).rows.find((r) => r.key === 'radio_programs')!.byProvince['02']).toBe(452);
    const ap2 = buildAppendix(reports, 'appendix-2').rows.find((r) => r.code === '02')!;
    expect(ap2).toMatchObject({ province: 'Hà Giang', marked: true });

    // the tables preview shows the corrected figure, linked to its source
    await page.goto(`${srv.url.replace(/\/(\?.*)?$/, '')}/tables`);
    const link = page.locator('#table-indicators + p + table a', { hasText: 'Hà Giang: 452' });
    expect(await link.count()).toBe(1);
    expect(await link.getAttribute('href')).toBe('/items/hagiang0000000001/indicator/radio_programs');
  });

  it('shows the history on the document page and undoes the last decision', async () => {
    await page.goto(`${srv.url.replace(/\/$/, '')}/documents/${s.haGiang}`);
    const rows = page.locator('#history tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('Nguyễn Thị Lan');
    await page.keyboard.press('u');
    await page.waitForURL(/\/items\/hagiang0000000001\/indicator\/radio_programs\?done=/);
    expect(await page.locator('#proposed').textContent()).toContain('4.520');
    const doc = exportJson().documents.find((d) => d.id === s.haGiang)!;
    expect(doc.status).toBe('needs_review');
    expect(doc.indicators.find((i) => i.key === 'radio_programs')).toMatchObject({ value: 4520, status: 'needs_review' });
    expect(doc.province).toEqual({ code: '02', name: 'Hà Giang' });
  });

  it('rejects a document after confirmation', async () => {
    await page.goto(`${srv.url.replace(/\/$/, '')}/items/${s.haGiang}/indicator/radio_programs`);
    await page.keyboard.press('x');
    await page.waitForURL(/\/queue\?/);
    expect(dialogs.at(-1)).toContain('Loại cả văn bản');
    expect(s.app.repo.get(s.haGiang)).toMatchObject({ status: 'failed', error_code: 'review.rejected' });
  });
});
