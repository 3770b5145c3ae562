import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allowedNextStatuses,
  isOnCensus,
  occupiesBed,
  periodOn,
  statusOn,
  timelineProblems,
  validateTransition,
  type StatusPeriod,
} from '../../../../shared/domain/residents/timeline';
import { residentStatuses, type ResidentStatus } from '../../../../shared/domain/residents/vocabulary';

const history: StatusPeriod[] = [
  { status: 'active', from: '2024-01-10', to: '2024-03-01', bedId: '101A' },
  { status: 'active', from: '2024-03-01', to: '2024-05-05', bedId: '204B', note: 'room move' },
  { status: 'hospital', from: '2024-05-05', to: '2024-05-12', bedId: '204B' },
  { status: 'active', from: '2024-05-12', to: '2024-09-30', bedId: '204B' },
  { status: 'discharged', from: '2024-09-30', to: '2025-01-15' },
  { status: 'active', from: '2025-01-15', to: null, bedId: '110' },
];

describe('statusOn / periodOn', () => {
  it('is null before admission', () => {
    expect(statusOn(history, '2024-01-09')).toBeNull();
    expect(statusOn([], '2024-01-09')).toBeNull();
  });

  it('applies the new status on the day of the change', () => {
    expect(statusOn(history, '2024-01-10')).toBe('active');
    expect(statusOn(history, '2024-05-04')).toBe('active');
    expect(statusOn(history, '2024-05-05')).toBe('hospital');
    expect(statusOn(history, '2024-05-11')).toBe('hospital');
    expect(statusOn(history, '2024-05-12')).toBe('active');
    expect(statusOn(history, '2024-09-30')).toBe('discharged');
    expect(statusOn(history, '2025-01-15')).toBe('active');
  });

  it('keeps room history', () => {
    expect(periodOn(history, '2024-02-01')?.bedId).toBe('101A');
    expect(periodOn(history, '2024-03-01')?.bedId).toBe('204B');
  });

  it('an open period runs indefinitely', () => {
    expect(statusOn(history, '2099-12-31')).toBe('active');
  });

  it('does not depend on the order of the list', () => {
    const reversed = [...history].reverse();
    for (const date of ['2024-01-10', '2024-05-05', '2024-09-30', '2025-06-01']) {
      expect(statusOn(reversed, date)).toBe(statusOn(history, date));
    }
  });

  it('treats a gap as no status', () => {
    const gappy: StatusPeriod[] = [
      { status: 'active', from: '2024-01-01', to: '2024-02-01' },
      { status: 'active', from: '2024-03-01' },
    ];
    expect(statusOn(gappy, '2024-02-15')).toBeNull();
  });

  it('prefers the most recent change when periods overlap', () => {
    const overlapping: StatusPeriod[] = [
      { status: 'active', from: '2024-01-01', to: null },
      { status: 'hospital', from: '2024-02-01', to: null },
    ];
    expect(statusOn(overlapping, '2024-02-10')).toBe('hospital');
    expect(statusOn(overlapping, '2024-01-10')).toBe('active');
  });

  it('a zero-length period is never in force', () => {
    const sameDay: StatusPeriod[] = [
      { status: 'active', from: '2024-01-01', to: '2024-01-01' },
      { status: 'hospital', from: '2024-01-01' },
    ];
    expect(statusOn(sameDay, '2024-01-01')).toBe('hospital');
  });
});

