// The review queue for a team (issue 17) in real headless Chromium, one browser and a context per
// account: two reviewers work in parallel without touching each other's claimed items, a lead
// releases a claim, a reviewer's large correction waits for the lead's approval and only then
// reaches `tonghop report indicators`, and a disabled account's session stops at once. The same
// scenes run on SQLite (team-ui.e2e.test.ts) and on PostgreSQL (pg-review.e2e.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { removeDir, type SeededDb } from './fixture.js';
import { startReviewServer, type ReviewServer } from '../../review/server.js';
import { Accounts } from '../../review/accounts.js';
import { AccountsRepository } from '../../review/accounts.repository.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const XSS_NAME = 'Lan <img src=x onerror="window.__pwned=1">';
const PW = { lan: 'mat-khau-cua-lan-1', minh: 'mat-khau-cua-minh-2', hoa: 'mat-khau-cua-hoa-3' };

export function describeTeamReview(title: string, seed: () => Promise<SeededDb>, opts: { skip?: boolean } = {}): void {
  (opts.skip || !fs.existsSync(CHROMIUM) ? describe.skip : describe)(title, () => teamReview(seed));
}

function teamReview(seed: () => Promise<SeededDb>): void {
  let s: SeededDb;
  let srv: ReviewServer;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let lan: Page; let minh: Page; let hoa: Page;

  /** `tonghop <args>` as a separate process on the same database. */
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(process.cwd(), 'bin', 'tonghop.js'), '--db', s.dbFile, ...args],
      { encoding: 'utf8', timeout: 60_000, env: { ...process.env, TONGHOP_DATA: s.dataDir } });
    expect(r.status).toBe(0);
    return r.stdout;
  };
  const radio = (confirmedOnly = false) => {
    const out = JSON.parse(cli('report', 'indicators', '--format', 'json', ...(confirmedOnly ? ['--confirmed-only'] : []))) as {
      rows: { key: string; total: number }[]; pending?: { documentId: string; name: string; from: number; to: number; requestedBy: string }[] };
    return { row: out.rows.find((r) => r.key === 'radio_programs'), pending: out.pending ?? [] };
  };

  async function signIn(username: keyof typeof PW): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1300, height: 850 } });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto(`${base}/queue`);
    await page.waitForURL(/\/login\?next=%2Fqueue$/);
    await page.fill('#username', username);
    await page.fill('#password', PW[username]);
    await page.click('#login-submit');
    await page.waitForURL(/\/queue$/);
    return page;
  }

  beforeAll(async () => {
    s = await seed();
    const accounts = new Accounts(new AccountsRepository(s.app.db));
    const by = { id: null, name: null, address: 'test' };
    await accounts.add('lan', 'reviewer', PW.lan, XSS_NAME, by);
    await accounts.add('minh', 'reviewer', PW.minh, 'Phạm Minh', by);
    await accounts.add('hoa', 'lead', PW.hoa, 'Trần Hoa', by);
    // a one-row Phụ lục change (a province found, a date fixed) goes through; a figure moving by more than 100 waits
    accounts.repo.putSetting('approval.appendixRows', '1', new Date().toISOString(), null);
    srv = await startReviewServer(s.app, { port: 0 });
    base = srv.url.replace(/\/$/, '');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    [lan, minh, hoa] = [await signIn('lan'), await signIn('minh'), await signIn('hoa')];
  }, 90_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await srv?.close();
    await s?.app.close();
    if (s) removeDir(s.dataDir);
  });

  it('two reviewers in parallel never get or decide each other\'s claimed items; a lead releases a claim', async () => {
    // Lan opens the first item and holds it
    await lan.keyboard.press('n');
    await lan.waitForURL(/\/items\/hagiang0000000001\/field\/province/);
    expect(await lan.locator('#claim-mine').count()).toBe(1);

    // Minh sees who holds it, and "next" hands Minh the following item instead
    await minh.reload();
    expect(await minh.locator('#queue tbody tr').first().textContent()).toContain(`đang do ${XSS_NAME} giữ`);
    await minh.keyboard.press('n');
    await minh.waitForURL(/\/items\/hostile0000000002\/field\/issueDate/);

    // opening Lan's item, Minh sees the holder (as text: the name carries markup) and no decision forms
    await minh.goto(`${base}/items/hagiang0000000001/field/province`);
    expect(await minh.locator('#claim-holder').textContent()).toBe(XSS_NAME);
    expect(await minh.locator('#accept-form').count()).toBe(0);
    expect(await minh.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // and the server refuses the decision even when sent by hand
    const forced = await minh.evaluate(async () => {
      const csrf = (document.querySelector('input[name="_csrf"]') as HTMLInputElement).value;
      const r = await fetch('/items/hagiang0000000001/field/province/accept', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(csrf)}` });
      return r.status;
    });
    expect(forced).toBe(409);

    // Lan corrects the province; "next" skips Minh's date and gives Lan the figure
    await lan.keyboard.press('c');
    await lan.keyboard.press('Control+A');
    await lan.keyboard.type('Hà Giang');
    await lan.keyboard.press('Enter');
    await lan.waitForURL(/\/items\/hagiang0000000001\/indicator\/radio_programs/);
    expect(await lan.locator('#flash').textContent()).toContain('Hà Giang (02)');

    // Minh fixes the date; nothing free is left for Minh (Lan holds the figure)
    await minh.goto(`${base}/items/hostile0000000002/field/issueDate`);
    await minh.fill('#correct-input', '28/02/2023');
    await minh.click('#correct-submit');
    await minh.waitForURL(/\/queue\?/);
    expect(s.app.repo.get(s.hostile)!.issue_date).toBe('2023-02-28');

    // the lead releases Lan's claim; Minh now gets the figure, and Lan's stale page cannot decide it
    await hoa.goto(`${base}/items/hagiang0000000001/indicator/radio_programs`);
    await hoa.click('#release-claim');
    await hoa.waitForURL(/\/work\/team$/);
    await minh.goto(`${base}/queue`);
    await minh.keyboard.press('n');
    await minh.waitForURL(/\/items\/hagiang0000000001\/indicator\/radio_programs/);
    await lan.click('[data-key="accept"]');
    expect(await lan.locator('#flash').textContent()).toContain('đang được Phạm Minh rà soát');
    expect(s.app.repo.get(s.haGiang)!.province_code).toBe('02');
    const decided = s.app.db.prepare('SELECT reviewer, account_id FROM review_decisions ORDER BY id').all();
    expect(decided).toEqual([{ reviewer: 'lan', account_id: 1 }, { reviewer: 'minh', account_id: 2 }]);
  });

  it("a reviewer's large correction waits for a lead's approval and only then reaches the report", async () => {
    await minh.keyboard.press('c');
    await minh.keyboard.press('Control+A');
    await minh.keyboard.type('452');
    await minh.keyboard.press('Enter');
    await minh.waitForURL(/pending=\d+/);
    expect(await minh.locator('#flash').textContent()).toContain('chờ trưởng nhóm duyệt');

    // not applied: the report keeps 4.520 (provisional) and lists the change apart; --confirmed-only has neither
    const waiting = radio();
    expect(waiting.row?.total).toBe(4520);
    expect(waiting.pending).toEqual([expect.objectContaining({ documentId: s.haGiang, name: 'radio_programs', from: 4520, to: 452, requestedBy: 'minh' })]);
    const confirmed = radio(true);
    expect(confirmed.row).toBeUndefined();
    expect(confirmed.pending).toEqual([]);
    // the item is out of everyone's queue and shows the waiting change
    await lan.goto(`${base}/items/hagiang0000000001/indicator/radio_programs`);
    expect(await lan.locator('#pending-banner').textContent()).toContain('4.520 chương trình → 452 chương trình');
    expect((await minh.goto(`${base}/approvals`))!.status()).toBe(403);

    await hoa.goto(`${base}/approvals`);
    expect(await hoa.locator('#approvals .change').first().textContent()).toBe('4.520 chương trình → 452 chương trình');
    await hoa.click('[data-approve]');
    await hoa.waitForURL(/\/approvals\?done=/);
    expect(await hoa.locator('#approvals-empty').count()).toBe(1);

    const approved = radio();
    expect(approved.row?.total).toBe(452);
    expect(approved.pending).toEqual([]);
    expect(s.app.db.prepare("SELECT reviewer, approved_by FROM review_decisions WHERE name = 'radio_programs'").get()).toEqual({ reviewer: 'minh', approved_by: 3 });
  });

  it("a disabled account's session stops working at once", async () => {
    await lan.goto(`${base}/work`);
    expect(await lan.locator('h1').textContent()).toBe('Việc của tôi');
    cli('user', 'disable', 'lan');
    await lan.goto(`${base}/work`);
    await lan.waitForURL(/\/login\?next=%2Fwork$/);
    const audit = s.app.db.prepare("SELECT action FROM audit_log WHERE action IN ('login', 'user_disable', 'claim_release') ORDER BY id").all().map((r) => (r as { action: string }).action);
    expect(audit).toEqual(['login', 'login', 'login', 'claim_release', 'user_disable']);
  });
}
