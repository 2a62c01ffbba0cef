// End to end in real headless Chromium (issue 15): the follow-up page under "Bảng tổng hợp"
// with its cells linked to the documents, and a search from the "Văn bản" page that opens a
// hit on its page image with the matching lines highlighted (born-digital and OCR pages).
// Real PDFs through the real pipeline (OCR from the committed snapshots).
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { makeConfig } from '../../pipeline/config.js';
import { openApp, type App } from '../../pipeline/app.js';
import { ingestPaths } from '../../pipeline/ingest.js';
import { definePeriod } from '../../reports/followup.js';
import { startReviewServer, type ReviewServer } from '../../review/server.js';
import { generateScannedFixtures } from '../../testkit/generator/scanned-set.js';
import { bornDigitalFixtures, tempDir } from '../helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.warn(`follow-up UI e2e skipped: ${CHROMIUM} is missing (scripts/install-system-deps.sh installs Debian chromium)`);
const maybe = haveChromium ? describe : describe.skip;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

maybe('follow-up and search pages in Chromium', () => {
  let app: App;
  let srv: ReviewServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const born = await bornDigitalFixtures();
    const scanned = (await generateScannedFixtures()).find((f) => path.basename(f) === 'bc-thai-binh-175.pdf')!;
    app = openApp(makeConfig({ dbFile: path.join(tempDir('tonghop-fu-ui-'), 'tonghop.db'), ocr: { cacheDir: path.join(process.cwd(), 'fixtures', 'ocr-snapshots') } }));
    await ingestPaths(app, [path.join(born, 'cv-dak-nong-954.pdf'), path.join(born, 'bc-ha-giang-280.pdf'), scanned]);
    definePeriod(app.db, { name: '6 tháng đầu năm 2023', kind: 'report', deadline: '2023-06-25', request: '329/CV-VPQGGN', requestDate: '2023-06-14' });
    srv = await startReviewServer(app, { port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    await app?.close();
  });

  it('shows the follow-up of a period from the tables menu, each document linked', async () => {
    await page.goto(`${srv.url.replace(/\/$/, '')}/tables`);
    await page.click('#followup-link');
    await page.waitForURL(/\/followup$/);
    expect(await page.locator('#count-expected').textContent()).toBe('63');
    expect(await page.locator('#count-received').textContent()).toBe('3');
    expect(await page.locator('#count-missing').textContent()).toBe('60');
    expect(await page.locator('#followup tbody tr').count()).toBe(63);
    // dashboard: three documents, none waiting for review (all read right), 60 provinces to chase
    expect(await page.locator('#dash-documents').textContent()).toBe('3');
    expect(await page.locator('#dash-missing').textContent()).toBe('60');
    expect(await page.locator('#dash-straight').textContent()).toMatch(/^\d+%$/);
    const dakNong = page.locator('#followup tr[data-code="67"]');
    expect(await dakNong.getAttribute('data-status')).toBe('received');
    expect(await page.locator('#followup tr[data-code="02"]').getAttribute('data-status')).toBe('late');
    expect(await page.locator('#followup tr[data-code="15"]').getAttribute('data-status')).toBe('missing');
    await dakNong.locator('a').first().click();
    await page.waitForURL(/\/documents\/[A-Za-z0-9_-]+$/);
    expect(await page.locator('#doc-province').textContent()).toContain('Đắk Nông');
  });

  it('searches from the documents page without diacritics and opens the hit highlighted', async () => {
    await page.goto(`${srv.url.replace(/\/$/, '')}/documents`);
    await page.fill('#doc-search input[name="q"]', 'dak nong');
    await page.click('#doc-search button');
    await page.waitForURL(/\/search\?q=dak\+nong/);
    expect(await page.locator('#search-hits .hit').count()).toBeGreaterThan(0);
    expect((await page.locator('#search-hits .hit mark').first().textContent())!.toLowerCase()).toBe('đắk nông');
    await page.locator('#search-hits .hit-link').first().click();
    await page.waitForURL(/\/search\/view\//);
    await page.waitForFunction(() => ((document.getElementById('page-image') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    const hl = await page.locator('#highlight').boundingBox();
    const img = await page.locator('#page-image').boundingBox();
    expect(hl && img && hl.width > 20 && hl.y >= img.y && hl.y + hl.height <= img.y + img.height).toBeTruthy();
    expect((await page.locator('#page-text mark').first().textContent())!.toLowerCase()).toBe('đắk nông');
  });

  it('finds a phrase on an OCR page and highlights its line on the scan', async () => {
    await page.goto(`${srv.url.replace(/\/$/, '')}/search?q=${encodeURIComponent('toan dan doan ket xay dung nong thon moi')}&province=${encodeURIComponent('Thai Binh')}`);
    expect(await page.locator('#search-hits .hit').count()).toBe(1);
    await page.locator('#search-hits .hit-link').first().click();
    await page.waitForURL(/\/search\/view\//);
    await page.waitForFunction(() => ((document.getElementById('page-image') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    expect(await page.locator('#page-text mark').first().textContent()).toMatch(/Toàn dân đoàn kết xây dựng nông\s+thôn mới/);
    const hl = await page.locator('#highlight').boundingBox();
    expect(hl && hl.width > 50).toBeTruthy();
  });
});
