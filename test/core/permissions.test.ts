import { describe, expect, test } from 'vitest';
import { contract, methodNames, type Access, type MethodName } from '../../shared/contract';
import { can, roles } from '../../shared/domain/roles';
import { adminCore, caller } from '../support/core';

/**
 * Every door checked (issue 16): who may call each method, written out here a second time. A new
 * method without a line here fails the first test; a line that disagrees with the contract fails the
 * second; and the dispatcher is asked, as every role, whether it lets each call through.
 */
const rules: Record<MethodName, Access> = {
  'auth.signIn': 'public',
  'auth.signOut': 'signed_in',
  'auth.session': 'public',
  'auth.changePassword': 'signed_in',
  'auth.lock': 'signed_in',
  'auth.unlock': 'signed_in',
  'auth.setLanguage': 'signed_in',
  'setup.status': 'public',
  'setup.createFacility': 'public',
  // The set-up screen on an empty server: what this PC's file holds (counts only), and the move, which
  // asks for that file's own administrator's password in its handler.
  'setup.localDatabase': 'public',
  'setup.moveFromLocal': 'public',
  'policy.status': 'public',
  'facility.get': 'facility.read',
  'facility.update': 'facility.manage',
  'facility.addUnit': 'facility.manage',
  'users.list': 'users.read',
  'users.get': 'users.read',
  'users.create': 'users.manage',
  'users.update': 'users.manage',
  'users.resetPassword': 'users.manage',
  'users.lockouts': 'users.manage',
  'users.unlock': 'users.manage',
  'audit.list': 'audit.read',
  'audit.verify': 'audit.read',
  'audit.export': 'audit.read',
  'backup.status': 'data.backup',
  'backup.now': 'data.backup',
  'backup.restore': 'data.backup',
  // print.pdf checks the document's own permission in its handler (shared/contract/print.ts).
  'print.pdf': 'signed_in',
  // The one-time token from main is the credential: the outcome must be recorded behind an idle lock too.
  'print.finished': 'public',
  'emergency.find': 'signed_in',
  'emergency.open': 'signed_in',
  'emergency.list': 'audit.read',
  'emergency.review': 'audit.read',
  'training.listStaff': 'training.read',
  'training.createStaff': 'training.write',
  'training.updateStaff': 'training.write',
  'training.setStaffActive': 'training.write',
  'training.listCourses': 'training.read',
  'training.createCourse': 'training.write',
  'training.updateCourse': 'training.write',
  'training.listRecords': 'training.read',
  'training.createRecord': 'training.write',
  'training.updateRecord': 'training.write',
  'training.voidRecord': 'training.write',
  'training.attachCertificate': 'training.write',
  'training.getCertificate': 'training.read',
  'training.matrix': 'training.read',
  'training.exportCsv': 'training.read',
  'training.lapsing': 'training.read',
  'training.inService': 'training.read',
  'training.coverage': 'training.read',
  'training.getSchedule': 'training.read',
  'training.setSchedule': 'training.write',
  'training.importPreview': 'training.write',
  'training.importCommit': 'training.write',
  'training.listCredentialTypes': 'training.read',
  'training.createCredentialType': 'training.write',
  'training.updateCredentialType': 'training.write',
  'training.listCredentials': 'training.read',
  'training.createCredential': 'training.write',
  'training.updateCredential': 'training.write',
  'training.voidCredential': 'training.write',
  'training.credentialsAsOf': 'training.read',
  'training.mine': 'training.self',
  'training.recordSession': 'training.write',
  'training.listSessions': 'training.read',
  'training.getSession': 'training.read',
  'training.voidSession': 'training.write',
  'training.sessionCandidates': 'training.read',
  'training.reminders': 'training.read',
  'training.remindersCsv': 'training.read',
  'residents.list': 'residents.read',
  'residents.get': 'residents.read',
  'residents.admit': 'residents.write',
  'residents.update': 'residents.write',
  'residents.transfer': 'residents.write',
  'residents.changeStatus': 'residents.write',
  'residents.history': 'residents.read',
  'residents.freeBeds': 'residents.read',
  'residents.bedBoard': 'residents.read',
  'rooms.create': 'facility.manage',
  'residents.importPreview': 'residents.write',
  'residents.importCommit': 'residents.write',
  'residents.correctable': 'residents.correct',
  'residents.markEnteredInError': 'residents.correct',
  'handoff.settings': 'handoff.read',
  'handoff.setTemplate': 'facility.manage',
  'handoff.notes': 'handoff.read',
  'handoff.saveNote': 'handoff.write',
  'handoff.addAction': 'handoff.write',
  'handoff.completeAction': 'handoff.write',
  'handoff.sheet': 'handoff.read',
  'handoff.recordPrint': 'handoff.read',
  'handoff.acknowledge': 'handoff.write',
  'handoff.today': 'handoff.read',
  'appointments.list': 'appointments.read',
  'appointments.agenda': 'appointments.read',
  'appointments.forResident': 'appointments.read',
  'appointments.get': 'appointments.read',
  'appointments.create': 'appointments.write',
  'appointments.update': 'appointments.write',
  'appointments.reschedule': 'appointments.write',
  'appointments.setStatus': 'appointments.write',
  'appointments.recordOutcome': 'appointments.write',
  'appointments.markFollowedUp': 'appointments.write',
  'appointments.familyInformed': 'appointments.write',
  'appointments.openOccurrence': 'appointments.write',
  'appointments.createSeries': 'appointments.write',
  'appointments.getSeries': 'appointments.read',
  'appointments.editSeries': 'appointments.write',
  'appointments.cancelSeries': 'appointments.write',
  'appointments.followUps': 'appointments.read',
  'appointments.exportIcs': 'appointments.write',
  'appointments.providers': 'appointments.read',
  'appointments.createProvider': 'appointments.write',
  'appointments.updateProvider': 'appointments.write',
  'appointments.mergeProviders': 'appointments.write',
  'transport.setup': 'transport.read',
  'transport.saveVehicle': 'transport.write',
  'transport.saveCarrier': 'transport.write',
  'transport.saveDestination': 'transport.write',
  'transport.appointments': 'transport.read',
  'transport.prepare': 'transport.read',
  'transport.booking': 'transport.read',
  'transport.book': 'transport.write',
  'transport.openOccurrence': 'transport.write',
  'transport.endStanding': 'transport.write',
  'transport.updateBooking': 'transport.write',
  'transport.setLegStatus': 'transport.write',
  'transport.callReturn': 'transport.write',
  'transport.board': 'transport.read',
  'transport.driverDay': 'transport.drive',
  'transport.driverMark': 'transport.drive',
  'transport.manifest': 'transport.read',
  'preferences.get': 'signed_in',
  'preferences.set': 'signed_in',
};

