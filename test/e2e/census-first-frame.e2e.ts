import { afterEach, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD, seedDemoFacility } from '../../db/demo/generate';
import { hashPassword } from '../../electron/core/passwords';
import { STATION_VIEWPORT, startE2E, typeText, type E2EApp } from '../support/browser';
import { testPasswordCost } from '../support/core';

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/**
 * Watches the census arrive: the rows in its first commit, how many fit in the scroller then, and
 * the calls made on the way. Installed before the hash changes; a string, as the page's CSP allows.
 */
const watch = `(() => {
  const seen = { firstRows: null, fit: null, elements: null, styled: null };
  window.__firstFrame = seen;
  const mo = new MutationObserver(() => {
    if (seen.firstRows !== null || document.querySelector('.census-table tbody th.col-name a') === null) return;
    seen.firstRows = document.querySelectorAll('.census-table tbody tr[aria-rowindex]').length;
    seen.elements = document.querySelectorAll('.census-table tbody tr[aria-rowindex], .census-table tbody tr[aria-rowindex] *').length;
    seen.styled = document.querySelectorAll('.census-table tbody tr[aria-rowindex][style]').length;
    const scroller = document.querySelector('.census-scroller');
    const head = document.querySelector('.census-table thead');
    seen.fit = Math.ceil((scroller.clientHeight - head.getBoundingClientRect().height) / 32);
    mo.disconnect();
  });
  mo.observe(document, { subtree: true, childList: true });
})()`;

describe('the census, arriving from another residents screen', () => {
  test('its first frame holds the rows in view and no more; the rows beyond the fold follow; its preferences are asked for before its page', async () => {
    app = await startE2E({
      viewport: STATION_VIEWPORT,
      seed: async (core) => {
        await seedDemoFacility(core.engine, { seed: 7, now: new Date('2026-11-02T12:00:00Z'), hashPassword: (p) => hashPassword(p, testPasswordCost), residents: 80, staff: 6, trainingYears: 1 });
      },
    });
    const { page } = app;
    await expect.poll(() => page.getByLabel('Username').evaluate((el) => el === document.activeElement)).toBe(true);
    await typeText(page, 'charge');
    await page.keyboard.press('Tab');
    await typeText(page, DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('header.topbar nav a[href="#/residents"]').click();
    await expect.poll(() => page.locator('.census-table tbody th.col-name a').count()).toBeGreaterThan(0);

    await page.evaluate(`location.hash = '#/residents/beds'`);
    await expect.poll(() => page.locator('.census-table').count()).toBe(0);
    const calls: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/__invoke')) calls.push((JSON.parse(r.postData() ?? '{}') as { method: string }).method);
    });
    await page.evaluate(watch);
    await page.evaluate(`location.hash = '#/residents'`);
    await expect.poll(() => page.evaluate('window.__firstFrame.firstRows')).not.toBe(null);
    const { firstRows, fit, elements, styled } = (await page.evaluate('window.__firstFrame')) as { firstRows: number; fit: number; elements: number; styled: number };

    // The rows in view (at least 15 at 1366×768), and not the overscan below the fold: building rows
    // nobody sees before the first paint only delays it.
    expect(fit).toBeGreaterThanOrEqual(15);
    expect(firstRows).toBeGreaterThanOrEqual(fit);
    expect(firstRows).toBeLessThanOrEqual(fit + 1);
    // Each element is style, layout and paint before that frame: a row is its cells, the name's link
    // and a badge where a value is marked (code status; a severe allergy, a precaution, a missing
    // assessment), about 12 on this facility — not a wrapper per list or an element per plain word
    // (13.6 before), and no inline style per row (its height is the stylesheet's).
    expect(elements / firstRows).toBeLessThanOrEqual(12.5);
    expect(styled).toBe(0);
    // Then the overscan rows arrive, so a keyboard scroll never shows a blank line.
    await expect.poll(() => page.locator('.census-table tbody tr[aria-rowindex]').count()).toBe(firstRows + 6);
    // Asked for first, answered while main reads the page: the census waits for its page alone.
    expect(calls.slice(0, 2)).toEqual(['preferences.get', 'residents.list']);

    // Still a whole census by keyboard: Page Down in the focused list moves the window on.
    await page.locator('.census-scroller').focus();
    await page.keyboard.press('PageDown');
    await expect.poll(() => page.locator('.census-scroller').evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.census-table tbody .placeholder').count()).toBe(0);
  });
});
