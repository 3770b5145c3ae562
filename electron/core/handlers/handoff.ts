import { createHash } from 'node:crypto';
import type { ActionOut, NoteOut, SheetOut } from '../../../shared/contract/handoff';
import { formatLocal } from '../../../shared/domain/appointments/local-time';
import { WallResolver } from '../../../shared/domain/appointments/resolver';
import { canonicalContent, CONTENT_VERSION, type ContentRow, type SheetContent } from '../../../shared/domain/handoff/content';
import {
  buildSheet,
  NO_SCHEDULE,
  scheduleFrom,
  type BaselineRef,
  type HandoffSchedule,
  type ScheduledAppointment,
  type Sheet,
  type SheetInput,
  type SheetResident,
  type TripsKnown,
} from '../../../shared/domain/handoff/rows';
import { compareShiftRefs, dateOutsideRange, dueDateIn, nextShift, previousShift, shiftAt, shiftWindow, type ShiftDef, type ShiftRef } from '../../../shared/domain/handoff/shifts';
import { DEFAULT_TEMPLATE, EVENT_WINDOW_HOURS, HANDOFF_TEMPLATES, NOTE_DAYS, SHEET_DAYS, type HandoffTemplate } from '../../../shared/domain/handoff/vocabulary';
import { addDays, calendarDateIn } from '../../../shared/domain/dates';
import { isOneOf } from '../../../shared/domain/residents/vocabulary';
import { err, fieldError, ok, type Err } from '../../../shared/result';
import type { ActionRow, NoteRow } from '../../../db/queries/handoff';
import { defineHandlers, type HandlerContext } from '../context';
import { appointmentsForSheet } from './appointments';
import { shiftCoverage } from './training';
import { tripsForHandoff } from './transport';
import { changedElsewhere } from './versions';

const TEMPLATE_SETTING = { scope: 'facility', key: 'handoff.template' } as const;
const HOUR_MS = 3_600_000;

/**
 * What the appointments area (issue 10) supplies to the sheet: for the residents on it, each
 * appointment occurrence starting in [from, until) — the sheet's shift and the next one — keyed by
 * resident id, with the trip fields (`tripKey`, `pickupAt`, `returnAt`, `escort`) left null; transport
 * fills those in `tripsFor`. Returning null means "appointments are not known here": the sheet then
 * has no appointments column rather than printing "None" for what it cannot know. Filled by the
 * appointments area (`appointmentsForSheet`; docs/handoff.md, "What appointments and transport fill in").
 */
export type AppointmentsProvider = (ctx: HandlerContext, residentIds: readonly number[], from: string, until: string) => Promise<ReadonlyMap<number, readonly ScheduledAppointment[]> | null>;

/**
 * What the transport area (issue 11) supplies: the trip booked for each appointment occurrence
 * (by `ScheduledAppointment.key`), the staff escorts off the floor in [from, until)
 * (`staffEscortsAway`, with the resident escorted) and the residents out on a trip now
 * (`residentsOut`). Null: transport is not known here, and the sheet says nothing about trips.
 * Filled by the transport area (`tripsForHandoff`); asked only once appointments are known.
 */
export type TripsProvider = (
  ctx: HandlerContext,
  appointments: ReadonlyMap<number, readonly ScheduledAppointment[]>,
  from: string,
  until: string,
) => Promise<TripsKnown | null>;

export const appointmentsFor: AppointmentsProvider = (ctx, residentIds, from, until) => appointmentsForSheet(ctx, residentIds, from, until);
export const tripsFor: TripsProvider = (ctx, appointments, from, until) =>
  tripsForHandoff(ctx, new Set([...appointments.values()].flatMap((list) => list.filter((a) => !a.inHouse).map((a) => a.key))), from, until);

/** The sheet's schedule slots from the two providers (`scheduleFrom`: both known, appointments only, or neither). */
async function scheduleFor(ctx: HandlerContext, residentIds: readonly number[], from: string, until: string): Promise<HandoffSchedule> {
  const appointments = await appointmentsFor(ctx, residentIds, from, until);
  return scheduleFrom(appointments, appointments ? await tripsFor(ctx, appointments, from, until) : null);
}

