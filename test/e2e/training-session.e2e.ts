/**
 * Issue 13, "One in-service session, many attendees", end to end by keyboard: a class recorded once, its
 * attendees narrowed by unit and shift, ticked by employee ID from the sign-in sheet and from the list,
 * the blank sign-in sheet printed on the print kit and read back from the PDF, then one write with one
 * audit row for twenty attendees.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core/app';
import { STRONG_PASSWORD, caller, setupInput } from '../support/core';
import { startE2E, tabTo, typeText, type E2EApp } from '../support/browser';
import { sqlRows } from '../support/db';
import { expectBundledFontsOnly, expectEveryPage, expectInsideRightMargin, expectPaper, expectRowsWhole, printPdf, squeeze } from '../support/pdf';

let app: E2EApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const NOW = '2026-03-02T14:00:00Z'; // 08:00 in Chicago
const HELD = '2026-02-26';
const STAFF_NOTICE = 'Confidential — contains staff personnel records';

/**
 * Memory Care: thirty aides "Ann Aide 01"…"Ann Aide 30" (E101…E130); Skilled 2: five more. On the day shift
 * of the class date: Ann Aide 01–24, one from Skilled 2, and Zoe, who already has the course that day.
 */
async function seed(core: Core) {
  const c = caller(core);
  await c.must('setup.createFacility', setupInput);
  await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  const f = await c.must('facility.get', {});
  const [memory, skilled] = f.units;
  const day = f.shifts[0]!;
  const onDuty: number[] = [];
  for (let i = 1; i <= 30; i++) {
    const s = await c.must('training.createStaff', { name: `Ann Aide ${String(i).padStart(2, '0')}`, role: 'cna', employeeId: `E${100 + i}`, hireDate: '2019-03-04', unitId: memory!.id });
    if (i <= 24) onDuty.push(s.id);
  }
  for (let i = 1; i <= 5; i++) {
    const s = await c.must('training.createStaff', { name: `Bea Skilled ${i}`, role: 'cna', employeeId: `S${i}`, hireDate: '2019-03-04', unitId: skilled!.id });
    if (i === 1) onDuty.push(s.id);
  }
  const zoe = await c.must('training.createStaff', { name: 'Zoe Recorded', role: 'cna', employeeId: 'Z1', hireDate: '2019-03-04', unitId: memory!.id });
  onDuty.push(zoe.id);
  const course = (await c.must('training.listCourses', { includeInactive: false })).rows.find((x) => x.code === 'infection_control')!;
  await c.must('training.createRecord', { staffId: zoe.id, courseId: course.id, completedOn: HELD, hours: 1, provider: null, certificateNumber: null });
  await c.must('training.setSchedule', { shiftId: day.id, date: HELD, staffIds: onDuty });
}

/** The label of whatever has focus, as tabTo reads it. */
function focusedText(page: Page) {
  return page.evaluate(() => (document.activeElement?.textContent ?? '').trim());
}

