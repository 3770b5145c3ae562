import ICAL from 'ical.js';
import { expect, test } from 'vitest';
import { buildIcs, MINIMUM_ICS_CONTENT, type IcsDetails, type IcsRequest, type IcsSeries } from '../../../../shared/domain/appointments/ics';
import { cancelOccurrence, expandAll, overrideOccurrence, splitSeries, type Series } from '../../../../shared/domain/appointments/recurrence';
import { occupiesTime } from '../../../../shared/domain/appointments/status';
import { describeInHostZones } from './host-zones';
import { ms, series, z } from './fixtures';

const details: IcsDetails = {
  type: 'dialysis',
  setting: 'external',
  residentName: 'Rosa Delgado',
  providerName: 'Riverside Dialysis',
  locationName: 'Unit B',
  address: '12 River Rd, Springfield',
  phone: '555-0100',
  preparation: { items: ['bring_medication_list', 'hold_medication'], note: 'Hold lisinopril that morning' },
};

function ok<T>(r: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

/** Every occurrence ical.js reads from the file, as [start, end] instants (ms), sorted. */
function readBack(text: string): [number, number][] {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const byUid = new Map<string, ICAL.Component[]>();
  for (const ev of root.getAllSubcomponents('vevent')) {
    const uid = String(ev.getFirstPropertyValue('uid'));
    byUid.set(uid, [...(byUid.get(uid) ?? []), ev]);
  }
  const out: [number, number][] = [];
  for (const comps of byUid.values()) {
    const master = comps.find((c) => !c.hasProperty('recurrence-id'))!;
    const event = new ICAL.Event(master, { exceptions: comps.filter((c) => c.hasProperty('recurrence-id')) });
    if (!event.isRecurring()) {
      out.push([event.startDate.toUnixTime() * 1000, event.endDate.toUnixTime() * 1000]);
      continue;
    }
    const it = event.iterator();
    for (let next = it.next(), guard = 0; next && guard < 2000; next = it.next(), guard++) {
      const d = event.getOccurrenceDetails(next);
      out.push([d.startDate.toUnixTime() * 1000, d.endDate.toUnixTime() * 1000]);
    }
  }
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

const ours = (list: Series[], oneOffs: [number, number][] = []) =>
  [...list.flatMap((s) => expandAll(s).filter((o) => occupiesTime(o.status)).map((o): [number, number] => [o.start, o.end])), ...oneOffs].sort((a, b) => a[0] - b[0] || a[1] - b[1]);

const request = (timeZone: string, s: Series[], extra: Partial<IcsRequest> = {}): IcsRequest => ({
  timeZone,
  language: 'en',
  content: MINIMUM_ICS_CONTENT,
  appointments: [],
  series: s.map((x, i): IcsSeries => ({ uid: `series-${i}@caredesk.test`, series: x, details })),
  name: 'Appointments',
  nowMs: ms('2026-10-01T12:00:00Z'),
  ...extra,
});

describeInHostZones('iCalendar export', () => {
  test('round trip through ical.js: EXDATE, RDATE, a moved and a cancelled occurrence, a split (handbook case)', () => {
    let s: Series = series({
      dtstartLocal: '2026-10-19T06:30',
      rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR',
      untilLocal: '2026-11-30T23:59:59',
      durationMinutes: 240,
      exdates: ['2026-10-21T06:30'],
      rdates: ['2026-10-24T09:00'],
    });
    s = ok(overrideOccurrence(s, '2026-10-26T06:30', { startLocal: '2026-10-27T13:00', durationMinutes: 120 }));
    s = ok(cancelOccurrence(s, '2026-11-04T06:30'));
    const split = ok(splitSeries(s, '2026-11-16T06:30'));
    const parts = [split.before!, split.after!];
    const text = ok(buildIcs(request('America/New_York', parts)));
    expect(text).toContain('BEGIN:VTIMEZONE');
    expect(text).toContain('TZID:America/New_York');
    expect(text).toMatch(/RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=\d{8}T\d{6}Z/);
    expect(text).toContain('EXDATE;TZID=America/New_York:20261021T063000,20261104T063000');
    expect(text).toContain('RDATE;TZID=America/New_York:20261024T090000');
    expect(text).toContain('RECURRENCE-ID;TZID=America/New_York:20261026T063000');
    const back = readBack(text);
    expect(back.map(([a, b]) => `${z(a)}–${z(b)}`)).toEqual(ours(parts).map(([a, b]) => `${z(a)}–${z(b)}`));
    expect(back).toHaveLength(18);
  });

  test('occurrences in the spring gap and the autumn fold read back at our instants (New York and Madrid)', () => {
    const cases: [string, Series][] = [
      ['America/New_York', series({ dtstartLocal: '2027-03-10T02:30', rrule: 'FREQ=DAILY', untilLocal: '2027-03-20T23:59:59' })],
      ['America/New_York', series({ dtstartLocal: '2026-10-28T01:30', rrule: 'FREQ=DAILY', untilLocal: '2026-11-05T23:59:59', durationMinutes: 90 })],
      ['Europe/Madrid', series({ timeZone: 'Europe/Madrid', dtstartLocal: '2026-10-20T02:30', rrule: 'FREQ=DAILY', untilLocal: '2026-10-30T23:59:59' })],
      ['Europe/Madrid', series({ timeZone: 'Europe/Madrid', dtstartLocal: '2027-03-25T02:30', rrule: 'FREQ=DAILY', untilLocal: '2027-03-31T23:59:59' })],
      // The first occurrence itself is shifted: it becomes a stand-alone event.
      ['America/New_York', series({ dtstartLocal: '2027-03-14T02:30', rrule: 'FREQ=WEEKLY;BYDAY=SU', untilLocal: '2027-04-30T23:59:59' })],
      // Nothing but a shifted occurrence.
      ['Europe/Madrid', series({ timeZone: 'Europe/Madrid', dtstartLocal: '2026-10-25T02:30', rrule: 'FREQ=DAILY', untilLocal: '2026-10-25T23:59:59' })],
    ];
    for (const [zone, s] of cases) {
      const text = ok(buildIcs(request(zone, [s])));
      expect(readBack(text).map(([a]) => z(a)), `${zone} ${s.dtstartLocal}`).toEqual(ours([s]).map(([a]) => z(a)));
    }
  });

  test('the gap occurrence is an override with the original wall as RECURRENCE-ID and UTC times', () => {
    const s = series({ dtstartLocal: '2027-03-10T02:30', rrule: 'FREQ=DAILY', untilLocal: '2027-03-20T23:59:59' });
    const text = ok(buildIcs(request('America/New_York', [s])));
    const override = text.split('BEGIN:VEVENT').find((b) => b.includes('RECURRENCE-ID'))!;
    expect(override).toContain('RECURRENCE-ID;TZID=America/New_York:20270314T023000');
    expect(override).toContain('DTSTART:20270314T073000Z');
    expect(override).toContain('DTEND:20270314T083000Z');
  });

  test('one-off appointments: in the zone, or in UTC when the wall time repeats; cancelled ones left out', () => {
    const text = ok(
      buildIcs(
        request('America/New_York', [], {
          appointments: [
            { uid: 'a1@caredesk.test', start: ms('2026-11-03T15:00:00Z'), end: ms('2026-11-03T16:00:00Z'), status: 'confirmed', details },
            { uid: 'a2@caredesk.test', start: ms('2026-11-01T06:30:00Z'), end: ms('2026-11-01T07:00:00Z'), status: 'scheduled', details },
            { uid: 'a3@caredesk.test', start: ms('2026-11-04T15:00:00Z'), end: ms('2026-11-04T16:00:00Z'), status: 'cancelled', details },
          ],
        }),
      ),
    );
    expect(text).toContain('DTSTART;TZID=America/New_York:20261103T100000');
    expect(text).toContain('DTSTART:20261101T063000Z');
    expect(text).not.toContain('a3@caredesk.test');
    expect(readBack(text).map(([a, b]) => `${z(a)}–${z(b)}`)).toEqual(['2026-11-01T06:30Z–2026-11-01T07:00Z', '2026-11-03T15:00Z–2026-11-03T16:00Z']);
  });

  test('the minimum is a time and the word "Appointment"; each option adds only its part', () => {
    const s = series({ dtstartLocal: '2026-10-19T06:30', rrule: 'FREQ=WEEKLY;BYDAY=MO', untilLocal: '2026-10-30T23:59:59' });
    const minimum = ok(buildIcs(request('America/New_York', [s])));
    expect(minimum).toContain('SUMMARY:Appointment');
    for (const secret of ['Dialysis', 'Rosa', 'Riverside', 'River Rd', '555-0100', 'lisinopril', 'medication']) expect(minimum).not.toContain(secret);

    const typeOnly = ok(buildIcs(request('America/New_York', [s], { content: { ...MINIMUM_ICS_CONTENT, type: true } })));
    expect(typeOnly).toContain('SUMMARY:Dialysis');
    expect(typeOnly).not.toContain('Riverside');

    const all = ok(buildIcs(request('America/New_York', [s], { language: 'es', content: { type: true, provider: true, preparation: true, residentName: true } })));
    const unfolded = all.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:Rosa Delgado — Diálisis');
    expect(unfolded).toContain('LOCATION:Riverside Dialysis\\, Unit B\\n12 River Rd\\, Springfield\\n555-0100');
    expect(unfolded).toContain('DESCRIPTION:Preparación:\\n- Llevar la lista de medicación\\n- Suspender medicación\\nHold lisinopril that morning');
  });

  test('DTSTAMP is the injected clock and a zone the library does not know is refused', () => {
    const s = series({ dtstartLocal: '2026-10-19T06:30', rrule: 'FREQ=WEEKLY;BYDAY=MO', untilLocal: '2026-10-30T23:59:59' });
    expect(ok(buildIcs(request('America/New_York', [s])))).toContain('DTSTAMP:20261001T120000Z');
    expect(buildIcs(request('Mars/Olympus_Mons', []))).toEqual({ ok: false, reason: 'time_zone_not_exportable' });
  });
});
