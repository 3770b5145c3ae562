/**
 * Standing rides (issue 11; docs/transport.md, "Standing rides"): a ride booked once for every
 * occurrence of a recurring series from one occurrence on — dialysis Mon/Wed/Fri.
 *
 * Each occurrence is opened (it becomes an appointment row, as when someone records its details) and
 * gets an ordinary booking made from the template (shared/domain/transport/standing.ts). A series is
 * bounded by the facility's horizon, so this is a few hundred rows at most, written in the call's
 * transaction. Everything else then treats those trips like any other: the board, the driver's day,
 * the manifest, later bookings' conflict checks, and the linked-change flags when one occurrence is
 * moved or cancelled (an exception of the series is a change of that occurrence's row).
 *
 * The series' own edits are followed here, by wrapping the appointments methods that can add
 * occurrences or end the series: a new occurrence (a changed rule, "this and following") gets its ride
 * from the template; a cancelled series ends its standing ride (its rides are flagged, as any ride of a
 * cancelled appointment is, for the coordinator to call the carrier off).
 */
import { appointmentCallsOffTransport, checkConflicts, checkLegTransition, isOneOf, APPOINTMENT_STATUSES, manifestDate, occurrenceFields, resolveStandingConflicts, standingTemplate, StandingTemplate, type TripLeg } from '../../../shared/domain/transport';
import { err, fieldError, ok, type Err, type Result } from '../../../shared/result';
import type { BookingOut } from '../../../shared/contract/transport';
import type { BookInput } from '../../../shared/domain/transport/schemas';
import { defineHandlers, type HandlerContext } from '../context';
import { appointmentsHandlers, openOccurrences } from './appointments';
import { aroundLegs, bookingOut, bookingWrite, candidateLegs, conflictContext, peopleOf, resolveBooking, storeOverrides, transportHandlers, tripLegOf, type Resolved } from './transport';

const isErr = <T>(v: T | Err): v is Err => typeof v === 'object' && v !== null && 'ok' in v && (v as Err).ok === false;

interface Planned {
  key: string;
  r: Resolved;
  fields: ReturnType<typeof occurrenceFields>;
}

/**
 * The rides a standing booking still owes: every occurrence from the template's first on (and, when
 * following a series edit, only those still ahead) without a booking, planned from the template.
 */
async function plan(ctx: HandlerContext, seriesId: number, template: StandingTemplate, onlyAhead: boolean): Promise<Planned[] | Err> {
  const occurrences = await openOccurrences(ctx, seriesId, template.fromLocal, onlyAhead ? ctx.nowIso : undefined);
  const booked = await ctx.q.transport.bookedAppointments(occurrences.map((o) => o.appointmentId));
  const out: Planned[] = [];
  for (const o of occurrences) {
    if (booked.has(o.appointmentId)) continue;
    const appt = await ctx.q.transport.appointment(o.appointmentId);
    if (!appt || appt.setting === 'in_house' || appointmentCallsOffTransport(isOneOf(APPOINTMENT_STATUSES, appt.status) ? appt.status : 'scheduled')) continue;
    const fields = occurrenceFields(template, appt);
    const r = await resolveBooking(ctx, o.appointmentId, fields);
    if (isErr(r)) return r;
    out.push({ key: o.key, r, fields });
  }
  return out;
}

/** Writes the planned rides, each with the conflicts accepted for it. */
async function write(ctx: HandlerContext, standingId: number, planned: readonly Planned[], accepted: readonly Parameters<typeof storeOverrides>[2][]): Promise<number[]> {
  const by = ctx.user?.id ?? null;
  const ids: number[] = [];
  for (const [i, p] of planned.entries()) {
    const id = await ctx.q.transport.insertBooking(bookingWrite(p.r, p.fields), ctx.nowIso, by, { standingBookingId: standingId, occurrenceKey: p.key });
    await ctx.q.transport.insertLeg(id, p.r.legs.outbound, ctx.nowIso, by);
    await ctx.q.transport.insertLeg(id, p.r.legs.return, ctx.nowIso, by);
    await storeOverrides(ctx, id, accepted[i] ?? []);
    ids.push(id);
  }
  return ids;
}

/**
 * Every planned ride's conflicts, checked against one read of the trips around the whole span (any
 * superset of the legs that could collide is fine for the rules) and one credentials context through
 * its last date, then resolved one decision per kind of problem.
 */
