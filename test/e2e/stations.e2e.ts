import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sourceMigrationsRoot } from '../../db/paths';
import { createCore, type Core } from '../../electron/core/app';
import { launchChromium, STATION_VIEWPORT, tabTo, typeText } from '../support/browser';
import { caller, setupInput, STRONG_PASSWORD, testScryptCost } from '../support/core';
import { startHarness, type Harness } from '../support/harness';
import { admin, startCluster, type Cluster } from '../support/pg-cluster';
import { addRooms } from '../support/residents';

/**
 * Two nursing stations on one facility server, each its own back end (as two PCs would be) behind
 * its own browser: what one admits, the other's open census shows without a reload.
 */
let cluster: Cluster;
const cores: Core[] = [];
const harnesses: Harness[] = [];

beforeAll(async () => {
  cluster = await startCluster();
  await admin(cluster, 'CREATE DATABASE caredesk');
});
afterAll(async () => {
  for (const h of harnesses) await h.close();
  for (const c of cores) await c.close();
  cluster.stop();
});

async function station(): Promise<Harness> {
  const core = await createCore({ engine: { kind: 'pg', connection: cluster.connection('caredesk') }, migrationsRoot: sourceMigrationsRoot, passwordCost: testScryptCost, checkOutput: true });
  cores.push(core);
  const h = await startHarness(core);
  harnesses.push(h);
  return h;
}

