/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser: they are typed against the DOM.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { WEB_PASSWORD } from './web-server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The flags the journeys (and DEVELOPERS.md) run Debian's Chromium with. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 740 };

/**
 * Whether the journeys can run. Without Chromium they are skipped with a message naming what
 * is missing, except under CI, where a missing browser is a failure (`.ci/run` installs it).
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `browser journeys need Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`SKIPPED: ${message}`);
  return false;
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Content-Security-Policy violations and uncaught errors seen so far. */
  problems: string[];
}

/** A fresh browser profile and page that records CSP violations and page errors. */
export async function openPage(
  browser: Browser,
  viewport = DESKTOP,
  options: { locale?: string; timezoneId?: string } = {},
): Promise<Watched> {
  const context = await browser.newContext({
    viewport,
    locale: options.locale ?? 'en-GB',
    timezoneId: options.timezoneId ?? 'Europe/Brussels',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  await page.exposeFunction('__reportViolation', (text: string) => problems.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportViolation: (t: string) => void }).__reportViolation(
        `CSP ${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

/** Signs in through the sign-in page, as a person does, and waits for the dashboard. */
export async function signIn(page: Page, baseUrl: string, party: string, username: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Party').selectOption(party);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(WEB_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/dashboard`);
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/** Waits until no query is loading: every "Loading…" placeholder has gone. */
export async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
}

/** axe-core finds no serious or critical violation on the page as it stands. */
export async function expectAccessible(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${where}`,
  ).toEqual([]);
}

/** A picture of the page under test-results/ (ignored by git): whole, or what the screen shows. */
export async function screenshot(page: Page, name: string, fullPage = true) {
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: join('test-results', `${name}.png`), fullPage });
}