async function conflictsOfAll(ctx: HandlerContext, planned: readonly Planned[], overrides: BookInput['overrides']) {
  if (planned.length === 0) return resolveStandingConflicts([], overrides);
  const candidates = planned.map((p) => candidateLegs(p.r, null, new Map()));
  const spans = planned.map((p, i) => aroundLegs(p.r, candidates[i]!));
  const from = spans.map((s) => s.from).sort()[0]!;
  const until = spans.map((s) => s.until).sort().at(-1)!;
  const people = planned.map((p, i) => peopleOf(p.r, candidates[i]!));
  const all = (k: 'vehicleIds' | 'driverIds' | 'staffIds') => [...new Set(people.flatMap((x) => x[k]))];
  const existing = (await ctx.q.transport.conflictLegs(from, until, { residentId: planned[0]!.r.appt.residentId, vehicleIds: all('vehicleIds'), driverIds: all('driverIds') })).map(tripLegOf);
  const cctx = await conflictContext(ctx, all('staffIds'), until.slice(0, 10));
  const near = (l: TripLeg, s: { from: string; until: string }) => l.pickupAt === null || (l.pickupAt < s.until && (l.dropoffAt ?? l.pickupAt) >= s.from);
  return resolveStandingConflicts(
    planned.map((p, i) => ({
      date: manifestDate({ pickupAt: p.r.legs.outbound.pickupAt, appointmentEndsAt: p.r.appt.endsAt }, ctx.timeZone),
      conflicts: checkConflicts(candidates[i]!, existing.filter((l) => near(l, spans[i]!)), cctx),
    })),
    overrides,
  );
}

/** `transport.book` with `standing: true`: this occurrence's ride and every later one's. */
async function bookStanding(ctx: HandlerContext, i: BookInput): Promise<Result<BookingOut>> {
  const { appointmentId, standing: _standing, ...input } = i;
  const row = await ctx.q.appointments.stored(appointmentId);
  if (!row) return fieldError('appointmentId', 'unknown_appointment');
  if (row.seriesId === null || row.occurrenceLocal === null) return fieldError('standing', 'not_a_series_occurrence');
  if ((await ctx.q.transport.standingOfSeries([row.seriesId])).length > 0) return fieldError('standing', 'standing_exists');
  if (await ctx.q.transport.bookingOfAppointment(appointmentId)) return fieldError('appointmentId', 'already_booked');
  // The first ride is checked as any booking is (its field errors name its fields); the rest follow it.
  const first = await resolveBooking(ctx, appointmentId, input);
  if (isErr(first)) return first;
  const template = StandingTemplate.parse(standingTemplate(row.occurrenceLocal, first.appt, input));
  const by = ctx.user?.id ?? null;
  const standingId = await ctx.q.transport.insertStanding({ seriesId: row.seriesId, residentId: row.residentId, templateJson: JSON.stringify(template) }, ctx.nowIso, by);
  const planned = await plan(ctx, row.seriesId, template, false);
  if (isErr(planned)) return planned;
  const resolved = await conflictsOfAll(ctx, planned, input.overrides);
  if (resolved.blocking.length > 0) {
    // Nothing is written: the call's transaction rolls back the opened occurrences and the template.
    return err('conflict', 'transport.error.conflicts', {
      fields: resolved.blocking.map((b) => ({ path: 'overrides', code: b.conflict.code, params: { ...b.conflict.params, key: b.key, legKind: b.conflict.legKind, firstDate: b.firstDate, occurrences: b.count } })),
    });
  }
  const ids = await write(ctx, standingId, planned, resolved.overridden);
  ctx.audit({ entity: 'transport_standing', entityId: standingId, after: { seriesId: row.seriesId, template, rides: ids.length, accepted: [...new Set(resolved.overridden.flat().map((o) => `${o.conflict.code}:${o.conflict.legKind}`))] } });
  const mine = await ctx.q.transport.bookingOfAppointment(appointmentId);
  return ok(await bookingOut(ctx, mine!));
}

/**
 * After a series edit: standing rides follow. A split's new series takes the standing ride of the one
 * it was split from; occurrences still ahead without a ride get one from the template (no conflict
 * gate here: the series' editor is not booking rides, and the coordinator sees the new rides on the
 * board); a cancelled series ends its standing ride.
 */
