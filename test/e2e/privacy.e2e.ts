import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core/app';
import { STATION_VIEWPORT, startE2E, tabTo, typeText, type E2EApp } from '../support/browser';
import { STRONG_PASSWORD, caller, setupInput } from '../support/core';

/**
 * Issue 16, end to end at a 1366×768 nursing station: the idle lock hides every resident and gives
 * the same person their typed note back; a care aide cannot edit; emergency access appears on the
 * administrator's review list. Screenshots (English and Spanish) go to test-results/privacy/.
 */

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const PEOPLE_PASSWORD = 'quiet meadow lantern river';
const shots = path.resolve(import.meta.dirname, '../../test-results/privacy');

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

/** A small facility: three residents, and an aide, a driver and a nurse with passwords of their own. */
function seed(language: 'en' | 'es' = 'en') {
  return async (core: Core) => {
    const c = caller(core);
    await c.must('setup.createFacility', { ...setupInput, facility: { ...setupInput.facility, defaultLanguage: language } });
    await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    if (language === 'es') await c.must('auth.setLanguage', { language });
    const unit = (await c.must('facility.get', {})).units[0]!.id;
    const beds = (await c.must('rooms.create', { unitId: unit, label: '112', beds: ['A', 'B', 'C'] })).bedIds;
    const people = [
      ['Walter', 'Baker', 'R-1'],
      ['Ana', 'Núñez', 'R-2'],
      ['Mei', 'Castillo', 'R-3'],
    ] as const;
    for (const [i, [given, family, mrn]] of people.entries()) {
      await c.must('residents.admit', { legalGiven: given, legalFamily: family, dateOfBirth: '1940-02-1' + i, sex: 'female', recordNumber: mrn, codeStatus: 'dnr', admittedOn: '2026-01-05', unitId: unit, bedId: beds[i]! });
    }
    for (const [username, displayName, role] of [
      ['carla', 'Carla Aide', 'care_aide'],
      ['dee', 'Dee Driver', 'driver'],
    ] as const) {
      await c.must('users.create', { username, displayName, role, password: STRONG_PASSWORD });
      const p = caller(core);
      await p.must('auth.signIn', { username, password: STRONG_PASSWORD });
      if (language === 'es') await p.must('auth.setLanguage', { language });
      await p.must('auth.changePassword', { currentPassword: STRONG_PASSWORD, newPassword: PEOPLE_PASSWORD });
    }
  };
}

async function start(o: { language?: 'en' | 'es'; clock?: boolean } = {}) {
  app = await startE2E({
    seed: seed(o.language),
    viewport: STATION_VIEWPORT,
    locale: o.language === 'es' ? 'es-MX' : 'en-US',
    ...(o.clock ? { beforeLoad: (p: Page) => p.clock.install() } : {}),
  });
  return app;
}

async function signIn(page: Page, username: string, password: string) {
  await expect.poll(() => page.locator('input[name="username"]').isVisible()).toBe(true);
  await page.locator('input[name="username"]').focus();
  await typeText(page, username);
  await page.keyboard.press('Tab');
  await typeText(page, password);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('header.topbar nav').count()).toBe(1);
  // Everyone lands on the Today board (issue 12); whoever may read residents starts these tests on
  // the census, one link away (a driver has no such link).
  const census = page.locator('header.topbar nav a[href="#/residents"]');
  if ((await census.count()) > 0) {
    await census.click();
    await expect.poll(() => page.locator('.census-table').count()).toBe(1);
  }
}

/** A keyboard press on a control: focus it, then Enter (as Tab then Enter would). */
async function press(target: Locator): Promise<void> {
  await target.focus();
  await target.page().keyboard.press('Enter');
}

