import { ok } from '../../../shared/result';
import { defineHandlers } from '../context';

/** How many of the newest rows the quick check (start-up, opening the audit screen) verifies. */
export const TAIL_CHECK_ROWS = 200;

export const privacyHandlers = defineHandlers({
  async 'audit.verify'({ scope }, ctx) {
    return ok(await ctx.q.audit.verify(scope === 'tail' ? { tail: TAIL_CHECK_ROWS } : {}));
  },
});
