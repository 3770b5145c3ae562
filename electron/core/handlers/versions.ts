import { err, type Err } from '../../../shared/result';
import type { HandlerContext } from '../context';

/**
 * The refusal of a save over a newer version: who saved it and when, from the audit trail, so the
 * form can say "Changed by Dolores Núñez at 14:02 — review the new version" instead of overwriting.
 */
export async function changedElsewhere(ctx: Pick<HandlerContext, 'q'>, entity: string, id: number, currentVersion: number): Promise<Err> {
  const last = await ctx.q.audit.lastChange(entity, String(id));
  if (!last?.userName) return err('conflict', 'error.changedElsewhereUnknown', { params: { currentVersion } });
  return err('conflict', 'error.changedElsewhere', { params: { by: last.userName, at: last.at, currentVersion } });
}
