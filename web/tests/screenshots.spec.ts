// Renders each console page at desktop and phone size into ONSITE_SCREENSHOTS_DIR as
// web-<page>-<w>x<h>.png (run by scripts/screenshots; skipped otherwise).
import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.env.ONSITE_SCREENSHOTS_DIR;
const password = process.env.ONSITE_SCREENSHOT_PASSWORD ?? 'kpb.admin-console';
const sizes = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];
const pages = [
  { name: 'progress', path: '/progress', ready: '[data-test=progress-summary]' },
  { name: 'results', path: '/results', ready: '[data-test=results-version]' },
  { name: 'unit', path: '/units/DC', ready: '[data-test=unit-total]' },
  { name: 'charts', path: '/charts', ready: '[data-test=chart] svg' },
  { name: 'findings', path: '/findings', ready: '[data-test=findings-count]' },
  { name: 'highlights', path: '/highlights', ready: '.content h1' },
  { name: 'integrity', path: '/integrity', ready: '[data-test=raters-table], [data-test=unavailable]' },
  { name: 'publish', path: '/publish', ready: '[data-test=versions-table]' },
];

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  // Let chart animations and lazy thumbnails finish.
  await page.waitForTimeout(1200);
}

/** A published version, so 发布 and the version selector show what HQ will see. */
async function publishOnce(page: Page): Promise<void> {
  const list = await (await page.request.get('/api/v1/hq/publications')).json();
  if (list.versions.length > 0) return;
  const session = await (await page.request.get('/api/v1/hq/session')).json();
  const answer = await page.request.post('/api/v1/hq/publications', {
    data: { note: '2026年上半年考评结果（第一次通报）' },
    headers: { 'X-CSRF-Token': session.csrf_token },
  });
  expect(answer.status()).toBe(201);
}

for (const size of sizes) {
  test(`console pages at ${size.width}x${size.height}`, async ({ browser }) => {
    test.skip(!out, 'ONSITE_SCREENSHOTS_DIR is not set');
    const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, isMobile: size.width < 768, hasTouch: size.width < 768 });
    const page = await context.newPage();
    const suffix = `${size.width}x${size.height}`;
    await page.goto('/signin');
    await settle(page);
    await page.screenshot({ path: join(out!, `web-signin-${suffix}.png`) });
    await page.locator('input[data-test=account]').fill(process.env.ONSITE_SCREENSHOT_ACCOUNT ?? 'kpb.admin');
    await page.locator('input[data-test=password]').fill(password);
    await page.locator('[data-test=signin]').click();
    await expect(page).toHaveURL(/\/progress/);
    if (process.env.ONSITE_SCREENSHOT_PUBLISH === '1') await publishOnce(page);
    for (const p of pages) {
      await page.goto(p.path);
      await expect(page.locator(p.ready).first()).toBeVisible();
      await settle(page);
      await page.screenshot({ path: join(out!, `web-${p.name}-${suffix}.png`), fullPage: p.name !== 'unit' || size.width >= 768 });
    }
    // What a click on a PDF export says while HQ lays the file out.
    await page.goto('/results');
    await page.locator('[data-test=export-reportPdf]').click();
    await expect(page.locator('.export-preparing')).toBeVisible();
    await page.waitForTimeout(600); // the message slides in
    await page.screenshot({ path: join(out!, `web-export-preparing-${suffix}.png`) });
    if (size.width < 768) {
      await page.goto('/progress');
      await page.locator('[data-test=menu]').click();
      await settle(page);
      await page.screenshot({ path: join(out!, `web-menu-${suffix}.png`) });
    }
    await context.close();
  });
}