describe('an in-service session, by keyboard', () => {
  test('record a class once for twenty attendees filtered by unit and shift, print its sign-in sheet; one write, one audit row', { timeout: 180_000 }, async () => {
    app = await startE2E({
      seed,
      now: NOW,
      beforeLoad: async (p) => {
        await p.clock.setFixedTime(new Date(NOW));
        await p.addInitScript(() => {
          const w = window as unknown as { __printCalls: number; print(): void };
          w.__printCalls = 0;
          w.print = () => void w.__printCalls++;
        });
      },
    });
    const { page } = app;

    await expect.poll(() => page.getByLabel('Username').evaluate((el) => el === document.activeElement)).toBe(true);
    await typeText(page, 'admin');
    await page.keyboard.press('Tab');
    await typeText(page, STRONG_PASSWORD);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Signed in as Ada Admin (Administrator)').isVisible()).toBe(true);

    await tabTo(page, 'Training');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Matrix');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { name: 'In-service sessions' }).getAttribute('aria-selected')).toBe('true');
    await tabTo(page, 'Record a session');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Record an in-service session' }).isVisible()).toBe(true);

    // The class: course, date, hours, instructor, location.
    await tabTo(page, 'Course', { max: 60 });
    // The course list arrives with the catalog: arrow keys pressed before it is there select nothing.
    await expect.poll(() => page.getByLabel('Course', { exact: true }).locator('option').count()).toBeGreaterThan(3);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // Choose… → CPR / BLS → First aid → Infection control
    expect(await page.getByLabel('Course', { exact: true }).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('Infection control');
    await tabTo(page, 'Date held');
    await typeText(page, '02262026');
    await tabTo(page, 'Hours');
    await typeText(page, '1.5');
    await tabTo(page, 'Instructor');
    await typeText(page, 'Nora Educator, RN');
    await tabTo(page, 'Location');
    await typeText(page, 'Dining room');

    // Who can attend: Memory Care, on the day shift that day (24 aides and Zoe; not the Skilled 2 aide).
    await tabTo(page, 'Unit');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'Shift');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('.attendee').count()).toBe(25);
    expect(await page.locator('.attendee').last().textContent()).toContain('Zoe Recorded (Z1)');
    expect(await page.locator('.attendee').last().textContent()).toContain('already recorded on this date');

    // From the sign-in sheet: an employee ID and Enter ticks that person, and the box is ready for the next.
    await tabTo(page, 'Find by name or employee ID');
    for (const id of ['E101', 'E102', 'E103', 'E104', 'E105']) {
      await typeText(page, id);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.find-status').textContent()).toBe(`Ticked Ann Aide ${id.slice(2)} (${id}).`);
    }
    expect(await page.getByLabel('Find by name or employee ID').inputValue()).toBe('');
    // Someone already recorded that day cannot be ticked; a name that matches nobody says so.
    await typeText(page, 'Z1');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.find-status').textContent()).toBe('Nobody listed matches “Z1”.');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');

    // From the list: arrows move, Space ticks (6 through 20).
    await tabTo(page, /Ann Aide 01 \(E101\)/);
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    expect(await focusedText(page)).toContain('Ann Aide 06');
    for (let i = 6; i <= 20; i++) {
      await page.keyboard.press('Space');
      if (i < 20) await page.keyboard.press('ArrowDown');
    }
    await expect.poll(() => page.locator('.ticked-count strong').textContent()).toBe('Attendees ticked: 20');
    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    // The blank sign-in sheet for the class, in the list's order, from the print kit.
    await tabTo(page, 'Print sign-in sheet');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => ((await page.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls)) === 1 ? 'printed' : (await page.getByRole('alert').allTextContents()).join(' ') || 'waiting'), { timeout: 20_000 })
      .toBe('printed');
    const pdf = await printPdf(page, 'sign-in-sheet');
    expectPaper(pdf.file, 'letter', 'portrait');
    expectEveryPage(pdf.pages, { header: 'In-service sign-in sheet', notice: STAFF_NOTICE, printed: 'Printed Mar 2, 2026 at 08:00 by Ada Admin' });
    const all = squeeze(pdf.pages.join('\n'));
    expect(all).toContain('Maple Grove Care Center · Infection control · Feb 26, 2026');
    expect(all).toContain('1.5 h · Instructor: Nora Educator, RN · Location: Dining room');
    // The last column is on paper, on every page; every listed person once, whole, in the list's order.
    for (const p of pdf.pages) expect(squeeze(p)).toMatch(/Time in\s+Signature/);
    expectRowsWhole(pdf.pages, [...Array.from({ length: 24 }, (_, i) => `Ann Aide ${String(i + 1).padStart(2, '0')}`), 'Zoe Recorded'].map((name) => ({ start: name, end: name })));
    // Blank lines for anyone not listed, numbered on after the list.
    expect(all.match(/Name and employee ID:/g)).toHaveLength(8);
    expect(all).not.toContain('Bea Skilled');
    expectInsideRightMargin(pdf.file);
    expectBundledFontsOnly(pdf.file);

    // Save: one write for the whole class.
    const auditBefore = await app.core.q.audit.count();
    await tabTo(page, 'Save session');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Session saved: Infection control on Feb 26, 2026, 20 attendees.');
    expect(await app.core.q.audit.count()).toBe(auditBefore + 1);

    const sessions = await sqlRows<{ id: number; held_on: string; hours: number; instructor: string; location: string }>(app.core, 'SELECT id, held_on, hours, instructor, location FROM training_sessions');
    expect(sessions).toEqual([{ id: 1, held_on: HELD, hours: 1.5, instructor: 'Nora Educator, RN', location: 'Dining room' }]);
    const records = await sqlRows<{ name: string; completed_on: string; hours: number; source: string; session_id: number }>(
      app.core,
      `SELECT s.name, r.completed_on, r.hours, r.source, r.session_id FROM training_records r JOIN staff s ON s.id = r.staff_id WHERE r.session_id IS NOT NULL ORDER BY s.name`,
    );
    expect(records.map((r) => r.name)).toEqual(Array.from({ length: 20 }, (_, i) => `Ann Aide ${String(i + 1).padStart(2, '0')}`));
    expect(new Set(records.map((r) => `${r.completed_on} ${r.hours} ${r.source} ${r.session_id}`))).toEqual(new Set([`${HELD} 1.5 session 1`]));
    const audit = await sqlRows<{ method: string; entity: string; entity_id: string; after_json: string }>(app.core, `SELECT method, entity, entity_id, after_json FROM audit_log WHERE entity = 'training_session'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ method: 'training.recordSession', entity: 'training_session', entity_id: '1' });
    expect((JSON.parse(audit[0]!.after_json) as { attendees: unknown[] }).attendees).toHaveLength(20);

    // Back on the list, the class with its twenty attendees.
    await expect.poll(() => page.getByRole('row', { name: /Infection control/ }).textContent()).toContain('20');
  });
});
