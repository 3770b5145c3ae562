import AxeBuilder from '@axe-core/playwright';
import { afterEach, describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core/app';
import { caller, setupInput, STRONG_PASSWORD } from '../support/core';
import { startE2E, tabTo, typeText, type E2EApp } from '../support/browser';

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const seedFacility = (core: Core) => void caller(core).must('setup.createFacility', setupInput);

async function signIn(page: E2EApp['page'], username: string, password: string) {
  await expect.poll(() => page.getByLabel('Username').isVisible()).toBe(true);
  await page.getByLabel('Username').focus();
  await typeText(page, username);
  await page.keyboard.press('Tab');
  await typeText(page, password);
  await page.keyboard.press('Enter');
}

describe('administration by keyboard', () => {
  test('an administrator adds a nurse, who must choose her own password and sees only her areas', async () => {
    app = await startE2E({ seed: seedFacility });
    const { page } = app;
    await signIn(page, 'admin', STRONG_PASSWORD);
    await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Admin' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Users', level: 2 }).isVisible()).toBe(true);

    await tabTo(page, 'Add user');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // Focus starts in the dialog's first field.
    expect(await dialog.getByLabel('Full name').evaluate((el) => el === document.activeElement)).toBe(true);
    await typeText(page, 'Nguyễn Thị Lan');
    await page.keyboard.press('Tab');
    await typeText(page, 'lan');
    await page.keyboard.press('Tab');
    await page.keyboard.press('n'); // "Nurse" in the native role select
    await page.keyboard.press('Tab');
    await typeText(page, 'short');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Temporary password');
    // The reason stands once, beside the field; the summary names the field.
    await expect.poll(async () => ((await dialog.textContent()) ?? '').split('Use at least 15 characters.').length - 1).toBe(1);
    await dialog.getByLabel('Temporary password').fill('');
    await dialog.getByLabel('Temporary password').focus();
    await typeText(page, 'quiet meadow lantern');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('User Nguyễn Thị Lan created.');
    await expect.poll(() => page.getByRole('row', { name: /Nguyễn Thị Lan/ }).textContent()).toContain('Nurse');

    // The nurse, at another station.
    const nursePage = await app.newPage();
    await signIn(nursePage, 'lan', 'quiet meadow lantern');
    await expect.poll(() => nursePage.getByRole('heading', { name: 'Choose a new password' }).isVisible()).toBe(true);
    await typeText(nursePage, 'quiet meadow lantern');
    await nursePage.keyboard.press('Tab');
    await typeText(nursePage, 'harbor window evening tide');
    await tabTo(nursePage, 'Repeat the new password');
    await typeText(nursePage, 'harbor window evening tide');
    await nursePage.keyboard.press('Enter');
    await expect.poll(() => nursePage.getByText('Signed in as Nguyễn Thị Lan (Nurse)').isVisible()).toBe(true);
    const nav = nursePage.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Training', exact: true }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Handoff' }).count()).toBe(1);
  });

  test('an unattended station locks itself', async () => {
    app = await startE2E({ seed: seedFacility, now: '2026-03-02T14:00:00Z' });
    const { page } = app;
    await signIn(page, 'admin', STRONG_PASSWORD);
    await expect.poll(() => page.getByRole('link', { name: 'Admin' }).isVisible()).toBe(true);
    // The first screen (the Today board, issue 12) has finished loading: no call is still on its way.
    await expect.poll(() => page.getByRole('heading', { name: 'Your units today' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('.today .loading').count()).toBe(0);
    app.manual!.advance(11 * 60_000); // past the facility's 10 idle minutes
    await page.getByRole('link', { name: 'Admin' }).focus();
    await page.keyboard.press('Enter');
    // Issue 16: locked, not signed out — the lock screen names whose session it is, and nothing else.
    await expect.poll(() => page.getByRole('heading', { name: 'This station is locked' }).isVisible()).toBe(true);
    expect(await page.getByText('Locked for Ada Admin').isVisible()).toBe(true);
    expect(await page.getByLabel('Username').count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
  });

  test('a person typing a long note without saving is not locked out when they save', async () => {
    app = await startE2E({ seed: seedFacility, now: '2026-03-02T14:00:00Z', beforeLoad: (p) => p.clock.install({ time: new Date('2026-03-02T14:00:00Z') }) });
    const { page } = app;
    await signIn(page, 'admin', STRONG_PASSWORD);
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('tab', { name: 'Facility settings' }).click();
    await expect.poll(() => page.getByLabel('Facility name').inputValue()).toBe('Maple Grove Care Center');
    await page.getByLabel('Facility name').focus();
    // Nine minutes of thinking, then a keystroke; nine more, another; then Save: 18 minutes
    // after the last call, but never 10 minutes without a person at the keyboard.
    for (const key of ['End', 'Space']) {
      app.manual!.advance(9 * 60_000);
      await page.clock.fastForward(9 * 60_000);
      await page.keyboard.press(key);
      await page.waitForTimeout(300); // the keep-alive reaches main
    }
    app.manual!.advance(60_000);
    await page.clock.fastForward(60_000);
    await typeText(page, 'North');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Saved.');
    expect((await app.core.q.facility.get())?.name).toBe('Maple Grove Care Center North');
  });

  test('sign-in, setup-free shell and admin screens have no serious accessibility violations', async () => {
    app = await startE2E({ seed: seedFacility });
    const { page } = app;
    await expect.poll(() => page.getByLabel('Username').isVisible()).toBe(true);
    const serious = async () =>
      (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(await serious()).toEqual([]);
    await signIn(page, 'admin', STRONG_PASSWORD);
    await page.getByRole('link', { name: 'Admin' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Users', level: 2 }).isVisible()).toBe(true);
    expect(await serious()).toEqual([]);
  });
});