async function seriousAxe(page: Page): Promise<string[]> {
  return (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('issue 16: lock, not sign-out', () => {
  test('the idle lock hides every resident; the same person unlocks and finds the note they were typing', async () => {
    const { page } = await start({ clock: true });
    await signIn(page, 'admin', STRONG_PASSWORD);
    await press(page.getByRole('link', { name: 'Baker, Walter' }));
    await expect.poll(() => page.getByRole('heading', { name: 'Baker, Walter' }).isVisible()).toBe(true);
    await tabTo(page, 'Edit record');
    await page.keyboard.press('Enter');
    await page.getByLabel('Diet note').focus();
    await typeText(page, 'Prefers tea at three');

    await page.clock.fastForward('11:00'); // the facility's ten idle minutes
    await expect.poll(() => page.getByRole('heading', { name: 'This station is locked' }).isVisible()).toBe(true);
    const body = (await page.locator('body').textContent()) ?? '';
    for (const hidden of ['Baker', 'Núñez', 'Castillo', 'Prefers tea', 'DNR']) expect(body).not.toContain(hidden);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(body).toContain('Locked for Ada Admin');
    expect(await seriousAxe(page)).toEqual([]);
    await shot(page, 'lock-screen-en');

    // A wrong password first: said so, still locked.
    await typeText(page, 'not my password at all');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('The current password is not correct.').first().isVisible()).toBe(true);
    await page.getByLabel('Password').fill('');
    await page.getByLabel('Password').focus();
    await typeText(page, STRONG_PASSWORD);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('What you typed was kept');
    expect(await page.getByLabel('Diet note').inputValue()).toBe('Prefers tea at three');
  });

  test('switch user signs the first person out; their note is gone for the next person', async () => {
    const { page } = await start({ clock: true });
    await signIn(page, 'admin', STRONG_PASSWORD);
    await press(page.getByRole('button', { name: 'Lock' }));
    await expect.poll(() => page.getByRole('heading', { name: 'This station is locked' }).isVisible()).toBe(true);
    await press(page.getByRole('button', { name: 'Not Ada Admin? Switch user' }));
    await signIn(page, 'carla', PEOPLE_PASSWORD);
    expect(await page.getByText('Signed in as Carla Aide (Care aide)').isVisible()).toBe(true);
  });
});

describe('issue 16: every door checked', () => {
  test('a care aide reads a record but has no way to edit it', async () => {
    const { page } = await start();
    await signIn(page, 'carla', PEOPLE_PASSWORD);
    await press(page.getByRole('link', { name: 'Baker, Walter' }));
    await expect.poll(() => page.getByRole('heading', { name: 'Baker, Walter' }).isVisible()).toBe(true);
    for (const action of ['Edit record', 'Transfer', 'Discharge', 'Admit resident']) expect(await page.getByRole('button', { name: action }).count(), action).toBe(0);
    // Asked anyway (a tampered page), main refuses and records the attempt.
    const refused = await page.evaluate(async () => {
      const r = await fetch('./__invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-caredesk-token': document.querySelector<HTMLMetaElement>('meta[name="caredesk-harness-token"]')!.content },
        body: JSON.stringify({ method: 'residents.changeStatus', input: { id: 1, status: 'deceased', date: '2026-03-01' } }),
      });
      return (await r.json()) as { ok: boolean; error?: { code: string } };
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await app!.core.dispatcher.settled();
    expect((await app!.core.q.audit.list({ offset: 0, limit: 5, kinds: ['denied'] })).rows[0]).toMatchObject({ method: 'residents.changeStatus', userName: 'Carla Aide' });
  });

  test('emergency access: a driver opens one record with a reason, and it appears on the administrator’s review list', async () => {
    const { page, newPage } = await start();
    await signIn(page, 'dee', PEOPLE_PASSWORD);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Residents' }).count()).toBe(0);
    await press(nav.getByRole('link', { name: 'Emergency access' }));
    await page.getByLabel('Resident’s name or record number').focus();
    await typeText(page, 'baker');
    await page.keyboard.press('Enter');
    await press(page.getByRole('button', { name: 'Open the record of Baker, Walter' }));
    await page.getByLabel('Reason for emergency access').focus();
    await typeText(page, 'Resident fell in the van; paramedics ask for code status');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Baker, Walter' }).isVisible()).toBe(true);
    expect(await page.getByText('Emergency access — recorded and reviewed').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Edit record' }).count()).toBe(0);
    expect(await seriousAxe(page)).toEqual([]);
    await shot(page, 'emergency-record-en');

    const admin = await newPage();
    await signIn(admin, 'admin', STRONG_PASSWORD);
    await press(admin.getByRole('link', { name: 'Admin' }));
    await press(admin.getByRole('tab', { name: 'Emergency access' }));
    const row = admin.getByRole('row', { name: /Dee Driver/ });
    await expect.poll(() => row.textContent()).toContain('Resident fell in the van; paramedics ask for code status');
    expect(await row.textContent()).toContain('Baker, Walter');
    expect(await seriousAxe(admin)).toEqual([]);
    await shot(admin, 'emergency-review-en');
    await press(admin.getByRole('button', { name: 'Mark the emergency access of Dee Driver to Baker, Walter reviewed' }));
    await expect.poll(() => admin.getByText('No emergency access to review.').isVisible()).toBe(true);
  });
});

describe('issue 16 · 7: locked accounts shown to the administrator, with an unlock', () => {
  test('five wrong passwords lock an account; the administrator sees it and unlocks it', async () => {
    const { page, newPage } = await start();
    for (let i = 0; i < 5; i++) {
      await expect.poll(() => page.locator('input[name="username"]').isVisible()).toBe(true);
      await page.locator('input[name="username"]').focus();
      await page.keyboard.press('ControlOrMeta+A');
      await typeText(page, 'carla');
      await page.keyboard.press('Tab');
      await page.keyboard.press('ControlOrMeta+A');
      await typeText(page, `wrong guess number ${i}`);
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await app!.core.q.throttle.get('carla'))?.failures ?? 0).toBe(i + 1);
    }
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Too many attempts|not correct/);
    const admin = await newPage();
    await signIn(admin, 'admin', STRONG_PASSWORD);
    await press(admin.getByRole('link', { name: 'Admin' }));
    const panel = admin.locator('section.lockouts');
    await expect.poll(() => panel.textContent()).toContain('Carla Aide (carla)');
    expect(await seriousAxe(admin)).toEqual([]);
    await press(admin.getByRole('button', { name: 'Unlock the account of Carla Aide' }));
    await expect.poll(() => panel.textContent()).toContain('No account or station is locked.');
    expect((await app!.core.q.audit.list({ offset: 0, limit: 1, methods: ['users.unlock'] })).rows[0]).toMatchObject({ userName: 'Ada Admin' });
    // Carla signs in at once, without waiting out the lock.
    const carla = await newPage();
    await signIn(carla, 'carla', PEOPLE_PASSWORD);
    expect(await carla.getByText('Signed in as Carla Aide (Care aide)').isVisible()).toBe(true);
  });
});

