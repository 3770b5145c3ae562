import { describe, expect, test } from 'vitest';
import { can, permissions, permissionsOf, roles } from '../../../shared/domain/roles';

describe('roles and permissions', () => {
  test('administrators can do everything; directors of nursing everything but backups and restores', () => {
    for (const p of permissions) {
      expect(can('administrator', p)).toBe(true);
      expect(can('director_of_nursing', p)).toBe(p !== 'data.backup');
    }
  });

  test('care aides read the sheet and residents; they change nothing', () => {
    expect(permissionsOf('care_aide').filter((p) => p.endsWith('.write') || p.endsWith('.manage'))).toEqual([]);
    expect(can('care_aide', 'handoff.read')).toBe(true);
  });

  test('drivers see transport and nothing clinical', () => {
    expect(can('driver', 'transport.read')).toBe(true);
    expect(can('driver', 'residents.read')).toBe(false);
  });

  test('every role opens My training (its own records only); only administrators and directors of nursing write training', () => {
    expect(roles.filter((r) => can(r, 'training.self'))).toEqual([...roles]);
    expect(roles.filter((r) => can(r, 'training.write'))).toEqual(['administrator', 'director_of_nursing']);
  });

  test('only administrators and directors of nursing manage users', () => {
    expect(roles.filter((r) => can(r, 'users.manage'))).toEqual(['administrator', 'director_of_nursing']);
  });

  test('only the director of nursing and administrators mark an entry "entered in error"', () => {
    expect(roles.filter((r) => can(r, 'residents.correct'))).toEqual(['administrator', 'director_of_nursing']);
  });
});
