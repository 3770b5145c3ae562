import { RRuleTemporal } from 'rrule-temporal';
import { DAY_MS } from '../../shared/domain/appointments/local-time';
import { expand, floatingRuleText, type Series } from '../../shared/domain/appointments/recurrence';
import { round, timePair } from './measure';
import type { BenchContext, BenchResults } from './types';

const ZONE = 'America/New_York';
/** Calendar 2027 in the facility's zone, as instants: local midnight to local midnight. */
const FROM = Date.parse('2027-01-01T05:00:00Z');
const TO = Date.parse('2028-01-01T05:00:00Z');

const RULES = ['FREQ=WEEKLY;BYDAY=MO,WE,FR', 'FREQ=WEEKLY;BYDAY=TU,TH', 'FREQ=WEEKLY;BYDAY=WE', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=MO', 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2', 'FREQ=DAILY'];
const WEIGHTS = [30, 25, 25, 10, 5, 5];

/** 1,000 series of a facility: mostly weekly (dialysis, therapy), a few daily and monthly; deterministic. */
function facilitySeries(): Series[] {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out: Series[] = [];
  for (let i = 0; i < 1000; i++) {
    let pick = next() * 100;
    let rule = 0;
    while (pick >= WEIGHTS[rule]!) pick -= WEIGHTS[rule++]!;
    const hour = 6 + Math.floor(next() * 12);
    const minute = [0, 15, 30, 45][Math.floor(next() * 4)]!;
    const startDay = 1 + Math.floor(next() * 28);
    out.push({
      dtstartLocal: `2026-11-${String(startDay).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
      timeZone: ZONE,
      rrule: RULES[rule]!,
      untilLocal: '2028-03-31T23:59:59',
      durationMinutes: 60,
      exdates: [],
      rdates: [],
      overrides: [],
    });
  }
  return out;
}

/**
 * appointments.expand_ratio: expanding 1,000 series over one year through expand() (floating
 * expansion, our DST resolver, window filter, overrides) over the recurrence library called
 * directly in floating mode on the same rules and the same widened window, reading only
 * epochMilliseconds (RECURRENCE.md's baseline). Same run, interleaved. Target ≤ 1.5.
 */
export async function benchAppointments(_ctx: BenchContext): Promise<BenchResults> {
  const all = facilitySeries();
  const texts = all.map(floatingRuleText);
  const viaExpand = () => {
    let n = 0;
    for (const s of all) n += expand(s, FROM, TO).length;
    return n;
  };
  const viaLibrary = () => {
    let n = 0;
    for (const text of texts) {
      for (const z of new RRuleTemporal({ rruleString: text }).between(new Date(FROM - DAY_MS), new Date(TO + DAY_MS), true)) n += z.epochMilliseconds > 0 ? 1 : 0;
    }
    return n;
  };
  // Same work first: the library's count includes the window's margin days, ours does not.
  const ours = viaExpand();
  const theirs = viaLibrary();
  if (ours === 0 || ours > theirs || theirs - ours > all.length * 4) throw new Error(`expand() gave ${ours} occurrences, the library ${theirs}`);
  const [expanded, library] = await timePair(viaExpand, viaLibrary, { warmup: 2, rounds: 12, batch: 1 });
  process.stdout.write(`appointments: ${ours} occurrences; expand ${round(expanded.median, 1)} ms, library ${round(library.median, 1)} ms\n`);
  return { 'appointments.expand_ratio': round(expanded.median / library.median, 2) };
}
