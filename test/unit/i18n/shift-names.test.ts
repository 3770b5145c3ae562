import { describe, expect, test } from 'vitest';
import { localShiftName } from '../../../shared/i18n/shift-names';

describe('shift names in the reader language', () => {
  test('the wizard default names follow the reader, whichever language created them', () => {
    expect(localShiftName('Day', 'es')).toBe('Día');
    expect(localShiftName('night', 'es')).toBe('Noche');
    expect(localShiftName('Tarde', 'en')).toBe('Evening');
    expect(localShiftName('Día', 'es')).toBe('Día');
  });

  test("a facility's own names are shown as written", () => {
    expect(localShiftName('Long day', 'es')).toBe('Long day');
    expect(localShiftName('Turno A', 'en')).toBe('Turno A');
  });
});
