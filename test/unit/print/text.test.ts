import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { displayDate, displayDateTime } from '../../../renderer/src/print/dates';
import { PAGE_PLACEHOLDERS, cssLines, cssString, keepLength, pageCounterContent, splitNote } from '../../../renderer/src/print/text';

describe('margin box text', () => {
  test('CSS strings escape quotes and backslashes and turn line breaks into \\A', () => {
    expect(cssString('Confidential — contains protected health information')).toBe('"Confidential — contains protected health information"');
    expect(cssString('O"Brien \\ unit')).toBe('"O\\"Brien \\\\ unit"');
    expect(cssString('a\nb')).toBe('"a\\A b"');
    expect(cssLines(['Shift handoff', '', 'Maple Grove'])).toBe('"Shift handoff" "\\A" "Maple Grove"');
  });

  test('the page line keeps the translation\'s word order around the counters', () => {
    const en = `Page ${PAGE_PLACEHOLDERS.page} of ${PAGE_PLACEHOLDERS.pages}`;
    expect(pageCounterContent(en)).toBe('"Page " counter(page) " of " counter(pages)');
    expect(pageCounterContent(`${PAGE_PLACEHOLDERS.page}/${PAGE_PLACEHOLDERS.pages}`)).toBe('counter(page) "/" counter(pages)');
  });
});

describe('cutting a long note', () => {
  test('keeps whole words up to the cap', () => {
    const note = 'Watcher overnight. Family visiting at 10.';
    expect(keepLength(note, 100)).toBe(note.length);
    expect(splitNote(note, keepLength(note, 20))).toEqual({ kept: 'Watcher overnight.', rest: 'Family visiting at 10.' });
    expect(keepLength(note, 0)).toBe(0);
    // One word longer than the cap is cut at the cap rather than kept whole past it.
    expect(keepLength('Pneumonoultramicroscopic', 5)).toBe(5);
  });

  test('kept and continued parts always give back the whole note, and never more than the cap is kept', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.nat(320), (note, cap) => {
        const kept = keepLength(note, cap);
        expect(kept).toBeLessThanOrEqual(Math.max(cap, 0) >= note.length ? note.length : cap);
        const { kept: a, rest: b } = splitNote(note, kept);
        expect(`${a}${b}`.replace(/\s+/g, '')).toBe(note.replace(/\s+/g, ''));
      }),
    );
  });
});

describe('dates on paper (the one format, month as a word)', () => {
  test('calendar dates', () => {
    expect(displayDate('2026-12-02', 'en')).toBe('Dec 2, 2026');
    expect(displayDate('2026-12-02', 'es')).toBe('2 dic 2026');
    expect(displayDate('0001-01-01', 'en')).toBe('Jan 1, 1');
  });

  test('print time in the facility zone, 24-hour', () => {
    expect(displayDateTime(new Date('2026-03-02T14:00:00Z'), 'America/Chicago', 'en')).toEqual({ date: 'Mar 2, 2026', time: '08:00' });
    // 00:30 UTC is still the evening before in Chicago.
    expect(displayDateTime(new Date('2026-03-03T00:30:00Z'), 'America/Chicago', 'es')).toEqual({ date: '2 mar 2026', time: '18:30' });
  });
});
