// Browser tests of the HQ console against a real onsite-hq (started by run-e2e.sh).
import { test, expect, type Page, type BrowserContext } from '@playwright/test';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

interface CsvResult {
  unit: string;
  total: string;
  grade: string;
  rank: string;
  category_rank: string;
  veto: string;
  unscored: string;
  submitted: string;
  subtotals: string[];
}

function engineResults(): Map<string, CsvResult> {
  const path = process.env.ONSITE_RESULTS_CSV;
  if (!path) throw new Error('ONSITE_RESULTS_CSV is not set (run tests/run-e2e.sh)');
  const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const at = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`results CSV has no column ${name}`);
    return index;
  };
  const subtotalColumns = header.map((h, i) => (h.startsWith('subtotal_') ? i : -1)).filter((i) => i >= 0);
  const rows = new Map<string, CsvResult>();
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    rows.set(f[at('unit')], {
      unit: f[at('unit')],
      total: f[at('total')],
      grade: f[at('grade')],
      rank: f[at('rank')],
      category_rank: f[at('category_rank')],
      veto: f[at('veto')],
      unscored: f[at('unscored')],
      submitted: f[at('submitted')],
      subtotals: subtotalColumns.map((i) => f[i]),
    });
  }
  return rows;
}

const seeded = process.env.ONSITE_SEEDED === '1';
const password = (account: string) => `${account}-console`;
const campaignName = '2026年上半年全市组织工作量化考评';

/** Fails the test on any Content-Security-Policy refusal or uncaught page error. */
function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

async function signIn(page: Page, account: string): Promise<void> {
  await page.goto('/signin');
  await page.locator('input[data-test=account]').fill(account);
  await page.locator('input[data-test=password]').fill(password(account));
  await page.locator('[data-test=signin]').click();
  await expect(page).toHaveURL(/\/progress$/);
}

async function chooseOption(page: Page, select: string, label: string | RegExp): Promise<void> {
  await page.locator(`[data-test=${select}]`).click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: label }).first().click();
}

test.describe('sign-in', () => {
  test('a wrong password shows a clear error and stays on sign-in', async ({ page }) => {
    const problems = watchPage(page);
    await page.goto('/');
    await expect(page).toHaveURL(/\/signin/);
    await page.locator('input[data-test=account]').fill('kpb.wang');
    await page.locator('input[data-test=password]').fill('not-the-password');
    await page.locator('[data-test=signin]').click();
    await expect(page.locator('[data-test=signin-error]')).toContainText('账号或密码错误');
    await expect(page).toHaveURL(/\/signin/);
    expect(problems).toEqual([]);
  });

  test('throttling and an unreachable server are explained in Chinese', async ({ page }) => {
    await page.goto('/signin');
    await page.route('**/api/v1/hq/session', (route) =>
      route.fulfill({ status: 429, headers: { 'Retry-After': '90', 'Content-Type': 'application/json' }, body: '{"error":"too_many_attempts","message":"尝试次数过多"}' }),
    );
    await page.locator('input[data-test=account]').fill('kpb.admin');
    await page.locator('input[data-test=password]').fill('whatever');
    await page.locator('[data-test=signin]').click();
    await expect(page.locator('[data-test=signin-error]')).toContainText('尝试次数过多，请 90 秒后再试');
    await page.unroute('**/api/v1/hq/session');
    await page.route('**/api/v1/hq/session', (route) => route.abort('connectionrefused'));
    await page.locator('input[data-test=password]').fill('whatever');
    await page.locator('[data-test=signin]').click();
    await expect(page.locator('[data-test=signin-error]')).toContainText('无法连接考评办服务器');
  });

  test('an inspector cannot use the console', async ({ page }) => {
    await page.goto('/signin');
    await page.locator('input[data-test=account]').fill('g1.zhang');
    await page.locator('input[data-test=password]').fill(password('g1.zhang'));
    await page.locator('[data-test=signin]').click();
    await expect(page.locator('[data-test=signin-error]')).toContainText('不能使用考评办控制台');
    await page.goto('/results');
    await expect(page).toHaveURL(/\/signin/);
  });
});

