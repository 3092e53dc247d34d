import { defineConfig } from '@playwright/test';

// Browser tests and screenshots of the console. They drive Debian's chromium package
// (no browser download is possible here) against a real onsite-hq started by
// tests/run-e2e.sh or scripts/screenshots, which pass its address in ONSITE_CONSOLE_URL.
export default defineConfig({
  testDir: './tests',
  testMatch: /.*\.spec\.ts$/,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  outputDir: process.env.ONSITE_WEB_TEST_OUTPUT || 'test-results',
  use: {
    baseURL: process.env.ONSITE_CONSOLE_URL,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.ONSITE_CHROMIUM || '/usr/bin/chromium',
      // CI runs as root, where chromium refuses its sandbox.
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--font-render-hinting=none'],
    },
  },
});
