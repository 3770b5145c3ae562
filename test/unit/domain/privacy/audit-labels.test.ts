import { describe, expect, test } from 'vitest';
import { methodNames } from '../../../../shared/contract';
import { auditAction, auditChanges, methodLabelKey } from '../../../../shared/domain/privacy/audit-labels';
import { wordsFrom } from '../../../../shared/domain/privacy/audit-words';
import { en, es } from '../../../../shared/i18n';

/** Issue 8, item 11: the audit log read like a developer log. These are the words a person reads. */
const enWords = wordsFrom(en, 'en', 'America/Chicago');
const esWords = wordsFrom(es, 'es', 'America/Chicago');

const location = { unitId: 2, unitName: 'Skilled 1', roomId: 9, roomLabel: '112', bedId: 17, bedLabel: 'A' };

describe('audit labels', () => {
  test('a transfer reads as a sentence with the place, in English and Spanish', () => {
    const row = { method: 'residents.transfer', entity: 'resident', entityId: '4', entityName: "O'Brien, José", kind: 'change' as const, before: { location: null }, after: { location, date: '2026-03-02', note: null } };
    expect(auditAction(row, enWords)).toBe("Transferred O'Brien, José to Skilled 1, room 112-A");
    expect(auditAction(row, esWords)).toBe("Trasladó a O'Brien, José a Skilled 1, habitación 112-A");
    expect(auditChanges(row, enWords)).toEqual(['Bed: no bed → Skilled 1, room 112-A', 'Date: Mar 2, 2026']);
  });

  test('a record change lists the changed fields with their labels and values, never JSON', () => {
    const row = { method: 'residents.update', entity: 'resident', entityId: '4', entityName: "O'Brien, José", kind: 'change' as const, before: { codeStatus: 'full_code', fallRisk: 'low', version: 2, updatedAt: 'x' }, after: { codeStatus: 'dnr', fallRisk: 'high', version: 3, updatedAt: 'y' } };
    expect(auditAction(row, enWords)).toBe("Changed the record of O'Brien, José");
    expect(auditChanges(row, enWords)).toEqual(['Code status: Full Code → DNR', 'Fall risk: Low → High']);
    expect(auditChanges(row, esWords).join(' ')).not.toMatch(/[{}"]/);
  });

  test('reads, refusals and sign-ins', () => {
    expect(auditAction({ method: 'residents.get', entity: 'resident', entityId: '4', entityName: 'Ruiz, Ana', kind: 'access', before: null, after: { emergency: 3 } }, enWords)).toBe('Opened the record of Ruiz, Ana (emergency access)');
    expect(auditAction({ method: 'residents.list', entity: 'resident', entityId: null, kind: 'access', before: null, after: { filter: { query: 'nunez' } } }, enWords)).toBe('Searched residents for “nunez”');
    expect(auditAction({ method: 'users.create', entity: 'call', entityId: null, kind: 'denied', before: null, after: { reason: 'error.forbidden' } }, esWords)).toBe('Rechazado: Crear un usuario');
    expect(auditAction({ method: 'auth.signIn', entity: 'session', entityId: null, kind: 'change', before: null, after: { outcome: 'failed', failures: 3 } }, enWords)).toBe('Sign-in failed (3 in a row)');
    expect(auditAction({ method: 'print.finished', entity: 'print', entityId: null, kind: 'change', before: null, after: { document: 'training.matrix', saved: true } }, enWords)).toBe('Saved the printout of the training matrix');
  });

  test('every contract method has a label in both languages', () => {
    expect(methodNames.filter((m) => !enWords.has(methodLabelKey(m)) || !esWords.has(methodLabelKey(m)))).toEqual([]);
  });
});
