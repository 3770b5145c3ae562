import { createHash, randomBytes } from 'node:crypto';
import type { SessionUser } from '../../shared/contract/auth';
import { contract, isMethodName, type MethodName } from '../../shared/contract';
import { calendarDateIn } from '../../shared/domain/dates';
import { can, permissionsOf, type Role } from '../../shared/domain/roles';
import { err, type AppError, type Result } from '../../shared/result';
import type { Db } from '../../db/open';
import type { Queries } from '../../db/queries';
import type { Clock } from './clock';
import type { AuditNote, HandlerContext, Handlers } from './context';
import type { Logger } from './log';
import type { ScryptCost } from './passwords';
import { toFieldIssues } from './validation';
import { NO_POLICY, type PolicyView } from '../../shared/policy/view';

export interface DispatcherOptions {
  db: Db;
  q: Queries;
  handlers: Handlers;
  clock: Clock;
  log: Logger;
  scryptCost: ScryptCost;
  /** Check every output against its schema: on in tests and the harness, off in the packaged app. */
  checkOutput: boolean;
  /** The administrator's policy (managed settings and problems); none when absent. */
  policy?: PolicyView;
}

/** One renderer's conversation with main: a window in Electron, a browser tab in the harness. */
export interface Connection {
  invoke(method: unknown, input: unknown): Result<unknown>;
  readonly userId: number | null;
  close(): void;
}

interface LiveSession {
  tokenHash: string;
  user: SessionUser;
  userEpoch: number;
  lastSeenMs: number;
  lastPersistedMs: number;
}

class Rollback {
  constructor(readonly result: Result<unknown>) {}
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
// Persisting "last seen" on every read would turn every read into a write; once a minute is enough.
const TOUCH_EVERY_MS = 60_000;

export function toSessionUser(u: { id: number; username: string; displayName: string; role: Role; language: 'en' | 'es' | null; mustChangePassword: boolean }): SessionUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    permissions: [...permissionsOf(u.role)],
    language: u.language,
    mustChangePassword: u.mustChangePassword,
  };
}

