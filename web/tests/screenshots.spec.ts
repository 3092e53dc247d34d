// Renders each console page at desktop and phone size into ONSITE_SCREENSHOTS_DIR as
// web-<page>-<w>x<h>.png (run by scripts/screenshots; skipped otherwise).
import { test, expect, type Page } from '@playwright/test';
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
    if (size.width < 768) {
      await page.goto('/progress');
      await page.locator('[data-test=menu]').click();
      await settle(page);
      await page.screenshot({ path: join(out!, `web-menu-${suffix}.png`) });
    }
    await context.close();
  });
}
