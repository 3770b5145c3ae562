/**
 * `npm run audit:verify -- <caredesk.sqlite>` or `npm run audit:verify -- --server postgres://user@host:5432/caredesk`
 * (password from PGPASSWORD): checks the audit trail's hash chain from its first row to its last,
 * without CareDesk running and without changing anything (the file is opened read-only; no
 * migration is applied). Prints the first broken link, or the number of rows and the last row's
 * id and hash — note those down: rows cut off the end of a chain leave no broken link behind.
 * Exit code 0: intact; 1: broken; 2: could not check.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { verifyRows, type ChainRow, type ChainVerdict } from '../db/audit-chain';

const COLUMNS = 'id, at, user_id AS "userId", method, entity, entity_id AS "entityId", before_json AS "beforeJson", after_json AS "afterJson", kind, station, prev_hash AS "prevHash", hash';

async function verifySqlite(file: string): Promise<ChainVerdict> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const page = db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE id > ? ORDER BY id LIMIT ?`);
    return await verifyRows((afterId, limit) => Promise.resolve(page.all(afterId, limit) as ChainRow[]));
  } finally {
    db.close();
  }
}

async function verifyServer(url: string): Promise<ChainVerdict> {
  const client = new pg.Client({ connectionString: url, application_name: 'CareDesk audit check' });
  await client.connect();
  try {
    // One snapshot for the whole walk, so rows appended meanwhile by stations do not confuse it.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const verdict = await verifyRows(async (afterId, limit) => (await client.query<ChainRow>(`SELECT ${COLUMNS} FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2`, [afterId, limit])).rows.map((r) => ({ ...r, id: Number(r.id) })));
    await client.query('COMMIT');
    return verdict;
  } finally {
    await client.end();
  }
}

const reasons: Record<string, string> = {
  edited: 'its content no longer matches its hash (the row was changed)',
  link: 'it does not follow the row before it (a row was deleted, inserted or moved before it)',
  unsealed: 'it has no hash',
};

const say = (line: string) => process.stdout.write(`${line}\n`);

const args = process.argv.slice(2);
const serverAt = args.indexOf('--server');
const target = serverAt >= 0 ? args[serverAt + 1] : args[0];
if (!target) {
  console.error('usage: npm run audit:verify -- <caredesk.sqlite>\n       npm run audit:verify -- --server postgres://user@host:5432/database   (password in PGPASSWORD)');
  process.exit(2);
}
try {
  const v = serverAt >= 0 ? await verifyServer(target) : await verifySqlite(target);
  if (v.ok) {
    say(`Audit trail intact: ${v.checked} rows, every link verified.`);
    if (v.tail) say(`Last row: #${v.tail.id}, hash ${v.tail.hash ?? '(none)'}`);
    process.exit(0);
  }
  say(`Audit trail BROKEN at row #${v.broken!.id}: ${reasons[v.broken!.reason] ?? v.broken!.reason}.`);
  say(`Rows checked before the break: ${v.checked - 1}.`);
  process.exit(1);
} catch (e) {
  console.error(`Could not check the audit trail: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}
