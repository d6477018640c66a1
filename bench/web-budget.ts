/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser: they are typed against the DOM.
// The web application's budgets, measured in Debian's Chromium against the built application
// on a temporary seeded database: `npm run build && node bench/web-budget.ts [runs]`.
// - JavaScript of the dashboard: every script the signed-in dashboard loads, gzipped as the
//   server sends it (the precompressed .gz of each file); budget 150 KB.
// - First page usable: from the navigation's start (Navigation Timing's time origin) to the
//   public home's heading on screen, in a fresh browser profile, median of `runs` (default 5);
//   budget 1 second.
// Exits 1 when a budget is exceeded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { DEFAULT_WEB_ROOT } from '../src/server/http/web-app.ts';
import { startWebServer, WEB_PASSWORD } from '../tests/support/web-server.ts';

const JS_BUDGET_BYTES = 150 * 1024;
const USABLE_BUDGET_MS = 1000;
const runs = Number(process.argv[2] ?? 5);
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const server = await startWebServer();
await server.addUser('nato', 'budget', ['member']);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: FLAGS,
});
try {
  const usable: number[] = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const at = await (
      await page.waitForFunction(() =>
        document.querySelector('h1')?.textContent === 'NATO-Russia Permanent Joint Council'
          ? performance.now()
          : false,
      )
    ).jsonValue();
    usable.push(Number(at));
    await context.close();
  }
  usable.sort((a, b) => a - b);
  const median = usable[Math.floor(usable.length / 2)] ?? Number.NaN;

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Party').selectOption('nato');
  await page.getByLabel('Username').fill('budget');
  await page.getByLabel('Password').fill(WEB_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${server.url}/dashboard`);
  // The dashboard as a person opens it: a fresh load of its own address.
  await page.goto(`${server.url}/dashboard`);
  await page.waitForLoadState('networkidle');
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.endsWith('.js')),
  );
  let total = 0;
  const rows: string[] = [];
  for (const path of [...new Set(scripts)]) {
    const body = readFileSync(join(DEFAULT_WEB_ROOT, path));
    const gz = gzipSync(body, { level: 9 }).length;
    total += gz;
    rows.push(`  ${path.padEnd(48)} ${(gz / 1024).toFixed(1).padStart(6)} KB`);
  }
  await context.close();
  console.log('JavaScript of /dashboard (gzipped):');
  console.log(rows.join('\n'));
  console.log(
    `  total ${(total / 1024).toFixed(1)} KB (budget ${JS_BUDGET_BYTES / 1024} KB): ${total <= JS_BUDGET_BYTES ? 'ok' : 'OVER'}`,
  );
  console.log(
    `First page usable: median ${Math.round(median)} ms over ${runs} fresh profiles (${usable.map(Math.round).join(', ')}); budget ${USABLE_BUDGET_MS} ms: ${median < USABLE_BUDGET_MS ? 'ok' : 'OVER'}`,
  );
  process.exitCode = total <= JS_BUDGET_BYTES && median < USABLE_BUDGET_MS ? 0 : 1;
} finally {
  await browser.close();
  await server.close();
}