async function templateOf(ctx: HandlerContext): Promise<HandoffTemplate> {
  const stored = await ctx.q.settings.get(TEMPLATE_SETTING.scope, TEMPLATE_SETTING.key);
  return isOneOf(HANDOFF_TEMPLATES, stored) ? stored : DEFAULT_TEMPLATE;
}

async function shiftNamed(ctx: HandlerContext, shiftId: number): Promise<{ shifts: ShiftDef[]; shift: ShiftDef } | Err> {
  const shifts = await ctx.q.facility.shifts();
  const shift = shifts.find((s) => s.id === shiftId);
  return shift ? { shifts, shift } : fieldError('shiftId', 'unknown_shift');
}

function outside(date: string, ctx: HandlerContext, range: { back: number; ahead: number }): Err | null {
  const bounds = dateOutsideRange(date, ctx.today, range);
  return bounds ? fieldError('date', 'date_out_of_range', bounds) : null;
}

async function unitNamed(ctx: HandlerContext, unitId: number): Promise<{ id: number; name: string } | Err> {
  const unit = (await ctx.q.facility.units()).find((u) => u.id === unitId);
  return unit ? { id: unit.id, name: unit.name } : fieldError('unitId', 'unknown_unit');
}

const isErr = <T>(v: T | Err): v is Err => typeof v === 'object' && v !== null && 'ok' in v && (v as Err).ok === false;

/** 'YYYY-MM-DDTHH:MM' of an instant on the facility's clocks. */
function wallOf(ctx: HandlerContext): string {
  const ms = ctx.now.getTime();
  return formatLocal(new WallResolver(ctx.timeZone, ms - 2 * 86_400_000, ms + 2 * 86_400_000).wallOf(ms));
}

export function sheetHash(c: SheetContent): string {
  return createHash('sha256').update(canonicalContent(c)).digest('hex');
}

function noteOut(n: NoteRow): NoteOut {
  return {
    id: n.id,
    residentId: n.residentId,
    date: n.shiftDate,
    shiftId: n.shiftId,
    template: n.template,
    severity: n.severity,
    summary: n.summary,
    awareness: n.awareness,
    situation: n.situation,
    background: n.background,
    assessment: n.assessment,
    recommendation: n.recommendation,
    updatedAt: n.updatedAt,
    updatedByName: n.updatedByName,
    version: n.version,
  };
}

function actionOut(a: ActionRow): ActionOut {
  return {
    id: a.id,
    residentId: a.residentId,
    text: a.text,
    owner: a.owner,
    dueDate: a.dueDate,
    dueTime: a.dueTime,
    createdDate: a.createdShiftDate,
    createdShiftId: a.createdShiftId,
    createdAt: a.createdAt,
    createdByName: a.createdByName,
    doneAt: a.doneAt,
    doneByName: a.doneByName,
    version: a.version,
  };
}

/**
 * The latest handoff recorded for a unit before `ref`: the most recent earlier shift with a printed or
 * acknowledged version, and of its versions the last acknowledged one (what was handed over), else
 * the last printed. Looks back three days: past that, nothing is "since the last handoff" any more.
 */
async function baselineOf(ctx: HandlerContext, shifts: readonly ShiftDef[], unitId: number, ref: ShiftRef): Promise<{ ref: BaselineRef; rows: Map<number, ContentRow> } | null> {
  const known = new Set(shifts.map((s) => s.id));
  const earlier = (await ctx.q.handoff.sheetVersions(unitId, addDays(ref.date, -3), ref.date)).filter(
    (v) => known.has(v.shiftId) && compareShiftRefs(shifts, { shiftId: v.shiftId, date: v.shiftDate }, ref) < 0,
  );
  if (earlier.length === 0) return null;
  const latestRef = earlier.reduce((best, v) => (compareShiftRefs(shifts, { shiftId: v.shiftId, date: v.shiftDate }, { shiftId: best.shiftId, date: best.shiftDate }) > 0 ? v : best));
  const ofShift = earlier.filter((v) => v.shiftId === latestRef.shiftId && v.shiftDate === latestRef.shiftDate);
  const acked = ofShift.filter((v) => v.lastAckAt !== null).sort((a, b) => (a.lastAckAt! < b.lastAckAt! ? 1 : -1));
  const chosen = acked[0] ?? [...ofShift].sort((a, b) => ((a.lastPrintedAt ?? a.createdAt) < (b.lastPrintedAt ?? b.createdAt) ? 1 : -1))[0]!;
  const json = await ctx.q.handoff.sheetContent(chosen.id);
  if (json === undefined) return null;
  const content = JSON.parse(json) as SheetContent;
  return {
    ref: { shift: { shiftId: chosen.shiftId, date: chosen.shiftDate }, at: chosen.lastAckAt ?? chosen.lastPrintedAt ?? chosen.createdAt, acknowledged: chosen.lastAckAt !== null },
    rows: new Map(content.rows.map((r) => [r.id, r])),
  };
}

