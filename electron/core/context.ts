import type { SessionUser } from '../../shared/contract/auth';
import type { MethodName, OutputOf, ParsedInputOf } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { Queries } from '../../db/queries';
import type { Db } from '../../db/open';
import type { ScryptCost } from './passwords';
import type { PolicyView } from '../../shared/policy/view';

export interface AuditNote {
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  /** Who did it, when no one is signed in yet (first-run setup, a sign-in). */
  userId?: number | null;
}

/** What a handler may use. Plain values and the query modules; no transport, no Electron. */
export interface HandlerContext {
  q: Queries;
  db: Db;
  method: MethodName;
  /** The instant this call started; one clock reading per call. */
  now: Date;
  nowIso: string;
  /** The facility's calendar date at `now`, in its time zone: what "today" means for every date rule. */
  today: string;
  user: SessionUser | null;
  scryptCost: ScryptCost;
  /** The administrator's policy: settings it fixes (already applied to q.facility) and its problems. */
  policy: PolicyView;
  audit(note: AuditNote): void;
  /** Runs in its own transaction if this call fails, e.g. counting a failed sign-in. */
  onFailure(fn: () => void): void;
  /** The connection's session, for the auth handlers. */
  session: {
    begin(userId: number): SessionUser | null;
    end(reason: 'sign_out'): void;
  };
  /** Tells live sessions that a user or the facility changed, so they reload. */
  invalidateUser(userId: number): void;
  invalidateFacility(): void;
}

export type Handler<M extends MethodName> = (input: ParsedInputOf<M>, ctx: HandlerContext) => Result<OutputOf<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** Lets an area module declare a subset of handlers with full typing. */
export const defineHandlers = <K extends MethodName>(h: { [M in K]: Handler<M> }) => h;
