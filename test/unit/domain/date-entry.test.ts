import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { formatClock, formatDate, formatDateTime } from '../../../shared/domain/date-display';
import { PLAUSIBLE_DATES, dateOrderFor, readTypedDate, typedDateText, type DateOrder } from '../../../shared/domain/date-entry';

const isoArb = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const orderArb = fc.constantFrom<DateOrder>('mdy', 'dmy');

describe('reading a typed date', () => {
  it('reads the facility order, digits only, and ISO', () => {
    expect(readTypedDate('05/12/1941', 'mdy')).toEqual({ kind: 'date', iso: '1941-05-12' });
    expect(readTypedDate('05/12/1941', 'dmy')).toEqual({ kind: 'date', iso: '1941-12-05' });
    expect(readTypedDate('5/2/1941', 'mdy')).toEqual({ kind: 'date', iso: '1941-05-02' });
    expect(readTypedDate('05-12-1941', 'mdy')).toEqual({ kind: 'date', iso: '1941-05-12' });
    expect(readTypedDate('05121941', 'mdy')).toEqual({ kind: 'date', iso: '1941-05-12' });
    expect(readTypedDate('05121941', 'dmy')).toEqual({ kind: 'date', iso: '1941-12-05' });
    expect(readTypedDate('1941-05-12', 'dmy')).toEqual({ kind: 'date', iso: '1941-05-12' });
    expect(readTypedDate(' 1941-5-2 ', 'mdy', PLAUSIBLE_DATES, true)).toEqual({ kind: 'date', iso: '1941-05-02' });
    expect(readTypedDate('', 'mdy')).toEqual({ kind: 'empty' });
  });

  it('names an impossible date the moment it is typed, and never turns it into a far year', () => {
    expect(readTypedDate('13', 'mdy')).toEqual({ kind: 'invalid', code: 'date_not_real' });
    expect(readTypedDate('13/45/2026', 'mdy')).toEqual({ kind: 'invalid', code: 'date_not_real' });
    expect(readTypedDate('13/45', 'dmy')).toEqual({ kind: 'invalid', code: 'date_not_real' });
    expect(readTypedDate('02/30/2026', 'mdy')).toEqual({ kind: 'invalid', code: 'date_not_real' });
    expect(readTypedDate('02/29/2024', 'mdy')).toEqual({ kind: 'date', iso: '2024-02-29' });
    expect(readTypedDate('00/10/2024', 'mdy')).toEqual({ kind: 'invalid', code: 'date_not_real' });
    expect(readTypedDate('05/12/52026', 'mdy')).toEqual({ kind: 'invalid', code: 'date_year_range', params: { min: 1900, max: 2099 } });
    expect(readTypedDate('05/12/1841', 'mdy')).toEqual({ kind: 'invalid', code: 'date_year_range', params: { min: 1900, max: 2099 } });
    expect(readTypedDate('0001-01-01', 'mdy')).toEqual({ kind: 'invalid', code: 'date_year_range', params: { min: 1900, max: 2099 } });
    expect(readTypedDate('May 12', 'mdy')).toEqual({ kind: 'invalid', code: 'date_format' });
    expect(readTypedDate('123/4', 'mdy')).toEqual({ kind: 'invalid', code: 'date_format' });
    expect(readTypedDate('1/2/3/4', 'mdy')).toEqual({ kind: 'invalid', code: 'date_format' });
  });

  it('is quiet while a date is being typed and names what is missing when the field is left', () => {
    expect(readTypedDate('05/12/19', 'mdy')).toEqual({ kind: 'partial', problem: 'date_two_digit_year' });
    expect(readTypedDate('05/12/41', 'mdy', PLAUSIBLE_DATES, true)).toEqual({ kind: 'invalid', code: 'date_two_digit_year' });
    expect(readTypedDate('05/12', 'mdy', PLAUSIBLE_DATES, true)).toEqual({ kind: 'invalid', code: 'date_incomplete' });
    expect(readTypedDate('1941', 'mdy')).toEqual({ kind: 'partial', problem: 'date_incomplete' });
  });

  it('keeps to the bounds a field sets', () => {
    const dob = { min: '1906-03-02', max: '2026-03-02' };
    expect(readTypedDate('03/03/2026', 'mdy', dob)).toEqual({ kind: 'invalid', code: 'date_too_late', params: { date: '2026-03-02' } });
    expect(readTypedDate('03/01/1906', 'mdy', dob)).toEqual({ kind: 'invalid', code: 'date_too_early', params: { date: '1906-03-02' } });
    expect(readTypedDate('03/02/1906', 'mdy', dob)).toEqual({ kind: 'date', iso: '1906-03-02' });
  });

  it('reads back every date it writes, in both orders and as digits only', () => {
    fc.assert(
      fc.property(isoArb, orderArb, (iso, order) => {
        const text = typedDateText(iso, order);
        expect(readTypedDate(text, order)).toEqual({ kind: 'date', iso });
        expect(readTypedDate(text.replaceAll('/', ''), order)).toEqual({ kind: 'date', iso });
        expect(readTypedDate(iso, order)).toEqual({ kind: 'date', iso });
      }),
    );
  });

  it('never complains about the beginning of a good date', () => {
    fc.assert(
      fc.property(isoArb, orderArb, fc.constantFrom('iso', 'typed', 'digits'), (iso, order, how) => {
        const typed = typedDateText(iso, order);
        const text = how === 'iso' ? iso : how === 'typed' ? typed : typed.replaceAll('/', '');
        for (let i = 1; i < text.length; i++) expect(readTypedDate(text.slice(0, i), order).kind, text.slice(0, i)).toBe('partial');
      }),
    );
  });

  it('never reads a date outside its bounds, whatever is typed', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9/ .-]{0,14}$/), orderArb, fc.boolean(), (text, order, final) => {
        const r = readTypedDate(text, order, PLAUSIBLE_DATES, final);
        if (r.kind === 'date') expect(r.iso >= PLAUSIBLE_DATES.min && r.iso <= PLAUSIBLE_DATES.max).toBe(true);
        if (final) expect(r.kind).not.toBe('partial');
      }),
    );
  });

  it('takes the facility language as its typing order until the facility has a setting of its own', () => {
    expect(dateOrderFor('en')).toBe('mdy');
    expect(dateOrderFor('es')).toBe('dmy');
  });
});

