import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { backupName, defaultBackupFolder, listBackupFiles, OWNER_FILE_MODE, tightenFile, writeBackup, type KeyApplier } from './backup';
import { DatabaseOpenError } from './open';

/**
 * Encryption at rest (issue 16, item 1) with SQLite3MultipleCiphers in its SQLCipher-compatible
 * scheme (SQLCipher 4 defaults: AES-256, HMAC-SHA512, PBKDF2 skipped for a raw key). The database,
 * its WAL and every backup (VACUUM INTO writes with the same key) are encrypted with one random
 * 256-bit key. The key never lies in plain text on disk: `<file>.key` holds it wrapped by a
 * KeyWrapper (Electron's safeStorage by default — DPAPI, Keychain, libsecret — or what the
 * administrator's policy names), plus a second copy sealed with the recovery key, which is shown
 * once at setup and never stored.
 */

/** Wraps and unwraps the database key. Electron main passes safeStorage; tests pass their own. */
export interface KeyWrapper {
  /** Stored in the key file, so the key is unwrapped the way it was wrapped. */
  readonly kind: string;
  wrap(key: Buffer): Buffer;
  /** Throws when this machine or account cannot unwrap it. */
  unwrap(wrapped: Buffer): Buffer;
}

interface KeyFile {
  version: 1;
  cipher: 'sqlcipher';
  wrapper: string;
  wrapped: string;
  /** The key sealed with the recovery key: AES-256-GCM under scrypt(recovery key). */
  recovery: { salt: string; iv: string; tag: string; sealed: string };
}

export function keyFileOf(file: string): string {
  return `${file}.key`;
}

/** Applies a raw 256-bit key in the SQLCipher 4 compatible scheme to a new connection. */
export function keyApplier(key: Buffer): KeyApplier {
  const hex = key.toString('hex');
  return (db: Database.Database) => {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${hex}'"`);
  };
}

/** Whether a file is a plain (unencrypted) SQLite database: its first bytes say so. */
export function isPlainSqlite(file: string): boolean {
  if (!fs.existsSync(file) || fs.statSync(file).size < 16) return false;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    return head.toString('latin1') === 'SQLite format 3\0';
  } finally {
    fs.closeSync(fd);
  }
}

/** A recovery key to print: 32 random bytes as eight groups of base32 (no look-alike letters). */
export function newRecoveryKey(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(40);
  const chars = [...bytes].map((b) => alphabet[b % 32]).join('');
  return chars.match(/.{5}/g)!.join('-');
}

function normaliseRecovery(k: string): string {
  return k.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function sealWithRecovery(key: Buffer, recoveryKey: string): KeyFile['recovery'] {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kek = scryptSync(normaliseRecovery(recoveryKey), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const c = createCipheriv('aes-256-gcm', kek, iv);
  const sealed = Buffer.concat([c.update(key), c.final()]);
  return { salt: salt.toString('base64'), iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), sealed: sealed.toString('base64') };
}

/** The database key from the recovery key (the administrator's way back when the wrapper cannot unwrap). */
export function unsealWithRecovery(file: string, recoveryKey: string): Buffer {
  const k = JSON.parse(fs.readFileSync(keyFileOf(file), 'utf8')) as KeyFile;
  const kek = scryptSync(normaliseRecovery(recoveryKey), Buffer.from(k.recovery.salt, 'base64'), 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(k.recovery.iv, 'base64'));
  d.setAuthTag(Buffer.from(k.recovery.tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(k.recovery.sealed, 'base64')), d.final()]);
}

export type RewrapFailure = 'no_key_file' | 'wrong_recovery_key' | 'key_does_not_open';

/** Why a re-wrap with the recovery key was refused; nothing was changed. */
export class RewrapError extends Error {
  constructor(readonly reason: RewrapFailure) {
    super(reason);
  }
}

