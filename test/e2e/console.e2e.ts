import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD, seedDemoFacility } from '../../db/demo/generate';
import { hashPassword } from '../../electron/core/passwords';
import { startE2E, type E2EApp } from '../support/browser';
import { testPasswordCost } from '../support/core';

/**
 * A first run should be silent except for what the person needs: no console errors or
 * warnings, no Content-Security-Policy violations, no failed requests, on any screen.
 */

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

interface Noise {
  messages: string[];
}

/** Listens before the first load: console errors and warnings, CSP violations (also the silent eval probe), 4xx/5xx, failed requests. */
async function listen(page: Page, noise: Noise): Promise<void> {
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') noise.messages.push(`console.${m.type()}: ${m.text()}`);
    if (m.type() === 'log' && m.text().startsWith('CSP violation')) noise.messages.push(m.text());
  });
  page.on('pageerror', (e) => noise.messages.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => noise.messages.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) noise.messages.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.log(`CSP violation: ${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(100);
}

describe('the browser console stays quiet', () => {
  test('on the setup wizard of a new database', async () => {
    const noise: Noise = { messages: [] };
    app = await startE2E({ beforeLoad: (page) => listen(page, noise) });
    await expect.poll(() => app!.page.getByRole('heading', { name: 'Set up your facility' }).isVisible()).toBe(true);
    await settle(app.page);
    expect(noise.messages).toEqual([]);
  });

  test('on every screen of the demo facility, signed in as the administrator', async () => {
    const noise: Noise = { messages: [] };
    app = await startE2E({
      seed: async (core) => void (await seedDemoFacility(core.engine, { seed: 5, now: new Date(), hashPassword: (p) => hashPassword(p, testPasswordCost), residents: 25, staff: 15 })),
      beforeLoad: (page) => listen(page, noise),
    });
    const { page } = app;
    const visited: string[] = [];
    const check = async (screen: string) => {
      await settle(page);
      visited.push(screen);
      expect(noise.messages, screen).toEqual([]);
    };

    await expect.poll(() => page.getByLabel('Username').isVisible()).toBe(true);
    await check('sign-in');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect.poll(() => nav.isVisible()).toBe(true);

    for (const area of await nav.getByRole('link').allInnerTexts()) {
      await nav.getByRole('link', { name: area, exact: true }).click();
      await check(area);
      for (const tab of await page.getByRole('tab').all()) {
        const name = await tab.innerText();
        await tab.click();
        await check(`${area} › ${name}`);
      }
    }

    // The residents area's own places: a resident's page, the bed board, the import screen.
    await nav.getByRole('link', { name: 'Residents' }).click();
    await expect.poll(() => page.locator('.census-table tbody th a').count()).toBeGreaterThan(0);
    await page.locator('.census-table tbody th a').first().click();
    await expect.poll(() => page.locator('.safety-summary').isVisible()).toBe(true);
    await check('Residents › resident page');
    for (const hash of ['#/residents/beds', '#/residents/import']) {
      await page.evaluate((h) => (window.location.hash = h), hash);
      await check(`Residents ${hash}`);
    }

    // A dialog: adding a user in Admin.
    await nav.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('tab', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    await check('Admin › Add user dialog');
    await page.keyboard.press('Escape');

    // Signing out returns to sign-in, still quietly.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByLabel('Username').isVisible()).toBe(true);
    await check('signed out');
    expect(visited.length).toBeGreaterThan(10);
  });
});
