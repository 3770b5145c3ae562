import type { Facility } from '../../../shared/contract/facility';
import { managedFieldIssues } from '../../../shared/policy/view';
import { err, fieldError, ok } from '../../../shared/result';
import { defineHandlers, type HandlerContext } from '../context';
import { hashPassword } from '../passwords';
import { passwordPolicyError } from './passwords';

export function readFacility(ctx: Pick<HandlerContext, 'q'>): Facility | null {
  const f = ctx.q.facility.get();
  if (!f) return null;
  return { ...f, units: ctx.q.facility.units(), shifts: ctx.q.facility.shifts() };
}

export const facilityHandlers = defineHandlers({
  'setup.status'(_input, ctx) {
    const f = ctx.q.facility.get();
    return ok({ needsSetup: !f, facilityName: f?.name ?? null, defaultLanguage: f?.defaultLanguage ?? 'en' });
  },

  'setup.createFacility'({ facility, admin }, ctx) {
    // Public by necessity (no one exists to sign in), so it works exactly once.
    if (ctx.q.facility.get()) return err('conflict', 'setup.alreadyDone');
    const policy = passwordPolicyError('admin.password', admin.password, [admin.username, admin.displayName, facility.name], ctx.policy.managed.minPasswordLength);
    if (policy) return policy;
    ctx.q.facility.insert(
      { name: facility.name, timeZone: facility.timeZone, paperSize: facility.paperSize, defaultLanguage: facility.defaultLanguage, idleLockMinutes: 10 },
      ctx.nowIso,
    );
    facility.units.forEach((u, i) => ctx.q.facility.insertUnit(u.name, i));
    facility.shifts.forEach((s, i) => ctx.q.facility.insertShift({ ...s, sortOrder: i }));
    ctx.q.training.ensureDefaultCatalog(ctx.nowIso);
    const adminId = ctx.q.users.insert({
      username: admin.username,
      displayName: admin.displayName,
      role: 'administrator',
      passwordHash: hashPassword(admin.password, ctx.scryptCost),
      mustChangePassword: false,
      at: ctx.nowIso,
    });
    ctx.audit({ entity: 'facility', entityId: 1, userId: adminId, after: readFacility(ctx) });
    ctx.audit({ entity: 'user', entityId: adminId, userId: adminId, after: ctx.q.users.getById(adminId) });
    ctx.invalidateFacility();
    return ok({ adminId });
  },

  'facility.get'(_input, ctx) {
    const f = readFacility(ctx);
    return f ? ok(f) : err('not_found', 'setup.needed');
  },

  'facility.update'(input, ctx) {
    const before = readFacility(ctx);
    if (!before) return err('not_found', 'setup.needed');
    const managed = managedFieldIssues(input, ctx.policy.managed);
    if (managed.length > 0) return err('validation', 'error.validation', { fields: managed });
    ctx.q.facility.update(input);
    ctx.invalidateFacility();
    const after = readFacility(ctx);
    ctx.audit({ entity: 'facility', entityId: 1, before, after });
    return after ? ok(after) : err('internal', 'error.internal');
  },

  'facility.addUnit'({ name }, ctx) {
    if (ctx.q.facility.unitNameTaken(name)) return fieldError('name', 'duplicate');
    const id = ctx.q.facility.insertUnit(name, ctx.q.facility.units().length);
    const unit = ctx.q.facility.units().find((u) => u.id === id);
    if (!unit) return err('internal', 'error.internal');
    ctx.audit({ entity: 'unit', entityId: id, after: unit });
    return ok(unit);
  },
});