async function signIn(page: Page, username: string, password: string) {
  await expect.poll(() => page.getByLabel('Username').evaluate((el) => el === document.activeElement)).toBe(true);
  await typeText(page, username);
  await page.keyboard.press('Tab');
  await typeText(page, password);
  await page.keyboard.press('Enter');
  // Everyone lands on the Today board (issue 12); the census is one link away.
  await page.getByRole('link', { name: 'Residents', exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Census', exact: true }).isVisible()).toBe(true);
}

describe('two stations, one server', () => {
  test('a resident admitted at one station appears on the other station’s open census without a reload', { timeout: 120_000 }, async () => {
    const one = await station();
    const two = await station();
    const c = caller(cores[0]!);
    await c.must('setup.createFacility', setupInput);
    await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    await addRooms(c);
    await c.must('users.create', { username: 'sean', displayName: 'Sean Charge', role: 'charge_nurse', password: 'quiet meadow lantern' });
    const sean = caller(cores[1]!);
    await sean.must('auth.signIn', { username: 'sean', password: 'quiet meadow lantern' });
    await sean.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });

    const browser = await launchChromium();
    try {
      const pageOne = await (await browser.newContext({ viewport: STATION_VIEWPORT })).newPage();
      const pageTwo = await (await browser.newContext({ viewport: STATION_VIEWPORT })).newPage();
      await pageOne.goto(one.url);
      await pageTwo.goto(two.url);
      await signIn(pageOne, 'admin', STRONG_PASSWORD);
      await signIn(pageTwo, 'sean', 'river stone harbor light');
      await expect.poll(() => pageTwo.getByText('No resident matches.').count()).toBeGreaterThan(0);

      // Station one admits by keyboard.
      await tabTo(pageOne, 'Admit resident');
      await pageOne.keyboard.press('Enter');
      await expect.poll(() => pageOne.getByLabel('Legal given name').evaluate((el) => el === document.activeElement)).toBe(true);
      await typeText(pageOne, 'Rosa');
      await pageOne.keyboard.press('Tab');
      await typeText(pageOne, 'Díaz');
      await tabTo(pageOne, 'Date of birth');
      await typeText(pageOne, '03041938');
      await tabTo(pageOne, 'Record number');
      await typeText(pageOne, 'MRN-51');
      await tabTo(pageOne, 'Code status');
      await pageOne.keyboard.press('ArrowDown');
      await pageOne.keyboard.press('ArrowDown');
      await tabTo(pageOne, 'Admit resident');
      await pageOne.keyboard.press('Enter');
      await expect.poll(() => pageOne.getByRole('heading', { name: 'Díaz, Rosa' }).isVisible()).toBe(true);

      // Station two never reloaded: its census shows her.
      await expect.poll(() => pageTwo.locator('.census-table tbody th.col-name').allTextContents(), { timeout: 5000 }).toEqual(['Díaz, Rosa']);
      expect(await pageTwo.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    } finally {
      await browser.close();
    }
  });

  test('the server out of reach: said at once, what was typed is kept, and it comes back by itself', { timeout: 120_000 }, async () => {
    const outage = await startCluster();
    try {
      await admin(outage, 'CREATE DATABASE caredesk');
      const core = await createCore({ engine: { kind: 'pg', connection: outage.connection('caredesk') }, migrationsRoot: sourceMigrationsRoot, passwordCost: testScryptCost, checkOutput: true });
      cores.push(core);
      const h = await startHarness(core);
      harnesses.push(h);
      const c = caller(core);
      await c.must('setup.createFacility', setupInput);
      await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
      await addRooms(c);
      const browser = await launchChromium();
      try {
        const page = await (await browser.newContext({ viewport: STATION_VIEWPORT })).newPage();
        await page.goto(h.url);
        await signIn(page, 'admin', STRONG_PASSWORD);
        await tabTo(page, 'Admit resident');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.getByLabel('Legal given name').evaluate((el) => el === document.activeElement)).toBe(true);
        await typeText(page, 'Rosa');
        await page.keyboard.press('Tab');
        await typeText(page, 'Díaz');

        outage.pause();
        await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Cannot reach the facility server since' }).count(), { timeout: 15_000 }).toBe(1);
        // The dialog is still open with what was typed.
        expect(await page.getByLabel('Legal given name').inputValue()).toBe('Rosa');
        expect(await page.getByLabel('Legal family name').inputValue()).toBe('Díaz');

        outage.resume();
        await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Cannot reach the facility server' }).count(), { timeout: 30_000 }).toBe(0);
        expect(await page.getByLabel('Legal given name').inputValue()).toBe('Rosa');
      } finally {
        await browser.close();
      }
    } finally {
      outage.stop();
    }
  });

  test('a save over a change made at the other station is refused with who and when, and offers the new version', { timeout: 120_000 }, async () => {
    const core = cores[0]!;
    const c = caller(core);
    await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const rosa = (await c.must('residents.list', { query: 'rosa diaz' })).rows[0]!;
    const h = harnesses[1]!;
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext({ viewport: STATION_VIEWPORT })).newPage();
      await page.goto(h.url);
      await signIn(page, 'sean', 'river stone harbor light');
      await tabTo(page, 'Díaz, Rosa');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('heading', { name: 'Díaz, Rosa' }).isVisible()).toBe(true);
      await tabTo(page, 'Edit record');
      await page.keyboard.press('Enter');
      await tabTo(page, 'Preferred name');
      await typeText(page, 'Rosita');

      // Meanwhile, at the other station.
      const current = await c.must('residents.get', { id: rosa.id });
      await c.must('residents.update', {
        id: current.id,
        expectedVersion: current.version,
        legalGiven: current.legalGiven,
        legalFamily: current.legalFamily,
        dateOfBirth: current.dateOfBirth,
        sex: current.sex,
        recordNumber: current.recordNumber,
        codeStatus: current.codeStatus,
        preferredName: 'Rosy',
      });

      await tabTo(page, 'Save');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('dialog').textContent()).toMatch(/This record was changed by Ada Admin at \d{1,2}:\d{2}/);
      expect((await c.must('residents.get', { id: rosa.id })).preferredName).toBe('Rosy');
      await tabTo(page, 'Review the new version');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByLabel('Preferred name').inputValue()).toBe('Rosy');
    } finally {
      await browser.close();
    }
  });
});