interface Built {
  sheet: Sheet;
  hash: string;
  content: SheetContent;
  residents: SheetResident[];
}

/**
 * The sheet of a unit (or of chosen residents) for one shift. `full` adds what only the screen and
 * paper need — the last 24 hours and the marks against the previous handoff; the version hash
 * (an acknowledgment, a print record) needs neither, since neither is part of the content.
 */
async function buildFor(ctx: HandlerContext, scope: { unitId: number } | { residentIds: readonly number[] }, shifts: readonly ShiftDef[], shift: ShiftDef, date: string, full: boolean): Promise<Built> {
  const ref = { shiftId: shift.id, date };
  const window = shiftWindow(shift, date, ctx.timeZone);
  const next = nextShift(shifts, ref);
  const nextWindow = shiftWindow(shifts.find((s) => s.id === next.shiftId)!, next.date, ctx.timeZone);
  const residents = await ctx.q.handoff.sheetResidents(scope);
  const ids = residents.map((r) => r.id);
  const notes = await ctx.q.handoff.notesFor(ids, date, shift.id);
  const actions = await ctx.q.handoff.openActions(ids);
  const schedule = await scheduleFor(ctx, ids, window.from, nextWindow.until);
  let baseline: SheetInput['baseline'] = null;
  let history: SheetInput['history'] = [];
  if (full) {
    const since = new Date(ctx.now.getTime() - EVENT_WINDOW_HOURS * HOUR_MS);
    history = await ctx.q.handoff.history(ids, since.toISOString(), ctx.nowIso, calendarDateIn(since, ctx.timeZone));
    if ('unitId' in scope) baseline = await baselineOf(ctx, shifts, scope.unitId, ref);
    else {
      // Chosen residents may span units: each unit's own previous handoff, merged.
      const units = [...new Set(residents.flatMap((r) => (r.place ? [r.place.unitId] : [])))];
      const rows = new Map<number, ContentRow>();
      const covered = new Set<number>();
      let latest: BaselineRef | null = null;
      for (const unitId of units) {
        const b = await baselineOf(ctx, shifts, unitId, ref);
        if (!b) continue;
        covered.add(unitId);
        for (const [id, row] of b.rows) rows.set(id, row);
        if (latest === null || b.ref.at > latest.at) latest = b.ref;
      }
      baseline = latest ? { ref: latest, rows, units: covered } : null;
    }
  }
  const sheet = buildSheet({
    shift: ref,
    window,
    nextWindow,
    now: ctx.nowIso,
    nowWall: wallOf(ctx),
    residents,
    notes,
    actions,
    history,
    baseline,
    schedule,
  });
  const content: SheetContent = { v: CONTENT_VERSION, unitId: 'unitId' in scope ? scope.unitId : null, date, shiftId: shift.id, rows: sheet.content };
  return { sheet, hash: sheetHash(content), content, residents };
}

async function coverageOf(ctx: HandlerContext, date: string, shiftId: number): Promise<SheetOut['coverage']> {
  const shift = (await shiftCoverage(ctx, date)).find((s) => s.shiftId === shiftId);
  if (!shift) return { result: 'unknown', coveredBy: [] };
  return { result: shift.result, coveredBy: shift.onDuty.filter((p) => p.cprValid).map((p) => p.name) };
}

/** A resident a note or action may be written for: on the census (a bed, even if held). */
async function onCensus(ctx: HandlerContext, residentId: number): Promise<Err | null> {
  const r = await ctx.q.residents.current(residentId);
  if (!r) return err('not_found', 'residents.notFound');
  return r.status === 'active' || r.status === 'hospital' || r.status === 'leave' ? null : fieldError('residentId', 'not_on_census');
}