describe('the permission table', () => {
  test('every contract method has a rule here', () => {
    expect(methodNames.filter((m) => !(m in rules))).toEqual([]);
    expect(Object.keys(rules).filter((m) => !methodNames.includes(m as MethodName))).toEqual([]);
  });

  test('the contract says what the table says', () => {
    expect(Object.fromEntries(methodNames.map((m) => [m, contract[m].access]))).toEqual(rules);
  });

  test('as every role, the dispatcher lets through exactly the calls the role may make', { timeout: 120_000 }, async () => {
    const a = await adminCore();
    // Calls that would end or lock the session under the sweep; their rule is checked above.
    const skip = new Set<MethodName>(['auth.signOut', 'auth.lock']);
    const wrong: string[] = [];
    for (const role of roles) {
      const username = `u_${role}`;
      await a.must('users.create', { username, displayName: `Person ${role}`, role, password: 'quiet meadow lantern' });
      const c = caller(a.core);
      await c.must('auth.signIn', { username, password: 'quiet meadow lantern' });
      await c.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });
      for (const m of methodNames) {
        if (skip.has(m)) continue;
        const access = rules[m];
        const allowed = access === 'public' || access === 'signed_in' || can(role, access);
        // An empty input: refused for the role before the input is even read, or let through to validation and the handler.
        const r = await c.raw(m, {});
        const refused = !r.ok && r.error.code === 'forbidden' && r.error.message === 'error.forbidden';
        if (refused === allowed) wrong.push(`${role} ${m}: ${refused ? 'refused' : 'let through'}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
