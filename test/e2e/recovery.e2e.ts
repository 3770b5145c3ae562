import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { keyFileOf, secretWrapper } from '../../db/encryption';
import { tabTo, typeText } from '../support/browser';
import { STRONG_PASSWORD, tempDir } from '../support/core';
import { sqlRows } from '../support/db';
import { damagedWithBackups, encryptedElsewhere, GARBAGE, startRecoveryE2E, type RecoveryE2E } from '../support/recovery';

/**
 * Issues 15 and 16 end to end at a 1366×768 station, keyboard only: a damaged database opens the
 * recovery screen, which lists the verified backups with their dates and record counts and
 * restores the chosen one after a confirmation naming its date, landing on sign-in with the
 * restored data; with no backup it says what to do and changes nothing; a key locked to another
 * PC is its own screen, where the recovery key unlocks it. Screenshots go to test-results/recovery/.
 */

let app: RecoveryE2E | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const shots = path.resolve(import.meta.dirname, '../../test-results/recovery');
async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

async function axe(page: Page): Promise<string[]> {
  return (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function fitsTheScreen(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

async function signInByKeyboard(page: Page, signInLabel: string): Promise<void> {
  await page.keyboard.type('admin');
  await page.keyboard.press('Tab');
  await typeText(page, STRONG_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: signInLabel }).waitFor({ state: 'detached' });
}

const words = {
  en: {
    title: 'The CareDesk database is damaged',
    newest: 'Feb 20, 2026, 2:00 AM UTC',
    older: 'Jan 10, 2026, 2:00 AM UTC',
    holdsNewest: '2 residents, 1 user,',
    restoreNewest: 'Restore the backup of Feb 20, 2026, 2:00 AM UTC',
    confirmTitle: 'Restore the backup of Feb 20, 2026, 2:00 AM UTC?',
    cancel: 'Cancel',
    signInTitle: 'Sign in to Maple Grove Care Center',
    signIn: 'Sign in',
    noneTitle: 'There is no verified backup to restore',
    noneWhatToDo: /Call your administrator or IT support/,
    quit: 'Quit without changing anything',
    quitting: 'CareDesk is closing. Nothing was changed.',
    keyTitle: 'The database key cannot be unlocked on this computer',
    keyField: 'Recovery key',
    unlock: 'Unlock with the recovery key',
    wrongKey: 'That is not this database’s recovery key.',
  },
  es: {
    title: 'La base de datos de CareDesk está dañada',
    newest: '20 feb 2026, 2:00 UTC',
    older: '10 ene 2026, 2:00 UTC',
    holdsNewest: '2 residentes, 1 usuario,',
    restoreNewest: 'Restaurar la copia del 20 feb 2026, 2:00 UTC',
    confirmTitle: '¿Restaurar la copia del 20 feb 2026, 2:00 UTC?',
    cancel: 'Cancelar',
    signInTitle: 'Iniciar sesión en Maple Grove Care Center',
    signIn: 'Iniciar sesión',
    noneTitle: 'No hay ninguna copia comprobada que restaurar',
    noneWhatToDo: /Llame a su administrador o a soporte técnico/,
    quit: 'Salir sin cambiar nada',
    quitting: 'CareDesk se está cerrando. No se cambió nada.',
    keyTitle: 'La clave de la base de datos no se puede desbloquear en este equipo',
    keyField: 'Clave de recuperación',
    unlock: 'Desbloquear con la clave de recuperación',
    wrongKey: 'Esa no es la clave de recuperación de esta base de datos.',
  },
} as const;

describe.each(['en', 'es'] as const)('the recovery screen (%s)', (lang) => {
  const w = words[lang];
  const locale = lang === 'es' ? 'es-ES' : 'en-US';

  test('a damaged database: the verified backups with dates and counts; one restored by keyboard after a confirmation naming its date; sign-in with the restored data', async () => {
    const { file, folder } = await damagedWithBackups(tempDir());
    app = await startRecoveryE2E(file, null, { locale });
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: w.title }).waitFor();
    const rows = page.getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(1).innerText()).toContain(w.newest);
    expect(await rows.nth(1).innerText()).toContain(w.holdsNewest);
    expect(await rows.nth(2).innerText()).toContain(w.older);
    await fitsTheScreen(page);
    expect(await axe(page)).toEqual([]);
    await shot(page, `damaged-${lang}`);

    await tabTo(page, w.restoreNewest);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: w.confirmTitle });
    await dialog.waitFor();
    // Focus starts on the way back: one Enter never restores.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(w.cancel);
    expect(await axe(page)).toEqual([]);
    await shot(page, `damaged-confirm-${lang}`);
    expect(fs.readFileSync(file).equals(GARBAGE)).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    // The window reloads into the app, on the restored database.
    await page.getByRole('heading', { level: 1, name: w.signInTitle }).waitFor();
    await signInByKeyboard(page, w.signIn);
    const core = app.attempt.opened()!;
    expect((await sqlRows<{ legal_family: string }>(core, 'SELECT legal_family FROM residents ORDER BY id')).map((r) => r.legal_family)).toEqual(['Abernathy', 'Quintana']);
    const kept = fs.readdirSync(folder).filter((f) => f.startsWith('damaged-'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(folder, kept[0]!)).equals(GARBAGE)).toBe(true);
  });

  test('no verified backup: it says so and what to do; quitting changes nothing', async () => {
    const { file, folder } = await damagedWithBackups(tempDir(), { noBackups: true });
    app = await startRecoveryE2E(file, null, { locale });
    const { page } = app;
    await page.getByRole('heading', { level: 2, name: w.noneTitle }).waitFor();
    expect(await page.getByText(w.noneWhatToDo).count()).toBe(1);
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    await shot(page, `no-backups-${lang}`);
    await tabTo(page, w.quit);
    await page.keyboard.press('Enter');
    await page.getByText(w.quitting).waitFor();
    expect(app.attempt.quits()).toBe(1);
    expect(app.attempt.opened()).toBeNull();
    expect(fs.readFileSync(file).equals(GARBAGE)).toBe(true);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  test('a key locked to another PC: its own screen (never "damaged"); a wrong recovery key refused by name; the right one, typed loosely, opens to sign-in', async () => {
    const otherPc = secretWrapper(randomBytes(32), 'other-pc');
    const thisPc = secretWrapper(randomBytes(32), 'this-pc');
    const { file, recoveryKey } = await encryptedElsewhere(tempDir(), otherPc);
    const keyBefore = fs.readFileSync(keyFileOf(file));
    app = await startRecoveryE2E(file, thisPc, { locale });
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: w.keyTitle }).waitFor();
    expect(await page.getByText(words[lang].title).count()).toBe(0);
    // The field has focus: type a wrong key, and Enter.
    await typeText(page, 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH');
    await page.keyboard.press('Enter');
    await page.getByText(w.wrongKey).first().waitFor();
    expect(fs.readFileSync(keyFileOf(file)).equals(keyBefore)).toBe(true);
    await fitsTheScreen(page);
    expect(await axe(page)).toEqual([]);
    await shot(page, `key-wrong-${lang}`);
    await page.getByLabel(w.keyField).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await typeText(page, recoveryKey.replace(/-/g, ' ').toLowerCase());
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: w.signInTitle }).waitFor();
    await signInByKeyboard(page, w.signIn);
    expect(fs.readFileSync(keyFileOf(file)).equals(keyBefore)).toBe(false);
  });
});