test.describe('考评办', () => {
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    problems = watchPage(page);
    await signIn(page, 'kpb.admin');
  });
  test.afterAll(async () => {
    expect(problems).toEqual([]);
    await context.close();
  });

  test('the header names the campaign and the person; progress lists every unit', async () => {
    await expect(page.locator('[data-test=campaign-name]')).toHaveText(campaignName);
    await expect(page.locator('[data-test=person]')).toHaveText('赵考评');
    await expect(page.locator('[data-test=role]')).toContainText('考评办');
    const rows = page.locator('[data-test=progress-table] tbody tr');
    await expect(rows).toHaveCount(engineResults().size);
    await expect(page.locator('[data-test=progress-summary]')).toContainText(`/${engineResults().size} 个单位`);
    if (seeded) {
      const dc = rows.filter({ hasText: '东城区' });
      // visits, photos, findings, highlights columns
      await expect(dc.locator('td').nth(5)).toHaveText('2');
      await expect(dc.locator('td').nth(6)).toHaveText('3');
      await expect(dc.locator('td').nth(7)).toHaveText('2');
      await expect(dc.locator('td').nth(8)).toHaveText('1');
      await expect(page.locator('[data-test=devices-table] tbody tr')).toHaveCount(2);
    }
    // Groups in groups.csv order, not in the order of their names' characters (第一, 第三, 第二).
    const groupsShown = [...new Set(await rows.locator('td:first-child').allInnerTexts())].map((g) => g.trim());
    expect(groupsShown).toEqual(['第一检查组', '第二检查组', '第三检查组']);
    // Filter by group: group 1 has DC, BH and SM.
    await chooseOption(page, 'filter-group', '第一检查组');
    await expect(rows).toHaveCount(3);
    await page.locator('input[data-test=filter-search]').fill('东城');
    await expect(rows).toHaveCount(1);
  });

  test('the ranking on 结果 equals `onsite-hq results`', async () => {
    await page.locator('[data-test=nav-results]').click();
    await expect(page).toHaveURL(/\/results/);
    const expected = engineResults();
    const rows = page.locator('[data-test=results-table] tbody tr');
    await expect(rows).toHaveCount(expected.size);
    const projects = (readFileSync(process.env.ONSITE_RESULTS_CSV!, 'utf8').split(/\r?\n/)[0].split(','))
      .filter((h) => h.startsWith('subtotal_'))
      .map((h) => h.slice('subtotal_'.length));
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const text = (selector: string) => (tr.querySelector(selector) as HTMLElement | null)?.innerText.trim() ?? null;
        const subtotals: Record<string, string> = {};
        tr.querySelectorAll('[data-subtotal]').forEach((e) => (subtotals[(e as HTMLElement).dataset.subtotal!] = (e as HTMLElement).innerText.trim()));
        return {
          unit: text('[data-field=unit]'),
          rank: text('[data-field=rank]'),
          total: text('[data-field=total]'),
          grade: (tr.querySelector('[data-grade]') as HTMLElement | null)?.dataset.grade ?? null,
          category_rank: text('[data-field=category_rank]'),
          veto: (tr.querySelector('[data-veto]') as HTMLElement | null)?.dataset.veto ?? null,
          unscored: text('[data-field=unscored]'),
          submitted: (tr.querySelector('[data-submitted]') as HTMLElement | null)?.dataset.submitted ?? null,
          subtotals,
        };
      }),
    );
    const seen = new Set<string>();
    for (const row of shown) {
      const code = row.unit!;
      const want = expected.get(code);
      expect(want, `unit ${code} shown but not in the engine's results`).toBeTruthy();
      seen.add(code);
      const { subtotals, ...fields } = row;
      expect(fields, `unit ${code}`).toEqual({
        unit: code,
        rank: want!.rank,
        total: want!.total,
        grade: want!.grade,
        category_rank: want!.category_rank,
        veto: want!.veto,
        unscored: want!.unscored,
        submitted: want!.submitted,
      });
      // Every subtotal shown equals the engine's; only the veto project (no points) is left out.
      const shownCodes = Object.keys(subtotals);
      expect(shownCodes.length, `subtotal columns of ${code}`).toBeGreaterThanOrEqual(projects.length - 1);
      for (const project of shownCodes) {
        expect(subtotals[project], `subtotal ${project} of ${code}`).toBe(want!.subtotals[projects.indexOf(project)]);
      }
    }
    expect([...seen].sort()).toEqual([...expected.keys()].sort());
  });

  test('a unit opens to its evidence', async () => {
    const expected = engineResults();
    await page.locator('[data-test=unit-DC]').click();
    await expect(page).toHaveURL(/\/units\/DC/);
    await expect(page.locator('[data-test=unit-head] h1')).toContainText('东城区');
    await expect(page.locator('[data-test=unit-total]')).toHaveText(expected.get('DC')!.total);
    await expect(page.locator('[data-test=items-table] tbody tr')).toHaveCount(21);
    // Paper scores of group 1's four raters are shown per item.
    await expect(page.locator('[data-test=items-table]').first()).toContainText('李建国');
    if (seeded) {
      const final = page.locator('[data-test=final]').filter({ hasText: '核实干部统计报表后核定' });
      await expect(final).toHaveCount(1);
      await expect(final).toContainText('李建国');
      await expect(page.locator('[data-test=visits-table]')).toContainText('座谈支部书记和两名党员');
      await expect(page.locator('[data-test=visits-table]')).toContainText('幸福社区党群服务中心');
      const thumbs = page.locator('[data-test=photo-thumb] img');
      await expect(thumbs.first()).toBeVisible();
      await thumbs.first().scrollIntoViewIfNeeded();
      await expect
        .poll(() => thumbs.first().evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth))
        .toBeGreaterThan(0);
      // Captions name who took the photo, as visits do: 张海燕, not g1.zhang.
      const takenBy = await page.locator('[data-test^=photo-caption-]').allInnerTexts();
      expect(takenBy.length).toBeGreaterThan(0);
      for (const caption of takenBy) {
        expect(caption).toContain('张海燕');
        expect(caption).not.toContain('g1.zhang');
      }
      const src = await thumbs.first().getAttribute('src');
      expect(src).toMatch(/\/api\/v1\/hq\/photos\/[0-9a-f]{64}\?size=thumb$/);
      await thumbs.first().click();
      const full = page.locator('.el-image-viewer__wrapper img.el-image-viewer__img');
      await expect(full).toBeVisible();
      await expect(full).toHaveAttribute('src', /\/api\/v1\/hq\/photos\/[0-9a-f]{64}$/);
      await page.keyboard.press('Escape');
      await expect(page.locator('body')).toContainText('党员参学率台账未按月统计');
      await expect(page.locator('body')).toContainText('“红色管家”进小区');
    }
    // Group 3 has five raters on HW: the highest and lowest are marked as dropped.
    await page.goto('/units/HW');
    await expect(page.locator('[data-test=unit-total]')).toHaveText(expected.get('HW')!.total);
    await expect(page.locator('[data-dropped=true]').first()).toBeVisible();
  });

  test('进度 keeps its filters in the address; a unit’s back link returns there', async () => {
    await page.locator('[data-test=nav-progress]').click();
    const rows = page.locator('[data-test=progress-table] tbody tr');
    await expect(rows).toHaveCount(engineResults().size);
    await chooseOption(page, 'filter-group', '第二检查组');
    await expect(rows).toHaveCount(4);
    await expect(page).toHaveURL(/\/progress\?group=/);
    const back = page.locator('[data-test=unit-back]');
    // The browser's Back shows group 2's four units again…
    await rows.first().locator('a.unit-link').click();
    await expect(page).toHaveURL(/\/units\//);
    await expect(back).toHaveText('← 返回进度（一表）');
    await page.goBack();
    await expect(rows).toHaveCount(4);
    await expect(page.locator('[data-test=filter-group]')).toContainText('第二检查组');
    // …and so does the unit page's own link.
    await rows.nth(1).locator('a.unit-link').click();
    await expect(page).toHaveURL(/\/units\//);
    await back.click();
    await expect(page).toHaveURL(/\/progress\?group=/);
    await expect(rows).toHaveCount(4);
    // Opened directly there is no console page behind it: the link goes to 结果.
    await page.goto('/units/DC');
    await expect(back).toHaveText('← 返回考评结果');
    await back.click();
    await expect(page).toHaveURL(/\/results$/);
  });

  test('charts draw the ranking, the heat map and progress', async () => {
    await page.locator('[data-test=nav-charts]').click();
    await expect(page.locator('[data-test=ranking-chart] svg')).toHaveCount(3);
    await expect(page.locator('[data-test=heatmap] svg')).toHaveCount(1);
    await expect(page.locator('[data-test=ranking-chart]').first()).toContainText('东城区');
  });

  test('findings are listed and filtered', async () => {
    await page.locator('[data-test=nav-findings]').click();
    await expect(page.locator('[data-test=findings-count]')).toBeVisible();
    if (seeded) {
      await expect(page.locator('[data-test=findings-list] .finding')).toHaveCount(3);
      await chooseOption(page, 'filter-kind', '短板');
      await expect(page.locator('[data-test=findings-list] .finding')).toHaveCount(1);
      await expect(page.locator('[data-test=findings-list]')).toContainText('党员活动室开放时间未公示');
      await expect(page.locator('[data-test=findings-list]')).toContainText('在门口公示开放时间和联系人');
    }
  });

  test('publishing freezes a version with the CSRF token and lists it', async () => {
    await page.locator('[data-test=nav-publish]').click();
    await page.locator('[data-test=publish]').click();
    await page.locator('[data-test=publish-confirm]').click();
    await expect(page.locator('[data-test=publish-dialog]')).toContainText('请填写发布说明');
    await page.locator('textarea[data-test=publish-note]').fill('第一次通报');
    const request = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/hq/publications'));
    const response = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/hq/publications'));
    await page.locator('[data-test=publish-confirm]').click();
    expect((await request).headers()['x-csrf-token']).toBeTruthy();
    expect((await response).status()).toBe(201);
    await expect(page.locator('.published-message')).toContainText('已发布第 1 版');
    await expect(page.locator('[data-test=versions-table] tbody tr')).toHaveCount(1);
    await expect(page.locator('[data-test=versions-table]')).toContainText('第一次通报');
    // The publisher by name (people.csv), not the account.
    const version = page.locator('[data-test=versions-table] tbody tr').first();
    await expect(version).toContainText('赵考评');
    await expect(version).not.toContainText('kpb.admin');

    // The published version is selectable on 结果 and shows the same ranking.
    await page.locator('[data-test=nav-results]').click();
    await chooseOption(page, 'version-select', /^第 1 版/);
    await expect(page.locator('[data-test=results-version]')).toContainText('第 1 版');
    await expect(page).toHaveURL(/version=1/);
    const totals = await page.locator('[data-test=results-table] [data-test=total]').allInnerTexts();
    expect(totals.sort()).toEqual([...engineResults().values()].map((r) => r.total).sort());
  });

  test('the results XLSX and the report PDF download', async () => {
    const downloads = process.env.ONSITE_WEB_DOWNLOADS;
    if (downloads) mkdirSync(downloads, { recursive: true });
    await page.goto('/results');
    const checks = [
      { button: 'export-resultsXlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: 'PK', ext: '.xlsx' },
      { button: 'export-reportPdf', type: 'application/pdf', magic: '%PDF', ext: '.pdf' },
      { button: 'export-resultsCsv', type: 'text/csv', magic: '\uFEFF', ext: '.csv' },
    ];
    for (const check of checks) {
      const link = page.locator(`[data-test=${check.button}]`);
      const href = await link.getAttribute('href');
      // A PDF is laid out before its first byte: the console says it is on its way.
      const preparing = page.locator('.export-preparing');
      const shown = await preparing.count();
      const download = page.waitForEvent('download');
      await link.click();
      const file = await download;
      if (check.ext === '.pdf') await expect(preparing.last()).toContainText('正在生成通报 PDF');
      else expect(await preparing.count()).toBeLessThanOrEqual(shown); // (an earlier one may have gone)
      expect(file.suggestedFilename()).toMatch(new RegExp(`\\${check.ext}$`));
      if (downloads) await file.saveAs(join(downloads, `console-${check.button}${check.ext}`));
      const answer = await page.request.get(href!);
      expect(answer.status()).toBe(200);
      expect(answer.headers()['content-type']).toContain(check.type);
      expect(answer.headers()['content-disposition']).toContain("filename*=UTF-8''");
      const body = await answer.body();
      expect(body.length).toBeGreaterThan(200);
      expect(body.subarray(0, Buffer.byteLength(check.magic)).toString('utf8')).toBe(check.magic);
    }
    // A version that does not exist: the server's message, not a silently cancelled download.
    await page.goto('/results?version=99');
    const started: string[] = [];
    const onDownload = (d: { suggestedFilename(): string }) => started.push(d.suggestedFilename());
    page.on('download', onDownload);
    await page.locator('[data-test=export-resultsXlsx]').click();
    await expect(page.locator('.export-failed')).toContainText('结果 Excel导出失败：没有第 99 版发布结果');
    await page.locator('[data-test=export-reportPdf]').click();
    await expect(page.locator('.export-failed').last()).toContainText('通报 PDF导出失败：没有第 99 版发布结果');
    page.off('download', onDownload);
    expect(started).toEqual([]);
  });

  test('integrity shows its tables or a clear 暂不可用', async () => {
    await page.locator('[data-test=nav-integrity]').click();
    await expect(page.locator('[data-test=raters-table], [data-test=unavailable]').first()).toBeVisible();
    if (await page.locator('[data-test=raters-table]').count()) {
      // Every rater of the sample appears; group 1's four raters scored all 63 items of their units.
      await expect(page.locator('[data-test=raters-table]')).toContainText('张海燕');
      await expect(page.locator('[data-test=chain]')).toContainText('校验通过');
      await chooseOption(page, 'history-unit', '东城区');
      await expect(page.locator('[data-test=history-table], [data-test=unavailable]').first()).toBeVisible();
      if (await page.locator('[data-test=history-table]').count()) {
        await expect(page.locator('[data-test=history-table] tbody tr').first()).toBeVisible();
        // In words: a person's name and what was done, not account ids and codes.
        await expect(page.locator('[data-test=history-table]')).toContainText('新增');
        await expect(page.locator('[data-test=history-table]')).toContainText('组员评分');
        await expect(page.locator('[data-test=history-table]')).not.toContainText(/\b(create|update|score)\b/);
      }
    }
  });

  test('the language switch shows English and back', async () => {
    await page.locator('[data-test=language]').click();
    await expect(page.locator('[data-test=nav-results]')).toHaveText('Results');
    await page.locator('[data-test=language]').click();
    await expect(page.locator('[data-test=nav-results]')).toHaveText('考评结果');
  });

  test('a lost session returns to sign-in', async () => {
    await context.clearCookies();
    await page.locator('[data-test=nav-progress]').click();
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.locator('[data-test=signin-error]')).toContainText('登录已过期');
  });
});

