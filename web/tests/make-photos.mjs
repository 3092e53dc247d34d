// Renders a few JPEG "site photos" with chromium, so the tests and screenshots have real
// images to upload as evidence without shipping binary files.
//   node tests/make-photos.mjs OUT_DIR
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
mkdirSync(out, { recursive: true });
const scenes = [
  ['site-hall.jpg', '#2f6b3a', '#9fd18b', '幸福社区党群服务中心'],
  ['ledger.jpg', '#7a4b1f', '#f1d3a1', '参学台账（按季度）'],
  ['board.jpg', '#8b1e1e', '#f6b8a8', '党员活动室公示栏'],
];
const browser = await chromium.launch({
  executablePath: process.env.ONSITE_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
for (const [file, dark, light, caption] of scenes) {
  await page.setContent(`<body style="margin:0;width:800px;height:600px;background:linear-gradient(160deg,${light},${dark});
    display:flex;align-items:flex-end;font-family:'Noto Sans CJK SC',sans-serif">
    <div style="position:absolute;left:90px;top:120px;width:620px;height:300px;background:rgba(255,255,255,.55);border:8px solid ${dark}"></div>
    <div style="margin:24px;padding:8px 16px;background:rgba(0,0,0,.55);color:#fff;font-size:36px">${caption}</div></body>`);
  await page.screenshot({ path: join(out, file), type: 'jpeg', quality: 80 });
}
await browser.close();
