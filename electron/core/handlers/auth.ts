import { err, fieldError, ok } from '../../../shared/result';
import { defineHandlers, type HandlerContext } from '../context';
import { decoyHash, hashPassword, verifyPassword, type ScryptCost } from '../passwords';
import { passwordPolicyError } from './passwords';

/** After this many failures a username is locked, for a time that doubles per further failure. */
const FREE_ATTEMPTS = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

const decoys = new Map<number, string>();
function decoyFor(cost: ScryptCost): string {
  let d = decoys.get(cost.N);
  if (!d) decoys.set(cost.N, (d = decoyHash(cost)));
  return d;
}

const usernameKey = (u: string) => u.normalize('NFKC').toLowerCase();

async function recordFailure(ctx: HandlerContext, key: string, userId: number | null): Promise<void> {
  const prev = await ctx.q.throttle.get(key);
  const failures = (prev?.failures ?? 0) + 1;
  const lockMs = failures >= FREE_ATTEMPTS ? Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FREE_ATTEMPTS)) : 0;
  await ctx.q.throttle.put({
    usernameKey: key,
    failures,
    lastFailureAt: ctx.nowIso,
    lockedUntil: lockMs ? new Date(ctx.now.getTime() + lockMs).toISOString() : null,
  });
  await ctx.q.audit.insert({
    at: ctx.nowIso,
    userId,
    method: 'auth.signIn',
    entity: 'session',
    entityId: null,
    before: null,
    after: { outcome: 'failed', failures },
  });
}

export const authHandlers = defineHandlers({
  async 'auth.signIn'({ username, password }, ctx) {
    const key = usernameKey(username);
    const throttle = await ctx.q.throttle.get(key);
    if (throttle?.lockedUntil && throttle.lockedUntil > ctx.nowIso) {
      const seconds = Math.ceil((Date.parse(throttle.lockedUntil) - ctx.now.getTime()) / 1000);
      return err('throttled', 'auth.throttled', { params: { seconds } });
    }
    const found = await ctx.q.users.getAuthByUsername(username);
    // Always pay for one scrypt, so an unknown username answers as slowly as a known one.
    const matches = verifyPassword(password, found?.passwordHash ?? decoyFor(ctx.scryptCost));
    if (!found || !matches || !found.active) {
      ctx.onFailure(() => recordFailure(ctx, key, found?.id ?? null));
      return err('unauthenticated', 'auth.badCredentials');
    }
    if (throttle) await ctx.q.throttle.clear(key);
    if (ctx.user) await ctx.session.end('sign_out');
    await ctx.q.users.setLastSignIn(found.id, ctx.nowIso);
    const user = await ctx.session.begin(found.id);
    if (!user) return err('internal', 'error.internal');
    ctx.audit({ entity: 'session', entityId: found.id, userId: found.id, after: { outcome: 'signed_in' } });
    return ok({ user });
  },

  async 'auth.signOut'(_input, ctx) {
    ctx.audit({ entity: 'session', entityId: ctx.user?.id ?? null, after: { outcome: 'signed_out' } });
    await ctx.session.end('sign_out');
    return ok({});
  },

  async 'auth.session'(_input, ctx) {
    return ok({ user: ctx.user, idleLockMinutes: (await ctx.q.facility.get())?.idleLockMinutes ?? 10 });
  },

  async 'auth.changePassword'({ currentPassword, newPassword }, ctx) {
    const me = ctx.user && (await ctx.q.users.getAuthById(ctx.user.id));
    if (!me) return err('unauthenticated', 'error.unauthenticated');
    if (!verifyPassword(currentPassword, me.passwordHash)) return fieldError('currentPassword', 'wrong_password');
    if (currentPassword.normalize('NFKC') === newPassword.normalize('NFKC')) return fieldError('newPassword', 'password_same_as_current');
    const policy = passwordPolicyError('newPassword', newPassword, [me.username, me.displayName, (await ctx.q.facility.get())?.name ?? ''], ctx.policy.managed.minPasswordLength);
    if (policy) return policy;
    await ctx.q.users.setPassword(me.id, hashPassword(newPassword, ctx.scryptCost), false, ctx.nowIso);
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