test('a group leader sees only the group’s units, read only', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = watchPage(page);
  await signIn(page, 'g1.li');
  await expect(page.locator('[data-test=role]')).toContainText('检查组长');
  await expect(page.locator('[data-test=progress-table] tbody tr')).toHaveCount(3);
  await page.locator('[data-test=nav-results]').click();
  const rows = page.locator('[data-test=results-table] tbody tr');
  await expect(rows).toHaveCount(3);
  const codes = (await rows.locator('[data-field=unit]').allInnerTexts()).map((c) => c.trim()).sort();
  expect(codes).toEqual(['BH', 'DC', 'SM']);
  const expected = engineResults();
  for (const code of codes) {
    await expect(rows.filter({ hasText: code }).locator('[data-test=total]')).toHaveText(expected.get(code)!.total);
  }
  await page.locator('[data-test=nav-publish]').click();
  await expect(page.locator('body')).toContainText('检查组长只读');
  await expect(page.locator('[data-test=publish]')).toHaveCount(0);
  // Another group's unit is refused.
  await page.goto('/units/XC');
  await expect(page.locator('[data-test=load-error], [data-test=unavailable]').first()).toBeVisible();
  await expect(page.locator('[data-test=unit-head]')).toHaveCount(0);
  if (seeded) {
    await page.goto('/findings');
    await expect(page.locator('[data-test=findings-list] .finding')).toHaveCount(3);
  }
  expect(problems).toEqual([]);
  await context.close();
});

