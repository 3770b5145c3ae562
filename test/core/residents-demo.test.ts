import { beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD, seedDemoFacility } from '../../db/demo/generate';
import { sexOfGivenName, nicknames } from '../../db/demo/names';
import { DEMO_ASSESSMENT_DAYS, DEMO_REACTIONS } from '../../db/demo/residents';
import { hashPassword } from '../../electron/core/passwords';
import type { ResidentDetail } from '../../shared/contract/residents';
import { addDays } from '../../shared/domain/dates';
import { notAssessed } from '../../shared/domain/residents/clinical';
import { transportModeFor } from '../../shared/domain/residents/vocabulary';
import { caller, makeCore, testScryptCost } from '../support/core';

// Issue 8 · 13: the demo facility teaches what right looks like, so it never contradicts itself.
// Each rule is checked on every demo resident, on both engines.

const today = '2026-03-02';
let residents: ResidentDetail[] = [];

beforeAll(async () => {
  const now = '2026-03-02T14:00:00Z';
  const { core } = await makeCore({ now });
  await seedDemoFacility(core.engine, { seed: 11, now: new Date(now), hashPassword: (p) => hashPassword(p, testScryptCost), residents: 150, staff: 10 });
  const c = caller(core);
  await c.must('auth.signIn', { username: 'don', password: DEMO_PASSWORD });
  const rows = (await c.must('residents.list', { status: 'all', limit: 500 })).rows;
  residents = await Promise.all(rows.map((r) => c.must('residents.get', { id: r.id })));
}, 120_000);

const who = (r: ResidentDetail) => `${r.legalFamily}, ${r.legalGiven} (${r.recordNumber})`;

describe('the demo facility agrees with itself', () => {
  test('it has a census, and the rules below have something to hold on', () => {
    expect(residents.length).toBeGreaterThan(150);
  });

  test('the transport mode is the one the mobility rule gives, and the aid goes with the transfer', () => {
    for (const r of residents) {
      expect(r.transportMode, who(r)).toBe(transportModeFor(r));
      if (r.transfer === 'two_person' || r.transfer === 'mechanical_lift') expect(['wheelchair', 'stretcher'], who(r)).toContain(r.aid);
      if (r.aid === 'stretcher') expect(r.transfer, who(r)).toBe('mechanical_lift');
      if (r.aid === 'none' && r.transfer !== null) expect(['independent', 'standby'], who(r)).toContain(r.transfer);
    }
    // Nobody who needs two people to transfer rides as ambulatory.
    expect(residents.filter((r) => r.transfer === 'two_person' && r.transportMode === 'ambulatory').map(who)).toEqual([]);
  });

  test('sex agrees with the given name, and a preferred name is that name’s own short form', () => {
    for (const r of residents) {
      const usual = sexOfGivenName[r.legalGiven as keyof typeof sexOfGivenName];
      expect(usual, `${who(r)}: a given name the demo knows`).toBeDefined();
      expect(r.sex, who(r)).toBe(usual);
      if (r.preferredName !== null) expect(r.preferredName, who(r)).toBe(nicknames[r.legalGiven as keyof typeof nicknames]);
    }
  });

  test('contacts: a daughter, wife, niece or sister has a woman’s name; a son, husband, nephew or brother a man’s', () => {
    const female = new Set(['Daughter', 'Wife', 'Niece', 'Sister', 'Granddaughter']);
    for (const r of residents) {
      for (const c of r.contacts) {
        const given = Object.keys(sexOfGivenName).find((g) => c.name.startsWith(`${g} `)) as keyof typeof sexOfGivenName | undefined;
        expect(given, `${who(r)}: ${c.name}`).toBeDefined();
        expect(sexOfGivenName[given!], `${who(r)}: ${c.relationship} ${c.name}`).toBe(female.has(c.relationship ?? '') ? 'female' : 'male');
      }
    }
  });

  test('allergies: anaphylaxis is severe, never "severity unknown"; each reaction is one recorded with its severity', () => {
    const items = residents.flatMap((r) => r.allergyItems.map((i) => ({ r, i })));
    expect(items.some(({ i }) => i.reaction === 'Anaphylaxis')).toBe(true);
    for (const { r, i } of items) {
      expect(DEMO_REACTIONS[i.severity], `${who(r)}: ${i.substance} ${i.reaction}`).toContain(i.reaction);
      if (i.reaction === 'Anaphylaxis') expect(i.severity, who(r)).toBe('severe');
    }
    // The summary every view shows follows the items.
    for (const r of residents) expect(r.allergies.hasSevere, who(r)).toBe(r.allergyItems.some((i) => i.severity === 'severe'));
  });

  test('only a resident admitted in the last few days has assessments or allergies not yet recorded — and some do', () => {
    const pending = residents.filter((r) => notAssessed(r).length > 0 || r.allergies.state === 'not_recorded');
    expect(pending.length).toBeGreaterThan(0);
    for (const r of pending) expect(addDays(r.admittedOn, DEMO_ASSESSMENT_DAYS) > today, `${who(r)} admitted ${r.admittedOn}`).toBe(true);
  });

  test('everyone on Memory Care has a wandering risk, assessed moderate or high', () => {
    const memoryCare = residents.filter((r) => r.location?.unitName === 'Memory Care' && notAssessed(r).length === 0);
    expect(memoryCare.length).toBeGreaterThan(0);
    for (const r of memoryCare) expect(['moderate', 'high'], who(r)).toContain(r.wanderingRisk);
  });

  test('a code status other than full code names its form and date', () => {
    for (const r of residents.filter((x) => x.codeStatus !== 'full_code')) {
      expect(r.codeStatusForm, who(r)).not.toBeNull();
      expect(r.codeStatusDocumentedOn, who(r)).not.toBeNull();
    }
  });
});