/** Records (or finds) the version of a unit's sheet with this content. */
async function versionId(ctx: HandlerContext, unitId: number, date: string, shiftId: number, built: Built, printed: boolean): Promise<number> {
  const existing = await ctx.q.handoff.sheetVersion(unitId, date, shiftId, built.hash);
  if (existing) {
    if (printed) await ctx.q.handoff.markPrinted(existing.id, ctx.nowIso);
    return existing.id;
  }
  const id = await ctx.q.handoff.insertSheetVersion({
    unitId,
    shiftDate: date,
    shiftId,
    hash: built.hash,
    contentJson: JSON.stringify(built.content),
    residents: built.sheet.rows.length,
    at: ctx.nowIso,
    by: ctx.user?.id ?? null,
    printed,
  });
  ctx.audit({ entity: 'handoff_sheet', entityId: id, after: { unitId, date, shiftId, hash: built.hash, residents: built.sheet.rows.length } });
  return id;
}

export const handoffHandlers = defineHandlers({
  async 'handoff.settings'(_input, ctx) {
    return ok({ template: await templateOf(ctx) });
  },

  async 'handoff.setTemplate'({ template }, ctx) {
    const before = await templateOf(ctx);
    await ctx.q.settings.set(TEMPLATE_SETTING.scope, TEMPLATE_SETTING.key, template);
    ctx.audit({ entity: 'facility', entityId: 1, before: { handoffTemplate: before }, after: { handoffTemplate: template } });
    return ok({ template });
  },

  async 'handoff.notes'({ unitId, date, shiftId }, ctx) {
    const found = await shiftNamed(ctx, shiftId);
    if (isErr(found)) return found;
    const unit = await unitNamed(ctx, unitId);
    if (isErr(unit)) return unit;
    const range = outside(date, ctx, SHEET_DAYS);
    if (range) return range;
    const residents = await ctx.q.handoff.sheetResidents({ unitId });
    const ids = residents.map((r) => r.id);
    const prev = previousShift(found.shifts, { shiftId, date });
    const notes = await ctx.q.handoff.notesFor(ids, date, shiftId);
    const previous = await ctx.q.handoff.notesFor(ids, prev.date, prev.shiftId);
    const actions = await ctx.q.handoff.openActions(ids);
    // The identity and safety facts come from the row model, so the screen and the sheet agree.
    const next = nextShift(found.shifts, { shiftId, date });
    const sheet = buildSheet({
      shift: { shiftId, date },
      window: shiftWindow(found.shift, date, ctx.timeZone),
      nextWindow: shiftWindow(found.shifts.find((s) => s.id === next.shiftId)!, next.date, ctx.timeZone),
      now: ctx.nowIso,
      nowWall: wallOf(ctx),
      residents,
      notes: new Map(),
      actions: new Map(),
      history: [],
      baseline: null,
      schedule: NO_SCHEDULE,
    });
    return ok({
      date,
      shift: { id: found.shift.id, name: found.shift.name, start: found.shift.start, end: found.shift.end },
      previous: { date: prev.date, shiftId: prev.shiftId, shiftName: found.shifts.find((s) => s.id === prev.shiftId)!.name },
      template: await templateOf(ctx),
      residents: sheet.rows.map((r) => ({
        residentId: r.residentId,
        recordNumber: r.recordNumber,
        legalGiven: r.legalGiven,
        legalFamily: r.legalFamily,
        preferredName: r.preferredName,
        dateOfBirth: r.dateOfBirth,
        age: r.age,
        place: r.place,
        status: r.status,
        codeStatus: r.codeStatus,
        allergies: r.allergies,
        note: notes.has(r.residentId) ? noteOut(notes.get(r.residentId)!) : null,
        previous: previous.has(r.residentId) ? noteOut(previous.get(r.residentId)!) : null,
        actions: (actions.get(r.residentId) ?? []).map(actionOut),
      })),
    });
  },

  async 'handoff.saveNote'({ residentId, date, shiftId, expectedVersion, ...fields }, ctx) {
    const found = await shiftNamed(ctx, shiftId);
    if (isErr(found)) return found;
    const range = outside(date, ctx, NOTE_DAYS);
    if (range) return range;
    const census = await onCensus(ctx, residentId);
    if (census) return census;
    const by = ctx.user?.id ?? null;
    const existing = await ctx.q.handoff.note(residentId, date, shiftId);
    if (expectedVersion === null) {
      // Another station started this note first: theirs is not overwritten.
      if (existing) return changedElsewhere(ctx, 'handoff_note', existing.id, existing.version);
      await ctx.q.handoff.insertNote({ residentId, shiftDate: date, shiftId }, fields, ctx.nowIso, by);
    } else {
      if (!existing) return err('not_found', 'handoff.noteNotFound');
      if (existing.version !== expectedVersion || !(await ctx.q.handoff.updateNote(existing.id, fields, expectedVersion, ctx.nowIso, by))) {
        return changedElsewhere(ctx, 'handoff_note', existing.id, existing.version);
      }
    }
    const after = (await ctx.q.handoff.note(residentId, date, shiftId))!;
    ctx.audit({ entity: 'handoff_note', entityId: after.id, before: existing ? noteOut(existing) : null, after: noteOut(after) });
    return ok(noteOut(after));
  },

  async 'handoff.addAction'({ residentId, date, shiftId, text, owner, dueTime }, ctx) {
    const found = await shiftNamed(ctx, shiftId);
    if (isErr(found)) return found;
    const range = outside(date, ctx, NOTE_DAYS);
    if (range) return range;
    const census = await onCensus(ctx, residentId);
    if (census) return census;
    const dueDate = dueTime === null ? null : dueDateIn(found.shift, date, dueTime);
    const id = await ctx.q.handoff.insertAction({ residentId, text, owner, dueDate, dueTime, shiftDate: date, shiftId }, ctx.nowIso, ctx.user?.id ?? null);
    const after = (await ctx.q.handoff.action(id))!;
    ctx.audit({ entity: 'handoff_action', entityId: id, after: actionOut(after) });
    return ok(actionOut(after));
  },

  async 'handoff.completeAction'({ id, expectedVersion }, ctx) {
    const before = await ctx.q.handoff.action(id);
    if (!before) return err('not_found', 'handoff.actionNotFound');
    if (before.version !== expectedVersion || before.doneAt !== null || !(await ctx.q.handoff.completeAction(id, expectedVersion, ctx.nowIso, ctx.user?.id ?? null))) {
      return changedElsewhere(ctx, 'handoff_action', id, before.version);
    }
    const after = (await ctx.q.handoff.action(id))!;
    ctx.audit({ entity: 'handoff_action', entityId: id, before: actionOut(before), after: actionOut(after) });
    return ok(actionOut(after));
  },

  async 'handoff.sheet'({ unitId, residentIds, date, shiftId }, ctx) {
    if ((unitId === null) === (residentIds === null)) return fieldError('unitId', 'unit_or_residents');
    const found = await shiftNamed(ctx, shiftId);
    if (isErr(found)) return found;
    const range = outside(date, ctx, SHEET_DAYS);
    if (range) return range;
    let unit: { id: number; name: string } | null = null;
    if (unitId !== null) {
      const named = await unitNamed(ctx, unitId);
      if (isErr(named)) return named;
      unit = named;
    }
    const built = await buildFor(ctx, unitId !== null ? { unitId } : { residentIds: residentIds! }, found.shifts, found.shift, date, true);
    if (residentIds !== null) {
      // Every chosen resident must be on the sheet: one who is not on the census is named, not dropped.
      const shown = new Set(built.residents.map((r) => r.id));
      const missing = residentIds.findIndex((id) => !shown.has(id));
      if (missing >= 0) return fieldError(`residentIds.${missing}`, 'not_on_census');
    }
    const { sheet } = built;
    const acks = unit ? await ctx.q.handoff.acks(unit.id, date, shiftId) : [];
    const baselineShift = sheet.baseline ? found.shifts.find((s) => s.id === sheet.baseline!.shift.shiftId) : undefined;
    return ok({
      unit,
      date,
      shift: { id: found.shift.id, name: found.shift.name, start: found.shift.start, end: found.shift.end },
      window: sheet.window,
      template: await templateOf(ctx),
      census: sheet.census,
      outOfBuilding: sheet.outOfBuilding,
      coverage: await coverageOf(ctx, date, shiftId),
      staffOffFloor: sheet.staffOffFloor,
      scheduleAvailable: sheet.scheduleAvailable,
      baseline: sheet.baseline
        ? { date: sheet.baseline.shift.date, shiftId: sheet.baseline.shift.shiftId, shiftName: baselineShift?.name ?? '', at: sheet.baseline.at, acknowledged: sheet.baseline.acknowledged }
        : null,
      rows: sheet.rows,
      hash: built.hash,
      acks: acks.map((a) => ({ id: a.id, byName: a.byName, at: a.at, hash: a.hash, synthesis: a.synthesis, current: a.hash === built.hash })),
    });
  },

  async 'handoff.recordPrint'({ unitId, date, shiftId, hash }, ctx) {
    const found = await shiftNamed(ctx, shiftId);
    if (isErr(found)) return found;
    const unit = await unitNamed(ctx, unitId);
    if (isErr(unit)) return unit;
    const range = outside(date, ctx, SHEET_DAYS);
    if (range) return range;
    const built = await buildFor(ctx, { unitId }, found.shifts, found.shift, date, false);
    // Printed as loaded: a change in between is printed on the next attempt, never recorded under the wrong version.
    if (built.hash !== hash) return err('conflict', 'handoff.sheetChanged', { params: { hash: built.hash } });
    const sheetId = await versionId(ctx, unitId, date, shiftId, built, true);
    ctx.audit({ entity: 'handoff_print', entityId: sheetId, after: { unitId, date, shiftId, hash } });
    return ok({ sheetId, hash });
  },

  async 'handoff.acknowledge'({ unitId, date, shiftId, hash, synthesis }, ctx) {
    const found = await shiftNamed(ctx, shiftId);
    if (isErr(found)) return found;
    const unit = await unitNamed(ctx, unitId);
    if (isErr(unit)) return unit;
    const range = outside(date, ctx, SHEET_DAYS);
    if (range) return range;
    const built = await buildFor(ctx, { unitId }, found.shifts, found.shift, date, false);
    // The sheet changed since it was shown: nothing is recorded; the screen shows what changed first.
    if (built.hash !== hash) return err('conflict', 'handoff.sheetChanged', { params: { hash: built.hash } });
    const sheetId = await versionId(ctx, unitId, date, shiftId, built, false);
    const by = ctx.user!.id;
    const id = await ctx.q.handoff.insertAck({ sheetId, by, at: ctx.nowIso, synthesis });
    ctx.audit({ entity: 'handoff_ack', entityId: id, after: { unitId, date, shiftId, hash, synthesis } });
    return ok({ id, at: ctx.nowIso, hash });
  },

  async 'handoff.today'(_input, ctx) {
    const shifts = await ctx.q.facility.shifts();
    const current = shiftAt(shifts, ctx.timeZone, ctx.now);
    const named = (ref: ShiftRef) => ({ date: ref.date, shiftId: ref.shiftId, shiftName: shifts.find((s) => s.id === ref.shiftId)?.name ?? '' });
    const previous = current ? previousShift(shifts, current) : null;
    const units = (await ctx.q.facility.units()).filter((u) => u.active);
    const away = await ctx.q.handoff.awayFromUnits();
    const census = await ctx.q.handoff.censusByUnit();
    const unitRows = [];
    for (const u of units) {
      const acks = previous ? await ctx.q.handoff.acks(u.id, previous.date, previous.shiftId) : [];
      unitRows.push({
        unitId: u.id,
        name: u.name,
        census: census.get(u.id) ?? 0,
        out: away
          .filter((r) => r.unitId === u.id)
          .map((r) => ({ residentId: r.id, legalGiven: r.legalGiven, legalFamily: r.legalFamily, preferredName: r.preferredName, dateOfBirth: r.dateOfBirth, roomLabel: r.roomLabel, bedLabel: r.bedLabel, status: r.status, since: r.statusSince })),
        handoff: { acknowledged: acks.length > 0, byName: acks[0]?.byName ?? null, at: acks[0]?.at ?? null },
      });
    }
    const coverage = [];
    if (current) {
      for (const ref of [current, nextShift(shifts, current)]) {
        const c = await coverageOf(ctx, ref.date, ref.shiftId);
        coverage.push({ ...named(ref), ...c });
      }
    }
    return ok({
      current: current ? named(current) : null,
      previous: previous ? named(previous) : null,
      ownUnitId: ctx.user ? await ctx.q.handoff.unitOfUser(ctx.user.id) : null,
      units: unitRows,
      coverage,
    });
  },
});
