import { describe, expect, it } from 'vitest';
import { en, es } from '../../../../shared/i18n';
import {
  BOOKING_FLAGS,
  CARRIER_KINDS,
  CONFLICT_CODES,
  ESCORT_KINDS,
  LEG_KINDS,
  LEG_STATUSES,
  MODE_REASONS,
  POSITION_KINDS,
  RETURN_KINDS,
  TRANSPORT_FIELD_CODES,
  TRANSPORT_MODES,
  DRIVER_ACTIONS,
  checkConflicts,
  formatConflictParams,
  localTime,
  validateBooking,
} from '../../../../shared/domain/transport';
import type { Conflict } from '../../../../shared/domain/transport';
import { TZ, appointment, at, chair, context, leg, person, van2 } from './fixtures';

const keys = (o: object) => Object.keys(o).sort();
const sorted = (a: readonly string[]) => [...a].sort();

/** i18next-style interpolation, enough to read the sentence a person will read. */
function render(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    if (!(k in params)) throw new Error(`missing param ${k} in "${template}"`);
    return String(params[k]);
  });
}

describe('transport catalog', () => {
  for (const [lang, catalog] of [
    ['en', en],
    ['es', es],
  ] as const) {
    it(`${lang}: every vocabulary value and every code has words`, () => {
      const t = catalog.transport;
      expect(keys(t.mode)).toEqual(sorted(TRANSPORT_MODES));
      expect(keys(t.modeInText)).toEqual(sorted(TRANSPORT_MODES));
      expect(keys(t.modeReason)).toEqual(sorted(MODE_REASONS));
      expect(keys(t.position)).toEqual(sorted(POSITION_KINDS));
      expect(keys(t.carrier)).toEqual(sorted(CARRIER_KINDS));
      for (const k of ESCORT_KINDS) expect(t.escort[k]).toBeTruthy();
      expect(keys(t.legKind)).toEqual(sorted(LEG_KINDS));
      expect(keys(t.legStatus)).toEqual(sorted(LEG_STATUSES));
      expect(keys(t.returnKind)).toEqual(sorted(RETURN_KINDS));
      expect(keys(t.driverAction)).toEqual(sorted(DRIVER_ACTIONS));
      expect(keys(t.flag)).toEqual(sorted(BOOKING_FLAGS));
      expect(keys(t.conflict)).toEqual(sorted(CONFLICT_CODES));
      expect(keys(t.field)).toEqual(sorted(TRANSPORT_FIELD_CODES));
    });
  }

  it('field codes do not shadow the shared field block (the renderer looks there first)', () => {
    for (const code of TRANSPORT_FIELD_CODES) expect(Object.keys(en.field)).not.toContain(code);
  });
});

