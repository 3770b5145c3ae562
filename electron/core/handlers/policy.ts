import { ok } from '../../../shared/result';
import { defineHandlers } from '../context';

export const policyHandlers = defineHandlers({
  async 'policy.status'(_input, ctx) {
    return ok(ctx.policy);
  },
});
