// A group leader's actions on the unit page. Runs after console.spec and followup.spec
// (Playwright orders the files by name): it rewrites the reason of DC's final value and
// submits DC, and leaves DC reopened with its total unchanged.
import { test, expect, type Page } from '@playwright/test';

function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

test('g1.li sets a final value with its reason, submits DC (or is told what is unscored) and reopens it', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto('/signin');
  await page.locator('input[data-test=account]').fill('g1.li');
  await page.locator('input[data-test=password]').fill('g1.li-console');
  await page.locator('[data-test=signin]').click();
  await expect(page).toHaveURL(/\/progress$/);
  await page.goto('/units/DC');
  const total = page.locator('[data-test=unit-total]');
  await expect(total).toBeVisible();
  const totalBefore = (await total.innerText()).trim();

  // 核定 of item 1.2: the current final value (seeded: 4.5 by g1.li) is prefilled.
  await page.locator('[data-test="final-action-1.2"]').click();
  const dialog = page.locator('[data-test=final-dialog]');
  await expect(dialog).toBeVisible();
  const input = dialog.locator('input[data-test=final-input]');
  const prefilled = await input.inputValue();
  if (!prefilled) await input.fill('4.5');
  const value = prefilled || '4.5';
  // The dialog asks for the item's points, not what raters enter (a count, a grade).
  await expect(dialog.locator('[data-test=final-hint]')).toContainText('不是扣分次数');
  await expect(dialog).toContainText(/核定得分（0–[\d.]+ 分）/);
  await input.fill('99');
  await dialog.locator('[data-test=final-save]').click();
  await expect(dialog.locator('[data-test=final-error]')).toContainText('核定得分应为 0 到');
  await input.fill(value);
  // Without a reason the server refuses, and its message is shown in the dialog.
  await dialog.locator('[data-test=final-save]').click();
  await expect(dialog.locator('[data-test=final-error]')).toContainText('未能保存');
  await expect(dialog.locator('[data-test=final-error]')).toContainText(/理由/);
  await expect(dialog).toBeVisible();
  const reason = '复核党员统计台账后再次核定';
  await dialog.locator('textarea[data-test=final-reason]').fill(reason);
  // Enter twice on a slow link saves once (it saved twice, a duplicate in the history).
  let posts = 0;
  await page.route('**/api/v1/hq/units/DC/final', async (route) => {
    posts += 1;
    await new Promise((resolve) => setTimeout(resolve, 600));
    await route.continue();
  });
  await input.press('Enter');
  await input.press('Enter');
  await expect(dialog).toBeHidden();
  expect(posts).toBe(1);
  await page.unroute('**/api/v1/hq/units/DC/final');
  const final = page.locator('[data-test=final]').filter({ hasText: reason });
  await expect(final).toHaveCount(1);
  await expect(final).toContainText(value);
  await expect(final).toContainText('李建国');
  if (prefilled) await expect(total).toHaveText(totalBefore);

  // 提交本单位: either DC is complete and is submitted, or the server says what is unscored.
  const head = page.locator('[data-test=unit-head]');
  await page.locator('[data-test=unit-submit]').click();
  // Locking every score is confirmed first, never done on one click.
  const confirm = page.locator('[data-test=submit-dialog]');
  await expect(confirm).toContainText('评分即锁定');
  await confirm.locator('[data-test=submit-confirm]').click();
  const refused = page.locator('[data-test=submission-error]');
  const reopen = page.locator('[data-test=unit-reopen]');
  await expect(refused.or(reopen)).toBeVisible();
  if (await refused.isVisible()) {
    await expect(refused).toContainText(/还有 \d+ 项指标未评分/);
    await expect(head).toContainText('未提交');
  } else {
    await expect(head).toContainText('已提交');
    // A leader may still correct a final value of a submitted unit (with its reason).
    await expect(page.locator('[data-test="final-action-1.2"]')).toBeEnabled();
    await reopen.click();
    const reopenDialog = page.locator('[data-test=reopen-dialog]');
    await reopenDialog.locator('[data-test=reopen-confirm]').click();
    await expect(reopenDialog.locator('[data-test=reopen-error]')).toContainText('理由');
    await reopenDialog.locator('textarea[data-test=reopen-note]').fill('补充核实一项证据材料');
    await reopenDialog.locator('[data-test=reopen-confirm]').click();
    await expect(reopenDialog).toBeHidden();
    await expect(page.locator('[data-test=unit-submit]')).toBeVisible();
    await expect(head).toContainText('未提交');
  }
  expect(problems).toEqual([]);
  await context.close();
});

test('HQ has the same actions, on a phone without sideways overflow', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto('/signin');
  await page.locator('input[data-test=account]').fill('kpb.admin');
  await page.locator('input[data-test=password]').fill('kpb.admin-console');
  await page.locator('[data-test=signin]').click();
  await expect(page).toHaveURL(/\/progress$/);
  await page.goto('/units/DC');
  await expect(page.locator('[data-test="final-action-1.2"]')).toBeVisible();
  await expect(page.locator('[data-test=unit-submit], [data-test=unit-reopen]').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await context.close();
});
