import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { SessionUser } from '../../shared/contract/auth';
import { contract, isMethodName, type MethodName } from '../../shared/contract';
import { calendarDateIn } from '../../shared/domain/dates';
import { can, permissionsOf, type Role } from '../../shared/domain/roles';
import { err, type AppError, type Result } from '../../shared/result';
import type { ChangeEvent, Engine } from '../../db/engine';
import { classify } from '../../db/engine/errors';
import type { SqliteEngine } from '../../db/engine/sqlite';
import type { Queries } from '../../db/queries';
import type { SessionCheck, SessionEndReason } from '../../db/queries/sessions';
import type { Clock } from './clock';
import type { AuditNote, BackupsAccess, HandlerContext, Handlers, LocalDatabase } from './context';
import type { Logger } from './log';
import type { PasswordCost } from './passwords';
import { accessNoteOf } from './access';
import { createTrail } from './trail';
import { toFieldIssues } from './validation';
import { NO_POLICY, type PolicyView } from '../../shared/policy/view';

export interface DispatcherOptions {
  engine: Engine;
  /** The engine's queries, as handlers see them (under the policy's managed settings). */
  q: Queries;
  handlers: Handlers;
  clock: Clock;
  log: Logger;
  passwordCost: PasswordCost;
  /** A station's own file to offer moving onto an empty server (server option only). */
  localDatabase?: LocalDatabase | null;
  /** Check every output against its schema: on in tests and the harness, off in the packaged app. */
  checkOutput: boolean;
  /** The administrator's policy (managed settings and problems); none when absent. */
  policy?: PolicyView;
  /** The station's name in the audit trail; a connection may name its own (the harness's tabs, tests). */
  station?: string;
}

/** One renderer's conversation with main: a window in Electron, a browser tab in the harness. */
/** What only main's own code passes with a call (never anything the renderer sends). */
export interface MainHooks {
  /** Receives print.pdf's one-time token once the call has committed: main keeps it for print.finished. */
  printJob?(token: string): void;
}

export interface Connection {
  invoke(method: unknown, input: unknown, main?: MainHooks): Promise<Result<unknown>>;
  /** The signed-in user as of this connection's last call. */
  readonly userId: number | null;
  /**
   * What changed at any station, for a renderer to refetch what it shows: only while signed in
   * (entity and id, never data); the server's reachability always.
   */
  subscribe(listener: (events: readonly ChangeEvent[]) => void): () => void;
  close(): Promise<void>;
}

