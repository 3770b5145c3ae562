import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/**
 * The host zones every recurrence and export test runs under. Nothing in shared/ may depend on the
 * machine's zone (a nursing-station PC in Los Angeles and a server in UTC must compute the same
 * instants), so the same assertions run three times in one process.
 *
 * Why switch process.env.TZ instead of spawning a process per zone: Node resets its time-zone
 * cache when TZ is assigned at run time (Date, Intl and the Temporal polyfill all see the new zone
 * at once), which keeps the three runs in one vitest file and one report. The first test of each
 * block proves the switch took effect, so a runtime that stopped honouring it would fail loudly.
 * Work must happen inside tests (not in describe bodies), which run after beforeAll has switched.
 */
export const HOST_ZONES = ['UTC', 'America/Los_Angeles', 'Europe/Madrid'] as const;

/** Offsets (minutes, as getTimezoneOffset reports them) on 2026-07-01 in each host zone. */
const JULY_OFFSET: Record<(typeof HOST_ZONES)[number], number> = { UTC: 0, 'America/Los_Angeles': 420, 'Europe/Madrid': -120 };

export function describeInHostZones(name: string, body: (hostZone: string) => void): void {
  for (const zone of HOST_ZONES) {
    describe(`${name} [host TZ=${zone}]`, () => {
      let saved: string | undefined;
      beforeAll(() => {
        saved = process.env.TZ;
        process.env.TZ = zone;
      });
      afterAll(() => {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      });
      test('the host zone is in effect', () => {
        expect(new Date(Date.UTC(2026, 6, 1, 12)).getTimezoneOffset()).toBe(JULY_OFFSET[zone]);
      });
      body(zone);
    });
  }
}