/**
 * The administrator's way back on a new PC or another account (issue 16, item 1): the recovery
 * key unseals the database key, which must open the database, and the key file is written again
 * with `wrapper` (this machine's), the recovery seal unchanged. The previous key file is kept
 * beside it as `<file>.key.before-rewrap` (another account may still unwrap it). A wrong recovery
 * key, or one whose key does not open this database, changes nothing.
 */
export function rewrapWithRecovery(file: string, recoveryKey: string, wrapper: KeyWrapper): void {
  const keyFile = keyFileOf(file);
  const key = checkRecoveryKey(file, recoveryKey);
  const body = JSON.parse(fs.readFileSync(keyFile, 'utf8')) as KeyFile;
  fs.copyFileSync(keyFile, `${keyFile}.before-rewrap`);
  tightenFile(`${keyFile}.before-rewrap`);
  writeKeyFile(file, key, wrapper, body.recovery);
}

/**
 * The database key the recovery key unseals, once it is known to open the database (read-only:
 * nothing is written). Throws RewrapError with the reason otherwise.
 */
export function checkRecoveryKey(file: string, recoveryKey: string): Buffer {
  if (!fs.existsSync(keyFileOf(file))) throw new RewrapError('no_key_file');
  let key: Buffer;
  try {
    key = unsealWithRecovery(file, recoveryKey);
  } catch {
    // AES-GCM's tag check: the only thing a wrong key can tell us.
    throw new RewrapError('wrong_recovery_key');
  }
  if (!keyOpens(file, key)) throw new RewrapError('key_does_not_open');
  return key;
}

