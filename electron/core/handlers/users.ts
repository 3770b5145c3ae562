import { err, fieldError, ok } from '../../../shared/result';
import { defineHandlers } from '../context';
import { hashPassword } from '../passwords';
import { passwordPolicyError } from './passwords';
import { changedElsewhere } from './versions';

export const usersHandlers = defineHandlers({
  async 'users.list'(input, ctx) {
    return ok(await ctx.q.users.list(input));
  },

  async 'users.get'({ id }, ctx) {
    const u = await ctx.q.users.getById(id);
    return u ? ok(u) : err('not_found', 'users.notFound');
  },

  async 'users.create'({ username, displayName, role, password }, ctx) {
    if (await ctx.q.users.usernameTaken(username)) return fieldError('username', 'duplicate');
    const policy = passwordPolicyError('password', password, [username, displayName, (await ctx.q.facility.get())?.name ?? ''], ctx.policy.managed.minPasswordLength);
    if (policy) return policy;
    // An administrator-chosen password is temporary: the person sets their own at first sign-in.
    const id = await ctx.q.users.insert({ username, displayName, role, passwordHash: hashPassword(password, ctx.passwordCost), mustChangePassword: true, at: ctx.nowIso });
    const created = await ctx.q.users.getById(id);
    if (!created) return err('internal', 'error.internal');
    ctx.audit({ entity: 'user', entityId: id, after: created });
    return ok(created);
  },

  async 'users.update'({ id, expectedVersion, displayName, role, active }, ctx) {
    const before = await ctx.q.users.getById(id);
    if (!before) return err('not_found', 'users.notFound');
    if (before.version !== expectedVersion) return changedElsewhere(ctx, 'user', id, before.version);
    if (id === ctx.user?.id && (!active || role !== before.role)) return fieldError(active ? 'role' : 'active', 'cannot_change_self');
    const losesAdmin = before.role === 'administrator' && before.active && (role !== 'administrator' || !active);
    if (losesAdmin && (await ctx.q.users.countActiveWithRole('administrator')) <= 1) return err('conflict', 'users.lastAdministrator');
    if (!(await ctx.q.users.update(id, { displayName, role, active }, ctx.nowIso, expectedVersion))) return changedElsewhere(ctx, 'user', id, before.version);
    // Sessions live in the database: every station's next call finds this one ended.
    if (!active && before.active) await ctx.q.sessions.endAllForUser(id, 'deactivated', ctx.nowIso);
    const after = await ctx.q.users.getById(id);
    if (!after) return err('internal', 'error.internal');
    ctx.audit({ entity: 'user', entityId: id, before, after });
    return ok(after);
  },

  async 'users.resetPassword'({ id, newPassword }, ctx) {
    // An administrator's own password is changed knowing the current one (auth.changePassword),
    // never reset: a reset would let anyone at their unlocked station take the account over.
    if (id === ctx.user?.id) return fieldError('id', 'cannot_reset_self');
    const target = await ctx.q.users.getById(id);
    if (!target) return err('not_found', 'users.notFound');
    const policy = passwordPolicyError('newPassword', newPassword, [target.username, target.displayName, (await ctx.q.facility.get())?.name ?? ''], ctx.policy.managed.minPasswordLength);
    if (policy) return policy;
    await ctx.q.users.setPassword(id, hashPassword(newPassword, ctx.passwordCost), true, ctx.nowIso);
    await ctx.q.sessions.endAllForUser(id, 'password_reset', ctx.nowIso);
    ctx.audit({ entity: 'user', entityId: id, before: { passwordReset: false }, after: { passwordReset: true, mustChangePassword: true } });
    return ok({});
  },
});