async function followStanding(ctx: HandlerContext, fromSeriesId: number, toSeriesId: number): Promise<Err | null> {
  const standing = await ctx.q.transport.standingOfSeries([fromSeriesId, toSeriesId]);
  const by = ctx.user?.id ?? null;
  for (const s of standing) {
    const template = StandingTemplate.parse(JSON.parse(s.templateJson));
    const ids = s.seriesId === fromSeriesId && toSeriesId !== fromSeriesId ? [fromSeriesId, toSeriesId] : [s.seriesId];
    for (const seriesId of ids) {
      const series = await ctx.q.appointments.seriesRaw(seriesId);
      if (!series) continue;
      let standingId = s.id;
      if (seriesId !== s.seriesId) {
        // The cancelled part of a cancellation "from" a date: its rides are flagged, nothing to follow.
        if (series.cancelledAt !== null) continue;
        if ((await ctx.q.transport.standingOfSeries([seriesId])).length > 0) continue;
        standingId = await ctx.q.transport.insertStanding({ seriesId, residentId: s.residentId, templateJson: s.templateJson }, ctx.nowIso, by);
      }
      if (series.cancelledAt !== null) {
        await ctx.q.transport.endStanding(standingId, ctx.nowIso, by);
        ctx.audit({ entity: 'transport_standing', entityId: standingId, after: { seriesId, ended: 'series_cancelled' } });
        continue;
      }
      const planned = await plan(ctx, seriesId, template, true);
      if (isErr(planned)) return planned;
      const ids = await write(ctx, standingId, planned, []);
      if (ids.length > 0 || standingId !== s.id) ctx.audit({ entity: 'transport_standing', entityId: standingId, after: { seriesId, followed: fromSeriesId, ridesAdded: ids.length } });
    }
  }
  return null;
}

/**
 * The coordinator ends a standing ride from one of its rides' dates (the resident goes by family car
 * from now on, dialysis moved in-house): that ride and every later one are cancelled with the reason —
 * each leg as "Cancel this ride" would, so rides already under way or done are left alone — and the
 * standing ride stops following the series.
 */
async function endStanding(ctx: HandlerContext, bookingId: number, reason: string): Promise<Result<{ booking: BookingOut; ridesCancelled: number }>> {
  const b = await ctx.q.transport.booking(bookingId);
  if (!b) return err('not_found', 'transport.error.bookingNotFound');
  if (b.standingBookingId === null || b.occurrenceKey === null) return fieldError('bookingId', 'not_standing');
  const s = await ctx.q.transport.standingById(b.standingBookingId);
  if (!s?.active) return fieldError('bookingId', 'standing_ended');
  const by = ctx.user?.id ?? null;
  const rides = await ctx.q.transport.standingRidesFrom(s.id, b.occurrenceKey);
  const cancelled = new Set<number>();
  for (const leg of await ctx.q.transport.legsOf(rides)) {
    if (!checkLegTransition({ from: leg.status, to: 'cancelled', carrier: leg.carrierKind, confirmationNumber: null, reason }).ok) continue;
    await ctx.q.transport.updateLeg(leg.id, { status: 'cancelled', cancelReason: reason }, ctx.nowIso, by, true);
    cancelled.add(leg.bookingId);
  }
  for (const id of cancelled) await ctx.q.transport.touchBooking(id, ctx.nowIso, by);
  await ctx.q.transport.endStanding(s.id, ctx.nowIso, by);
  ctx.audit({ entity: 'transport_standing', entityId: s.id, after: { seriesId: s.seriesId, ended: 'by_coordinator', fromOccurrence: b.occurrenceKey, reason, ridesCancelled: cancelled.size } });
  return ok({ booking: await bookingOut(ctx, (await ctx.q.transport.booking(bookingId))!), ridesCancelled: cancelled.size });
}

export const standingHandlers = defineHandlers({
  async 'transport.endStanding'({ bookingId, reason }, ctx) {
    return endStanding(ctx, bookingId, reason);
  },

  async 'transport.book'(i, ctx) {
    return i.standing ? bookStanding(ctx, i) : transportHandlers['transport.book'](i, ctx);
  },

  async 'transport.openOccurrence'({ seriesId, originalLocal }, ctx) {
    const series = await ctx.q.appointments.seriesRaw(seriesId);
    if (!series) return fieldError('seriesId', 'unknown_appointment');
    const opened = await appointmentsHandlers['appointments.openOccurrence']({ seriesId, originalLocal }, ctx);
    return opened.ok ? ok({ appointmentId: opened.value.id }) : opened;
  },

  async 'appointments.editSeries'(i, ctx) {
    const r = await appointmentsHandlers['appointments.editSeries'](i, ctx);
    if (!r.ok) return r;
    const failed = await followStanding(ctx, i.id, r.value.id);
    return failed ?? r;
  },

  async 'appointments.cancelSeries'(i, ctx) {
    const r = await appointmentsHandlers['appointments.cancelSeries'](i, ctx);
    if (!r.ok) return r;
    // Cancelled from a date: that part became a new, cancelled series whose rides are flagged; the rest
    // keeps its standing ride. Cancelled whole (or from its first date): the standing ride ends.
    return (await followStanding(ctx, i.id, i.id)) ?? r;
  },
});
