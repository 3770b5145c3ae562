import type { VerifiedBackup } from '../../../db/backup';
import type { BackupEntry } from '../../../shared/contract/backup';
import { err, ok } from '../../../shared/result';
import { defineHandlers } from '../context';

function entryOf(b: VerifiedBackup): BackupEntry {
  return { name: b.name, kind: b.kind, at: b.at, bytes: b.bytes, ok: b.ok, residents: b.records?.residents ?? null, users: b.records?.users ?? null, auditRows: b.records?.auditRows ?? null };
}

/** Back up now and Restore… (issue 15). On the server option backups are the server's: refused with that reason. */
export const backupHandlers = defineHandlers({
  async 'backup.status'(_input, ctx) {
    if (!ctx.backups) return ok({ engine: ctx.engine, folder: null, backups: [] });
    return ok({ engine: ctx.engine, folder: ctx.backups.folder, backups: ctx.backups.list().map(entryOf) });
  },

  async 'backup.now'(_input, ctx) {
    const backups = ctx.backups;
    if (!backups) return err('conflict', 'backup.serverManaged');
    ctx.audit({ entity: 'backup', entityId: null, after: { requested: 'manual' } });
    return ctx.defer(async () => ok(entryOf(await backups.create())));
  },

  async 'backup.restore'(input, ctx) {
    const backups = ctx.backups;
    const user = ctx.user;
    if (!backups || !user) return err('conflict', 'backup.serverManaged');
    const found = backups.list().find((b) => b.name === input.name);
    if (!found) return err('not_found', 'backup.notFound');
    if (!found.ok) return err('validation', 'backup.failedCheck', { fields: [{ path: 'name', code: 'backup_failed_check' }] });
    // Recorded in the database being replaced (so its safety copy says who replaced it), and again in the restored one.
    ctx.audit({ entity: 'backup', entityId: input.name, after: { restoring: input.name, madeAt: found.at } });
    return ctx.defer(async () => {
      const done = await backups.restore(input.name, { id: user.id, username: user.username }, ctx.nowIso);
      return ok({ restored: entryOf(done.restored), safetyCopy: done.safetyCopy });
    });
  },
});
