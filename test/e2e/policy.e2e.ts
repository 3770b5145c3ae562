import { afterEach, describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core/app';
import { caller, policyFrom, setupInput, STRONG_PASSWORD } from '../support/core';
import { startE2E, typeText, type E2EApp } from '../support/browser';

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const seedFacility = (core: Core) => void caller(core).must('setup.createFacility', setupInput);

async function signIn(page: E2EApp['page'], usernameLabel: string, username: string, password: string) {
  await expect.poll(() => page.getByLabel(usernameLabel).isVisible()).toBe(true);
  await page.getByLabel(usernameLabel).focus();
  await typeText(page, username);
  await page.keyboard.press('Tab');
  await typeText(page, password);
  await page.keyboard.press('Enter');
}

describe("the administrator's policy on screen", () => {
  test('a policy fixing language and idle lock shows "Managed by your organization" and disables those fields', async () => {
    // An English browser; the policy says Spanish, so Spanish it is, from the first screen.
    app = await startE2E({ seed: seedFacility, policy: policyFrom({ language: 'es', idleLockMinutes: 5 }) });
    const { page } = app;
    const picker = page.getByLabel('Idioma', { exact: true });
    await expect.poll(() => picker.isVisible()).toBe(true);
    expect(await picker.isDisabled()).toBe(true);
    expect(await page.getByText('Administrado por su organización').count()).toBe(1);

    await signIn(page, 'Usuario', 'admin', STRONG_PASSWORD);
    await expect.poll(() => page.getByRole('navigation', { name: 'Principal' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Administración' }).click();
    await page.getByRole('tab', { name: 'Configuración del centro' }).click();

    const idle = page.getByLabel('Bloquear una estación desatendida después de (minutos)');
    await expect.poll(() => idle.isVisible()).toBe(true);
    expect(await idle.inputValue()).toBe('5');
    expect(await idle.isDisabled()).toBe(true);
    const language = page.getByLabel('Idioma predeterminado');
    expect(await language.isDisabled()).toBe(true);
    expect(await language.inputValue()).toBe('es');
    // Each managed field says why, as its description (read by screen readers with the field).
    expect(await idle.getAttribute('aria-describedby')).toBeTruthy();
    expect(await page.getByText('Administrado por su organización').count()).toBe(3);
    // What the policy does not fix stays editable.
    expect(await page.getByLabel('Zona horaria').isDisabled()).toBe(false);
    expect(await page.getByLabel('Tamaño de papel para impresiones').isDisabled()).toBe(false);

    // Saving the form changes what may change and leaves the managed values alone.
    await page.getByLabel('Tamaño de papel para impresiones').selectOption('a4');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Guardado' }).count()).toBe(1);
    expect(await app.core.q.facility.get()).toMatchObject({ paperSize: 'a4', idleLockMinutes: 5, defaultLanguage: 'es' });
  });

  test('an invalid policy is reported on the sign-in screen, naming the setting, and the defaults apply', async () => {
    app = await startE2E({ seed: seedFacility, policy: policyFrom({ idleLockMinutes: 'ten', datafolder: '/srv/x', paperSize: 'a4' }) });
    const { page } = app;
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.isVisible()).toBe(true);
    const text = await alert.textContent();
    expect(text).toContain("Some of your organization's CareDesk settings could not be applied");
    expect(text).toContain('“idleLockMinutes” has the wrong kind of value');
    expect(text).toContain('“datafolder” is not a CareDesk setting. Did you mean “dataFolder”?');
    expect(text).toContain('Source: /etc/caredesk/policy.json');
    // The valid key still applies; the invalid one falls back to the facility's own 10 minutes.
    expect(await app.core.q.facility.get()).toMatchObject({ paperSize: 'a4', idleLockMinutes: 10 });
    expect(await page.getByLabel('Language', { exact: true }).isDisabled()).toBe(false);
  });
});