export function createDispatcher(o: DispatcherOptions) {
  const sqlite = o.db.$client;
  const userEpochs = new Map<number, number>();
  let idleLockMs: number | null = null;
  const epochOf = (userId: number) => userEpochs.get(userId) ?? 0;

  function idleLimitMs(): number {
    if (idleLockMs === null) idleLockMs = (o.q.facility.get()?.idleLockMinutes ?? 10) * 60_000;
    return idleLockMs;
  }

  function connect(): Connection {
    let live: LiveSession | null = null;

    /** One call's context. A class, not an object literal of closures: it is built on every call. */
    class CallContext implements HandlerContext {
      readonly q = o.q;
      readonly db = o.db;
      readonly scryptCost = o.scryptCost;
      readonly policy = o.policy ?? NO_POLICY;
      audits = 0;
      failureHooks: (() => void)[] = [];
      private iso: string | null = null;
      constructor(
        readonly method: MethodName,
        readonly now: Date,
        readonly user: SessionUser | null,
      ) {}
      get nowIso(): string {
        return (this.iso ??= this.now.toISOString());
      }
      private day: string | null = null;
      get today(): string {
        return (this.day ??= calendarDateIn(this.now, o.q.facility.get()?.timeZone ?? 'UTC'));
      }
      audit(note: AuditNote): void {
        this.audits++;
        o.q.audit.insert({
          at: this.nowIso,
          userId: note.userId !== undefined ? note.userId : (this.user?.id ?? null),
          method: this.method,
          entity: note.entity,
          entityId: note.entityId === null ? null : String(note.entityId),
          before: note.before,
          after: note.after,
        });
      }
      onFailure(fn: () => void): void {
        this.failureHooks.push(fn);
      }
      // Only sign-in and sign-out need these; built on demand rather than on every call.
      get session() {
        return {
          begin: (userId: number): SessionUser | null => {
          const row = o.q.users.getById(userId);
          if (!row) return null;
          const tokenHash = sha256(randomBytes(32).toString('base64url'));
          o.q.sessions.insert(tokenHash, userId, this.nowIso);
          const su = toSessionUser(row);
          const ms = this.now.getTime();
          live = { tokenHash, user: su, userEpoch: epochOf(userId), lastSeenMs: ms, lastPersistedMs: ms };
          return su;
        },
        end: (reason: 'sign_out'): void => {
          if (live) o.q.sessions.end(live.tokenHash, reason, this.nowIso);
          live = null;
        },
        };
      }
      invalidateUser(id: number): void {
        userEpochs.set(id, epochOf(id) + 1);
      }
      invalidateFacility(): void {
        idleLockMs = null;
      }
    }

    /** Resolves the session for this call: idle lock, deactivation and role changes apply here. */
    function resolve(nowMs: number, now: Date): SessionUser | null {
      if (!live) return null;
      if (nowMs - live.lastSeenMs > idleLimitMs()) {
        const ended = live;
        live = null;
        sqlite.transaction(() => o.q.sessions.end(ended.tokenHash, 'idle', now.toISOString()))();
        return null;
      }
      if (live.userEpoch !== epochOf(live.user.id)) {
        const row = o.q.users.getById(live.user.id);
        if (!row || !row.active) {
          const ended = live;
          live = null;
          sqlite.transaction(() => o.q.sessions.end(ended.tokenHash, 'deactivated', now.toISOString()))();
          return null;
        }
        live.user = toSessionUser(row);
        live.userEpoch = epochOf(row.id);
      }
      live.lastSeenMs = nowMs;
      if (nowMs - live.lastPersistedMs > TOUCH_EVERY_MS) {
        o.q.sessions.touch(live.tokenHash, now.toISOString());
        live.lastPersistedMs = nowMs;
      }
      return live.user;
    }

    function invoke(method: unknown, input: unknown): Result<unknown> {
      const started = performance.now();
      const name = isMethodName(method) ? method : null;
      const result = run(name, input);
      o.log.call({ method: name ?? 'unknown', ms: performance.now() - started, code: result.ok ? 'ok' : result.error.code });
      return result;
    }

    function run(method: MethodName | null, input: unknown): Result<unknown> {
      if (method === null) return err('validation', 'error.unknownMethod', { fields: [{ path: 'method', code: 'unknown_method' }] });
      const spec = contract[method];
      const now = o.clock.now();
      const nowMs = now.getTime();
      let user: SessionUser | null;
      try {
        user = resolve(nowMs, now);
      } catch (e) {
        o.log.internal(method, e);
        return err('internal', 'error.internal');
      }

      if (spec.access !== 'public') {
        if (!user) return err('unauthenticated', 'error.unauthenticated');
        if (user.mustChangePassword && method !== 'auth.changePassword' && method !== 'auth.signOut' && method !== 'auth.setLanguage') {
          return err('forbidden', 'error.mustChangePassword');
        }
        if (spec.access !== 'signed_in' && !can(user.role, spec.access)) return err('forbidden', 'error.forbidden');
      }

      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) return err('validation', 'error.validation', { fields: toFieldIssues(parsed.error, input) });

      const ctx = new CallContext(method, now, user);
      const handler = o.handlers[method] as (input: unknown, ctx: HandlerContext) => Result<unknown>;
      const liveBefore = live;
      let result: Result<unknown>;
      try {
        if (spec.write) {
          result = sqlite
            .transaction(() => {
              const r = handler(parsed.data, ctx);
              if (!r.ok) throw new Rollback(r);
              // Every write leaves a trace; a handler that forgot its audit row fails loudly.
              if (ctx.audits === 0) throw new Error(`write ${method} produced no audit row`);
              return r;
            })
            .immediate();
        } else {
          result = handler(parsed.data, ctx);
        }
      } catch (e) {
        live = liveBefore; // a rolled-back sign-in must not leave a session in memory
        if (e instanceof Rollback) result = e.result;
        else {
          o.log.internal(method, e);
          result = err('internal', 'error.internal');
        }
        runFailureHooks(ctx.failureHooks, method);
        return result;
      }
      if (!result.ok) {
        runFailureHooks(ctx.failureHooks, method);
        return result;
      }
      if (o.checkOutput) {
        const out = spec.output.safeParse(result.value);
        if (!out.success) {
          o.log.internal(method, new Error(`output does not match the contract: ${out.error.issues.map((i) => i.path.join('.')).join(', ')}`));
          return err('internal', 'error.internal');
        }
      }
      return result;
    }

    function runFailureHooks(hooks: (() => void)[], method: MethodName) {
      if (hooks.length === 0) return;
      try {
        sqlite.transaction(() => hooks.forEach((h) => h()))();
      } catch (e) {
        o.log.internal(method, e);
      }
    }

    return {
      invoke,
      get userId() {
        return live?.user.id ?? null;
      },
      close() {
        // A closed window ends its session on the record too, so the sessions table never shows
        // someone still signed in at a station that has gone away.
        const ended = live;
        live = null;
        if (ended) {
          try {
            sqlite.transaction(() => o.q.sessions.end(ended.tokenHash, 'closed', o.clock.now().toISOString()))();
          } catch (e) {
            o.log.internal('connection.close', e);
          }
        }
      },
    };
  }

  return { connect };
}
export type Dispatcher = ReturnType<typeof createDispatcher>;
export type { AppError };
