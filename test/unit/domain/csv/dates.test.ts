import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDateFormat, parseDateAs, readDateCell, resolveDateReading } from '../../../../shared/domain/csv/dates';

describe('parseDateAs', () => {
  it('reads a day-month date by the chosen order, never both', () => {
    expect(parseDateAs('03/04/2026', 'mdy')).toBe('2026-03-04');
    expect(parseDateAs('03/04/2026', 'dmy')).toBe('2026-04-03');
    expect(parseDateAs('03/04/2026', 'ymd')).toBeNull();
    expect(parseDateAs('3.4.2026', 'dmy')).toBe('2026-04-03');
    expect(parseDateAs('3-4-2026', 'mdy')).toBe('2026-03-04');
  });

  it('reads year-first dates the same under every choice', () => {
    for (const f of ['ymd', 'mdy', 'dmy'] as const) {
      expect(parseDateAs('2026-03-04', f)).toBe('2026-03-04');
      expect(parseDateAs('2026/3/4', f)).toBe('2026-03-04');
    }
  });

  it('refuses what is not a real date in the chosen order', () => {
    expect(parseDateAs('13/02/2026', 'mdy')).toBeNull();
    expect(parseDateAs('02/13/2026', 'dmy')).toBeNull();
    expect(parseDateAs('02/29/2025', 'mdy')).toBeNull();
    expect(parseDateAs('2026-02-30', 'ymd')).toBeNull();
    // Two-digit years could be 1926 or 2026; mixed separators are a typo, not a format.
    expect(parseDateAs('3/4/26', 'mdy')).toBeNull();
    expect(parseDateAs('3/4-2026', 'mdy')).toBeNull();
    expect(parseDateAs('March 4, 2026', 'mdy')).toBeNull();
  });

  it('classifies cells', () => {
    expect(readDateCell('2026-03-04')).toEqual({ kind: 'year_first', iso: '2026-03-04' });
    expect(readDateCell('13/02/2026')).toEqual({ kind: 'day_month', mdy: null, dmy: '2026-02-13' });
    expect(readDateCell('soon')).toEqual({ kind: 'other' });
  });
});

describe('detectDateFormat', () => {
  it('a file of year-first dates is ymd', () => {
    expect(detectDateFormat(['2026-03-04', '', '2025-12-31'])).toMatchObject({ format: 'ymd', example: '2026-03-04' });
  });

  it('one date that fits only one order decides the whole file', () => {
    expect(detectDateFormat(['03/04/2026', '1/15/2025', '2026-01-01'])).toMatchObject({ format: 'mdy', candidates: ['mdy'], example: '03/04/2026' });
    expect(detectDateFormat(['03/04/2026', '15/1/2025'])).toMatchObject({ format: 'dmy', candidates: ['dmy'] });
  });

  it('dates that all fit both orders leave the format undecided', () => {
    expect(detectDateFormat(['03/04/2026', '2026-05-05', '12/11/2025'])).toEqual({ format: null, candidates: ['mdy', 'dmy'], example: '03/04/2026' });
  });

  it('dates that contradict each other decide nothing', () => {
    expect(detectDateFormat(['13/02/2026', '02/13/2026'])).toMatchObject({ format: null, candidates: [] });
  });

  it('days that read the same either way are not ambiguous', () => {
    expect(detectDateFormat(['04/04/2026', '01/01/2025'])).toMatchObject({ format: 'mdy', candidates: ['mdy', 'dmy'] });
  });

  it('cells that are no date at all do not vote', () => {
    expect(detectDateFormat(['soon', '31/31/2026', '1/15/2025'])).toMatchObject({ format: 'mdy' });
    expect(detectDateFormat([])).toMatchObject({ format: 'ymd', example: null });
  });

  it('property: a detected format reads every readable date of the file', () => {
    const cell = fc
      .tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1950, max: 2100 }))
      .map(([a, b, y]) => `${a}/${b}/${y}`);
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 8 }), (cells) => {
        const d = detectDateFormat(cells);
        const readable = cells.filter((c) => parseDateAs(c, 'mdy') !== null || parseDateAs(c, 'dmy') !== null);
        if (d.format !== null) for (const c of readable) expect(parseDateAs(c, d.format)).not.toBeNull();
        for (const f of d.candidates) for (const c of readable) expect(parseDateAs(c, f)).not.toBeNull();
      }),
    );
  });
});

describe('resolveDateReading', () => {
  it('an undecided file is read month-first for the preview, unconfirmed, with the other reading beside it', () => {
    const r = resolveDateReading(detectDateFormat(['03/04/2026']), null);
    expect(r).toEqual({ format: 'mdy', state: 'unconfirmed', candidates: ['mdy', 'dmy'], example: { text: '03/04/2026', readAs: '2026-03-04', otherwise: '2026-04-03' } });
  });

  it('a choice wins and is confirmed; a detection is confirmed', () => {
    expect(resolveDateReading(detectDateFormat(['03/04/2026']), 'dmy')).toMatchObject({ format: 'dmy', state: 'chosen', example: { readAs: '2026-04-03', otherwise: '2026-03-04' } });
    expect(resolveDateReading(detectDateFormat(['13/04/2026']), null)).toMatchObject({ format: 'dmy', state: 'detected', example: { readAs: '2026-04-13', otherwise: null } });
    expect(resolveDateReading(detectDateFormat(['2026-04-13']), null)).toMatchObject({ format: 'ymd', state: 'detected', example: { readAs: '2026-04-13', otherwise: null } });
  });
});
