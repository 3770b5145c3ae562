import { afterEach, describe, expect, test } from 'vitest';
import { caller, setupInput, STRONG_PASSWORD } from '../support/core';
import { startE2E, tabTo, typeText, type E2EApp } from '../support/browser';

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('first run, sign-in and sign-out, by keyboard', () => {
  test('set up the facility, sign in, sign out', async () => {
    app = await startE2E();
    const { page } = app;
    await expect.poll(() => page.getByRole('heading', { name: 'Set up your facility' }).isVisible()).toBe(true);

    // The first field has focus; everything below is typed, tabbed and entered.
    await expect.poll(() => page.getByLabel('Facility name').evaluate((el) => el === document.activeElement)).toBe(true);
    await typeText(page, 'Maple Grove Care Center');
    await tabTo(page, 'Unit 1 name');
    await typeText(page, 'Memory Care');
    await tabTo(page, 'Add a unit');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Unit 2 name', { back: true });
    await typeText(page, 'Skilled 2');
    await tabTo(page, 'Administrator full name');
    await typeText(page, 'Ada Admin');
    await tabTo(page, 'Administrator username');
    await typeText(page, 'ada');
    await tabTo(page, 'Administrator password');
    await typeText(page, STRONG_PASSWORD);
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByRole('status').textContent()).toContain('The facility is ready');
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to Maple Grove Care Center' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel('Username').evaluate((el) => el === document.activeElement)).toBe(true);
    await typeText(page, 'ada');
    await page.keyboard.press('Tab');
    await typeText(page, STRONG_PASSWORD);
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByText('Signed in as Ada Admin (Administrator)').isVisible()).toBe(true);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const area of ['Residents', 'Appointments', 'Transport', 'Training', 'Handoff', 'Admin']) {
      expect(await nav.getByRole('link', { name: area, exact: true }).count()).toBe(1);
    }
    await tabTo(page, 'Sign out');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('You have signed out.');

    // What the screens did is what the database holds.
    const facility = await app.core.q.facility.get();
    expect(facility?.name).toBe('Maple Grove Care Center');
    expect((await app.core.q.facility.units()).map((u) => u.name)).toEqual(['Memory Care', 'Skilled 2']);
  });

  test('a weak administrator password is named and nothing is created', async () => {
    app = await startE2E();
    const { page } = app;
    await expect.poll(() => page.getByLabel('Facility name').isVisible()).toBe(true);
    await page.getByLabel('Facility name').focus();
    await typeText(page, 'Maple Grove');
    await tabTo(page, 'Unit 1 name');
    await typeText(page, 'Memory Care');
    await tabTo(page, 'Administrator full name');
    await typeText(page, 'Ada Admin');
    await tabTo(page, 'Administrator username');
    await typeText(page, 'ada');
    await tabTo(page, 'Administrator password');
    await typeText(page, 'password12345678');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Administrator password');
    // The reason stands once, beside the field; the summary names the field.
    await expect.poll(() => page.locator('main').textContent()).toContain('This password is too common');
    expect((await page.locator('main').textContent())?.split('This password is too common').length).toBe(2);
    // The summary takes focus, so a keyboard user lands on what went wrong.
    expect(await alert.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await app.core.q.facility.get()).toBeUndefined();
  });

  test('a bad sign-in says only that the username or password is wrong', async () => {
    app = await startE2E({ seed: (core) => void caller(core).must('setup.createFacility', setupInput) });
    const { page } = app;
    await expect.poll(() => page.getByLabel('Username').evaluate((el) => el === document.activeElement)).toBe(true);
    await typeText(page, 'admin');
    await page.keyboard.press('Tab');
    await typeText(page, 'not my password at all');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The username or password is not correct.');
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    expect(await page.getByText(/Signed in as/).count()).toBe(0);
    const attempts = await app.core.q.throttle.get('admin');
    expect(attempts?.failures).toBe(1);
  });

  test('the sign-in screen speaks Spanish when chosen', async () => {
    app = await startE2E({ seed: (core) => void caller(core).must('setup.createFacility', setupInput) });
    const { page } = app;
    await expect.poll(() => page.getByLabel('Language').isVisible()).toBe(true);
    await page.getByLabel('Language').focus();
    await page.keyboard.press('ArrowDown'); // English → Español
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Iniciar sesión en Maple Grove Care Center');
    expect(await page.getByLabel('Usuario').count()).toBe(1);
    expect(await page.getByLabel('Contraseña').count()).toBe(1);
  });
});