/** A date in Asia/Shanghai `days` from today. */
function shanghaiDate(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

async function csrf(request: APIRequestContext): Promise<string> {
  return (await (await request.get('/api/v1/hq/session')).json()).csrf_token;
}

/** The follow-up loop half way: DC and SM released, DC's liaison has a plan on one item
 *  (a milestone overdue) and has reported the other for 销号 with a photo; two projects. */
async function seedFollowup(hq: APIRequestContext, liaison: APIRequestContext): Promise<void> {
  const hqToken = await csrf(hq);
  const releases = (await (await hq.get('/api/v1/hq/followup/releases')).json()).units;
  for (const unit of ['DC', 'SM']) {
    if (!releases.find((u: { unit: string; released_at: string | null }) => u.unit === unit)?.released_at) {
      expect((await hq.post('/api/v1/hq/followup/releases', { data: { unit }, headers: { 'X-CSRF-Token': hqToken } })).status()).toBe(201);
    }
  }
  const token = await csrf(liaison);
  const headers = { 'X-CSRF-Token': token };
  const items = (await (await liaison.get('/api/v1/hq/followup/items')).json()).items;
  if (items.some((i: { state: string }) => i.state !== 'unclaimed')) return;
  const [first, second] = items;
  const plan = (measures: string, milestones: object[]) => ({ measures, responsible_person: '王建华（组织委员）', deadline: shanghaiDate(45), milestones });
  expect(
    (
      await liaison.put(`/api/v1/hq/followup/items/${first.id}/plan`, {
        data: plan('建立按月统计的参学台账，支部书记每月签字确认；组织委员每季度抽查', [
          { title: '制定参学台账模板', due: shanghaiDate(-10), done: true },
          { title: '完成前三个月补登', due: shanghaiDate(-2), done: true },
        ]),
        headers,
      })
    ).status(),
  ).toBe(200);
  expect(
    (
      await liaison.put(`/api/v1/hq/followup/items/${second.id}/plan`, {
        data: plan('在党员活动室门口公示开放时间和联系人，纳入支部主题党日检查', [
          { title: '制作公示牌', due: shanghaiDate(-4), done: false },
          { title: '支部主题党日检查落实', due: shanghaiDate(30), done: false },
        ]),
        headers,
      })
    ).status(),
  ).toBe(200);
  const photo = readFileSync(join(process.env.ONSITE_WEB_PHOTOS!, 'ledger.jpg'));
  const sha = createHash('sha256').update(photo).digest('hex');
  const put = await liaison.put(`/api/v1/hq/followup/uploads/${sha}?offset=0&total=${photo.length}`, {
    data: photo,
    headers: { ...headers, 'Content-Type': 'application/octet-stream' },
  });
  expect(put.status()).toBe(200);
  const report = await liaison.post(`/api/v1/hq/followup/items/${first.id}/reports`, {
    data: { text: '参学台账已按月统计，前三个月已补登，支部书记签字页见照片', attachments: [sha], for_closing: true },
    headers,
  });
  expect(report.status()).toBe(201);
  for (const title of ['红色物业联盟', '党员积分超市']) {
    await liaison.post('/api/v1/hq/innovations', { data: { title, description: `${title}：以党建引领基层治理，群众参与度明显提升` }, headers });
  }
}

const followupPages = [
  { name: 'board', path: '/followup/board', ready: '[data-test=chart] svg' },
  { name: 'ledger', path: '/followup/items', ready: '[data-test=ledger-count]' },
  { name: 'verify', path: 'reported', ready: '[data-test=verify-panel]' },
  { name: 'experiences', path: '/experiences', ready: '[data-test=experiences-count]' },
];
const liaisonPages = [
  { name: 'my', path: '/my', ready: '[data-test=my-items]' },
  { name: 'item', path: 'in_progress', ready: '[data-test=plan-editor]' },
  { name: 'innovations', path: '/innovations', ready: '[data-test=innovations-list]' },
];

for (const size of sizes) {
  test(`follow-up pages at ${size.width}x${size.height}`, async ({ browser }) => {
    test.skip(!out || !process.env.ONSITE_WEB_PHOTOS, 'ONSITE_SCREENSHOTS_DIR or ONSITE_WEB_PHOTOS is not set');
    const suffix = `${size.width}x${size.height}`;
    const open = async (account: string) => {
      const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, isMobile: size.width < 768, hasTouch: size.width < 768 });
      const page = await context.newPage();
      await page.goto('/signin');
      await page.locator('input[data-test=account]').fill(account);
      await page.locator('input[data-test=password]').fill(`${account}-console`);
      await page.locator('[data-test=signin]').click();
      await expect(page.locator('.content h1')).toBeVisible();
      return { context, page };
    };
    const hq = await open('kpb.admin');
    const liaison = await open('dc.liaison');
    await seedFollowup(hq.page.request, liaison.page.request);
    // An item in the given state opens by id; other entries are paths.
    const path = async (page: Page, p: string) => {
      if (p.startsWith('/')) return p;
      const items = (await (await page.request.get(`/api/v1/hq/followup/items?state=${p}`)).json()).items;
      return `/followup/items/${items[0].id}`;
    };
    for (const [who, list] of [
      [hq, followupPages],
      [liaison, liaisonPages],
    ] as const) {
      for (const p of list) {
        await who.page.goto(await path(who.page, p.path));
        await expect(who.page.locator(p.ready).first()).toBeVisible();
        await settle(who.page);
        await who.page.screenshot({ path: join(out!, `web-followup-${p.name}-${suffix}.png`), fullPage: true });
      }
    }
    await hq.context.close();
    await liaison.context.close();
  });
}