test('phone size: drawer menu, cards and no sideways overflow', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const problems = watchPage(page);
  await signIn(page, 'kpb.admin');
  await expect(page.locator('[data-test=progress-cards] .unit-card')).toHaveCount(engineResults().size);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  for (const name of ['results', 'charts', 'findings', 'highlights', 'integrity', 'publish']) {
    await page.locator('[data-test=menu]').click();
    await page.locator(`.nav-drawer [data-test=nav-${name}]`).click();
    await expect(page).toHaveURL(new RegExp(`/${name}`));
    await page.waitForLoadState('networkidle');
    expect(await overflow(), `page ${name} overflows sideways`).toBeLessThanOrEqual(0);
  }
  await page.goto('/results');
  await expect(page.locator('[data-test=results-cards] .result-card')).toHaveCount(engineResults().size);
  await page.locator('[data-test=results-cards] .result-card[data-unit=DC]').click();
  await expect(page.locator('[data-test=unit-total]')).toHaveText(engineResults().get('DC')!.total);
  expect(await overflow()).toBeLessThanOrEqual(0);
  if (seeded) {
    // 实地查看 as cards, every field in view without a sideways swipe.
    await expect(page.locator('[data-test=visits-table] table')).toHaveCount(0);
    const cards = page.locator('[data-test=visit-card]');
    await expect(cards).toHaveCount(2);
    for (const label of ['签到', '距点位', '签退', '记录']) await expect(cards.first()).toContainText(label);
    await expect(page.locator('[data-test=visits-table]')).toContainText('座谈支部书记和两名党员');
    for (const card of await cards.all()) {
      const box = (await card.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(await card.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    }
  }
  expect(problems).toEqual([]);
  await context.close();
});

test('进度 refreshes by itself every 15 s', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.clock.install();
  await signIn(page, 'kpb.admin');
  await expect(page.locator('[data-test=progress-table] tbody tr')).toHaveCount(engineResults().size);
  const again = page.waitForRequest((r) => r.url().endsWith('/api/v1/hq/progress'));
  await page.clock.fastForward(16_000);
  expect((await again).method()).toBe('GET');
  await expect(page).toHaveURL(/\/progress$/);
  await context.close();
});

