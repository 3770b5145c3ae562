import type { SessionUser } from '../../shared/contract/auth';
import type { MethodName, OutputOf, ParsedInputOf } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { Queries } from '../../db/queries';
import type { EngineKind } from '../../db/engine/types';
import type { SessionEndReason } from '../../db/queries/sessions';
import type { PasswordCost } from './passwords';
import type { LocalSnapshot } from '../../db/transfer/move-to-server';
import type { PolicyView } from '../../shared/policy/view';
import type { VerifiedBackup } from '../../db/backup';

/** The SQLite file's backups as handlers use them; null on the server option (backups are the server's). */
export interface BackupsAccess {
  readonly folder: string;
  list(): VerifiedBackup[];
  create(): Promise<VerifiedBackup>;
  /** Swaps in the backup (after a safety copy) and records who restored what in the restored trail. */
  restore(name: string, by: { id: number; username: string }, at: string): Promise<{ restored: VerifiedBackup; safetyCopy: string }>;
}

export interface AuditNote {
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  /** Who did it, when no one is signed in yet (first-run setup, a sign-in). */
  userId?: number | null;
}

/** What a handler may use. Plain values and the query modules; no transport, no Electron, no handle. */
export interface HandlerContext {
  q: Queries;
  engine: EngineKind;
  method: MethodName;
  /** The instant this call started; one clock reading per call. */
  now: Date;
  nowIso: string;
  /** The facility's calendar date at `now`, in its time zone: what "today" means for every date rule. */
  today: string;
  /** The facility's time zone (UTC before the facility exists). */
  timeZone: string;
  user: SessionUser | null;
  /** The station the call comes from (the computer's name in the app), for the audit trail and the sign-in budget. */
  station: string;
  passwordCost: PasswordCost;
  localDatabase: LocalDatabase | null;
  /** The administrator's policy: settings it fixes (already applied to q.facility) and its problems. */
  policy: PolicyView;
  /**
   * Records the change in the audit trail (written with the call's other writes, in its
   * transaction) and tells every station what changed once it commits. A write without one fails.
   */
  audit(note: AuditNote): void;
  /**
   * Authorises one print of `document` by this user: a one-time token, stored hashed, handed to
   * main once the call commits (never to the renderer); main names it in print.finished.
   */
  issuePrintJob(document: string): Promise<void>;
  /** Backups of the SQLite file; null on the server option. */
  backups: BackupsAccess | null;
  /**
   * Work that cannot run inside the call's transaction (a backup, a restore): run once the call
   * has committed (its audit row first), and its result becomes the call's. Return what this gives.
   */
  defer<T>(fn: () => Promise<Result<T>>): Result<T>;
  /** Runs in its own transaction if this call fails, e.g. counting a failed sign-in. */
  onFailure(fn: () => Promise<void>): void;
  /** The connection's session, for the auth handlers. Applied to the connection only once the call commits. */
  session: {
    begin(userId: number): Promise<SessionUser | null>;
    end(reason: 'sign_out'): Promise<void>;
    /** The session this call runs in (its token hash), to keep it when ending a user's other sessions. */
    readonly tokenHash: string | null;
    /** The session is under the idle lock (only auth.session, auth.unlock and auth.signOut run then). */
    readonly locked: boolean;
    lock(): Promise<void>;
    unlock(): Promise<void>;
  };
}

/**
 * A station's own SQLite file, offered for moving onto an empty facility server (the setup screen
 * on the server option). Null everywhere else.
 */
export interface LocalDatabase {
  summary(): { facilityName: string | null; residents: number; staff: number } | null;
  administrator(username: string): { id: number; passwordHash: string } | null;
  snapshot(): Promise<LocalSnapshot>;
}

export type Handler<M extends MethodName> = (input: ParsedInputOf<M>, ctx: HandlerContext) => Promise<Result<OutputOf<M>>>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** Lets an area module declare a subset of handlers with full typing. */
export const defineHandlers = <K extends MethodName>(h: { [M in K]: Handler<M> }) => h;

export type { SessionEndReason };