describe('showing a date', () => {
  it('writes the month as a word, in the reader language', () => {
    expect(formatDate('2026-12-02', 'en')).toBe('Dec 2, 2026');
    expect(formatDate('2026-12-02', 'es')).toBe('2 dic 2026');
    expect(formatDate('0045-01-09', 'en')).toBe('Jan 9, 45');
    expect(formatDate('not a date', 'en')).toBe('not a date');
  });

  it('shows an instant on the facility clock, whatever the computer zone', () => {
    expect(formatDateTime('2026-03-02T03:30:00Z', 'en', 'America/Chicago')).toBe('Mar 1, 2026, 21:30');
    expect(formatDateTime('2026-03-02T03:30:00Z', 'es', 'Europe/Madrid')).toBe('2 mar 2026, 04:30');
  });

  it('shows a clock time in the language and zone, building one formatter per language and zone, not one per time', () => {
    const built = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      const times = Array.from({ length: 60 }, (_, i) => new Date(Date.parse('2026-03-03T12:00:00Z') + i * 20 * 60_000).toISOString());
      const en = times.map((iso) => formatClock(iso, 'en', 'America/Chicago'));
      const es = times.map((iso) => formatClock(iso, 'es', 'America/Chicago'));
      expect(en[0]).toBe('6:00 AM');
      expect(es[0]).toBe('6:00');
      expect(formatClock('2026-03-03T12:00:00Z', 'en', 'Europe/Madrid')).toBe('1:00 PM');
      // A manifest of 60 trips printed a formatter per row (the driver's manifest was 1.4× a static page).
      expect(built.mock.calls.length).toBeLessThanOrEqual(3);
    } finally {
      built.mockRestore();
    }
  });
});