describe('validateTransition', () => {
  const today = '2025-06-10';
  const at = (status: ResidentStatus, since = '2025-01-01') => ({ status, since });

  it.each([
    ['active', 'hospital'],
    ['active', 'leave'],
    ['active', 'discharged'],
    ['active', 'deceased'],
    ['hospital', 'active'],
    ['hospital', 'discharged'],
    ['hospital', 'deceased'],
    ['leave', 'active'],
    ['leave', 'discharged'],
    ['leave', 'deceased'],
    ['discharged', 'active'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(validateTransition(at(from), { status: to, date: '2025-06-01' }, today)).toEqual({ ok: true });
  });

  it.each([
    ['hospital', 'leave'],
    ['leave', 'hospital'],
    ['discharged', 'hospital'],
    ['discharged', 'leave'],
    ['discharged', 'deceased'],
  ] as const)('refuses %s → %s', (from, to) => {
    expect(validateTransition(at(from), { status: to, date: '2025-06-01' }, today)).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
  });

  it('nothing follows deceased', () => {
    for (const status of residentStatuses) {
      expect(validateTransition(at('deceased'), { status, date: '2025-06-01' }, today)).toEqual({
        ok: false,
        reason: 'final_status',
      });
    }
  });

  it('reports an unchanged status', () => {
    expect(validateTransition(at('active'), { status: 'active', date: '2025-06-01' }, today)).toEqual({
      ok: false,
      reason: 'same_status',
    });
  });

  it('checks dates against the current start and today', () => {
    expect(validateTransition(at('active', '2025-03-01'), { status: 'hospital', date: '2025-02-28' }, today)).toEqual({
      ok: false,
      reason: 'before_current_start',
    });
    expect(validateTransition(at('active', '2025-03-01'), { status: 'hospital', date: '2025-03-01' }, today)).toEqual({
      ok: true,
    });
    expect(validateTransition(at('active'), { status: 'hospital', date: today }, today)).toEqual({ ok: true });
    expect(validateTransition(at('active'), { status: 'hospital', date: '2025-06-11' }, today)).toEqual({
      ok: false,
      reason: 'in_future',
    });
  });

  it('rejects malformed dates', () => {
    expect(validateTransition(at('active'), { status: 'hospital', date: '2025-02-30' }, today)).toEqual({
      ok: false,
      reason: 'invalid_date',
    });
    expect(validateTransition(at('active', '2025-1-1'), { status: 'hospital', date: '2025-02-03' }, today)).toEqual({
      ok: false,
      reason: 'invalid_date',
    });
  });

  it('agrees with allowedNextStatuses for every pair', () => {
    for (const from of residentStatuses) {
      for (const to of residentStatuses) {
        const result = validateTransition(at(from), { status: to, date: '2025-06-01' }, today);
        expect(result.ok).toBe(allowedNextStatuses(from).includes(to));
      }
    }
  });

  it('every status except deceased can eventually reach active or is active', () => {
    for (const status of residentStatuses) {
      if (status === 'deceased' || status === 'active') continue;
      expect(allowedNextStatuses(status)).toContain('active');
    }
    expect(allowedNextStatuses('deceased')).toEqual([]);
  });
});

describe('timelineProblems', () => {
  it('accepts a clean history, including room moves', () => {
    expect(timelineProblems(history)).toEqual([]);
    expect(timelineProblems([])).toEqual([]);
  });

  it('finds gaps, overlaps, disorder and open periods', () => {
    expect(
      timelineProblems([
        { status: 'active', from: '2024-01-01', to: '2024-02-01' },
        { status: 'hospital', from: '2024-02-03', to: null },
      ]),
    ).toEqual([{ kind: 'gap_or_overlap', index: 1 }]);
    expect(
      timelineProblems([
        { status: 'active', from: '2024-03-01', to: '2024-04-01' },
        { status: 'hospital', from: '2024-02-01', to: null },
      ]),
    ).toEqual([{ kind: 'out_of_order', index: 1 }]);
    expect(
      timelineProblems([
        { status: 'active', from: '2024-01-01' },
        { status: 'hospital', from: '2024-02-01' },
      ]),
    ).toEqual([{ kind: 'open_before_last', index: 0 }]);
  });

  it('finds disallowed changes, bad dates and reversed periods', () => {
    expect(
      timelineProblems([
        { status: 'deceased', from: '2024-01-01', to: '2024-02-01' },
        { status: 'active', from: '2024-02-01' },
      ]),
    ).toEqual([{ kind: 'invalid_transition', index: 1 }]);
    expect(timelineProblems([{ status: 'active', from: '2024-02-30' }])).toEqual([{ kind: 'invalid_date', index: 0 }]);
    expect(timelineProblems([{ status: 'active', from: '2024-02-03', to: '2024-02-01' }])).toEqual([
      { kind: 'empty_period', index: 0 },
    ]);
  });

  it('histories built from valid transitions have no problems and answer statusOn consistently', () => {
    const step = fc.record({ pick: fc.nat(), days: fc.integer({ min: 1, max: 400 }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 15 }), (steps) => {
        const day = (n: number) => new Date(Date.UTC(2000, 0, 1 + n)).toISOString().slice(0, 10);
        const periods: StatusPeriod[] = [{ status: 'active', from: day(0), to: null }];
        let offset = 0;
        for (const { pick, days } of steps) {
          const last = periods[periods.length - 1]!;
          const options = allowedNextStatuses(last.status);
          if (options.length === 0) break;
          const next = options[pick % options.length]!;
          const check = validateTransition({ status: last.status, since: last.from }, { status: next, date: day(offset + days) }, day(10_000));
          expect(check).toEqual({ ok: true });
          offset += days;
          last.to = day(offset);
          periods.push({ status: next, from: day(offset), to: null });
        }
        expect(timelineProblems(periods)).toEqual([]);
        for (const p of periods) expect(statusOn(periods, p.from)).toBe(p.status);
      }),
    );
  });
});

describe('census and beds', () => {
  it('active, hospital (bed held) and leave are on the census and keep the bed', () => {
    for (const s of ['active', 'hospital', 'leave'] as const) {
      expect(isOnCensus(s)).toBe(true);
      expect(occupiesBed(s)).toBe(true);
    }
  });

  it('discharged and deceased are off the census and free the bed', () => {
    for (const s of ['discharged', 'deceased'] as const) {
      expect(isOnCensus(s)).toBe(false);
      expect(occupiesBed(s)).toBe(false);
    }
  });
});
