import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core/app';
import type { InputOf } from '../../shared/contract';
import { STRONG_PASSWORD, caller } from '../support/core';
import { STATION_VIEWPORT, signIn, startE2E, tabTo, typeText, type E2EApp } from '../support/browser';
import { sqlRows } from '../support/db';
import { expectBundledFontsOnly, expectEveryPage, expectInsideRightMargin, expectNotShrunk, expectPaper, expectRowsWhole, printPdf, squeeze } from '../support/pdf';
import { addRooms, admission } from '../support/residents';
import { endToken, handoffFacility, roomToken, seedHandoffUnit } from '../support/handoff';

// Issue 12, "Tests": the handoff sheet on real PDFs (300 residents with 600-character notes, Letter
// and A4), and end to end by keyboard at a nursing station's 1366×768 in English and Spanish: notes
// for a unit, the sheet printed, the receiving nurse acknowledging, an allergy changed meanwhile.

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const NOW = '2026-03-02T14:00:00Z'; // 08:00 in Chicago: the Day shift (07–15) of Mar 2
const PHI_NOTICE = { en: 'Confidential — contains protected health information', es: 'Confidencial: contiene información de salud protegida' };
const NURSE_PASSWORD = 'quiet meadow lantern river';

type Caller = ReturnType<typeof caller>;

const facility = handoffFacility;

/** A user with their own password (an administrator's would have to be changed first). */
async function user(core: Core, admin: Caller, username: string, displayName: string, role: 'nurse' | 'charge_nurse') {
  await admin.must('users.create', { username, displayName, role, password: STRONG_PASSWORD });
  const c = caller(core);
  await c.must('auth.signIn', { username, password: STRONG_PASSWORD });
  await c.must('auth.changePassword', { currentPassword: STRONG_PASSWORD, newPassword: NURSE_PASSWORD });
}

/** `n` residents on Memory Care, room order = i order, each with a 600-character I-PASS summary. */
function bigUnit(paper: 'letter' | 'a4', n: number) {
  return async (core: Core) => void (await seedHandoffUnit(await handoffFacility(core, paper), { unit: 'Memory Care', n, date: '2026-03-02' }));
}

function stubPrint() {
  return async (p: Page) => {
    await p.clock.setFixedTime(new Date(NOW));
    // Chromium's own print dialog: the test reads the same layout with page.pdf.
    await p.addInitScript(() => {
      const w = window as unknown as { __printCalls: number; print(): void };
      w.__printCalls = 0;
      w.print = () => void w.__printCalls++;
    });
  };
}

async function waitPrinted(page: Page, calls = 1) {
  await expect
    .poll(async () => ((await page.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls)) === calls ? 'printed' : (await page.getByRole('alert').allTextContents()).join(' ') || 'waiting'), { timeout: 60_000 })
    .toBe('printed');
}

