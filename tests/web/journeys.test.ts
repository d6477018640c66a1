/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser: they are typed against the DOM.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_PAGES } from '../../src/shared/web-routes.ts';
import {
  chromiumAvailable,
  DESKTOP,
  expectAccessible,
  launch,
  openPage,
  PHONE,
  screenshot,
  settled,
  signIn,
} from '../support/browser.ts';
import { startWebServer, type WebServer } from '../support/web-server.ts';

const available = chromiumAvailable();
let server: WebServer;
let browser: Browser;
const state: { meetingId?: string; decisionId?: string } = {};

beforeAll(async () => {
  if (!available) return;
  server = await startWebServer();
  await server.addUser('nato', 'robertson', ['secretary']);
  await server.addUser('nato', 'nato-member', ['member']);
  await server.addUser('nato', 'nato-chair', ['chair']);
  await server.addUser('russia', 'ivanov', ['secretary']);
  await server.addUser('russia', 'russia-member', ['member']);
  await server.addUser('russia', 'russia-chair', ['chair']);
  await server.addUser('nato', 'nato-admin', ['admin']);
  await server.addUser('russia', 'russia-admin', ['admin']);
  browser = await launch();
  // The browser's own first start (its renderer, its compilers) is not the application's:
  // one blank page first, so the first-page timing below measures the page.
  const warm = await browser.newPage();
  await warm.goto('about:blank');
  await warm.close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const text = (page: Page) => page.locator('body').innerText();

interface TextRead {
  version: number;
  languageVersions: {
    language: string;
    original: boolean;
    paragraphs: { id: string; text: string }[];
  }[];
}

/** Gives every other language version of a text its paragraphs, as the signed-in secretary. */
async function translateAll(page: Page, id: string): Promise<void> {
  const problem = await page.evaluate(async (textId) => {
    const csrf = localStorage.getItem('council.csrf') ?? '';
    const read = async () => (await (await fetch(`/api/texts/${textId}`)).json()) as TextRead;
    let x = await read();
    const original = x.languageVersions.find((l) => l.original);
    for (const lv of x.languageVersions.filter((l) => !l.original)) {
      for (const p of original?.paragraphs ?? []) {
        const res = await fetch(
          `/api/texts/${textId}/languages/${lv.language}/paragraphs/${p.id}`,
          {
            method: 'PUT',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
            body: JSON.stringify({ version: x.version, text: `(${lv.language}) ${p.text}` }),
          },
        );
        if (!res.ok) return `${res.status} ${await res.text()}`;
        x = await read();
      }
    }
    return null;
  }, id);
  expect(problem).toBeNull();
}

describe.skipIf(!available)('browser journeys', { timeout: 120_000 }, () => {
  it('an anonymous visitor reads the public record with its sources, usable in under a second, and nothing else', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const { page, problems, context } = await openPage(browser, viewport);
      await page.goto(`${server.url}/`);
      // Usable: the council's heading is on screen, measured in the page from its navigation's
      // start (Navigation Timing's time origin), so the test's own overhead does not count.
      const usableAt = await (
        await page.waitForFunction(() =>
          document.querySelector('h1')?.textContent === 'NATO-Russia Permanent Joint Council'
            ? performance.now()
            : false,
        )
      ).jsonValue();
      const timing = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return { responseEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd };
      });
      console.log(
        `first page at ${viewport.width}px: usable at ${Math.round(Number(usableAt))} ms`,
        timing,
      );
      // The 1-second budget is measured by bench/web-budget.ts on an idle machine; here, with
      // the rest of the suite running beside the browser on two cores, a wider bound still
      // catches a page that waits on something it should not.
      expect(Number(usableAt)).toBeLessThan(3000);
      await settled(page);
      expect(await page.title()).toBe('Joint Council');
      await screenshot(page, `public-home-${viewport.width}`, false);
      const body = await text(page);
      expect(body).toContain('The council today');
      expect(body).toContain('Source:');
      expect(body).toContain('Russia-NATO relations');
      // The fact sheet's own disclaimer is offered where the fact sheet is cited.
      await page.getByText('Disclaimer of the source').first().click();
      expect(await text(page)).toMatch(/NATO/);
      expect(body).not.toMatch(/caucus only/i);
      expect(body).not.toContain('Sign out');
      await expectAccessible(page, `/ at ${viewport.width}px`);
      for (const path of [
        '/timeline',
        '/cooperation',
        '/sources',
        '/meetings',
        '/texts',
        '/work-programmes',
      ]) {
        await page.goto(`${server.url}${path}`);
        await settled(page);
        expect(await page.title(), path).not.toBe('Joint Council');
        expect(await text(page), path).not.toMatch(/caucus only|Something went wrong/i);
        await expectAccessible(page, `${path} at ${viewport.width}px`);
      }
      // Every page is a real link a crawler can follow.
      await page.goto(`${server.url}/`);
      await settled(page);
      const hrefs = await page
        .locator('a[href^="/"]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs).toContain('/timeline');
      await page.goto(`${server.url}/timeline`);
      await settled(page);
      expect(await text(page)).toContain('Suspended');
      await screenshot(page, `anonymous-${viewport.width}`);
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it('a NATO secretary schedules a ministerial meeting and builds its agenda, both sides agree it, and a Russia member sees it', async () => {
    const nato = await openPage(browser);
    await signIn(nato.page, server.url, 'nato', 'robertson');
    await expectAccessible(nato.page, '/dashboard');
    await nato.page.goto(`${server.url}/meetings`);
    await nato.page.getByText('Schedule a meeting').click();
    await nato.page.getByLabel('Title').fill('PJC at foreign ministers, spring 2027');
    await nato.page.getByLabel('Level').selectOption('foreign-ministers');
    await nato.page.getByLabel('Starts at').fill('2027-03-10T10:00');
    await nato.page.getByLabel('Venue').fill('Brussels');
    await nato.page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await nato.page.waitForURL(/\/meetings\/[^/]+$/);
    state.meetingId = nato.page.url().split('/').pop();
    await nato.page
      .getByRole('heading', { name: 'PJC at foreign ministers, spring 2027' })
      .waitFor();
    for (const title of ['Balkans', 'Non-proliferation', 'Civil emergency planning']) {
      await nato.page.getByLabel('New agenda item').fill(title);
      await nato.page.getByRole('button', { name: 'Add to the agenda' }).click();
      await nato.page.getByRole('row', { name: new RegExp(title) }).waitFor();
    }
    // Keyboard only: focus the button and press Enter; the order is the server's answer.
    await nato.page.getByRole('button', { name: 'Move Civil emergency planning up' }).focus();
    await nato.page.keyboard.press('Enter');
    await expect
      .poll(() => nato.page.locator('.agenda-title').allInnerTexts(), { timeout: 10_000 })
      .toEqual([
        expect.stringContaining('Balkans'),
        expect.stringContaining('Civil emergency planning'),
        expect.stringContaining('Non-proliferation'),
      ]);
    await expectAccessible(nato.page, 'the meeting page');
    // Attendance by delegation.
    const delegation = nato.page.getByLabel('Delegation');
    const firstDelegation = await delegation.locator('option').nth(1).innerText();
    await delegation.selectOption({ index: 1 });
    await nato.page.getByLabel('Represented by (optional)').fill('Ambassador on duty');
    await nato.page.getByRole('button', { name: 'Record attendance' }).click();
    await nato.page.getByRole('button', { name: `Remove ${firstDelegation}` }).waitFor();
    const agree = nato.page.getByRole('button', { name: /Agree version \d+ for NATO/ });
    await agree.click();
    await nato.page.getByText(/NATO agreed version \d+/).waitFor();
    expect(await text(nato.page)).toContain('Russia has not agreed this version');

    const russia = await openPage(browser);
    await signIn(russia.page, server.url, 'russia', 'ivanov');
    await russia.page
      .getByRole('link', { name: 'PJC at foreign ministers, spring 2027' })
      .first()
      .click();
    await russia.page.getByRole('button', { name: /Agree version \d+ for Russia/ }).click();
    await russia.page.getByText('Agreed by both parties').waitFor();

    const member = await openPage(browser, PHONE);
    await signIn(member.page, server.url, 'russia', 'russia-member');
    await member.page.goto(`${server.url}/meetings/${state.meetingId}`);
    await member.page.getByText('Agreed by both parties').waitFor();
    const seen = await text(member.page);
    expect(seen).toContain('Civil emergency planning');
    expect(seen).toContain('Ambassador on duty');
    expect(seen).toMatch(/NATO agreed version \d+/);
    expect(seen).toMatch(/Russia agreed version \d+/);
    expect(seen).not.toContain('Add to the agenda');
    await expectAccessible(member.page, 'the meeting page at 360px');
    await screenshot(member.page, 'meeting-agreed-russia-member-360');
    await nato.page.reload();
    await settled(nato.page);
    await screenshot(nato.page, 'meeting-nato-secretary', false);
    for (const w of [nato, russia, member]) {
      expect(w.problems).toEqual([]);
      await w.context.close();
    }
  });

  it('both chairs concur on a decision, each on the version it read, and only then is it agreed', async () => {
    const secretary = await openPage(browser);
    await signIn(secretary.page, server.url, 'nato', 'robertson');
    await secretary.page.goto(`${server.url}/decisions`);
    await secretary.page.getByText('Propose a decision').click();
    await secretary.page.getByLabel('Subject').fill('Joint fight against terrorism');
    await secretary.page.getByLabel('Text').fill('The council agrees to exchange assessments.');
    await secretary.page.getByRole('button', { name: 'Propose', exact: true }).click();
    await secretary.page.waitForURL(/\/decisions\/[^/]+$/);
    state.decisionId = secretary.page.url().split('/').pop();

    const natoChair = await openPage(browser);
    await signIn(natoChair.page, server.url, 'nato', 'nato-chair');
    await natoChair.page.goto(`${server.url}/decisions/${state.decisionId}`);
    await natoChair.page.getByRole('button', { name: 'Concur in version 1' }).click();
    await natoChair.page.getByText('NATO concurred in version 1').waitFor();
    expect(await text(natoChair.page)).toContain('Russia has not responded');
    expect(await natoChair.page.locator('.status-pill').first().innerText()).toBe('Proposed');

    const russiaChair = await openPage(browser);
    await signIn(russiaChair.page, server.url, 'russia', 'russia-chair');
    await russiaChair.page.goto(`${server.url}/dashboard`);
    await russiaChair.page.getByRole('link', { name: 'Joint fight against terrorism' }).click();
    await russiaChair.page.getByRole('button', { name: 'Concur in version 1' }).click();
    await russiaChair.page.getByText('Russia concurred in version 1').waitFor();
    expect(await russiaChair.page.locator('.status-pill').first().innerText()).toBe('Agreed');
    expect(await text(russiaChair.page)).toContain('NATO concurred in version 1');
    await expectAccessible(russiaChair.page, 'the decision page');
    await screenshot(russiaChair.page, 'decision-agreed');
    for (const w of [secretary, natoChair, russiaChair]) {
      expect(w.problems).toEqual([]);
      await w.context.close();
    }
  });

  it("a NATO member's caucus note never appears on any page a Russia user visits", async () => {
    const words = 'heronfall contingency';
    const nato = await openPage(browser);
    await signIn(nato.page, server.url, 'nato', 'nato-member');
    await nato.page.goto(`${server.url}/meetings/${state.meetingId}`);
    await nato.page.getByLabel('New note').fill(`Our line: ${words}`);
    await nato.page.getByRole('button', { name: 'Save the note' }).click();
    await nato.page.getByText(`Our line: ${words}`).waitFor();
    // The author's own party sees it, marked unmistakably as its caucus.
    expect(await nato.page.locator('.note-caucus').innerText()).toContain('NATO CAUCUS ONLY');
    await nato.page.goto(`${server.url}/search?q=heronfall`);
    await nato.page.getByRole('link', { name: /Our line/ }).waitFor();

    const russia = await openPage(browser);
    await signIn(russia.page, server.url, 'russia', 'russia-member');
    const paths = WEB_PAGES.map((p) =>
      p
        .replace('/meetings/:id', `/meetings/${state.meetingId}`)
        .replace('/decisions/:id', `/decisions/${state.decisionId}`)
        .replace('/texts/:id', '/texts/none')
        .replace(':year', '2001'),
    );
    for (const path of [...paths, '/search?q=heronfall', '/search?q=contingency']) {
      await russia.page.goto(`${server.url}${path}`);
      await settled(russia.page);
      const seen = await text(russia.page);
      // The note's words (the Russia user's own query aside, which the search page repeats).
      expect(seen.toLowerCase(), path).not.toContain(`our line: ${words}`);
      expect(
        seen.toLowerCase().replaceAll('“heronfall”', '').replaceAll('“contingency”', ''),
        path,
      ).not.toContain('heronfall');
      if (path.startsWith('/search?')) expect(seen, path).toContain('Nothing matches');
      // Every signed-in page, while we are on it, for the people who use it without a mouse.
      await expectAccessible(russia.page, `${path} signed in`);
      expect(seen, path).not.toMatch(/NATO caucus only/i);
    }
    expect(russia.problems).toEqual([]);
    await screenshot(russia.page, 'caucus-note-russia-search');
    await nato.context.close();
    await russia.context.close();
  });

  it("a text is negotiated through its brackets: each side sees who holds which wording, accepts the other's, and the versions compare side by side", async () => {
    const nato = await openPage(browser);
    await signIn(nato.page, server.url, 'nato', 'robertson');
    await nato.page.goto(`${server.url}/texts`);
    await nato.page.getByText('Start a text').click();
    await nato.page.getByLabel('Title').fill('Joint statement on the Balkans');
    await nato.page
      .getByLabel('Paragraphs')
      .fill(
        'The council met in Brussels.\n\nThe council [NATO: condemns | RUS: regrets] the violence and calls for restraint.',
      );
    await nato.page.getByRole('button', { name: 'Start the text' }).click();
    await nato.page.waitForURL(/\/texts\/[^/]+$/);
    const textUrl = nato.page.url();
    await nato.page.getByRole('heading', { name: 'Joint statement on the Balkans' }).waitFor();
    expect(await text(nato.page)).toContain('NATO: condemns');
    await expectAccessible(nato.page, 'a text under negotiation');

    const russia = await openPage(browser);
    await signIn(russia.page, server.url, 'russia', 'ivanov');
    await russia.page.goto(textUrl);
    await russia.page.getByRole('button', { name: "Accept NATO's wording: condemns" }).click();
    await russia.page.getByText('no bracket left').waitFor();
    expect(await text(russia.page)).toContain('The council condemns the violence');
    await russia.page.getByRole('tab', { name: 'Versions', exact: true }).click();
    await russia.page.locator('table.diff').waitFor();
    const removed = (await russia.page.locator('table.diff del').allInnerTexts()).join('');
    expect(removed).toContain('regrets');
    expect(await russia.page.locator('table.diff tr.diff-changed td').last().innerText()).toContain(
      'The council condemns the violence',
    );
    await expectAccessible(russia.page, 'the versions of a text');
    await screenshot(russia.page, 'text-diff-russia');

    // NATO's chair puts the clean text under silence: the deadline counts down on the text and
    // on the dashboard, and a Russian participant is offered to break it.
    // (The Russian version is translated through the API: this journey is about the silence.)
    await translateAll(russia.page, textUrl.split('/').pop() ?? '');
    const chair = await openPage(browser);
    await signIn(chair.page, server.url, 'nato', 'nato-chair');
    await chair.page.goto(textUrl);
    await chair.page.getByRole('button', { name: 'Put under silence' }).click();
    const timer = chair.page.locator('[data-slot="silence"] [role="timer"]');
    await timer.waitFor();
    expect(await timer.innerText()).toMatch(/^1 day 23 hr \d+ min \d+ sec left$/);
    await expectAccessible(chair.page, 'a text under silence');
    await screenshot(chair.page, 'text-under-silence');
    await chair.page.goto(`${server.url}/dashboard`);
    await chair.page.locator('[aria-labelledby="silence-title"] [role="timer"]').waitFor();
    expect(await text(chair.page)).toContain('Joint statement on the Balkans');
    await expectAccessible(chair.page, 'the dashboard with a text under silence');
    await screenshot(chair.page, 'dashboard-silence');
    await russia.page.goto(textUrl);
    await russia.page.getByRole('button', { name: 'Break silence' }).waitFor();
    // Russia's secretary was told: the dashboard counts the unread notification, and marks it read.
    await russia.page.goto(`${server.url}/dashboard`);
    await russia.page.getByText(/^\d+ unread notifications?$/).waitFor();
    expect(
      await russia.page.locator('[aria-labelledby="notifications-title"]').innerText(),
    ).toContain('Silence started');
    await expectAccessible(russia.page, 'the dashboard with an unread notification');
    await russia.page.getByRole('button', { name: 'Mark all read' }).click();
    await russia.page.getByText('No unread notification.').waitFor();

    // Each party's admin has the server hold a key for it; the deadline passes (the server's
    // clock is moved), the text is adopted, and each chair signs: only then "Signed by both".
    for (const party of ['nato', 'russia']) {
      const admin = await openPage(browser);
      await signIn(admin.page, server.url, party, `${party}-admin`);
      const status = await admin.page.evaluate(async (p) => {
        const res = await fetch(`/api/parties/${p}/keys`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-csrf-token': localStorage.getItem('council.csrf') ?? '',
          },
          body: JSON.stringify({ serverHeld: true }),
        });
        return res.status;
      }, party);
      expect(status).toBe(201);
      await admin.context.close();
    }
    server.advance(49 * 3_600_000);
    // (Two days on, the sessions opened before have expired: the chairs sign in again.)
    const natoChair = await openPage(browser);
    await signIn(natoChair.page, server.url, 'nato', 'nato-chair');
    const russiaChair = await openPage(browser);
    await signIn(russiaChair.page, server.url, 'russia', 'russia-chair');
    for (const signer of [natoChair.page, russiaChair.page]) {
      await signer.goto(textUrl);
      await signer.getByRole('button', { name: 'Sign with the key the server holds' }).click();
      await signer
        .getByRole('button', { name: 'Sign with the key the server holds' })
        .waitFor({ state: 'detached' });
    }
    await russiaChair.page.locator('[data-slot="signed-by-both"]').waitFor();
    expect(await text(russiaChair.page)).toContain('Signed by both');
    await expectAccessible(russiaChair.page, 'an adopted text signed by both');
    await screenshot(russiaChair.page, 'text-signed-by-both');
    for (const w of [natoChair, russiaChair, chair]) {
      expect(w.problems).toEqual([]);
      await w.context.close();
    }

    // A second text stays under negotiation for the README's picture of one.
    await signIn(nato.page, server.url, 'nato', 'robertson');
    await nato.page.goto(`${server.url}/texts`);
    await nato.page.getByText('Start a text').click();
    await nato.page.getByLabel('Title').fill('Joint statement on peacekeeping in Kosovo');
    await nato.page
      .getByLabel('Paragraphs')
      .fill(
        'The council reviewed cooperation in KFOR.\n\nBoth sides [NATO: welcome | RUS: take note of] the progress made and [NATO: reaffirm their commitment to | RUS: will consider] a joint mission.',
      );
    await nato.page.getByRole('button', { name: 'Start the text' }).click();
    await nato.page
      .getByRole('heading', { name: 'Joint statement on peacekeeping in Kosovo' })
      .waitFor();
    await settled(nato.page);
    await screenshot(nato.page, 'text-under-negotiation', false);
    for (const w of [nato, russia]) {
      expect(w.problems).toEqual([]);
      await w.context.close();
    }
  });

  it('switching to Russian shows the interface in Russian with dates in Russian format, and is remembered', async () => {
    const w = await openPage(browser);
    await signIn(w.page, server.url, 'russia', 'russia-member');
    await w.page.goto(`${server.url}/meetings`);
    await settled(w.page);
    await w.page.getByLabel('Language').selectOption('ru');
    await w.page.getByRole('heading', { level: 1, name: 'Заседания' }).waitFor();
    expect(await w.page.locator('html').getAttribute('lang')).toBe('ru');
    const seen = await text(w.page);
    expect(seen).toContain('Выйти');
    // "18 июля 1997 г.": the day, the Russian genitive month, the year.
    expect(seen).toMatch(
      /\d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4}/,
    );
    await w.page.reload();
    await w.page.getByRole('heading', { level: 1, name: 'Заседания' }).waitFor();
    expect(await w.page.title()).toContain('Заседания');
    await expectAccessible(w.page, '/meetings in Russian');
    await screenshot(w.page, 'russian-meetings');
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it("a party's admin declares the highest marking its party accepts on shared texts, and the other party reads it", async () => {
    const admin = await openPage(browser);
    await signIn(admin.page, server.url, 'nato', 'nato-admin');
    await admin.page.goto(`${server.url}/admin`);
    await settled(admin.page);
    const marking = admin.page.getByLabel('Highest marking');
    expect(await marking.inputValue()).toBe('nato-unclassified');
    // NATO's admin is cleared no higher than NATO UNCLASSIFIED: a higher ceiling is refused,
    // naming why, and nothing changes.
    await marking.selectOption('nato-secret');
    await admin.page.getByRole('button', { name: 'Declare' }).click();
    await admin.page
      .getByText('no enabled user of nato is cleared for NATO SECRET')
      .first()
      .waitFor();
    await expectAccessible(admin.page, '/admin with a refused declaration');
    await screenshot(admin.page, 'admin-ceiling');
    await marking.selectOption('public-disclosed');
    await marking.selectOption('nato-unclassified');
    await admin.page.getByRole('button', { name: 'Declare' }).click();
    await settled(admin.page);
    expect(admin.problems).toEqual([]);
    await admin.context.close();
    const russia = await openPage(browser);
    await signIn(russia.page, server.url, 'russia', 'russia-member');
    const seen = await russia.page.evaluate(async () => {
      const response = await fetch('/api/parties/nato');
      return (await response.json()).jointMarkingCeiling;
    });
    expect(seen).toBe('nato-unclassified');
    await russia.context.close();
  });

  it("the council's public description changes only once both parties publish the same wording", async () => {
    const wording = 'A forum for consultation, cooperation and consensus-building.';
    const russia = await openPage(browser);
    await signIn(russia.page, server.url, 'russia', 'ivanov');
    await russia.page.goto(`${server.url}/dashboard`);
    await russia.page.getByLabel('Propose a new wording').fill(wording);
    await russia.page.getByRole('button', { name: 'Propose', exact: true }).click();
    await russia.page.getByText('New wording proposed by Russia').waitFor();
    expect(await text(russia.page)).toContain('asked to publish: Russia');

    const visitor = await openPage(browser);
    await visitor.page.goto(server.url);
    await settled(visitor.page);
    expect(await text(visitor.page)).not.toContain(wording);

    const nato = await openPage(browser);
    await signIn(nato.page, server.url, 'nato', 'robertson');
    await nato.page.goto(`${server.url}/dashboard`);
    await nato.page.getByText('New wording proposed by Russia').waitFor();
    await expectAccessible(nato.page, 'the dashboard with a description proposed');
    await screenshot(nato.page, 'council-description-proposed');
    await nato.page.getByRole('button', { name: /^Publish version \d+ for my party$/ }).click();
    await nato.page.getByText('New wording proposed by Russia').waitFor({ state: 'detached' });
    expect(await text(nato.page)).toContain(wording);

    await visitor.page.reload();
    await visitor.page.getByText(wording).waitFor();
    for (const w of [russia, visitor, nato]) {
      expect(w.problems).toEqual([]);
      await w.context.close();
    }
  });
});