describe('issue 8 · 11: a resident’s History in words and the facility’s time', () => {
  for (const [language, expected] of [
    ['en', { tab: 'History', transferred: 'Transferred Baker, Walter to Memory Care, room 114-A', when: 'Mar 1, 2026, 23:30', bed: 'Bed: Memory Care, room 112-A → Memory Care, room 114-A' }],
    ['es', { tab: 'Historial', transferred: 'Trasladó a Baker, Walter a Memory Care, habitación 114-A', when: '1 mar 2026, 23:30', bed: 'Cama: Memory Care, habitación 112-A → Memory Care, habitación 114-A' }],
  ] as const) {
    test(`${language}: no method names or JSON, 23:30 in Chicago on a computer set to Tokyo`, async () => {
      app = await startE2E({
        now: '2026-03-02T05:30:00Z', // 23:30 on March 1 at the facility (Chicago); 14:30 on March 2 in Tokyo
        timezoneId: 'Asia/Tokyo',
        viewport: STATION_VIEWPORT,
        locale: language === 'es' ? 'es-MX' : 'en-US',
        seed: async (core) => {
          await seed(language)(core);
          const c = caller(core);
          await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
          const unit = (await c.must('facility.get', {})).units[0]!.id;
          const [bed] = (await c.must('rooms.create', { unitId: unit, label: '114', beds: ['A'] })).bedIds;
          const baker = (await c.must('residents.list', { query: 'Baker', status: 'all', limit: 1 })).rows[0]!;
          await c.must('residents.transfer', { id: baker.id, bedId: bed!, date: '2026-03-01', note: null });
        },
      });
      const { page } = app;
      await signIn(page, 'admin', STRONG_PASSWORD);
      await press(page.getByRole('link', { name: 'Baker, Walter' }));
      await expect.poll(() => page.getByRole('heading', { name: 'Baker, Walter' }).isVisible()).toBe(true);
      await press(page.getByRole('tab', { name: expected.tab }));
      const changes = page.locator('.history table').nth(2);
      await expect.poll(() => changes.textContent()).toContain(expected.transferred);
      const text = (await changes.textContent()) ?? '';
      expect(text).toContain(expected.when);
      expect(text).toContain(expected.bed);
      expect(text).not.toMatch(/residents\.|\{"|"bedId"|14:30/);
      expect(await seriousAxe(page)).toEqual([]);
      await shot(page, `resident-history-${language}`);
    });
  }
});

describe('the audit viewer (issue 8, item 11)', () => {
  test('human labels, the facility’s time, filters and CSV export; English', async () => {
    const { page } = await start();
    await signIn(page, 'admin', STRONG_PASSWORD);
    await press(page.getByRole('link', { name: 'Baker, Walter' }));
    await expect.poll(() => page.getByRole('heading', { name: 'Baker, Walter' }).isVisible()).toBe(true);
    await press(page.getByRole('link', { name: 'Admin' }));
    await press(page.getByRole('tab', { name: 'Audit log' }));
    const table = page.locator('.audit-viewer table');
    await expect.poll(() => table.textContent()).toContain('Opened the record of Baker, Walter');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Admitted Baker, Walter to Memory Care, room 112-A');
    expect(text).not.toMatch(/residents\.admit|\{"/);
    // By person: Carla has only signed in and chosen her password.
    await page.getByLabel('Person').selectOption({ label: 'Carla Aide' });
    await press(page.getByRole('button', { name: 'Show' }));
    await expect.poll(() => table.textContent()).toContain('Changed their password');
    expect(await table.textContent()).not.toContain('Baker');
    await page.getByLabel('Kind').selectOption({ label: 'Reads of records' });
    await press(page.getByRole('button', { name: 'Show' }));
    await expect.poll(() => page.getByText('Nothing matches these filters.').isVisible()).toBe(true);
    await press(page.getByRole('button', { name: 'Clear filters' }));
    await page.getByLabel('Kind').selectOption({ label: 'Reads of records' });
    await press(page.getByRole('button', { name: 'Show' }));
    await expect.poll(() => table.textContent()).not.toContain('Admitted');
    const download = page.waitForEvent('download');
    await press(page.getByRole('button', { name: 'Export CSV' }));
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    await press(page.getByRole('button', { name: 'Verify audit trail' }));
    await expect.poll(() => page.getByText(/Audit trail intact: \d+ entries checked/).isVisible()).toBe(true);
    expect(await seriousAxe(page)).toEqual([]);
    await shot(page, 'audit-viewer-en');
  });

  test('the same in Spanish, and the lock screen in Spanish', async () => {
    const { page } = await start({ language: 'es', clock: true });
    await signIn(page, 'admin', STRONG_PASSWORD);
    await press(page.getByRole('link', { name: 'Baker, Walter' }));
    await expect.poll(() => page.getByRole('heading', { name: 'Baker, Walter' }).isVisible()).toBe(true);
    await press(page.getByRole('link', { name: 'Administración' }));
    await press(page.getByRole('tab', { name: 'Registro de auditoría' }));
    const table = page.locator('.audit-viewer table');
    await expect.poll(() => table.textContent()).toContain('Abrió el expediente de Baker, Walter');
    expect(await table.textContent()).toContain('Ingresó a Baker, Walter en Memory Care, habitación 112-A');
    expect(await seriousAxe(page)).toEqual([]);
    await shot(page, 'audit-viewer-es');
    await page.clock.fastForward('11:00');
    await expect.poll(() => page.getByRole('heading', { name: 'Esta estación está bloqueada' }).isVisible()).toBe(true);
    expect(await page.locator('body').textContent()).not.toContain('Baker');
    expect(await seriousAxe(page)).toEqual([]);
    await shot(page, 'lock-screen-es');
  });
});