describe('conflict messages in plain words', () => {
  const fmt = (lang: 'en' | 'es') => ({
    time: (iso: string) => localTime(Date.parse(iso), TZ),
    date: (d: string) => d,
    mode: (m: string) => (lang === 'en' ? en : es).transport.modeInText[m as keyof typeof en.transport.modeInText],
  });
  const words = (c: Conflict, lang: 'en' | 'es' = 'en') => render((lang === 'en' ? en : es).transport.conflict[c.code], formatConflictParams(c.params, fmt(lang)));

  it('reads like the issue asks', () => {
    // Van 2 takes Rosa out at 09:00, drops her at 09:45 and is back at 10:30.
    const existing = [leg({ pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:45', residentName: 'Rosa Díaz' })];
    const [c] = checkConflicts([leg({ pickup: '2026-12-02T10:00', dropoff: '2026-12-02T10:20', driver: 'kim' })], existing, context());
    expect(words(c!)).toBe('Van 2 is already on a trip 09:00–10:30 (Rosa Díaz).');
    expect(words(c!, 'es')).toBe('Van 2 ya tiene un viaje 09:00–10:30 (Rosa Díaz).');
  });

  it('every conflict the rules produce has every param its message asks for, in both languages', () => {
    const cancelled = appointment('2026-12-02T10:00', '2026-12-02T11:00', { status: 'cancelled' });
    const rescheduled = appointment('2026-12-02T10:00', '2026-12-02T11:00', { status: 'rescheduled' });
    const lapsed = context({ staff: new Map([['sam', person('sam', 'Sam Ortiz', { cpr_bls: ['2020-01-01'] })], ['kim', { staffId: 'kim', name: 'Kim Lee', evidence: {} }]]) });
    const staffEscort = (id: string, name: string) => ({ kind: 'staff' as const, staffId: id, name });
    const stretcher = { base: 'stretcher', bariatric: false, oxygen: false } as const;
    const walker = { base: 'ambulatory', bariatric: false, oxygen: true } as const;
    const scenarios: [Parameters<typeof leg>[0][], Parameters<typeof leg>[0][], ReturnType<typeof context>][] = [
      [[{ pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', appointment: cancelled }], [], context()],
      [[{ pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', appointment: rescheduled }], [], context()],
      [[{ pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30' }], [{ pickup: '2026-12-02T09:10', dropoff: '2026-12-02T09:30' }], context()],
      [[{ pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', vehicle: 'v3' }], [{ pickup: '2026-12-02T09:10', dropoff: '2026-12-02T09:30' }], context()],
      [[{ runId: 'r', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', need: walker, escort: staffEscort('sam', 'Sam Ortiz') }], Array.from({ length: 4 }, () => ({ runId: 'r', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', need: walker })), context()],
      [[{ runId: 'r', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30' }], [{ runId: 'r', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30' }, { runId: 'r', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30' }], context()],
      [[{ runId: 'r', vehicle: 'v3', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', need: stretcher }], [{ runId: 'r', vehicle: 'v3', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', need: stretcher }], context()],
      [[{ resident: 'rosa', bookingId: 'b1', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', vehicle: null }], [{ resident: 'rosa', bookingId: 'b2', pickup: '2026-12-02T09:10', dropoff: '2026-12-02T09:40', vehicle: null }], context()],
      [[{ pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', driver: 'sam', escort: staffEscort('kim', 'Kim Lee') }], [], lapsed],
      [[{ pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', driver: 'kim', escort: staffEscort('sam', 'Sam Ortiz') }], [], lapsed],
    ];
    const seen = new Set<string>();
    for (const [cand, existing, ctx] of scenarios) {
      for (const c of checkConflicts(
        cand.map((p) => leg(p)),
        existing.map((p) => leg(p)),
        ctx,
      )) {
        seen.add(c.code);
        expect(() => words(c, 'en')).not.toThrow();
        expect(() => words(c, 'es')).not.toThrow();
      }
    }
    expect(sorted([...seen])).toEqual(sorted(CONFLICT_CODES));
  });

  it('field codes the rules return are all in the catalog list', () => {
    const appt = appointment('2026-12-02T10:00', '2026-12-02T11:00');
    const base = { appointment: appt, travelMinutes: 25, checkInMinutes: 15, outboundPickupAt: at('2026-12-02T09:20'), return: { kind: 'fixed' as const, pickupAt: at('2026-12-02T11:00') }, need: chair, escort: null, vehicles: { outbound: van2, return: van2 } };
    const drafts = [
      { ...base, appointment: { ...appt, setting: 'in_house' as const }, travelMinutes: -1, checkInMinutes: -1 },
      { ...base, outboundPickupAt: at('2026-12-02T10:05'), return: { kind: 'fixed' as const, pickupAt: at('2026-12-02T09:00') } },
      { ...base, outboundPickupAt: at('2026-12-02T09:50'), return: { kind: 'fixed' as const, pickupAt: at('2026-12-02T09:55') } },
      { ...base, return: { kind: 'fixed' as const, pickupAt: at('2026-12-02T09:50') }, escort: { kind: 'family' as const, name: 'Ana', phone: null }, vehicles: { outbound: { ...van2, wheelchairPositions: 0 }, return: { ...van2, seats: 0 } } },
    ];
    const codes = drafts.flatMap((d) => validateBooking(d).map((i) => i.code));
    for (const code of codes) expect(TRANSPORT_FIELD_CODES).toContain(code);
    expect(new Set(codes).size).toBe(9);
  });
});