/** Whether a raw key opens the database at `file` and it passes quick_check (read-only: nothing written). */
export function keyOpens(file: string, key: Buffer): boolean {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    keyApplier(key)(db);
    return db.pragma('quick_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/** Writes the key file again with the key wrapped by `wrapper` (after a recovery, or a new wrapper). */
export function writeKeyFile(file: string, key: Buffer, wrapper: KeyWrapper, recovery: KeyFile['recovery']): void {
  const body: KeyFile = { version: 1, cipher: 'sqlcipher', wrapper: wrapper.kind, wrapped: wrapper.wrap(key).toString('base64'), recovery };
  const tmp = `${keyFileOf(file)}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(body), { mode: OWNER_FILE_MODE });
  fs.renameSync(tmp, keyFileOf(file));
  tightenFile(keyFileOf(file));
}

/** Encrypts a plain database file in place (WAL folded in first; rekey needs a rollback journal). */
export function encryptInPlace(file: string, key: Buffer): void {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(`rekey = "x'${key.toString('hex')}'"`);
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}

export interface PreparedKey {
  applyKey: KeyApplier;
  /** Set only when the key was made just now (a new database, or a plain one encrypted): show it once. */
  recoveryKey: string | null;
  /** A plain database was encrypted by this start (after a verified backup). */
  encrypted: boolean;
}

/**
 * The key for the database at `file`, before it is opened: unwrapped from the key file; or, with
 * no key file, a new key for a new database, or for a plain one, which is then encrypted after a
 * verified backup (and its plain backups with it, so no plain copy is left behind).
 * A key that cannot be unwrapped, or an encrypted file with no key file, is 'wrong_key'.
 */
export function prepareKey(file: string, wrapper: KeyWrapper, o: { backupFolder?: string; now?: () => Date } = {}): PreparedKey {
  const keyFile = keyFileOf(file);
  const exists = fs.existsSync(file) && fs.statSync(file).size > 0;
  if (fs.existsSync(keyFile)) {
    let key: Buffer;
    try {
      const k = JSON.parse(fs.readFileSync(keyFile, 'utf8')) as KeyFile;
      key = wrapper.unwrap(Buffer.from(k.wrapped, 'base64'));
      if (key.length !== 32) throw new Error('the key is not 256 bits');
    } catch (e) {
      throw new DatabaseOpenError('wrong_key', file, `the database key cannot be unwrapped here: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (exists && isPlainSqlite(file)) throw new DatabaseOpenError('wrong_key', file, 'a key file exists but the database is not encrypted');
    // Wrapped another way than the policy now says (e.g. per account, now for the whole machine):
    // wrapped again the new way, with the same key and the same recovery seal.
    const k = JSON.parse(fs.readFileSync(keyFile, 'utf8')) as KeyFile;
    if (k.wrapper !== wrapper.kind) writeKeyFile(file, key, wrapper, k.recovery);
    return { applyKey: keyApplier(key), recoveryKey: null, encrypted: false };
  }
  if (exists && !isPlainSqlite(file)) {
    // Encrypted pages fill whole pages; a file that is not a whole number of pages is not an
    // encrypted database whose key is missing, but a damaged or foreign file.
    const pageSized = fs.statSync(file).size % 512 === 0;
    throw new DatabaseOpenError(pageSized ? 'wrong_key' : 'not_a_database', file, pageSized ? 'the database is encrypted and its key file is missing' : 'not a database');
  }
  const key = randomBytes(32);
  const recoveryKey = newRecoveryKey();
  const recovery = sealWithRecovery(key, recoveryKey);
  if (!exists) {
    writeKeyFile(file, key, wrapper, recovery);
    return { applyKey: keyApplier(key), recoveryKey, encrypted: false };
  }
  // An existing plain database: a verified backup first, then encrypt, then check it opens with the key.
  const folder = o.backupFolder ?? defaultBackupFolder(file);
  const plain = new Database(file);
  try {
    writeBackup(plain, folder, backupName('before-encryption', o.now?.() ?? new Date()));
  } finally {
    plain.close();
  }
  writeKeyFile(file, key, wrapper, recovery);
  encryptInPlace(file, key);
  const check = new Database(file, { readonly: true });
  try {
    keyApplier(key)(check);
    if (check.pragma('quick_check', { simple: true }) !== 'ok') throw new Error('the encrypted database failed its check');
  } finally {
    check.close();
  }
  // Backups made before encryption are plain: encrypted with the same key, so no plain copy is left.
  for (const b of listBackupFiles(folder)) if (isPlainSqlite(b.file)) encryptInPlace(b.file, key);
  return { applyKey: keyApplier(key), recoveryKey, encrypted: true };
}

/** The key applier for an existing key file, or null (no key file, or it cannot be unwrapped here). */
export function loadKey(file: string, wrapper: KeyWrapper): KeyApplier | null {
  try {
    const k = JSON.parse(fs.readFileSync(keyFileOf(file), 'utf8')) as KeyFile;
    return keyApplier(wrapper.unwrap(Buffer.from(k.wrapped, 'base64')));
  } catch {
    return null;
  }
}

/**
 * A wrapper that wraps with `target` and also unwraps what `formers` wrapped: when the
 * administrator's policy changes how the key is protected, the key file is unwrapped the old way
 * once and `prepareKey` writes it again the new way. Without an old wrapper that still works here,
 * the recovery key is the way back.
 */
export function changingWrapper(target: KeyWrapper, formers: readonly KeyWrapper[]): KeyWrapper {
  return {
    kind: target.kind,
    wrap: (key) => target.wrap(key),
    unwrap(wrapped) {
      const failures: string[] = [];
      for (const w of [target, ...formers.filter((f) => f.kind !== target.kind)]) {
        try {
          return w.unwrap(wrapped);
        } catch (e) {
          failures.push(`${w.kind}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      throw new Error(failures.join('; '));
    },
  };
}

/** For tests and the command line: a wrapper that seals with a fixed secret (AES-256-GCM). Never for production keys. */
export function secretWrapper(secret: Buffer, kind = 'test-secret'): KeyWrapper {
  return {
    kind,
    wrap(key) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([c.update(key), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    unwrap(w) {
      const d = createDecipheriv('aes-256-gcm', secret, w.subarray(0, 12));
      d.setAuthTag(w.subarray(12, 28));
      return Buffer.concat([d.update(w.subarray(28)), d.final()]);
    },
  };
}