class Rollback {
  constructor(readonly result: Result<unknown>) {}
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
// Persisting "last seen" on every read would turn every read into a write; once a minute is enough.
const TOUCH_EVERY_MS = 60_000;
const DEFAULT_IDLE_LOCK_MINUTES = 10;

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

/** The same session, user, role, lock time and zone, field for field: a read's guess confirmed. */
function sameSession(a: SessionCheck, b: SessionCheck): boolean {
  for (const k of Object.keys(a) as (keyof SessionCheck)[]) if (a[k] !== b[k]) return false;
  return Object.keys(a).length === Object.keys(b).length;
}

const sessionUserOf = (s: SessionCheck): SessionUser =>
  toSessionUser({ id: s.userId, username: s.username, displayName: s.displayName, role: s.role, language: s.language, mustChangePassword: s.mustChangePassword });

/** The connection's own state: which session it holds and when its person last did something. */
interface ConnectionState {
  tokenHash: string | null;
  userId: number | null;
  lastActivityMs: number;
  lastPersistedMs: number;
  /**
   * The session as this connection's last read found it in the database: only a guess that lets
   * the next read start before its own lookup returns, never a decision (see the read path).
   */
  lastCheck: SessionCheck | null;
}

type SessionChange = { kind: 'begin'; tokenHash: string; userId: number } | { kind: 'end' } | { kind: 'unlock' };

/**
 * `lock`: the session has just gone idle and is to be locked once the call is over. `locked`: it
 * is locked, and this is one of the calls a locked session still answers. `emergency`: the
 * emergency-access grant that let this person read a record their role does not.
 */
type Gate =
  | { ok: true; user: SessionUser | null; timeZone: string; input: unknown; locked: boolean; lock: boolean; emergency: number | null }
  /** `user`: who was refused, when someone was signed in (a refusal is recorded in the audit trail). */
  | { ok: false; result: Result<unknown>; end: SessionEndReason | null; user?: SessionUser; lock?: boolean };

/** What a locked session still answers: who it belongs to, its unlock, and signing it out ("switch user"). */
const WHILE_LOCKED: ReadonlySet<MethodName> = new Set(['auth.session', 'auth.unlock', 'auth.signOut']);
/** What a person with a temporary password may do before choosing their own. */
const BEFORE_PASSWORD_CHANGE: ReadonlySet<MethodName> = new Set(['auth.changePassword', 'auth.signOut', 'auth.setLanguage', 'auth.lock', 'auth.unlock']);
/** Reads of one resident's record that emergency access opens to a role without residents.read. */
const EMERGENCY_READS: ReadonlySet<MethodName> = new Set(['residents.get', 'residents.history']);

export function createDispatcher(o: DispatcherOptions) {
  const { engine, q } = o;
  const policy = o.policy ?? NO_POLICY;
  const trail = createTrail(engine, o.log);

  function connect(c: { station?: string } = {}): Connection {
    const station = c.station ?? o.station ?? 'local';
    const state: ConnectionState = { tokenHash: null, userId: null, lastActivityMs: 0, lastPersistedMs: 0, lastCheck: null };

    /** One call's context (one attempt of it, when the server retries a write). A class: it is built on every call. */
    const sqliteBackups = engine.kind === 'sqlite' ? (engine as SqliteEngine).backups : null;
    const backups: BackupsAccess | null = sqliteBackups && {
      folder: sqliteBackups.folder,
      list: () => sqliteBackups.list(),
      create: () => sqliteBackups.create('manual'),
      async restore(name, by, at) {
        await trail.settled();
        const done = await sqliteBackups.restore(name);
        // Who restored what, in the trail of the database now in use (the account may not exist in the copy).
        await engine.write(async () => {
          await q.sessions.endAll('closed', at);
          const known = await q.users.getById(by.id);
          await q.audit.insert({
            at,
            userId: known ? by.id : null,
            method: 'backup.restore',
            entity: 'backup',
            entityId: name,
            before: null,
            after: { restored: name, madeAt: done.restored.at, safetyCopy: path.basename(done.safetyCopy), by: by.username },
            station,
          });
        });
        return done;
      },
    };

    class CallContext implements HandlerContext {
      readonly q = q;
      readonly engine = engine.kind;
      readonly passwordCost = o.passwordCost;
      readonly localDatabase = o.localDatabase ?? null;
      readonly policy = policy;
      readonly station = station;
      readonly notes: AuditNote[] = [];
      readonly failureHooks: (() => Promise<void>)[] = [];
      sessionChange: SessionChange | null = null;
      printJob: string | null = null;
      deferred: (() => Promise<Result<unknown>>) | null = null;
      readonly backups = backups;
      /** Set by the gate: the session is locked (only WHILE_LOCKED calls get here then). */
      locked = false;
      /** Set by the gate: the emergency-access grant this read runs under. */
      emergency: number | null = null;
      private iso: string | null = null;
      private day: string | null = null;
      constructor(
        readonly method: MethodName,
        readonly now: Date,
        readonly user: SessionUser | null,
        readonly timeZone: string,
      ) {}
      get nowIso(): string {
        return (this.iso ??= this.now.toISOString());
      }
      get today(): string {
        return (this.day ??= calendarDateIn(this.now, this.timeZone));
      }
      audit(note: AuditNote): void {
        this.notes.push(note);
      }
      async issuePrintJob(document: string): Promise<void> {
        if (!this.user) throw new Error('a print job needs a signed-in user');
        const token = randomBytes(32).toString('base64url');
        await q.printJobs.insert({ tokenHash: sha256(token), userId: this.user.id, document, at: this.nowIso });
        this.printJob = token;
      }
      onFailure(fn: () => Promise<void>): void {
        this.failureHooks.push(fn);
      }
      defer<T>(fn: () => Promise<Result<T>>): Result<T> {
        this.deferred = fn;
        // Replaced by fn's result once the call commits.
        return { ok: true, value: undefined as T };
      }
      // Only sign-in and sign-out need these; built on demand rather than on every call.
      get session(): HandlerContext['session'] {
        return {
          begin: async (userId: number): Promise<SessionUser | null> => {
            const row = await q.users.getById(userId);
            if (!row) return null;
            const tokenHash = sha256(randomBytes(32).toString('base64url'));
            await q.sessions.insert(tokenHash, userId, this.nowIso);
            this.sessionChange = { kind: 'begin', tokenHash, userId };
            return toSessionUser(row);
          },
          end: async (reason: 'sign_out'): Promise<void> => {
            if (state.tokenHash) await q.sessions.end(state.tokenHash, reason, this.nowIso);
            this.sessionChange = { kind: 'end' };
          },
          tokenHash: state.tokenHash,
          locked: this.locked,
          lock: async (): Promise<void> => {
            if (state.tokenHash) await q.sessions.lock(state.tokenHash, this.nowIso);
          },
          unlock: async (): Promise<void> => {
            if (state.tokenHash) await q.sessions.unlock(state.tokenHash, this.nowIso);
            this.sessionChange = { kind: 'unlock' };
          },
        };
      }
      /** Audit rows for the trail, change events for the stations. */
      async flush(publish: (events: ChangeEvent[]) => void): Promise<void> {
        await q.audit.insertMany(
          this.notes.map((n) => ({
            at: this.nowIso,
            userId: n.userId !== undefined ? n.userId : (this.user?.id ?? null),
            method: this.method,
            entity: n.entity,
            entityId: n.entityId === null ? null : String(n.entityId),
            before: n.before,
            after: n.after,
            kind: 'change' as const,
            station,
          })),
        );
        publish(this.notes.map((n) => ({ entity: n.entity, id: n.entityId === null ? null : String(n.entityId) })));
      }
    }

    /**
     * Who is calling, checked against the database on every call (inside the call's own read or
     * transaction): a role change, deactivation, password reset or new lock time made at another
     * station applies here now. Then access, then the input.
     */
    async function gate(method: MethodName, input: unknown, nowMs: number, checked: SessionCheck | undefined): Promise<Gate> {
      const spec = contract[method];
      let user: SessionUser | null = null;
      let timeZone: string | null = null;
      let locked = false;
      let lock = false;
      if (state.tokenHash) {
        // The policy's lock time and zone win over the facility's own, here as in q.facility.
        const s = checked && { ...checked, timeZone: policy.managed.timeZone ?? checked.timeZone, idleLockMinutes: policy.managed.idleLockMinutes ?? checked.idleLockMinutes };
        const idleMs = (s?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES) * 60_000;
        const end: SessionEndReason | null = !s || s.endedAt ? null : !s.active ? 'deactivated' : null;
        if (!s || s.endedAt || end) {
          if (!end) forget();
          if (spec.access !== 'public') return { ok: false, result: err('unauthenticated', 'error.unauthenticated'), end };
        } else if (s.lockedAt !== null || nowMs - state.lastActivityMs > idleMs) {
          // Unattended too long (or locked by the renderer's own timer): locked, not signed out, so
          // the person's unsaved work waits for them. Only their password opens it again.
          lock = s.lockedAt === null;
          locked = true;
          timeZone = s.timeZone;
          state.userId = s.userId;
          if (WHILE_LOCKED.has(method)) user = sessionUserOf(s);
          else if (spec.access !== 'public') return { ok: false, result: err('unauthenticated', 'auth.locked'), end: null, lock };
        } else {
          user = sessionUserOf(s);
          timeZone = s.timeZone;
          state.userId = user.id;
          state.lastActivityMs = nowMs;
        }
      }
      let emergency: number | null = null;
      if (spec.access !== 'public') {
        if (!user) return { ok: false, result: err('unauthenticated', 'error.unauthenticated'), end: null, lock };
        if (user.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(method)) {
          return { ok: false, result: err('forbidden', 'error.mustChangePassword'), end: null, lock };
        }
        if (spec.access !== 'signed_in' && !can(user.role, spec.access)) {
          emergency = await emergencyGrant(method, input, user, nowMs);
          if (emergency === null) return { ok: false, result: err('forbidden', 'error.forbidden'), end: null, user, lock };
        }
      }
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, result: err('validation', 'error.validation', { fields: toFieldIssues(parsed.error, input) }), end: null, lock };
      timeZone ??= (await q.facility.get())?.timeZone ?? 'UTC';
      return { ok: true, user, timeZone, input: parsed.data, locked, lock, emergency };
    }

    /** The grant under which this person may read this resident's record now, if the call is such a read. */
    async function emergencyGrant(method: MethodName, input: unknown, user: SessionUser, nowMs: number): Promise<number | null> {
      if (!EMERGENCY_READS.has(method)) return null;
      const parsed = contract[method].input.safeParse(input ?? {});
      const id = parsed.success ? (parsed.data as { id?: unknown }).id : undefined;
      if (typeof id !== 'number') return null;
      const grant = await q.emergency.active(user.id, id, new Date(nowMs).toISOString());
      return grant?.id ?? null;
    }

    function forget(): void {
      state.tokenHash = null;
      state.userId = null;
      state.lastCheck = null;
    }

    /** The idle lock, found by a call: the session stays, locked, and the trail says so. */
    async function lockSession(at: string): Promise<void> {
      const tokenHash = state.tokenHash;
      const userId = state.userId;
      if (!tokenHash) return;
      await engine.write(async () => {
        await q.sessions.lock(tokenHash, at);
        await q.audit.insert({ at, userId, method: 'auth.lock', entity: 'session', entityId: userId === null ? null : String(userId), before: null, after: { outcome: 'locked', reason: 'idle' }, station });
      });
    }

    async function endSession(reason: SessionEndReason, at: string): Promise<void> {
      const tokenHash = state.tokenHash;
      forget();
      if (tokenHash) await engine.write(() => q.sessions.end(tokenHash, reason, at));
    }

    function failureOf(method: string, e: unknown, now: Date): Result<unknown> {
      switch (classify(e)) {
        case 'unavailable':
          return err('unavailable', 'error.serverUnavailable', { params: { since: engine.unavailableSince() ?? now.toISOString() } });
        case 'serialization':
        case 'unique':
          return err('conflict', 'error.tryAgain');
        case 'busy':
          return err('unavailable', 'error.databaseBusy');
        case 'full':
          return err('unavailable', 'error.diskFull');
        case 'readonly':
          return err('unavailable', 'error.readOnly');
        default:
          o.log.internal(method, e);
          return err('internal', 'error.internal');
      }
    }

    async function invoke(method: unknown, input: unknown, main: MainHooks = {}): Promise<Result<unknown>> {
      const started = performance.now();
      const name = isMethodName(method) ? method : null;
      const result = await run(name, input, main);
      o.log.call({ method: name ?? 'unknown', ms: performance.now() - started, code: result.ok ? 'ok' : result.error.code });
      return result;
    }

    async function run(method: MethodName | null, input: unknown, main: MainHooks): Promise<Result<unknown>> {
      if (method === null) return err('validation', 'error.unknownMethod', { fields: [{ path: 'method', code: 'unknown_method' }] });
      const spec = contract[method];
      const handler = o.handlers[method] as (input: unknown, ctx: HandlerContext) => Promise<Result<unknown>>;
      const now = o.clock.now();
      const nowMs = now.getTime();
      // Set inside the engine's callbacks (which the server may run more than once).
      const call: { ctx: CallContext | null; ended: SessionEndReason | null; lock: boolean; refused: SessionUser | null; input: unknown } = { ctx: null, ended: null, lock: false, refused: null, input: null };
      let result: Result<unknown>;
      try {
        if (spec.write) {
          result = await engine.write(async (scope) => {
            const g = await gate(method, input, nowMs, state.tokenHash ? await q.sessions.check(state.tokenHash) : undefined);
            call.lock = g.lock ?? false;
            if (!g.ok) {
              call.ended = g.end;
              call.refused = g.user ?? null;
              throw new Rollback(g.result);
            }
            const ctx = (call.ctx = new CallContext(method, now, g.user, g.timeZone));
            ctx.locked = g.locked;
            ctx.emergency = g.emergency;
            const r = await handler(g.input, ctx);
            if (!r.ok) throw new Rollback(r);
            // Every write leaves a trace; a handler that forgot its audit row fails loudly.
            if (ctx.notes.length === 0) throw new Error(`write ${method} produced no audit row`);
            await ctx.flush((events) => scope.publish(events));
            return r;
          });
        } else {
          result = await engine.read(async () => {
            // Not async: on a SQLite file a read is a few microseconds, and every extra promise shows.
            const answer = (g: Gate): Result<unknown> | Promise<Result<unknown>> => {
              call.lock = g.lock ?? false;
              if (!g.ok) {
                call.ended = g.end;
                call.refused = g.user ?? null;
                return g.result;
              }
              call.input = g.input;
              const ctx = (call.ctx = new CallContext(method, now, g.user, g.timeZone));
              ctx.locked = g.locked;
              ctx.emergency = g.emergency;
              return handler(g.input, ctx);
            };
            const tokenHash = state.tokenHash;
            if (!tokenHash) return answer(await gate(method, input, nowMs, undefined));
            // The session is looked up in the database on this call, as on every call. On the
            // server that lookup is a round trip of its own, so a read does not wait for it before
            // starting: the handler runs meanwhile under the session as this connection last found
            // it, and its answer is released only if the lookup finds exactly that session again.
            // Anything else (another role, deactivated, signed out, another lock time) throws the
            // guess away and the call is decided on what the lookup found, as before.
            // (Only on the server: on a SQLite file the lookup is a few microseconds in this process,
            // with nothing to overlap, and the guess's bookkeeping would cost more than it saves.)
            const lookup = q.sessions.check(tokenHash);
            const guess = engine.kind === 'pg' ? state.lastCheck : null;
            if (guess) {
              lookup.catch(() => undefined); // Awaited below, once the handler has finished.
              const before = { ...state };
              const g = await gate(method, input, nowMs, guess);
              if (g.ok && !g.locked && !g.lock && g.emergency === null) {
                const ctx = new CallContext(method, now, g.user, g.timeZone);
                const outcome = await handler(g.input, ctx).then(
                  (value) => ({ value }),
                  (error: unknown) => ({ error }),
                );
                const checked = await lookup;
                if (checked && sameSession(checked, guess)) {
                  call.input = g.input;
                  call.ctx = ctx;
                  if ('error' in outcome) throw outcome.error;
                  return outcome.value;
                }
              }
              Object.assign(state, before);
            }
            const checked = await lookup;
            const g = await gate(method, input, nowMs, checked);
            if (state.tokenHash === tokenHash) state.lastCheck = checked ?? null;
            return answer(g);
          });
        }
      } catch (e) {
        result = e instanceof Rollback ? e.result : failureOf(method, e, now);
      }
      if (call.ended) {
        try {
          await endSession(call.ended, now.toISOString());
        } catch (e) {
          o.log.internal(method, e);
        }
      } else if (call.lock && !(result.ok && call.ctx?.sessionChange)) {
        // (Not when this very call unlocked, ended or replaced the session.)
        try {
          await lockSession(now.toISOString());
        } catch (e) {
          o.log.internal(method, e);
        }
      }
      const done = call.ctx;
      const who = done?.user ?? call.refused;
      if (who) recordInTrail(method, spec.write, result, who, call.input, now.toISOString(), done?.emergency ?? null);
      if (!result.ok) {
        if (done) await runFailureHooks(done.failureHooks, method);
        return result;
      }
      if (done) await settle(done, nowMs, now);
      if (done?.printJob) main.printJob?.(done.printJob);
      if (done?.deferred) {
        try {
          result = await done.deferred();
        } catch (e) {
          result = failureOf(method, e, now);
        }
        if (!result.ok) return result;
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

    /**
     * Refusals and reads of health information, written just after the call (trail.ts): at most
     * one per person, resident (or search, or refused method) and minute.
     */
    function recordInTrail(method: MethodName, write: boolean, result: Result<unknown>, user: SessionUser, input: unknown, at: string, emergency: number | null): void {
      if (!result.ok) {
        if (result.error.code !== 'forbidden') return;
        trail.add({ at, userId: user.id, method, entity: 'call', entityId: null, before: null, after: { reason: result.error.message }, kind: 'denied', station }, `denied|${user.id}|${method}`);
        return;
      }
      if (write) return;
      const note = accessNoteOf(method, input);
      if (!note) return;
      if (note.residentId !== null) {
        // Under emergency access every read is recorded with its grant, not once a minute.
        const after = emergency === null ? null : { emergency };
        trail.add({ at, userId: user.id, method, entity: 'resident', entityId: String(note.residentId), before: null, after, kind: 'access', station }, emergency === null ? `access|${user.id}|${note.residentId}` : null);
      } else {
        const filter = note.filter ?? {};
        trail.add({ at, userId: user.id, method, entity: 'resident', entityId: null, before: null, after: { filter }, kind: 'access', station }, `access|${user.id}|${method}|${JSON.stringify(filter)}`);
      }
    }

    /** After a call succeeded: the session it began or ended, and the person's activity. */
    async function settle(ctx: CallContext, nowMs: number, now: Date): Promise<void> {
      const change = ctx.sessionChange;
      if (change?.kind === 'begin') {
        state.tokenHash = change.tokenHash;
        state.userId = change.userId;
        state.lastActivityMs = state.lastPersistedMs = nowMs;
        state.lastCheck = null;
        return;
      }
      if (change?.kind === 'end') return forget();
      if (change?.kind === 'unlock') state.lastActivityMs = state.lastPersistedMs = nowMs;
      if (!ctx.user || !state.tokenHash) return;
      if (nowMs - state.lastPersistedMs > TOUCH_EVERY_MS) {
        state.lastPersistedMs = nowMs;
        const tokenHash = state.tokenHash;
        try {
          await engine.write(() => q.sessions.touch(tokenHash, now.toISOString()));
        } catch (e) {
          o.log.internal('session.touch', e);
        }
      }
    }

    async function runFailureHooks(hooks: (() => Promise<void>)[], method: MethodName): Promise<void> {
      if (hooks.length === 0) return;
      try {
        await engine.write(async () => {
          for (const h of hooks) await h();
        });
      } catch (e) {
        o.log.internal(method, e);
      }
    }

    return {
      invoke,
      get userId() {
        return state.tokenHash ? state.userId : null;
      },
      subscribe(listener) {
        return engine.changes.subscribe((events) => {
          const visible = state.tokenHash ? events : events.filter((e) => e.kind === 'unavailable' || e.kind === 'reconnected');
          if (visible.length > 0) listener(visible);
        });
      },
      async close() {
        // A closed window ends its session on the record too, so the sessions table never shows
        // someone still signed in at a station that has gone away.
        try {
          await endSession('closed', o.clock.now().toISOString());
        } catch (e) {
          o.log.internal('connection.close', e);
        }
      },
    };
  }

  return {
    connect,
    /** Resolves once queued access and refusal rows are written: tests, and before closing. */
    settled: () => trail.settled(),
    close: () => trail.close(),
  };
}
export type Dispatcher = ReturnType<typeof createDispatcher>;
export type { AppError };