describe('the printed sheet, 300 residents with 600-character notes (issue 12, Tests)', () => {
  test.each(['letter', 'a4'] as const)(
    '%s: header, notice, print time and Page X of Y on every page; every resident once, whole, in room order; code status for all; nothing cut or shrunk',
    async (paper) => {
      const N = 300;
      app = await startE2E({ seed: bigUnit(paper, N), now: NOW, viewport: STATION_VIEWPORT, beforeLoad: stubPrint() });
      const { page } = app;
      await signIn(page, 'admin', STRONG_PASSWORD);
      await page.getByRole('link', { name: 'Handoff', exact: true }).click();
      await page.getByRole('tab', { name: 'Sheet' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Print sheet' }).isEnabled(), { timeout: 20_000 }).toBe(true);
      await page.getByRole('button', { name: 'Print sheet' }).click();
      await waitPrinted(page);
      const pdf = await printPdf(page, `handoff-300-${paper}`);

      expectPaper(pdf.file, paper, 'landscape');
      expect(pdf.pages.length).toBeGreaterThan(20);
      // The notes run across the page under each resident's cells: in a narrow column their 600
      // characters made every row most of a page (300 pages, and Chromium's time grows with pages).
      expect(pdf.pages.length).toBeLessThanOrEqual(N / 3);
      // "Write-in" is a column label that appears nowhere in the body: the head repeats on every page.
      expectEveryPage(pdf.pages, { header: 'Write-in', notice: PHI_NOTICE.en, printed: 'Printed Mar 2, 2026 at 08:00 by Ada Admin' });
      const all = squeeze(pdf.pages.join('\n'));
      for (const p of pdf.pages) expect(squeeze(p)).toContain('Shift handoff: Memory Care · CPR coverage');
      expect(all).toContain('Census 300 (0 out of the building)');
      // Every resident once, whole (the room starts the row, the notes' last word ends it), in room order.
      expectRowsWhole(
        pdf.pages,
        Array.from({ length: N }, (_, k) => ({ start: roomToken(k + 1), end: endToken(k + 1) })),
      );
      // Code status for every resident, in words (never colour alone).
      const count = (re: RegExp) => (all.match(re) ?? []).length;
      expect(count(/Full Code/g)).toBe(N / 4);
      expect(count(/DNR\/DNI/g)).toBe(N / 4);
      expect(count(/\bDNR\b(?!\/)/g)).toBe(N / 4);
      expect(count(/Comfort care/g)).toBe(N / 4);
      // No notes continued after the table: 600 characters fit a row.
      expect(all).not.toContain('continued');
      expectInsideRightMargin(pdf.file);
      expectNotShrunk(pdf.file, 'W075-A', pdf.fontPt);
      expectBundledFontsOnly(pdf.file);
      // The print was checked and audited, and the version printed recorded for "changed since".
      expect(await sqlRows(app.core, "select count(*) as n from audit_log where method = 'print.pdf'")).toEqual([{ n: 1 }]);
      expect((await sqlRows<{ residents: number }>(app.core, 'select residents from handoff_sheets'))[0]!.residents).toBe(N);
    },
    180_000,
  );
});

/** Three residents on Memory Care, a charge nurse going off shift and the nurse receiving. */
async function smallUnit(core: Core) {
  const a = await facility(core, 'letter');
  const place = await addRooms(a);
  const mc = place.units['Memory Care']!;
  const admit = (over: Partial<InputOf<'residents.admit'>> & { bedId: number; recordNumber: string; legalGiven: string }) =>
    a.must('residents.admit', admission({ unitId: mc, allergies: { state: 'nka', recordedOn: '2026-02-01' }, fallRisk: 'low', isolation: 'none', ...over }));
  await admit({ bedId: place.beds['101A']!, recordNumber: 'R-1', legalGiven: 'Ana', legalFamily: 'Alvarez' });
  await admit({ bedId: place.beds['102A']!, recordNumber: 'R-2', legalGiven: 'Ben', legalFamily: 'Brooks' });
  await admit({ bedId: place.beds['103A']!, recordNumber: 'R-3', legalGiven: 'Cy', legalFamily: 'Castro' });
  await user(core, a, 'carla', 'Carla Charge', 'charge_nurse');
  await user(core, a, 'rita', 'Rita Receiver', 'nurse');
}

/** Latex, severe, added to Ana's record at another station. */
async function addAllergyElsewhere(core: Core) {
  const a = caller(core);
  await a.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  const id = (await sqlRows<{ id: number }>(core, "select id from residents where record_number = 'R-1'"))[0]!.id;
  const r = await a.must('residents.get', { id });
  await a.must('residents.update', {
    id,
    expectedVersion: r.version,
    legalGiven: r.legalGiven,
    legalFamily: r.legalFamily,
    preferredName: r.preferredName,
    dateOfBirth: r.dateOfBirth,
    sex: r.sex,
    recordNumber: r.recordNumber,
    codeStatus: r.codeStatus,
    codeStatusForm: r.codeStatusForm,
    codeStatusDocumentedOn: r.codeStatusDocumentedOn,
    allergies: { state: 'listed', items: [{ substance: 'Latex', reaction: 'anaphylaxis', severity: 'severe' }] },
    dietType: r.dietType,
    iddsiFood: r.iddsiFood,
    iddsiDrink: r.iddsiDrink,
    transfer: r.transfer,
    aid: r.aid,
    fallRisk: r.fallRisk,
    wanderingRisk: r.wanderingRisk,
    isolation: r.isolation,
  });
}

const WORDS = {
  en: {
    handoff: 'Handoff',
    sheet: 'Sheet',
    summary: 'Patient summary',
    saved: /Saved at/,
    print: 'Print sheet',
    acknowledge: 'Acknowledge handoff',
    confirm: 'Acknowledge',
    confirmReviewed: 'I have reviewed the changes: acknowledge',
    changed: 'The sheet changed since it was shown',
    changedWhileShown: 'This sheet has changed at another station since it was shown.',
    latex: /Alvarez, Ana \(room 101-A\): allergies changed: .*Latex/,
    header: 'Write-in',
    printed: 'Printed Mar 2, 2026 at 08:00 by Carla Charge',
    ipass: 'I-PASS notes',
    signOut: 'Sign out',
    acked: /Acknowledged by Rita Receiver at 8:00 AM \(Mar 2, 2026\): this version/,
  },
  es: {
    handoff: 'Entrega de turno',
    sheet: 'Hoja',
    summary: 'Resumen del paciente',
    saved: /Guardado a las/,
    print: 'Imprimir hoja',
    acknowledge: 'Confirmar la entrega',
    confirm: 'Confirmar',
    confirmReviewed: 'He revisado los cambios: confirmar',
    changed: 'La hoja cambió desde que se mostró',
    changedWhileShown: 'Esta hoja ha cambiado en otro puesto desde que se mostró.',
    latex: /Alvarez, Ana .*101-A.*Latex/,
    header: 'Anotaciones',
    printed: 'Impreso el 2 mar 2026 a las 08:00 por Carla Charge',
    ipass: 'Notas I-PASS',
    signOut: 'Cerrar sesión',
    acked: /Confirmada por Rita Receiver a las 8:00 \(2 mar 2026\): esta versión/,
  },
} as const;

describe('end to end by keyboard at 1366×768 (issue 12, Tests)', () => {
  test.each(['en', 'es'] as const)(
    '%s: notes for a unit, the sheet printed, the receiver acknowledges after reviewing an allergy changed meanwhile',
    async (lang) => {
      const w = WORDS[lang];
      app = await startE2E({ seed: smallUnit, now: NOW, viewport: STATION_VIEWPORT, locale: lang === 'es' ? 'es-MX' : 'en-US', beforeLoad: stubPrint() });
      const { page, core } = app;

      // The charge nurse writes the unit's notes, one resident after the next, never leaving the keyboard.
      await signIn(page, 'carla', NURSE_PASSWORD);
      await tabTo(page, w.handoff);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByLabel(w.summary).isVisible(), { timeout: 10_000 }).toBe(true);
      await tabTo(page, w.summary);
      const notes = ['Ana: new cough, lungs clear. NOTEANA', 'Ben: settled, ate well. NOTEBEN', 'Cy: fall at 06:00, no injury. NOTECY'];
      for (const [i, text] of notes.entries()) {
        if (i > 0) {
          await page.keyboard.press('Alt+ArrowDown');
          // The next resident's first field (illness severity) has focus: Tab to the summary.
          await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
          await page.keyboard.press('Tab');
          await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('summary');
        }
        await typeText(page, text);
        await expect.poll(() => page.locator('.autosave').innerText(), { timeout: 10_000 }).toMatch(w.saved);
      }
      const saved = await sqlRows<{ summary: string }>(core, 'select summary from handoff_notes order by resident_id');
      expect(saved.map((r) => r.summary)).toEqual(notes);

      // The sheet: printed from the keyboard, read back from the PDF.
      await page.getByRole('tab', { name: w.sheet }).focus();
      await page.keyboard.press('Enter');
      await tabTo(page, w.print);
      await page.keyboard.press('Enter');
      await waitPrinted(page);
      const pdf = await printPdf(page, `handoff-${lang}`);
      expectPaper(pdf.file, 'letter', 'landscape');
      expectEveryPage(pdf.pages, { header: w.header, notice: PHI_NOTICE[lang], printed: w.printed, ...(lang === 'es' ? { pageLine: (k: number, n: number) => `Página ${k} de ${n}` } : {}) });
      const all = squeeze(pdf.pages.join('\n'));
      expect(all).toContain(w.ipass);
      for (const token of ['NOTEANA', 'NOTEBEN', 'NOTECY']) expect(all).toContain(token);
      expectRowsWhole(pdf.pages, [
        { start: '101-A', end: 'NOTEANA' },
        { start: '102-A', end: 'NOTEBEN' },
        { start: '103-A', end: 'NOTECY' },
      ]);
      await tabTo(page, w.signOut, { back: true, max: 80 });
      await page.keyboard.press('Enter');

      // The receiving nurse opens the sheet; meanwhile an allergy is recorded at another station.
      await signIn(page, 'rita', NURSE_PASSWORD);
      await tabTo(page, w.handoff);
      await page.keyboard.press('Enter');
      await page.getByRole('tab', { name: w.sheet }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('button', { name: w.acknowledge }).isEnabled(), { timeout: 10_000 }).toBe(true);
      await addAllergyElsewhere(core);
      // Live: the change is announced within a second, and the version being read is not swapped.
      await expect.poll(() => page.locator('.handoff-sheet').innerText(), { timeout: 5_000 }).toContain(w.changedWhileShown);
      expect(await page.locator('table.handoff-table').innerText()).not.toContain('Latex');
      await tabTo(page, w.acknowledge);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('alertdialog');
      await expect.poll(() => dialog.isVisible()).toBe(true);
      await tabTo(page, w.confirm);
      await page.keyboard.press('Enter');
      // Refused: the sheet changed since it was shown. The changes come first, nothing is recorded yet.
      await expect.poll(() => dialog.getByRole('alert').innerText(), { timeout: 10_000 }).toContain(w.changed);
      expect(await dialog.getByRole('alert').innerText()).toMatch(w.latex);
      expect(await sqlRows(core, 'select id from handoff_acks')).toEqual([]);
      await tabTo(page, w.confirmReviewed);
      await page.keyboard.press('Enter');
      await expect.poll(() => dialog.isVisible()).toBe(false);
      await expect.poll(() => page.locator('.ack-state').innerText(), { timeout: 10_000 }).toMatch(w.acked);

      // The record: who, when and the exact version acknowledged — the one with the allergy.
      const acks = await sqlRows<{ username: string; at: string; content: string; hash: string }>(
        core,
        'select u.username as username, a.acknowledged_at as at, s.content_json as content, s.hash as hash from handoff_acks a join handoff_sheets s on s.id = a.sheet_id join users u on u.id = a.acknowledged_by',
      );
      expect(acks).toHaveLength(1);
      expect(acks[0]!.username).toBe('rita');
      expect(acks[0]!.at).toContain('2026-03-02T14:00');
      expect(acks[0]!.content).toContain('Latex');
      expect(acks[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    },
    120_000,
  );
});

describe('the Today board (issue 12, Today board)', () => {
  test('the landing screen by role: the charge nurse sees who is out and the unacknowledged handoff, follows it live; the director sees training and coverage', async () => {
    app = await startE2E({
      now: NOW,
      viewport: STATION_VIEWPORT,
      beforeLoad: async (p) => p.clock.setFixedTime(new Date(NOW)),
      seed: async (core) => {
        await smallUnit(core);
        const a = caller(core);
        await a.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
        const ana = (await sqlRows<{ id: number }>(core, "select id from residents where record_number = 'R-1'"))[0]!.id;
        await a.must('residents.changeStatus', { id: ana, status: 'hospital', date: '2026-03-02' });
        await a.must('users.create', { username: 'dora', displayName: 'Dora Director', role: 'director_of_nursing', password: STRONG_PASSWORD });
        const d = caller(core);
        await d.must('auth.signIn', { username: 'dora', password: STRONG_PASSWORD });
        await d.must('auth.changePassword', { currentPassword: STRONG_PASSWORD, newPassword: NURSE_PASSWORD });
      },
    });
    const { page, core } = app;
    await signIn(page, 'carla', NURSE_PASSWORD);
    // Today is where a nurse lands: her units, who is out, the last handoff, CPR coverage.
    await expect.poll(() => page.getByRole('heading', { name: 'Your units today' }).isVisible(), { timeout: 10_000 }).toBe(true);
    const board = page.locator('.today');
    await expect.poll(() => board.innerText()).toContain('Out of the building: 1');
    expect(await board.innerText()).toMatch(/101-?A?.*Alvarez, Ana.*hospital/i);
    expect(await board.innerText()).toContain('CPR coverage');
    expect(await page.getByRole('heading', { name: 'Training lapsing this week' }).count()).toBe(0);
    // Memory Care (the first unit): each unit has its own line.
    const link = page.locator('a[href^="#/handoff/sheet/1/2026-03-01/"]');
    await expect.poll(() => link.isVisible()).toBe(true);
    expect(await link.innerText()).toBe('Night shift handoff (Mar 1, 2026) not acknowledged: review and acknowledge');

    // Acknowledged at another station: the board follows within a second, without a reload.
    const other = caller(core);
    await other.must('auth.signIn', { username: 'rita', password: NURSE_PASSWORD });
    const units = (await other.must('facility.get', {})).units;
    const mc = units.find((u) => u.name === 'Memory Care')!.id;
    const night = (await other.must('facility.get', {})).shifts.find((s) => s.name === 'Night')!.id;
    const sheet = await other.must('handoff.sheet', { unitId: mc, date: '2026-03-01', shiftId: night });
    await other.must('handoff.acknowledge', { unitId: mc, date: '2026-03-01', shiftId: night, hash: sheet.hash });
    await expect.poll(() => board.innerText(), { timeout: 5_000 }).toContain('Night shift handoff acknowledged by Rita Receiver');
    expect(await link.count()).toBe(0);

    // The director of nursing sees training lapsing this week and the coverage gaps.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, 'dora', NURSE_PASSWORD);
    await expect.poll(() => page.getByRole('heading', { name: 'Training lapsing this week' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: 'CPR coverage gaps, today and tomorrow' }).isVisible()).toBe(true);
  });

  test('the unacknowledged handoff links to that shift\'s sheet', async () => {
    app = await startE2E({ now: NOW, viewport: STATION_VIEWPORT, beforeLoad: async (p) => p.clock.setFixedTime(new Date(NOW)), seed: smallUnit });
    const { page } = app;
    await signIn(page, 'carla', NURSE_PASSWORD);
    // Memory Care (the first unit): each unit has its own line.
    const link = page.locator('a[href^="#/handoff/sheet/1/2026-03-01/"]');
    await expect.poll(() => link.isVisible(), { timeout: 10_000 }).toBe(true);
    await link.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Acknowledge handoff' }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.locator('.sheet-summary').innerText()).toMatch(/Memory Care · Night .* · Mar 1, 2026/);
  });
});

describe('bad input and the downtime packet (issue 12)', () => {
  test('a note over the limit shows a counter and is not saved, never cut; the downtime packet prints every unit\'s sheet, each unit\'s appointments of the day and every vehicle\'s manifest, each from a new page', async () => {
    app = await startE2E({
      now: NOW,
      viewport: STATION_VIEWPORT,
      beforeLoad: stubPrint(),
      seed: async (core) => {
        await smallUnit(core);
        const a = caller(core);
        await a.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
        const f = await a.must('facility.get', {});
        const s2 = f.units.find((u) => u.name === 'Skilled 2')!.id;
        const bed = (await a.must('rooms.create', { unitId: s2, label: '205', beds: ['A'] })).bedIds[0]!;
        const dee = await a.must('residents.admit', admission({ unitId: s2, bedId: bed, recordNumber: 'R-9', legalGiven: 'Dee', legalFamily: 'Dunn' }));
        // Today's dialysis for Dee on Van 1: the packet carries Skilled 2's day list and the van's manifest.
        const appt = await a.must('appointments.create', { residentId: dee.id, type: 'dialysis', setting: 'external', providerName: 'Riverside Renal', startLocal: '2026-03-02T10:00', endLocal: '2026-03-02T11:00' });
        const van = await a.must('transport.saveVehicle', { name: 'Van 1', seats: 4, wheelchairPositions: 1, stretcherPositions: 0, bariatric: false, oxygen: false });
        const onVan = { kind: 'facility_vehicle' as const, vehicleId: van.id, driverStaffId: null };
        await a.must('transport.book', {
          appointmentId: appt.id,
          mode: { need: { base: 'ambulatory', bariatric: false, oxygen: false }, overrideReason: null },
          escort: null,
          travelMinutes: 30,
          checkInMinutes: 15,
          outbound: { pickupAt: '2026-03-02T15:15:00.000Z', carrier: onVan },
          return: { kind: 'fixed', pickupAt: '2026-03-02T17:10:00.000Z', carrier: onVan },
          notes: null,
        });
      },
    });
    const { page, core } = app;
    await signIn(page, 'carla', NURSE_PASSWORD);
    await tabTo(page, 'Handoff');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Patient summary').isVisible(), { timeout: 10_000 }).toBe(true);
    await tabTo(page, 'Patient summary');
    const long = `${'Long note. '.repeat(55)}ENDMARK`; // 612 characters
    await page.keyboard.insertText(long);
    await expect.poll(() => page.locator('.note-editor').innerText()).toContain('12 characters over the limit of 600');
    await expect.poll(() => page.locator('.note-editor').innerText()).toContain('This note is longer than its limit and has not been saved.');
    // Nothing cut: the text is all there; nothing written.
    expect(await page.getByLabel('Patient summary').inputValue()).toBe(long);
    await page.waitForTimeout(1500);
    expect(await sqlRows(core, 'select id from handoff_notes')).toEqual([]);

    await page.getByRole('tab', { name: 'Sheet' }).focus();
    await page.keyboard.press('Enter');
    await tabTo(page, 'Downtime packet (every unit)');
    await page.keyboard.press('Enter');
    await waitPrinted(page);
    const pdf = await printPdf(page, 'handoff-downtime');
    expectPaper(pdf.file, 'letter', 'landscape');
    expectEveryPage(pdf.pages, { header: 'Downtime packet', notice: PHI_NOTICE.en, printed: 'Printed Mar 2, 2026 at 08:00 by Carla Charge' });
    // Memory Care on the first page, Skilled 2 from a page of its own; the unit named in every row.
    // Then each unit's appointments of the day and the van's manifest, each from a page of its own.
    expect(pdf.pages.length).toBe(5);
    expect(squeeze(pdf.pages[0]!)).toMatch(/Memory Care · Census 3/);
    for (const p of pdf.pages.slice(0, 2)) expect(squeeze(p)).toContain('Write-in');
    expect(squeeze(pdf.pages[0]!)).not.toContain('Dunn, Dee');
    expect(squeeze(pdf.pages[1]!)).toMatch(/Skilled 2 · Census 1/);
    expect(squeeze(pdf.pages[1]!)).toContain('Dunn, Dee');
    expect(squeeze(pdf.pages[1]!)).toContain('Skilled 2 · 205-A');
    expect(squeeze(pdf.pages[2]!)).toContain('Appointments · Memory Care · Mar 2, 2026');
    expect(squeeze(pdf.pages[2]!)).toContain('No appointments');
    expect(squeeze(pdf.pages[3]!)).toContain('Appointments · Skilled 2 · Mar 2, 2026');
    expect(squeeze(pdf.pages[3]!)).toMatch(/10:00–11:00 .*Dunn/);
    expect(squeeze(pdf.pages[4]!)).toMatch(/Vehicle: Van 1 · Date: Mar 2, 2026/);
    expect(squeeze(pdf.pages[4]!)).toMatch(/9:15 AM Outbound Dee Dunn/);
    expect(squeeze(pdf.pages[4]!)).toMatch(/11:10 AM Return Dee Dunn/);
  });
});

describe('changed since the last handoff, on screen and on paper (issue 12)', () => {
  test('against the previous shift\'s printed sheet: a new allergy, a code status change and an admission are marked on the screen and the PDF, with the legend', async () => {
    app = await startE2E({
      now: NOW,
      viewport: STATION_VIEWPORT,
      beforeLoad: stubPrint(),
      seed: async (core) => {
        await smallUnit(core);
        const a = caller(core);
        await a.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
        const f = await a.must('facility.get', {});
        const mc = f.units.find((u) => u.name === 'Memory Care')!.id;
        const night = f.shifts.find((s) => s.name === 'Night')!.id;
        // The Night sheet of Mar 1 was printed: the baseline.
        const sheet = await a.must('handoff.sheet', { unitId: mc, date: '2026-03-01', shiftId: night });
        await a.must('handoff.recordPrint', { unitId: mc, date: '2026-03-01', shiftId: night, hash: sheet.hash });
        // Since then: Ana's latex allergy, Ben's code status, and a new admission in 104-A.
        await addAllergyElsewhere(core);
        const ben = (await sqlRows<{ id: number }>(core, "select id from residents where record_number = 'R-2'"))[0]!.id;
        const r = await a.must('residents.get', { id: ben });
        await a.must('residents.update', {
          id: ben, expectedVersion: r.version, legalGiven: r.legalGiven, legalFamily: r.legalFamily, preferredName: r.preferredName, dateOfBirth: r.dateOfBirth, sex: r.sex,
          recordNumber: r.recordNumber, codeStatus: 'full_code', codeStatusForm: r.codeStatusForm, codeStatusDocumentedOn: r.codeStatusDocumentedOn, allergies: { state: 'nka', recordedOn: '2026-02-01' },
          dietType: r.dietType, iddsiFood: r.iddsiFood, iddsiDrink: r.iddsiDrink, transfer: r.transfer, aid: r.aid, fallRisk: r.fallRisk, wanderingRisk: r.wanderingRisk, isolation: r.isolation,
        });
        const bed = (await a.must('rooms.create', { unitId: mc, label: '110', beds: ['A'] })).bedIds[0]!;
        await a.must('residents.admit', admission({ unitId: mc, bedId: bed, recordNumber: 'R-7', legalGiven: 'Gus', legalFamily: 'Gray', admittedOn: '2026-03-02' }));
      },
    });
    const { page } = app;
    await signIn(page, 'carla', NURSE_PASSWORD);
    await tabTo(page, 'Handoff');
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: 'Sheet' }).focus();
    await page.keyboard.press('Enter');
    const rowOf = (name: string) => page.getByRole('row', { name: new RegExp(name) });
    await expect.poll(() => rowOf('Alvarez, Ana').innerText(), { timeout: 10_000 }).toContain('NEW: Latex');
    expect(await rowOf('Brooks, Ben').innerText()).toContain('CHANGED (was DNR)');
    expect(await rowOf('Gray, Gus').innerText()).toContain('NEW ADMISSION');
    expect(await rowOf('Castro, Cy').innerText()).not.toMatch(/NEW|CHANGED/);
    expect(await page.locator('.sheet-summary').innerText()).toContain('since the handoff of the Night shift, Mar 1, 2026 (printed)');

    await tabTo(page, 'Print sheet');
    await page.keyboard.press('Enter');
    await waitPrinted(page);
    const pdf = await printPdf(page, 'handoff-changes');
    const all = squeeze(pdf.pages.join('\n'));
    expect(all).toContain('since the handoff of the Night shift, Mar 1, 2026 (printed)');
    // Each mark once, on its resident's row (a mark may wrap inside its cell: its words are checked).
    for (const mark of ['NEW: Latex', '(was DNR)', 'NEW ADMISSION']) expect(all.split(mark).length - 1, mark).toBe(1);
    expect(all.split('CHANGED').length - 1).toBe(2); // the legend's and Ben's
    // Severe is marked on the allergy itself, in words.
    expect(all).toMatch(/SEVERE Latex/);
  });
});

describe('carrying forward and printing chosen residents (issue 12)', () => {
  test('the previous shift\'s text is offered and carried forward by keyboard; a sheet of the residents ticked prints only them', async () => {
    app = await startE2E({
      now: NOW,
      viewport: STATION_VIEWPORT,
      beforeLoad: stubPrint(),
      seed: async (core) => {
        await smallUnit(core);
        const a = caller(core);
        await a.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
        const night = (await a.must('facility.get', {})).shifts.find((s) => s.name === 'Night')!.id;
        const ana = (await sqlRows<{ id: number }>(core, "select id from residents where record_number = 'R-1'"))[0]!.id;
        await a.must('handoff.saveNote', { residentId: ana, date: '2026-03-01', shiftId: night, expectedVersion: null, template: 'ipass', severity: 'unstable', summary: 'Chest pain at 03:00, ECG normal. CARRIED', awareness: 'If pain returns, call 911.' });
      },
    });
    const { page, core } = app;
    await signIn(page, 'carla', NURSE_PASSWORD);
    await tabTo(page, 'Handoff');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.carry-forward').innerText(), { timeout: 10_000 }).toContain('Previous shift (Night, Mar 1, 2026):');
    expect(await page.locator('.carry-forward').innerText()).toContain('Chest pain at 03:00');
    await tabTo(page, 'Carry forward', { max: 60 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Patient summary').inputValue()).toBe('Chest pain at 03:00, ECG normal. CARRIED');
    await expect.poll(() => page.locator('.autosave').innerText(), { timeout: 10_000 }).toMatch(/Saved at/);
    // Severity is never carried: it is chosen for this shift.
    const saved = await sqlRows<{ summary: string; awareness: string; severity: string | null; shift_date: string }>(core, "select summary, awareness, severity, shift_date from handoff_notes where shift_date = '2026-03-02'");
    expect(saved).toEqual([{ summary: 'Chest pain at 03:00, ECG normal. CARRIED', awareness: 'If pain returns, call 911.', severity: null, shift_date: '2026-03-02' }]);

    await page.getByRole('tab', { name: 'Sheet' }).focus();
    await page.keyboard.press('Enter');
    for (const name of ['Print Brooks, Ben, room 102-A', 'Print Castro, Cy, room 103-A']) {
      await tabTo(page, name, { max: 60 });
      await page.keyboard.press('Space');
    }
    await tabTo(page, 'Print chosen residents (2)', { back: true, max: 60 });
    await page.keyboard.press('Enter');
    await waitPrinted(page);
    const pdf = await printPdf(page, 'handoff-chosen');
    const all = squeeze(pdf.pages.join('\n'));
    expectEveryPage(pdf.pages, { header: 'Write-in', notice: PHI_NOTICE.en, printed: 'Printed Mar 2, 2026 at 08:00 by Carla Charge' });
    expect(all).toContain('Shift handoff: chosen residents');
    expect(all).toContain('Brooks, Ben');
    expect(all).toContain('Castro, Cy');
    expect(all).not.toContain('Alvarez, Ana');
    // The unit is named in every row of a chosen sheet.
    expect(all).toContain('Memory Care · 102-A');
  });
});
