import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateFolder, listBackupFiles, OWNER_FILE_MODE, verifyBackup, type KeyApplier, type VerifiedBackup } from './backup';

/**
 * The recovery screen's part that touches files (issue 15): which backups can replace a damaged
 * database, and the swap itself. The damaged file is never deleted: it is moved aside into the
 * backup folder, so nothing is lost even if the wrong copy is chosen; an empty database is
 * never started in its place.
 */

/** Verified backups, newest first: only those that pass integrity_check and are CareDesk databases. */
export function recoverableBackups(folder: string, applyKey?: KeyApplier): VerifiedBackup[] {
  return listBackupFiles(folder)
    .map((b) => verifyBackup(b, applyKey))
    .filter((b) => b.ok);
}

export function restoreOverDamaged(file: string, backup: VerifiedBackup, folder: string, now: Date): { keptAs: string } {
  ensurePrivateFolder(folder);
  const keptAs = path.join(folder, `damaged-${now.toISOString().replace(/[-:.]/g, '')}.sqlite`);
  if (fs.existsSync(file)) fs.renameSync(file, keptAs);
  for (const side of ['-wal', '-shm']) if (fs.existsSync(file + side)) fs.renameSync(file + side, keptAs + side);
  fs.copyFileSync(backup.file, file);
  fs.chmodSync(file, OWNER_FILE_MODE);
  return { keptAs };
}
