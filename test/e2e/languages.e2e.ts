import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD, seedDemoFacility } from '../../db/demo/generate';
import { hashPassword } from '../../electron/core/passwords';
import { startE2E, type E2EApp } from '../support/browser';
import { testPasswordCost } from '../support/core';

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

// A missing translation shows up as its key ("residents.col.name"); none may reach the screen.
const KEY_LIKE = /\b(?:app|nav|auth|setup|admin|users|error|field|roles|residents|training)\.[a-zA-Z_]+(?:\.[a-zA-Z_]+)*\b/g;
async function visibleKeys(page: Page): Promise<string[]> {
  // The audit log shows method names (auth.signIn) in <code> on purpose; everything else is prose.
  const text = await page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    body.querySelectorAll('code, script, style').forEach((el) => el.remove());
    return body.textContent ?? '';
  });
  return text.match(KEY_LIKE) ?? [];
}


describe('every area in both languages', () => {
  test.each([
    ['en', ['Residents', 'Training', 'Admin'], 'Census', 'Matrix'],
    ['es', ['Residentes', 'Capacitación', 'Administración'], 'Censo', 'Matriz'],
  ] as const)('%s: the demo facility shows translated words, never message keys', async (lang, navNames, censusWord, matrixWord) => {
    app = await startE2E({
      seed: async (core) => void (await seedDemoFacility(core.engine, { seed: 3, now: new Date(), hashPassword: (p) => hashPassword(p, testPasswordCost), residents: 30, staff: 20 })),
      locale: lang === 'es' ? 'es-MX' : 'en-US',
    });
    const { page } = app;
    await expect.poll(() => page.locator('input').first().isVisible()).toBe(true);
    await page.locator('input').first().fill('admin');
    await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    const nav = page.getByRole('navigation').first();
    await expect.poll(() => nav.getByRole('link', { name: navNames[0], exact: true }).isVisible()).toBe(true);
    expect(await visibleKeys(page)).toEqual([]);

    await nav.getByRole('link', { name: navNames[0], exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: censusWord }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('.census-table tbody tr').count()).toBeGreaterThan(0);
    expect(await visibleKeys(page)).toEqual([]);

    await page.locator('.census-table tbody th a').first().click();
    await expect.poll(() => page.locator('.safety-summary').isVisible()).toBe(true);
    expect(await visibleKeys(page)).toEqual([]);

    await nav.getByRole('link', { name: navNames[1], exact: true }).click();
    await expect.poll(() => page.getByRole('tab', { name: matrixWord }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('table.matrix tbody tr').count()).toBeGreaterThan(0);
    expect(await visibleKeys(page)).toEqual([]);
    for (const tab of await page.getByRole('tab').all()) {
      await tab.click();
      await page.waitForTimeout(150);
      expect(await visibleKeys(page), await tab.innerText()).toEqual([]);
    }

    await nav.getByRole('link', { name: navNames[2], exact: true }).click();
    for (const tab of await page.getByRole('tab').all()) {
      await tab.click();
      await page.waitForTimeout(150);
      expect(await visibleKeys(page), await tab.innerText()).toEqual([]);
    }
  });
});
