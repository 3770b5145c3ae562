import type { SheetInput, SheetResident } from '../../../../shared/domain/handoff/rows';
import { NO_SCHEDULE } from '../../../../shared/domain/handoff/rows';
import type { ShiftDef } from '../../../../shared/domain/handoff/shifts';

export const THREE_EIGHTS: ShiftDef[] = [
  { id: 1, name: 'Day', start: '07:00', end: '15:00', sortOrder: 0 },
  { id: 2, name: 'Evening', start: '15:00', end: '23:00', sortOrder: 1 },
  { id: 3, name: 'Night', start: '23:00', end: '07:00', sortOrder: 2 },
];

export function resident(id: number, over: Partial<SheetResident> = {}): SheetResident {
  return {
    id,
    recordNumber: `R-${id}`,
    legalGiven: 'Ana',
    legalFamily: `Family${id}`,
    preferredName: null,
    dateOfBirth: '1940-05-12',
    status: 'active',
    statusSince: '2026-01-05',
    admittedOn: '2026-01-05',
    place: { unitId: 1, unitName: 'Memory Care', roomLabel: String(100 + id), bedLabel: 'A' },
    codeStatus: 'full_code',
    allergies: { state: 'nka', recordedOn: '2026-01-05' },
    dietType: 'regular',
    dietNote: null,
    iddsiFood: 'regular_7',
    iddsiDrink: 'thin_0',
    transfer: 'independent',
    aid: 'none',
    bariatric: false,
    fallRisk: 'low',
    wanderingRisk: 'low',
    isolation: 'none',
    ...over,
  };
}

/** Day shift, Mar 2 2026, in Chicago (UTC−6): 13:00Z–21:00Z; now 20:00Z (14:00 local). */
export function sheetInput(over: Partial<SheetInput> = {}): SheetInput {
  return {
    shift: { shiftId: 1, date: '2026-03-02' },
    window: { from: '2026-03-02T13:00:00.000Z', until: '2026-03-02T21:00:00.000Z' },
    nextWindow: { from: '2026-03-02T21:00:00.000Z', until: '2026-03-03T05:00:00.000Z' },
    now: '2026-03-02T20:00:00.000Z',
    nowWall: '2026-03-02T14:00',
    residents: [resident(1), resident(2)],
    notes: new Map(),
    actions: new Map(),
    history: [],
    baseline: null,
    schedule: NO_SCHEDULE,
    ...over,
  };
}
