// Browser tests of the follow-up loop (docs/FOLLOWUP-API.md) against a real onsite-hq
// started by run-e2e.sh, with DC's two findings recorded by onsite-field: HQ releases them,
// DC's liaison plans and reports on a phone, HQ returns and then closes the item.
import { test, expect, type Browser, type Page, type BrowserContext, type Route } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const seeded = process.env.ONSITE_SEEDED === '1';
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1440, height: 900 } };
const problemText = '党员参学率台账未按月统计';
// Inspectors who recorded DC's evidence: a liaison must never see their names.
const raterNames = ['张海燕', '李建国', 'g1.zhang', 'g1.li'];

/** A date in Asia/Shanghai (the server's day) `days` from today, as YYYY-MM-DD. */
function shanghaiDate(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The photos make-photos.mjs renders, plus one over 1 MiB so it goes in two chunks. */
function photos(): { hall: string; ledger: string; big: string } {
  let dir = process.env.ONSITE_WEB_PHOTOS ?? '';
  if (!dir || !existsSync(join(dir, 'site-hall.jpg'))) {
    dir = join(process.env.ONSITE_WEB_TEST_OUTPUT ?? tmpdir(), 'followup-photos');
    execFileSync(process.execPath, ['tests/make-photos.mjs', dir]);
  }
  const big = join(dir, 'ledger-large.jpg');
  if (!existsSync(big)) {
    // JPEG readers stop at the end-of-image marker, so the padding keeps it a valid photo.
    const jpeg = readFileSync(join(dir, 'ledger.jpg'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(big, Buffer.concat([jpeg, Buffer.alloc(1_300_000, 0x20)]));
  }
  return { hall: join(dir, 'site-hall.jpg'), ledger: join(dir, 'ledger.jpg'), big };
}

/** A photo HQ has never seen (its own SHA-256), so its upload really sends bytes. */
function freshPhoto(name: string): string {
  const file = join(process.env.ONSITE_WEB_TEST_OUTPUT ?? tmpdir(), 'followup-photos', `${name}.jpg`);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, Buffer.concat([readFileSync(photos().hall), Buffer.from(`${name} ${Date.now()} ${Math.random()}`)]));
  return file;
}

function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    // Other errors are no failure by themselves (an aborted fetch is fine), but when a step
    // does fail the log then says what the page asked for and did not get.
    else console.log(`[browser console] ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => console.log(`[request failed] ${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  return problems;
}

async function signIn(browser: Browser, account: string, options: object): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto('/signin');
  await page.locator('input[data-test=account]').fill(account);
  await page.locator('input[data-test=password]').fill(`${account}-console`);
  await page.locator('[data-test=signin]').click();
  return { context, page, problems };
}

async function csrf(page: Page): Promise<string> {
  return (await (await page.request.get('/api/v1/hq/session')).json()).csrf_token;
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test.describe.serial('整改 → 销号', () => {
  test.skip(!seeded, 'needs the field records of onsite-field (ONSITE_FIELD)');
  let hq: { context: BrowserContext; page: Page; problems: string[] };
  let liaison: { context: BrowserContext; page: Page; problems: string[] };
  let itemPath = '';

  test.beforeAll(async ({ browser }) => {
    hq = await signIn(browser, 'kpb.admin', desktop);
    await expect(hq.page).toHaveURL(/\/progress$/);
    liaison = await signIn(browser, 'dc.liaison', phone);
  });
  test.afterAll(async () => {
    expect(hq.problems).toEqual([]);
    expect(liaison.problems).toEqual([]);
    await hq.context.close();
    await liaison.context.close();
  });

  test('before release the liaison lands on an empty unit page, with only their own menu', async () => {
    const page = liaison.page;
    await expect(page).toHaveURL(/\/my$/);
    await expect(page.locator('[data-test=my-empty]')).toContainText('考评办尚未向本单位交办问题');
    await page.locator('[data-test=menu]').click();
    const drawer = page.locator('.nav-drawer');
    await expect(drawer.locator('[data-test=nav-my-items]')).toHaveText('本单位整改');
    await expect(drawer.locator('[data-test=nav-progress]')).toHaveCount(0);
    await expect(drawer.locator('[data-test=nav-followup-board]')).toHaveCount(0);
    await page.keyboard.press('Escape');
    // Assessment pages are not for liaisons: back to their own page.
    await page.goto('/results');
    await expect(page).toHaveURL(/\/my$/);
  });

  test('HQ releases DC’s findings as items', async () => {
    const page = hq.page;
    await page.locator('[data-test=nav-followup-releases]').click();
    const row = page.locator('[data-test=releases-table] tbody tr').filter({ hasText: '东城区' });
    await expect(row).toContainText('未交办');
    await page.locator('[data-test=release-DC]').click();
    await expect(page.locator('.release-message')).toContainText('已交办东城区：新增 2 项');
    await expect(row.locator('td').nth(3)).toHaveText('2');
    await expect(page.locator('[data-test=release-DC]')).toHaveText(/再次交办/);
  });

  test('the liaison sees the two items 待认领, without who found them', async () => {
    const page = liaison.page;
    await page.reload();
    const cards = page.locator('[data-test=my-items] [data-test=item-card]');
    await expect(cards).toHaveCount(2);
    await expect(cards.locator('[data-test=item-state]')).toHaveText(['待认领', '待认领']);
    await cards.filter({ hasText: problemText }).click();
    await expect(page).toHaveURL(/\/followup\/items\//);
    itemPath = new URL(page.url()).pathname;
    await expect(page.locator('[data-test=item-problem]')).toHaveText(problemText);
    await expect(page.locator('[data-test=item-finding]')).toContainText('第一检查组');
    const text = await page.locator('body').innerText();
    for (const name of raterNames) expect(text).not.toContain(name);
  });

  test('the liaison fills in measures, person, deadline and milestones on the phone', async () => {
    const page = liaison.page;
    await page.locator('textarea[data-test=plan-measures-input]').fill('建立按月统计的参学台账，支部书记每月签字确认');
    await page.locator('input[data-test=plan-responsible-input]').fill('王建华（组织委员）');
    await page.locator('input[data-test=plan-deadline-input]').fill(shanghaiDate(60));
    await page.locator('[data-test=milestone-add]').click();
    await page.locator('[data-test=milestone-add]').click();
    const rows = page.locator('[data-test=milestone-row]');
    await rows.nth(0).locator('input[data-test=milestone-title]').fill('制定参学台账模板');
    await rows.nth(0).locator('input[data-test=milestone-due]').fill(shanghaiDate(-3));
    await rows.nth(1).locator('input[data-test=milestone-title]').fill('完成前三个月补登');
    await rows.nth(1).locator('input[data-test=milestone-due]').fill(shanghaiDate(20));
    // A milestone after the deadline is refused before it reaches HQ.
    await rows.nth(1).locator('input[data-test=milestone-due]').fill(shanghaiDate(90));
    await page.locator('[data-test=plan-save]').click();
    await expect(page.locator('[data-test=plan-error]')).toContainText('节点时限不能晚于整改时限');
    await rows.nth(1).locator('input[data-test=milestone-due]').fill(shanghaiDate(20));
    await page.locator('[data-test=plan-save]').click();
    await expect(page.locator('.plan-saved-message')).toBeVisible();
    await expect(page.locator('[data-test=item-summary] [data-test=item-state]')).toHaveText('整改中');
    // The first milestone was due three days ago and is not done: overdue, in red, with days.
    await expect(page.locator('[data-test=item-summary] [data-test=item-overdue]')).toHaveText('逾期 3 天');
    // The deadline is now fixed for the liaison.
    await expect(page.locator('[data-test=plan-deadline-input]')).toHaveCount(0);
    await expect(page.locator('[data-test=plan-deadline-fixed]')).toHaveText(shanghaiDate(60));
    const done = page.locator('[data-test=milestone-row]').nth(0).locator('[data-test=milestone-done]');
    await done.click();
    await page.locator('[data-test=plan-save]').click();
    await expect(page.locator('[data-test=item-summary] [data-test=item-overdue]')).toHaveCount(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });

  test('a photo over 1 MiB uploads in chunks and resumes after a lost connection', async () => {
    const page = liaison.page;
    const puts: string[] = [];
    const paths = new Set<string>();
    let failed = false;
    await page.route('**/api/v1/hq/followup/uploads/**', async (route) => {
      const request = route.request();
      if (request.method() === 'PUT') {
        puts.push(new URL(request.url()).search);
        paths.add(new URL(request.url()).pathname);
        // The second chunk is lost once: the upload must resume at 1 MiB, not start over.
        if (!failed && request.url().includes('offset=1048576')) {
          failed = true;
          return route.abort('connectionreset');
        }
      }
      return route.continue();
    });
    // Hashed without crypto.subtle, as on a plain-HTTP LAN address (src/followup/sha256.ts);
    // HQ checks the SHA-256 of what it received against the name.
    await page.evaluate(() => Object.defineProperty(window.crypto, 'subtle', { value: undefined, configurable: true }));
    await page.locator('textarea[data-test=report-text]').fill('已制定参学台账模板，支部书记签字页见照片');
    await page.locator('[data-test=report-composer] input[data-test=evidence-file]').setInputFiles([photos().big]);
    const entry = page.locator('[data-test=report-composer] [data-test=upload-entry]');
    await expect(entry).toHaveAttribute('data-upload', 'done', { timeout: 30_000 });
    await page.unroute('**/api/v1/hq/followup/uploads/**');
    await page.evaluate(() => delete (window.crypto as unknown as { subtle?: unknown }).subtle);
    expect(await page.evaluate(() => !!window.crypto.subtle)).toBe(true);
    const sha = createHash('sha256').update(readFileSync(photos().big)).digest('hex');
    expect([...paths]).toEqual([`/api/v1/hq/followup/uploads/${sha}`]);
    const size = readFileSync(photos().big).length;
    expect(failed).toBe(true);
    expect(puts).toEqual([`?offset=0&total=${size}`, `?offset=1048576&total=${size}`, `?offset=1048576&total=${size}`]);
  });

  test('报送销号 sends the item to HQ with its evidence', async () => {
    const page = liaison.page;
    await page.locator('[data-test=report-for-closing]').click();
    await expect(page.locator('.report-sent-message')).toContainText('已报送销号');
    await expect(page.locator('[data-test=item-summary] [data-test=item-state]')).toHaveText('已报送');
    await expect(page.locator('[data-test=item-locked]')).toContainText('考评办验收前不能修改');
    await expect(page.locator('[data-test=plan-editor]')).toHaveCount(0);
    await expect(page.locator('[data-test=report] [data-test=evidence-thumb]')).toHaveCount(1);
  });

  test('HQ returns it from the verification queue with a required reason', async () => {
    const page = hq.page;
    await page.locator('[data-test=nav-followup-verify]').click();
    const card = page.locator('[data-test=verify-queue] [data-test=item-card]');
    await expect(card).toHaveCount(1);
    await card.click();
    await expect(page.locator('[data-test=plan-measures]')).toContainText('建立按月统计的参学台账');
    await expect(page.locator('[data-test=plan-responsible]')).toHaveText('王建华（组织委员）');
    await expect(page.locator('[data-test=milestone]')).toHaveCount(2);
    await expect(page.locator('[data-test=report] [data-test=evidence-thumb] img')).toHaveJSProperty('complete', true);
    const width = await page.locator('[data-test=report] [data-test=evidence-thumb] img').evaluate((img: HTMLImageElement) => img.naturalWidth);
    expect(width).toBeGreaterThan(0);
    await page.locator('[data-test=verify-return]').click();
    await page.locator('[data-test=verify-confirm]').click();
    await expect(page.locator('[data-test=verify-error]')).toContainText('请填写退回原因');
    await page.locator('textarea[data-test=verify-reason]').fill('照片看不清签字，请补充近三个月的台账照片');
    await page.locator('[data-test=verify-confirm]').click();
    await expect(page.locator('[data-test=item-summary] [data-test=item-state]')).toHaveText('退回');
  });

  test('the liaison sees the reason, reports again and submits for 销号', async () => {
    const page = liaison.page;
    await page.goto(itemPath);
    await expect(page.locator('[data-test=return-reason]')).toContainText('照片看不清签字');
    await expect(page.locator('[data-test=item-summary] [data-test=item-state]')).toHaveText('退回');
    await page.locator('textarea[data-test=report-text]').fill('补充近三个月台账照片');
    await page.locator('[data-test=report-composer] input[data-test=evidence-file]').setInputFiles([photos().ledger, photos().hall]);
    await expect(page.locator('[data-test=report-composer] [data-test=upload-done]')).toHaveCount(2);
    await page.locator('[data-test=report-for-closing]').click();
    await expect(page.locator('[data-test=item-summary] [data-test=item-state]')).toHaveText('已报送');
    await expect(page.locator('[data-test=report]')).toHaveCount(2);
  });

  test('HQ closes it (已销号) and the history shows every step', async () => {
    const page = hq.page;
    await page.goto(itemPath);
    await expect(page.locator('[data-test=report] [data-test=evidence-thumb]')).toHaveCount(3);
    await page.locator('[data-test=verify-close]').click();
    await page.locator('[data-test=verify-confirm]').click();
    await expect(page.locator('[data-test=item-summary] [data-test=item-state]')).toHaveText('已销号');
    await expect(page.locator('[data-test=verify-close]')).toHaveCount(0);
    const actions = await page.locator('[data-test=history-entry]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-action')));
    const steps = actions.filter((a) => ['release', 'plan', 'submit', 'return', 'close'].includes(a ?? ''));
    // Plan saves, 报送销号 (submit), 退回, 报送销号 again, 销号.
    expect(steps[0]).toBe('release');
    expect(steps.slice(-4)).toEqual(['submit', 'return', 'submit', 'close']);
    expect(steps.filter((a) => a === 'plan').length).toBeGreaterThanOrEqual(1);
    await expect(page.locator('[data-test=history-entry][data-action=return]')).toContainText('照片看不清签字');
    // The board counts it for DC.
    await page.locator('[data-test=nav-followup-board]').click();
    const dc = page.locator('[data-test=board-table] tbody tr').filter({ hasText: '东城区' }).first();
    await expect(dc).toContainText('50%');
    await expect(page.locator('[data-test=total-closed]')).toHaveText('1');
  });

  test('the follow-up exports download from the board and the libraries', async () => {
    const page = hq.page;
    const checks = [
      { path: '/followup/board', button: 'export-rectificationsXlsx', magic: 'PK', ext: '.xlsx' },
      { path: '/followup/board', button: 'export-dispatchPdf', magic: '%PDF', ext: '.pdf' },
      { path: '/experiences', button: 'export-experiencesPdf', magic: '%PDF', ext: '.pdf' },
      { path: '/innovations', button: 'export-innovationsXlsx', magic: 'PK', ext: '.xlsx' },
    ];
    for (const check of checks) {
      await page.goto(check.path);
      const link = page.locator(`[data-test=${check.button}]`);
      const download = page.waitForEvent('download');
      await link.click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(new RegExp(`\\${check.ext}$`));
      const body = readFileSync((await file.path())!);
      expect(body.length).toBeGreaterThan(200);
      expect(body.subarray(0, check.magic.length).toString('latin1')).toBe(check.magic);
    }
  });

  test('the liaison sees 已销号 and the history names HQ as 考评办', async () => {
    const page = liaison.page;
    await page.goto(itemPath);
    await expect(page.locator('[data-test=item-summary] [data-test=item-state]')).toHaveText('已销号');
    await expect(page.locator('[data-test=history-entry][data-action=close]')).toContainText('考评办');
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('赵考评');
    for (const name of raterNames) expect(text).not.toContain(name);
  });

  test('a group leader reads the board and the items, without HQ’s actions', async ({ browser }) => {
    const leader = await signIn(browser, 'g1.li', desktop);
    const page = leader.page;
    await expect(page).toHaveURL(/\/progress$/);
    await expect(page.locator('[data-test=nav-followup-board]')).toBeVisible();
    await expect(page.locator('[data-test=nav-followup-releases]')).toHaveCount(0);
    await expect(page.locator('[data-test=nav-followup-verify]')).toHaveCount(0);
    await page.locator('[data-test=nav-followup-ledger]').click();
    await expect(page.locator('[data-test=ledger-table] tbody tr')).toHaveCount(2);
    await page.goto(itemPath);
    await expect(page.locator('[data-test=item-summary] [data-test=item-state]')).toHaveText('已销号');
    await expect(page.locator('body')).toContainText('只读：验收由考评办操作');
    await expect(page.locator('[data-test=verify-panel]')).toHaveCount(0);
    expect(leader.problems).toEqual([]);
    await leader.context.close();
  });

  test('another unit’s item is not found for the liaison', async () => {
    const token = await csrf(hq.page);
    const release = await hq.page.request.post('/api/v1/hq/followup/releases', { data: { unit: 'SM' }, headers: { 'X-CSRF-Token': token } });
    expect(release.status()).toBe(201);
    const sm = (await (await hq.page.request.get('/api/v1/hq/followup/items?unit=SM')).json()).items;
    expect(sm.length).toBeGreaterThan(0);
    await liaison.page.goto(`/followup/items/${sm[0].id}`);
    await expect(liaison.page.locator('[data-test=item-not-found]')).toBeVisible();
    const mine = (await (await liaison.page.request.get('/api/v1/hq/followup/items?unit=SM')).json()).items;
    expect(mine.every((i: { unit: string }) => i.unit === 'DC')).toBe(true);
  });

  test('a third innovation project is refused with the server’s clear message', async () => {
    const page = liaison.page;
    await page.goto('/innovations');
    const propose = async (title: string) => {
      await page.locator('input[data-test=innovation-title]').fill(title);
      await page.locator('textarea[data-test=innovation-description]').fill(`${title}：以党建引领基层治理`);
      await page.locator('[data-test=innovation-submit]').click();
    };
    await propose('红色物业联盟');
    await expect(page.locator('[data-test=innovation]')).toHaveCount(1);
    await propose('党员积分超市');
    await expect(page.locator('[data-test=innovation]')).toHaveCount(2);
    await propose('第三个项目');
    await expect(page.locator('[data-test=innovation-error]')).toContainText('每个单位最多申报两个创新项目（已申报 2 个）');
    await expect(page.locator('[data-test=innovation]')).toHaveCount(2);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });

  test('published results: none before publishing, then the unit’s points and rank', async () => {
    const versions = (await (await hq.page.request.get('/api/v1/hq/publications')).json()).versions;
    const page = liaison.page;
    if (versions.length === 0) {
      await page.goto('/my/results');
      await expect(page.locator('[data-test=results-not-published]')).toContainText('考评结果尚未发布');
      const answer = await hq.page.request.post('/api/v1/hq/publications', { data: { note: '第一次通报' }, headers: { 'X-CSRF-Token': await csrf(hq.page) } });
      expect(answer.status()).toBe(201);
    }
    await page.goto('/my/results');
    const results = await (await hq.page.request.get('/api/v1/hq/results')).json();
    const dc = results.units.find((u: { unit: string }) => u.unit === 'DC');
    await expect(page.locator('[data-test=my-total]')).toHaveText(dc.total);
    await expect(page.locator('[data-test=my-rank]')).toContainText(`${dc.rank} / ${results.units.length}`);
    await expect(page.locator('[data-test=my-items-table] tbody tr')).toHaveCount(results.item_count);
    const text = await page.locator('body').innerText();
    for (const name of raterNames) expect(text).not.toContain(name);
  });

  test('a CSV import lists every bad line and column and imports nothing; a good one imports, and duplicates merge', async () => {
    const page = hq.page;
    const dir = join(process.env.ONSITE_WEB_TEST_OUTPUT ?? tmpdir(), 'followup-import');
    mkdirSync(dir, { recursive: true });
    const header = '\uFEFF单位编码,来源,类型,指标编号,问题,整改建议,时限\r\n';
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${header}XC,巡视反馈,问题,2.1,支部换届未按期,按期换届,\r\nZZ,巡视反馈,问题,,问题二,建议二,\r\nXC,大通报,问题X,,问题三,,\r\n`);
    const good = join(dir, 'good.csv');
    writeFileSync(good, `${header}XC,巡视反馈,问题,2.1,支部换届未按期,按期换届,\r\nXC,大通报,问题,2.1,个别支部未按期换届,督促按期换届,\r\n`);
    await page.goto('/followup/releases');
    await page.locator('[data-test=import-items]').click();
    await page.locator('[data-test=import-file]').setInputFiles(bad);
    await page.locator('[data-test=import-confirm]').click();
    await expect(page.locator('[data-test=import-error]')).toContainText('导入失败，未导入任何事项');
    const rows = page.locator('[data-test=import-errors] tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('3');
    await expect(rows.nth(0)).toContainText('单位编码');
    await expect(rows.nth(1)).toContainText('类型');
    const xc = async () => (await (await page.request.get('/api/v1/hq/followup/items?unit=XC')).json()).items;
    expect(await xc()).toHaveLength(0);
    await page.locator('[data-test=import-file]').setInputFiles(good);
    await page.locator('[data-test=import-confirm]').click();
    await expect(page.locator('.import-message')).toContainText('已导入 2 项');
    expect(await xc()).toHaveLength(2);
    // The two are one problem: merge them in the ledger.
    await page.goto('/followup/items?unit=XC');
    const table = page.locator('[data-test=ledger-table]');
    await expect(table.locator('tbody tr')).toHaveCount(2);
    await table.locator('tbody tr .el-checkbox').nth(0).click();
    await table.locator('tbody tr .el-checkbox').nth(1).click();
    await page.locator('[data-test=merge]').click();
    await page.locator('[data-test=merge-confirm]').click();
    await expect(page.locator('.merge-message')).toContainText('已合并为');
    await expect(table.locator('tbody tr')).toHaveCount(1);
    expect(await xc()).toHaveLength(1);
  });

  const xqItems = async (page: Page) => (await (await page.request.get('/api/v1/hq/followup/items?unit=XQ')).json()).items;

  test('a past deadline asks before saving, by hand and when HQ moves it', async () => {
    const page = hq.page;
    const xq = () => xqItems(page);
    await page.goto('/followup/releases');
    await page.locator('[data-test=add-item]').click();
    const dialog = page.locator('[data-test=add-item-dialog]');
    await dialog.locator('[data-test=add-unit]').click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: 'XQ' }).click();
    await dialog.locator('textarea[data-test=add-problem]').fill('党建阵地标识不规范');
    await dialog.locator('input[data-test=add-deadline]').fill(shanghaiDate(-30));
    await dialog.locator('[data-test=add-confirm]').click();
    const warning = page.locator('.past-deadline-confirm');
    await expect(warning).toContainText(`时限 ${shanghaiDate(-30)} 早于今天（${shanghaiDate(0)}），保存后该事项会立即显示为逾期`);
    await warning.getByRole('button', { name: '返回修改' }).click();
    await expect(warning).toBeHidden();
    await expect(dialog).toBeVisible();
    expect(await xq()).toHaveLength(0);
    await dialog.locator('[data-test=add-confirm]').click();
    await warning.getByRole('button', { name: '仍然保存' }).click();
    await expect(page.locator('.item-added-message')).toBeVisible();
    const [item] = await xq();
    expect(item.deadline).toBe(shanghaiDate(-30));
    expect(item.overdue).toBe(true);
    // 调整时限 into the past asks the same; a deadline ahead does not.
    await page.goto(`/followup/items/${item.id}`);
    await page.locator('[data-test=verify-extend]').click();
    await page.locator('input[data-test=verify-deadline]').fill(shanghaiDate(-10));
    await page.locator('textarea[data-test=verify-reason]').fill('按督查要求调整');
    await page.locator('[data-test=verify-confirm]').click();
    await expect(warning).toContainText(`时限 ${shanghaiDate(-10)} 早于今天`);
    await warning.getByRole('button', { name: '返回修改' }).click();
    await expect(warning).toBeHidden();
    expect((await xq())[0].deadline).toBe(shanghaiDate(-30));
    await page.locator('input[data-test=verify-deadline]').fill(shanghaiDate(20));
    await page.locator('[data-test=verify-confirm]').click();
    await expect(page.locator('.verify-message')).toContainText('时限已调整');
    await expect(warning).toBeHidden();
    expect((await xq())[0].deadline).toBe(shanghaiDate(20));
  });

  test('a unit whose only item was added by hand reads as handed over, not 未交办', async () => {
    const page = hq.page;
    // 新区 has no findings; its item came by hand (the test above, or here when run alone).
    if (!(await xqItems(page)).length) {
      const added = await page.request.post('/api/v1/hq/followup/items', {
        data: { unit: 'XQ', source: 'inspection', kind: '问题', problem: '党建阵地标识不规范', suggestion: '' },
        headers: { 'X-CSRF-Token': await csrf(page) },
      });
      expect(added.status()).toBe(201);
    }
    await page.goto('/followup/releases');
    const row = page.locator('[data-test=releases-table] tbody tr').filter({ hasText: '新区' });
    await expect(row).toContainText('已交办（手工添加或导入）');
    await expect(row).not.toContainText('未交办');
    // Nothing to release: said in words, not with a disabled 交办 button.
    await expect(row).toContainText('无检查发现');
    await expect(row.locator('button')).toHaveCount(0);
    await page.goto('/followup/board');
    const board = page.locator('[data-test=board-table] tbody tr').filter({ hasText: '新区' }).first();
    await expect(board.locator('.el-tag')).toHaveText('是');
    // A unit with neither findings released nor items still says so.
    const none = page.locator('[data-test=board-table] tbody tr').filter({ hasText: '柳林县' }).first();
    await expect(none.locator('.el-tag')).toHaveText('未交办');
  });
  // DC's other item, still without a plan: the liaison's unsaved work on it, on the phone.
  let otherPath = '';
  const planFields = (page: Page) => ({
    measures: page.locator('textarea[data-test=plan-measures-input]'),
    responsible: page.locator('input[data-test=plan-responsible-input]'),
    deadline: page.locator('input[data-test=plan-deadline-input]'),
  });

  test('a failed upload is not "still uploading": the liaison is told and can retry or remove it', async () => {
    const page = liaison.page;
    await page.goto('/my');
    await page.locator('[data-test=item-card]').filter({ hasNotText: problemText }).click();
    await expect(page).toHaveURL(/\/followup\/items\//);
    otherPath = new URL(page.url()).pathname;
    const full = async (route: Route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({ status: 507, contentType: 'application/json', body: JSON.stringify({ error: 'insufficient_storage', message: '存储空间不足' }) })
        : route.continue();
    await page.route('**/api/v1/hq/followup/uploads/**', full);
    await page.locator('textarea[data-test=report-text]').fill('台账模板已下发');
    await page.locator('[data-test=report-composer] input[data-test=evidence-file]').setInputFiles([freshPhoto('storage-full-report')]);
    const entry = page.locator('[data-test=report-composer] [data-test=upload-entry]');
    await expect(entry.locator('[data-test=upload-error]')).toHaveText('上传失败：存储空间不足');
    await page.locator('[data-test=report-progress]').click();
    await expect(page.locator('[data-test=report-error]')).toHaveText('有 1 个材料上传失败：请点击“继续上传”重试，或将其移除');
    await page.locator('[data-test=report-for-closing]').click();
    await expect(page.locator('[data-test=report-error]')).not.toContainText('请等待');
    // Retrying once there is room uploads it; removing it leaves nothing in the way.
    await page.unroute('**/api/v1/hq/followup/uploads/**', full);
    await entry.locator('[data-test=upload-resume]').click();
    await expect(entry).toHaveAttribute('data-upload', 'done');
    await entry.locator('[data-test=upload-remove]').click();
    await expect(entry).toHaveCount(0);
    // The same on the 典型经验 form.
    await page.route('**/api/v1/hq/followup/uploads/**', full);
    await page.goto('/experiences');
    await page.locator('[data-test=experience-new]').click();
    await page.locator('input[data-test=experience-title]').fill('台账月结');
    await page.locator('textarea[data-test=experience-description]').fill('每月底支部书记签字确认');
    await page.locator('[data-test=experience-form] input[data-test=evidence-file]').setInputFiles([freshPhoto('storage-full-experience')]);
    await expect(page.locator('[data-test=experience-form] [data-test=upload-error]')).toContainText('存储空间不足');
    await page.locator('[data-test=experience-submit]').click();
    await expect(page.locator('[data-test=experience-error]')).toHaveText('有 1 个材料上传失败：请点击“继续上传”重试，或将其移除');
    await page.unroute('**/api/v1/hq/followup/uploads/**', full);
  });

  test('报送进展 keeps the plan the liaison has typed but not saved', async () => {
    const page = liaison.page;
    await page.goto(otherPath);
    const plan = planFields(page);
    await plan.measures.fill('每季度开展一次换届情况排查');
    await plan.responsible.fill('李明（组织员）');
    await plan.deadline.fill(shanghaiDate(30));
    await page.locator('textarea[data-test=report-text]').fill('已完成第一轮排查');
    await page.locator('[data-test=report-progress]').click();
    await expect(page.locator('.report-sent-message')).toContainText('进展已报送');
    await expect(page.locator('[data-test=report]')).toHaveCount(1);
    await expect(page.locator('textarea[data-test=report-text]')).toHaveValue('');
    await expect(plan.measures).toHaveValue('每季度开展一次换届情况排查');
    await expect(plan.responsible).toHaveValue('李明（组织员）');
    await expect(plan.deadline).toHaveValue(shanghaiDate(30));
  });

  test('an expired session keeps the unsaved plan and report text until the liaison is back', async () => {
    const page = liaison.page;
    const plan = planFields(page);
    await page.locator('textarea[data-test=report-text]').fill('第二轮排查进行中');
    await liaison.context.clearCookies();
    await page.locator('[data-test=report-progress]').click();
    await expect(page).toHaveURL(/\/signin\?/);
    await page.locator('input[data-test=account]').fill('dc.liaison');
    await page.locator('input[data-test=password]').fill('dc.liaison-console');
    await page.locator('[data-test=signin]').click();
    await expect(page).toHaveURL(new RegExp(`${otherPath}$`));
    await expect(plan.measures).toHaveValue('每季度开展一次换届情况排查');
    await expect(plan.responsible).toHaveValue('李明（组织员）');
    await expect(plan.deadline).toHaveValue(shanghaiDate(30));
    await expect(page.locator('textarea[data-test=report-text]')).toHaveValue('第二轮排查进行中');
    // Saved and sent, the drafts are gone: a new visit shows what HQ holds.
    await page.locator('[data-test=milestone-add]').click();
    await page.locator('input[data-test=milestone-title]').fill('完成排查摸底');
    await page.locator('input[data-test=milestone-due]').fill(shanghaiDate(-2));
    await page.locator('[data-test=plan-save]').click();
    await expect(page.locator('.plan-saved-message')).toBeVisible();
    await page.locator('[data-test=report-progress]').click();
    await expect(page.locator('[data-test=report]')).toHaveCount(2);
    const drafts = () => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('onsite.followup.draft')));
    expect(await drafts()).toEqual([]);
    await page.reload();
    await expect(page.locator('textarea[data-test=report-text]')).toHaveValue('');
    await expect(plan.measures).toHaveValue('每季度开展一次换届情况排查');
  });

  test('the plan shows only what is late in red; the history tells the unit’s first deadline from HQ’s change', async () => {
    const page = hq.page;
    await page.goto(otherPath);
    // Only the milestone (two days ago) is late, not the deadline in 30 days.
    await expect(page.locator('[data-test=milestone]')).toHaveClass(/late/);
    await expect(page.locator('[data-test=plan-deadline]')).toHaveText(shanghaiDate(30));
    await expect(page.locator('[data-test=plan-deadline]')).not.toHaveClass(/late/);
    const set = page.locator('[data-test=history-entry][data-action=deadline]');
    await expect(set).toHaveCount(1);
    await expect(set).toContainText('设定时限');
    await expect(set).not.toContainText('调整时限');
    await expect(set).not.toContainText('→');
    const id = otherPath.split('/').pop();
    const moved = await page.request.post(`/api/v1/hq/followup/items/${id}/deadline`, {
      data: { deadline: shanghaiDate(-1), reason: '按督查要求提前完成' },
      headers: { 'X-CSRF-Token': await csrf(page) },
    });
    expect(moved.status()).toBe(200);
    await page.reload();
    await expect(page.locator('[data-test=plan-deadline]')).toHaveClass(/late/);
    const entries = page.locator('[data-test=history-entry][data-action=deadline]');
    await expect(entries).toHaveCount(2);
    await expect(entries.nth(1)).toContainText('调整时限');
    await expect(entries.nth(1)).toContainText(`${shanghaiDate(30)} → ${shanghaiDate(-1)}`);
  });

  test('on a phone, 问题交办 fits: cards with the release button in view, the head buttons in line', async ({ browser }) => {
    const officer = await signIn(browser, 'kpb.admin', phone);
    const page = officer.page;
    await expect(page).toHaveURL(/\/progress$/);
    await page.goto('/followup/releases');
    const card = page.locator('[data-test=release-card]').filter({ hasText: '东城区' });
    await expect(card).toContainText('整改事项：2');
    const button = page.locator('[data-test=release-DC]');
    await expect(button).toHaveText(/再次交办/);
    const box = (await button.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    const add = (await page.locator('[data-test=add-item]').boundingBox())!;
    const csv = (await page.locator('[data-test=import-items]').boundingBox())!;
    expect(Math.abs(add.y - csv.y)).toBeLessThan(1);
    expect(Math.abs(add.height - csv.height)).toBeLessThan(1);
    expect(csv.x + csv.width).toBeLessThanOrEqual(390);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(officer.problems).toEqual([]);
    await officer.context.close();
  });
});
