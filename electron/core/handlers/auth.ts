import { err, fieldError, ok } from '../../../shared/result';
import { defineHandlers } from '../context';
import { decoyHash, hashPassword, needsRehash, verifyPassword, type PasswordCost } from '../passwords';
import { passwordPolicyError } from './passwords';
import { lockedOut, recordFailure, usernameKey } from './throttle';

const decoys = new Map<string, string>();
function decoyFor(cost: PasswordCost): string {
  const key = `${cost.memoryKiB}/${cost.passes}/${cost.parallelism}`;
  let d = decoys.get(key);
  if (!d) decoys.set(key, (d = decoyHash(cost)));
  return d;
}

export const authHandlers = defineHandlers({
  async 'auth.signIn'({ username, password }, ctx) {
    const key = usernameKey(username);
    const locked = await lockedOut(ctx, key);
    if (locked) return locked;
    const found = await ctx.q.users.getAuthByUsername(username);
    // Always pay for one hash, so an unknown username answers as slowly as a known one.
    const matches = verifyPassword(password, found?.passwordHash ?? decoyFor(ctx.passwordCost));
    if (!found || !matches || !found.active) {
      ctx.onFailure(() => recordFailure(ctx, { key, userId: found?.id ?? null, method: 'auth.signIn', entity: 'session', entityId: null, outcome: 'failed' }));
      return err('unauthenticated', 'auth.badCredentials');
    }
    if (await ctx.q.throttle.get(key)) await ctx.q.throttle.clear(key);
    // Signing in over a session (a locked one included: "switch user") signs its person out.
    if (ctx.user || ctx.session.locked) await ctx.session.end('sign_out');
    await ctx.q.users.setLastSignIn(found.id, ctx.nowIso);
    // A hash from before Argon2id (or at a lower cost) is replaced now, while the password is at hand.
    const rehashed = needsRehash(found.passwordHash, ctx.passwordCost);
    if (rehashed) await ctx.q.users.rehash(found.id, hashPassword(password, ctx.passwordCost));
    const user = await ctx.session.begin(found.id);
    if (!user) return err('internal', 'error.internal');
    ctx.audit({ entity: 'session', entityId: found.id, userId: found.id, after: { outcome: 'signed_in', ...(rehashed ? { rehashed: true } : {}) } });
    return ok({ user });
  },

  async 'auth.signOut'(_input, ctx) {
    ctx.audit({ entity: 'session', entityId: ctx.user?.id ?? null, after: { outcome: 'signed_out' } });
    await ctx.session.end('sign_out');
    return ok({});
  },

  async 'auth.session'(_input, ctx) {
    const idleLockMinutes = (await ctx.q.facility.get())?.idleLockMinutes ?? 10;
    // Locked: no user for the renderer to show anything with, only whose session waits behind the lock.
    if (ctx.session.locked && ctx.user) return ok({ user: null, idleLockMinutes, locked: { username: ctx.user.username, displayName: ctx.user.displayName } });
    return ok({ user: ctx.user, idleLockMinutes, locked: null });
  },

  async 'auth.lock'(_input, ctx) {
    await ctx.session.lock();
    ctx.audit({ entity: 'session', entityId: ctx.user?.id ?? null, after: { outcome: 'locked' } });
    return ok({});
  },

  async 'auth.unlock'({ password }, ctx) {
    const me = ctx.user && (await ctx.q.users.getAuthById(ctx.user.id));
    if (!me || !ctx.user) return err('unauthenticated', 'error.unauthenticated');
    if (!ctx.session.locked) return ok({ user: ctx.user });
    const key = usernameKey(me.username);
    const locked = await lockedOut(ctx, key);
    if (locked) return locked;
    if (!verifyPassword(password, me.passwordHash)) {
      ctx.onFailure(() => recordFailure(ctx, { key, userId: me.id, method: 'auth.unlock', entity: 'session', entityId: me.id, outcome: 'failed' }));
      return fieldError('password', 'wrong_password');
    }
    if (await ctx.q.throttle.get(key)) await ctx.q.throttle.clear(key);
    if (needsRehash(me.passwordHash, ctx.passwordCost)) await ctx.q.users.rehash(me.id, hashPassword(password, ctx.passwordCost));
    await ctx.session.unlock();
    ctx.audit({ entity: 'session', entityId: me.id, after: { outcome: 'unlocked' } });
    return ok({ user: ctx.user });
  },

  async 'auth.changePassword'({ currentPassword, newPassword }, ctx) {
    const me = ctx.user && (await ctx.q.users.getAuthById(ctx.user.id));
    if (!me) return err('unauthenticated', 'error.unauthenticated');
    // Guessing at an unlocked station is guessing all the same: the sign-in throttle applies.
    const key = usernameKey(me.username);
    const locked = await lockedOut(ctx, key);
    if (locked) return locked;
    if (!verifyPassword(currentPassword, me.passwordHash)) {
      ctx.onFailure(() => recordFailure(ctx, { key, userId: me.id, method: 'auth.changePassword', entity: 'user', entityId: me.id, outcome: 'wrong_password' }));
      return fieldError('currentPassword', 'wrong_password');
    }
    if (currentPassword.normalize('NFKC') === newPassword.normalize('NFKC')) return fieldError('newPassword', 'password_same_as_current');
    const policy = passwordPolicyError('newPassword', newPassword, [me.username, me.displayName, (await ctx.q.facility.get())?.name ?? ''], ctx.policy.managed.minPasswordLength);
    if (policy) return policy;
    await ctx.q.users.setPassword(me.id, hashPassword(newPassword, ctx.passwordCost), false, ctx.nowIso);
    // Whoever else is signed in with the old password (another station, a forgotten session) is out.
    await ctx.q.sessions.endAllForUser(me.id, 'password_changed', ctx.nowIso, ctx.session.tokenHash);
    if (await ctx.q.throttle.get(key)) await ctx.q.throttle.clear(key);
    // Never the hash in the audit trail: only that it changed.
    ctx.audit({ entity: 'user', entityId: me.id, before: { passwordChanged: false }, after: { passwordChanged: true } });
    return ok({});
  },

  async 'auth.setLanguage'({ language }, ctx) {
    if (!ctx.user) return err('unauthenticated', 'error.unauthenticated');
    if (ctx.policy.managed.language !== undefined && language !== ctx.policy.managed.language) return fieldError('language', 'managed_by_policy');
    await ctx.q.users.setLanguage(ctx.user.id, language, ctx.nowIso);
    ctx.audit({ entity: 'user', entityId: ctx.user.id, before: { language: ctx.user.language }, after: { language } });
    return ok({});
  },
});
