import { MoveError, copySnapshot } from '../../../db/transfer/move-to-server';
import { err, ok } from '../../../shared/result';
import { defineHandlers } from '../context';
import { decoyHash, verifyPassword } from '../passwords';

/**
 * Moving a facility onto the server from the setup screen: the station's old SQLite file, when main
 * found one and the server's database is still empty. Only that file's own administrator may do it.
 */
export const moveHandlers = defineHandlers({
  async 'setup.localDatabase'(_input, ctx) {
    const s = ctx.localDatabase && !(await ctx.q.facility.get()) ? ctx.localDatabase.summary() : null;
    return ok(s ? { available: true, ...s } : { available: false, facilityName: null, residents: 0, staff: 0 });
  },

  async 'setup.moveFromLocal'({ username, password }, ctx) {
    if (!ctx.localDatabase) return err('not_found', 'setup.noLocalDatabase');
    if (await ctx.q.facility.get()) return err('conflict', 'setup.alreadyDone');
    const admin = ctx.localDatabase.administrator(username);
    // The same cost for an unknown name as for a wrong password.
    const matches = verifyPassword(password, admin?.passwordHash ?? decoyHash(ctx.passwordCost));
    if (!admin || !matches) return err('unauthenticated', 'setup.moveBadCredentials');
    try {
      const tables = await copySnapshot(ctx.q, await ctx.localDatabase.snapshot());
      const rows = tables.reduce((n, t) => n + t.rows, 0);
      ctx.audit({ entity: 'facility', entityId: 1, userId: admin.id, after: { movedFromStation: true, tables: tables.length, rows } });
      return ok({ tables, rows });
    } catch (e) {
      if (!(e instanceof MoveError)) throw e;
      return err(e.reason === 'target_not_empty' ? 'conflict' : 'internal', e.reason === 'target_not_empty' ? 'setup.alreadyDone' : 'setup.moveVerifyFailed');
    }
  },
});
