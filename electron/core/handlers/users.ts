import { err, fieldError, ok } from '../../../shared/result';
import { defineHandlers } from '../context';
import { hashPassword } from '../passwords';
import { passwordPolicyError } from './passwords';

export const usersHandlers = defineHandlers({
  'users.list'(input, ctx) {
    return ok(ctx.q.users.list(input));
  },

  'users.get'({ id }, ctx) {
    const u = ctx.q.users.getById(id);
    return u ? ok(u) : err('not_found', 'users.notFound');
  },

  'users.create'({ username, displayName, role, password }, ctx) {
    if (ctx.q.users.usernameTaken(username)) return fieldError('username', 'duplicate');
    const policy = passwordPolicyError('password', password, [username, displayName, ctx.q.facility.get()?.name ?? ''], ctx.policy.managed.minPasswordLength);
    if (policy) return policy;
    // An administrator-chosen password is temporary: the person sets their own at first sign-in.
    const id = ctx.q.users.insert({ username, displayName, role, passwordHash: hashPassword(password, ctx.scryptCost), mustChangePassword: true, at: ctx.nowIso });
    const created = ctx.q.users.getById(id);
    if (!created) return err('internal', 'error.internal');
    ctx.audit({ entity: 'user', entityId: id, after: created });
    return ok(created);
  },

  'users.update'({ id, displayName, role, active }, ctx) {
    const before = ctx.q.users.getById(id);
    if (!before) return err('not_found', 'users.notFound');
    if (id === ctx.user?.id && (!active || role !== before.role)) return fieldError(active ? 'role' : 'active', 'cannot_change_self');
    const losesAdmin = before.role === 'administrator' && before.active && (role !== 'administrator' || !active);
    if (losesAdmin && ctx.q.users.countActiveWithRole('administrator') <= 1) return err('conflict', 'users.lastAdministrator');
    ctx.q.users.update(id, { displayName, role, active }, ctx.nowIso);
    if (!active && before.active) ctx.q.sessions.endAllForUser(id, 'deactivated', ctx.nowIso);
    ctx.invalidateUser(id);
    const after = ctx.q.users.getById(id);
    if (!after) return err('internal', 'error.internal');
    ctx.audit({ entity: 'user', entityId: id, before, after });
    return ok(after);
  },

  'users.resetPassword'({ id, newPassword }, ctx) {
    const target = ctx.q.users.getById(id);
    if (!target) return err('not_found', 'users.notFound');
    const policy = passwordPolicyError('newPassword', newPassword, [target.username, target.displayName, ctx.q.facility.get()?.name ?? ''], ctx.policy.managed.minPasswordLength);
    if (policy) return policy;
    ctx.q.users.setPassword(id, hashPassword(newPassword, ctx.scryptCost), true, ctx.nowIso);
    ctx.q.sessions.endAllForUser(id, 'password_reset', ctx.nowIso);
    ctx.invalidateUser(id);
    ctx.audit({ entity: 'user', entityId: id, before: { passwordReset: false }, after: { passwordReset: true, mustChangePassword: true } });
    return ok({});
  },

  'audit.list'(input, ctx) {
    return ok(ctx.q.audit.list(input));
  },
});
