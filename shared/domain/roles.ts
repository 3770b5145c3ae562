/**
 * Roles and what each may do. One table, read by the dispatcher (to allow a call)
 * and by the renderer (to hide what a person cannot use). Hiding is comfort; main decides.
 */
export const roles = [
  'administrator',
  'director_of_nursing',
  'charge_nurse',
  'nurse',
  'care_coordinator',
  'care_aide',
  'driver',
] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'facility.read',
  'facility.manage',
  'users.read',
  'users.manage',
  'audit.read',
  'residents.read',
  'residents.write',
  /** Code status, allergies, diet, mobility, risks, isolation: changed by licensed nurses only. */
  'residents.clinical',
  /**
   * Marking a status change or a move "entered in error", which restores the state before it: a
   * supervised correction, so only the director of nursing and administrators hold it.
   */
  'residents.correct',
  'appointments.read',
  'appointments.write',
  'transport.read',
  'transport.write',
  /** The driver's marks (picked up, dropped off, no-show) on their own trips, and their own day. */
  'transport.drive',
  'training.read',
  'training.write',
  /** My training: one's own records and what is due, read-only. Every role has it. */
  'training.self',
  'handoff.read',
  'handoff.write',
  /** Back up now, restore a backup: the administrator's alone (a restore replaces everyone's data). */
  'data.backup',
] as const;
export type Permission = (typeof permissions)[number];

const everything: readonly Permission[] = permissions;

const grants: Record<Role, readonly Permission[]> = {
  administrator: everything,
  director_of_nursing: everything.filter((p) => p !== 'data.backup'),
  charge_nurse: [
    'facility.read',
    'residents.read',
    'residents.write',
    'residents.clinical',
    'appointments.read',
    'appointments.write',
    'transport.read',
    'training.read',
    'training.self',
    'handoff.read',
    'handoff.write',
  ],
  nurse: ['facility.read', 'residents.read', 'residents.write', 'residents.clinical', 'appointments.read', 'transport.read', 'training.self', 'handoff.read', 'handoff.write'],
  care_coordinator: [
    'facility.read',
    'residents.read',
    'residents.write',
    'appointments.read',
    'appointments.write',
    'transport.read',
    'transport.write',
    'training.self',
  ],
  care_aide: ['facility.read', 'residents.read', 'training.self', 'handoff.read'],
  driver: ['facility.read', 'transport.read', 'transport.drive', 'training.self'],
};

const grantSets = new Map<Role, ReadonlySet<Permission>>(
  roles.map((role) => [role, new Set(grants[role])]),
);

export function can(role: Role, permission: Permission): boolean {
  return grantSets.get(role)?.has(permission) ?? false;
}

export function permissionsOf(role: Role): readonly Permission[] {
  return grants[role];
}
