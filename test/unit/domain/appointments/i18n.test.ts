import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { appointmentsFieldEn } from '../../../../shared/i18n/appointments';
import { en, es } from '../../../../shared/i18n';
import { preparationItems, appointmentSettings, appointmentStatuses, appointmentTypes, familyInformedMethods } from '../../../../shared/domain/appointments/vocabulary';
import { ruleFrequencies } from '../../../../shared/domain/appointments/rule';

const domainDir = path.resolve(import.meta.dirname, '../../../../shared/domain/appointments');

test('every vocabulary value has an English and a Spanish label', () => {
  for (const [values, en1, es1] of [
    [appointmentTypes, en.appointments.type, es.appointments.type],
    [appointmentSettings, en.appointments.setting, es.appointments.setting],
    [appointmentStatuses, en.appointments.status, es.appointments.status],
    [preparationItems, en.appointments.preparation, es.appointments.preparation],
    [familyInformedMethods, en.appointments.familyMethod, es.appointments.familyMethod],
    [ruleFrequencies, en.appointments.frequency, es.appointments.frequency],
  ] as const) {
    expect(Object.keys(en1).sort()).toEqual([...values].sort());
    expect(Object.keys(es1).sort()).toEqual([...values].sort());
  }
});

test('every field code the appointments rules emit has a message', () => {
  // The codes are string literals in the rule modules ({ error: 'x' }, code: 'x', message: 'x').
  const codes = new Set<string>();
  for (const file of fs.readdirSync(domainDir)) {
    const source = fs.readFileSync(path.join(domainDir, file), 'utf8');
    for (const m of source.matchAll(/\b(?:code|error|message):\s*'([a-z_]+)'/g)) codes.add(m[1]!);
    for (const m of source.matchAll(/\{ same_status: '([a-z_]+)', final_status: '([a-z_]+)', not_allowed: '([a-z_]+)', not_yet_started: '([a-z_]+)' \}/g)) m.slice(1).forEach((c) => codes.add(c!));
  }
  // Rule problems are emitted by key.
  for (const p of ['weekly_needs_days', 'days_only_weekly_or_monthly', 'month_days_only_monthly', 'monthly_needs_day', 'set_pos_needs_one_weekday', 'invalid_rule']) codes.add(p);
  // zod's own issue kind and the placeholder in a doc comment are not codes.
  codes.delete('custom');
  codes.delete('code');
  const missing = [...codes].filter((c) => !(c in en.field) || !(c in es.field));
  expect(missing).toEqual([]);
  expect(codes.size).toBeGreaterThan(25);
});

test('appointment field codes do not collide with shared or other areas’ codes', () => {
  for (const [code, text] of Object.entries(appointmentsFieldEn)) expect(en.field[code as keyof typeof en.field], code).toBe(text);
});