test('a page whose code cannot be fetched opens afresh instead of ignoring the click', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, 'kpb.admin');
  await page.locator('[data-test=nav-results]').click();
  await expect(page.locator('[data-test=unit-DC]')).toBeVisible();
  // As after an upgrade of HQ: the unit page's file fails once, then is there again.
  let refused = 0;
  await page.route(/\/assets\/UnitPage-[^/]*\.js$/, async (route) => {
    if (refused++ === 0) await route.abort('connectionreset');
    else await route.continue();
  });
  await page.locator('[data-test=unit-DC]').click();
  await expect(page).toHaveURL(/\/units\/DC$/);
  await expect(page.locator('[data-test=unit-head] h1')).toContainText('东城区');
  expect(refused).toBeGreaterThanOrEqual(2);
  await context.close();
});

test('HQ unreachable while a signed-in tab reloads: the session is kept, the page comes back', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.clock.install();
  await signIn(page, 'kpb.admin');
  await page.locator('[data-test=nav-results]').click();
  await expect(page).toHaveURL(/\/results$/);

  // A server error, then no answer at all: neither may read as "signed out".
  await page.route('**/api/v1/hq/session', (route) =>
    route.request().method() === 'GET'
      ? route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"internal","message":"数据库暂时不可用"}' })
      : route.continue(),
  );
  await page.reload();
  await expect(page).toHaveURL(/\/unreachable\?redirect=(%2F|\/)results$/);
  await expect(page.locator('[data-test=unreachable]')).toContainText('暂时无法确认登录状态');
  await expect(page.locator('[data-test=unreachable-detail]')).toContainText('500 数据库暂时不可用');
  await page.unroute('**/api/v1/hq/session');
  await page.route('**/api/v1/hq/session', (route) => route.abort('connectionrefused'));
  await page.locator('[data-test=unreachable-retry]').click();
  await expect(page.locator('[data-test=unreachable-detail]')).toHaveCount(0);
  await expect(page.locator('[data-test=unreachable-countdown]')).toContainText(/\d+ 秒后自动重试/);
  await expect(page).toHaveURL(/\/unreachable/);

  // HQ is back: the page checks again by itself and returns to 结果, still signed in.
  await page.unroute('**/api/v1/hq/session');
  await page.clock.fastForward(11_000);
  await expect(page).toHaveURL(/\/results$/);
  await expect(page.locator('[data-test=person]')).toBeVisible();
  await expect(page.locator('[data-test=unit-DC]')).toBeVisible();

  // A real 401 on reload still means sign-in, keeping the address.
  await context.clearCookies();
  await page.reload();
  await expect(page).toHaveURL(/\/signin\?redirect=(%2F|\/)results$/);
  expect(problems).toEqual([]);
  await context.close();
});

