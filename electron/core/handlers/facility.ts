import type { Facility } from '../../../shared/contract/facility';
import { managedFieldIssues } from '../../../shared/policy/view';
import { err, fieldError, ok } from '../../../shared/result';
import { defineHandlers, type HandlerContext } from '../context';
import { hashPassword } from '../passwords';
import { passwordPolicyError } from './passwords';

export async function readFacility(ctx: Pick<HandlerContext, 'q'>): Promise<Facility | null> {
  const f = await ctx.q.facility.get();
  if (!f) return null;
  return { ...f, units: await ctx.q.facility.units(), shifts: await ctx.q.facility.shifts() };
}

export const facilityHandlers = defineHandlers({
  async 'setup.status'(_input, ctx) {
    const f = await ctx.q.facility.get();
    return ok({ needsSetup: !f, facilityName: f?.name ?? null, defaultLanguage: f?.defaultLanguage ?? 'en', timeZone: f?.timeZone ?? null });
  },

  async 'setup.createFacility'({ facility, admin }, ctx) {
    // Public by necessity (no one exists to sign in), so it works exactly once.
    if (await ctx.q.facility.get()) return err('conflict', 'setup.alreadyDone');
    const policy = passwordPolicyError('admin.password', admin.password, [admin.username, admin.displayName, facility.name], ctx.policy.managed.minPasswordLength);
    if (policy) return policy;
    await ctx.q.facility.insert(
      { name: facility.name, timeZone: facility.timeZone, paperSize: facility.paperSize, defaultLanguage: facility.defaultLanguage, idleLockMinutes: 10 },
      ctx.nowIso,
    );
    for (const [i, u] of facility.units.entries()) await ctx.q.facility.insertUnit(u.name, i);
    for (const [i, s] of facility.shifts.entries()) await ctx.q.facility.insertShift({ ...s, sortOrder: i });
    await ctx.q.training.ensureDefaultCatalog(ctx.nowIso);
    await ctx.q.training.ensureDefaultCredentialTypes(ctx.nowIso);
    const adminId = await ctx.q.users.insert({
      username: admin.username,
      displayName: admin.displayName,
      role: 'administrator',
      passwordHash: hashPassword(admin.password, ctx.passwordCost),
      mustChangePassword: false,
      at: ctx.nowIso,
    });
    ctx.audit({ entity: 'facility', entityId: 1, userId: adminId, after: await readFacility(ctx) });
    ctx.audit({ entity: 'user', entityId: adminId, userId: adminId, after: await ctx.q.users.getById(adminId) });
    return ok({ adminId });
  },

  async 'facility.get'(_input, ctx) {
    const f = await readFacility(ctx);
    return f ? ok(f) : err('not_found', 'setup.needed');
  },

  async 'facility.update'(input, ctx) {
    const before = await readFacility(ctx);
    if (!before) return err('not_found', 'setup.needed');
    const managed = managedFieldIssues(input, ctx.policy.managed);
    if (managed.length > 0) return err('validation', 'error.validation', { fields: managed });
    await ctx.q.facility.update(input);
    const after = await readFacility(ctx);
    ctx.audit({ entity: 'facility', entityId: 1, before, after });
    return after ? ok(after) : err('internal', 'error.internal');
  },

  async 'facility.addUnit'({ name }, ctx) {
    if (await ctx.q.facility.unitNameTaken(name)) return fieldError('name', 'duplicate');
    const id = await ctx.q.facility.insertUnit(name, (await ctx.q.facility.units()).length);
    const unit = (await ctx.q.facility.units()).find((u) => u.id === id);
    if (!unit) return err('internal', 'error.internal');
    ctx.audit({ entity: 'unit', entityId: id, after: unit });
    return ok(unit);
  },
});
