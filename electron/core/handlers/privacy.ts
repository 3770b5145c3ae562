import type { AuditFilterInput } from '../../../shared/contract/users';
import { dayRangeInstants } from '../../../shared/domain/privacy/zoned';
import { ok } from '../../../shared/result';
import type { AuditFilter } from '../../../db/queries/audit';
import { defineHandlers, type HandlerContext } from '../context';

/** How many of the newest rows the quick check (start-up, opening the audit screen) verifies. */
export const TAIL_CHECK_ROWS = 200;

/** The viewer's filters as the query takes them: the facility's calendar days become instants in its zone. */
export function auditFilterOf(input: Omit<AuditFilterInput, 'offset' | 'limit'>, ctx: Pick<HandlerContext, 'timeZone'>): AuditFilter {
  const resident = input.residentId !== undefined ? { entity: 'resident', entityId: String(input.residentId) } : { entity: input.entity, entityId: input.entityId };
  return {
    ...resident,
    userId: input.userId,
    ...dayRangeInstants(input.from, input.to, ctx.timeZone),
    methods: input.action ? [input.action] : undefined,
    kinds: input.kind ? [input.kind] : undefined,
  };
}

export const privacyHandlers = defineHandlers({
  async 'audit.list'(input, ctx) {
    return ok(await ctx.q.audit.list({ ...auditFilterOf(input, ctx), offset: input.offset, limit: input.limit }));
  },

  async 'audit.verify'({ scope }, ctx) {
    return ok(await ctx.q.audit.verify(scope === 'tail' ? { tail: TAIL_CHECK_ROWS } : {}));
  },
});