test('a failed refresh says the data shown is older; signing out is not an expired session', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = watchPage(page);
  await signIn(page, 'kpb.admin');
  const rows = page.locator('[data-test=progress-table] tbody tr');
  await expect(rows).toHaveCount(engineResults().size);
  await page.route('**/api/v1/hq/progress', (route) => route.abort('connectionrefused'));
  await page.locator('[data-test=refresh]').click();
  await expect(page.locator('[data-test=load-stale]')).toContainText('刷新失败（无法连接考评办服务器）');
  await expect(rows).toHaveCount(engineResults().size);
  await page.unroute('**/api/v1/hq/progress');
  // A proxy's HTML error page reads as words too, not as "http_500".
  await page.route('**/api/v1/hq/progress', (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<html>Internal Server Error</html>' }));
  await page.locator('[data-test=refresh]').click();
  await expect(page.locator('[data-test=load-stale]')).toContainText('服务器出错（HTTP 500）');
  await page.unroute('**/api/v1/hq/progress');
  await page.locator('[data-test=refresh]').click();
  await expect(page.locator('[data-test=load-stale]')).toHaveCount(0);

  await page.locator('[data-test=nav-results]').click();
  await expect(page.locator('[data-test=unit-DC]')).toBeVisible();
  await page.locator('[data-test=signout]').click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.locator('[data-test=signin-error]')).toHaveCount(0);
  expect(problems).toEqual([]);
  await context.close();
});
