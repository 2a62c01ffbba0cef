// Screenshots of the review UI for docs/ (README): the queue and the first item of a real
// database. Usage, after `tonghop ingest fixtures/generated/born-digital`:
//   node --import tsx review/screenshots.ts --db data/tonghop.db [--out docs]
import path from 'node:path';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { openApp } from '../pipeline/app.js';
import { makeConfig, defaultDbFile } from '../pipeline/config.js';
import { startReviewServer } from './server.js';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function takeScreenshots(dbFile: string, outDir: string, reviewer = 'Nguyễn Thị Lan'): Promise<string[]> {
  const app = openApp(makeConfig({ dbFile }));
  const srv = await startReviewServer(app, { port: 0 });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: 'vi-VN' });
    const base = srv.url.replace(/\/$/, '');
    await page.goto(`${base}/queue`);
    await page.fill('#reviewer-name', reviewer);
    await page.click('#reviewer-form button');
    await page.waitForURL(/\/queue/);
    fs.mkdirSync(outDir, { recursive: true });
    const queue = path.join(outDir, 'review-queue.png');
    await page.screenshot({ path: queue });
    // walk the queue to an item with a highlighted box and alternatives (at most 30 steps)
    await page.goto(`${base}/next`);
    for (let i = 0; i < 30; i++) {
      if (await page.locator('#highlight').count() && await page.locator('.cands button').count()) break;
      const next = await page.locator('#next').getAttribute('href');
      if (!next) break;
      await page.goto(base + next);
    }
    await page.waitForFunction(() => {
      const img = document.getElementById('page-image') as HTMLImageElement | null;
      return !img || (img.complete && img.naturalWidth > 0);
    });
    await page.waitForTimeout(200);
    const item = path.join(outDir, 'review-item.png');
    await page.screenshot({ path: item });
    return [queue, item];
  } finally {
    await browser.close();
    await srv.close();
    await app.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const arg = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
  const files = await takeScreenshots(path.resolve(arg('--db') ?? defaultDbFile()), path.resolve(arg('--out') ?? 'docs'));
  process.stdout.write(`${files.join('\n')}\n`);
}
