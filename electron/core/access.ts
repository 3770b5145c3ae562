import type { MethodName, ParsedInputOf } from '../../shared/contract';

/**
 * What a read of residents' health information leaves in the audit trail (an access row): which
 * resident, or — for a list or search — the filter it used. Writes are on record already (their
 * change rows); prints and exports are writes.
 */
export interface AccessNote {
  /** The resident read; null for a list or a search. */
  residentId: number | null;
  /** The list's filter (no paging or sort: the same search page by page is one search). */
  filter?: Record<string, string | number | boolean | null>;
}

type Rule<M extends MethodName> = (input: ParsedInputOf<M>) => AccessNote | null;

/**
 * Every method that reads (write: false) says here whether it reads health information:
 * a rule, or null when it does not. test/core/access-log.test.ts fails when a read method is
 * missing, so a new screen's read is decided on, not forgotten.
 */
export const readAccess: { [M in MethodName]?: Rule<M> | null } = {
  'auth.session': null,
  'setup.status': null,
  // Counts and the facility's name in this PC's file, for the move onto the server.
  'setup.localDatabase': null,
  'policy.status': null,
  'facility.get': null,
  'users.list': null,
  'users.get': null,
  // The trail holds residents' records before and after each change.
  'audit.list': (i) => (i.residentId !== undefined ? { residentId: i.residentId } : { residentId: null, filter: { audit: true, userId: i.userId ?? null, action: i.action ?? null, from: i.from ?? null, to: i.to ?? null } }),
  'audit.verify': null,
  // Backups: their dates and record counts, no resident's data.
  'backup.status': null,
  'users.lockouts': null,
  // Who the resident is and where, for emergency access: a search like the census's.
  'emergency.find': (i) => ({ residentId: null, filter: { emergencyFind: i.query } }),
  'emergency.list': null,
  'residents.list': (i) => ({
    residentId: null,
    filter: { query: i.query.trim(), status: i.status, unitId: i.unitId, codeStatus: i.codeStatus, fallRisk: i.fallRisk, isolation: i.isolation },
  }),
  'residents.get': (i) => ({ residentId: i.id }),
  'residents.history': (i) => ({ residentId: i.id }),
  // A resident's status periods and moves, listed for a correction.
  'residents.correctable': (i) => ({ residentId: i.id }),
  // The bed board names every occupant.
  'residents.bedBoard': (i) => ({ residentId: null, filter: { bedBoard: true, unitId: i.unitId } }),
  'residents.freeBeds': null,
  // The file a person brought, shown back to them: nothing read from the records.
  'residents.importPreview': null,
  'preferences.get': null,
  // The handoff template is the facility's, not a resident's.
  'handoff.settings': null,
  // A unit's residents with their notes, and the sheet (a unit, or chosen residents): like the census.
  'handoff.notes': (i) => ({ residentId: null, filter: { handoffNotes: true, unitId: i.unitId, date: i.date, shiftId: i.shiftId } }),
  'handoff.sheet': (i) => ({ residentId: null, filter: { handoffSheet: true, unitId: i.unitId, residentIds: i.residentIds?.join(',') ?? null, date: i.date, shiftId: i.shiftId } }),
  // The Today board names residents who are out.
  'handoff.today': () => ({ residentId: null, filter: { today: true } }),
  // Staff training records are employment records, not residents' health information.
  'training.listStaff': null,
  'training.listCourses': null,
  'training.listRecords': null,
  'training.matrix': null,
  'training.lapsing': null,
  'training.inService': null,
  'training.coverage': null,
  'training.getSchedule': null,
  'training.importPreview': null,
  'training.listCredentialTypes': null,
  'training.listCredentials': null,
  'training.credentialsAsOf': null,
  'training.mine': null,
  'training.listSessions': null,
  'training.getSession': null,
  'training.sessionCandidates': null,
  'training.reminders': null,
  // Appointments are health information (a dialysis schedule says a diagnosis): every read is on the trail.
  'appointments.list': (i) => ({
    residentId: i.residentId,
    filter: { appointments: true, from: i.from, to: i.to, type: i.type, status: i.status, unitId: i.unitId, needsTransport: i.needsTransport, followUpDue: i.followUpDue, familyNotInformed: i.familyNotInformed },
  }),
  'appointments.agenda': (i) => ({ residentId: i.residentId, filter: { appointmentsAgenda: true, date: i.date, days: i.days, unitId: i.unitId } }),
  'appointments.forResident': (i) => ({ residentId: i.residentId }),
  'appointments.get': (i) => ({ residentId: null, filter: { appointment: i.id } }),
  'appointments.getSeries': (i) => ({ residentId: null, filter: { appointmentSeries: i.id } }),
  'appointments.followUps': (i) => ({ residentId: null, filter: { appointmentFollowUps: true, unitId: i.unitId } }),
  // The providers directory holds clinics and practices, not residents.
  'appointments.providers': null,
  // Transport: settings name no resident; bookings, the board, the driver's day and the manifest do.
  'transport.setup': null,
  'transport.appointments': (i) => ({ residentId: null, filter: { transportAppointments: true, from: i.from, days: i.days } }),
  'transport.prepare': (i) => ({ residentId: null, filter: { transportPrepare: i.appointmentId } }),
  'transport.booking': (i) => ({ residentId: null, filter: { transportBooking: i.bookingId } }),
  'transport.board': (i) => ({ residentId: null, filter: { tripBoard: true, date: i.date } }),
  'transport.driverDay': (i) => ({ residentId: null, filter: { driverDay: true, date: i.date } }),
  'transport.manifest': (i) => ({ residentId: null, filter: { manifest: true, vehicleId: i.vehicleId, date: i.date } }),
};

export function accessNoteOf(method: MethodName, input: unknown): AccessNote | null {
  const rule = readAccess[method] as Rule<MethodName> | null | undefined;
  return rule ? rule(input as ParsedInputOf<MethodName>) : null;
}
