import { AsyncLocalStorage } from 'node:async_hooks';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { SQL } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { roles } from '../../shared/domain/roles';
import { DatabaseOpenError, type OpenFailure } from '../open';
import { createQueries } from '../queries';
import * as tables from '../schema/pg';
import { ChangeFeed, foldChanges, type ChangeEvent } from './changes';
import { pgDialect } from './dialect';
import type { Engine } from './engine';
import { causes, classify } from './errors';
import { Mutex } from './mutex';
import type { Db, QueryEnv, RawStatement, Tables } from './types';

/** How to reach the facility server; the password is resolved by main (credential store or file), never stored. */
export interface PgConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  tls: 'disable' | 'require' | 'verify-full';
  /** PEM text of the CA that signed the server's certificate, for 'verify-full' with a private CA. */
  ca?: string;
}

export interface PgEngineOptions {
  /** db/migrations/pg */
  migrationsFolder: string;
  /** Names this station in its notifications. */
  stationId?: string;
  now?: () => Date;
  /** Bounded retries of a transaction PostgreSQL could not serialize. */
  maxAttempts?: number;
  poolSize?: number;
}

export interface PgEngine extends Engine {
  readonly kind: 'pg';
  readonly pool: pg.Pool;
}

const CHANNEL = 'caredesk';
// Any constant: held around migrations so two stations starting together never both migrate.
const MIGRATION_LOCK = 0x43617265; // "Care"
const MIGRATIONS_TABLE = '__drizzle_migrations';

interface Scope {
  db: Db;
  client: pg.PoolClient;
}

function sslOf(c: PgConnection): pg.ClientConfig['ssl'] {
  if (c.tls === 'disable') return false;
  if (c.tls === 'require') return { rejectUnauthorized: false };
  return { rejectUnauthorized: true, ...(c.ca ? { ca: c.ca } : {}), servername: c.host };
}

export function clientConfig(c: PgConnection): pg.ClientConfig {
  return {
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    password: c.password,
    ssl: sslOf(c),
    // A station that cannot reach the server says so in seconds rather than hanging a nurse's screen.
    connectionTimeoutMillis: 5000,
    keepAlive: true,
    application_name: 'CareDesk',
  };
}

/** Why opening failed, for the administrator: a specific reason per kind of fault. */
export function openFailureOf(e: unknown): OpenFailure | null {
  for (const c of causes(e)) {
    const code = (c as { code?: unknown }).code;
    const message = c instanceof Error ? c.message : '';
    if (code === '28P01' || code === '28000') return 'auth_failed';
    if (code === '3D000') return 'no_database';
    if (/SSL|TLS|certificate|self[- ]signed|DEPTH_ZERO|UNABLE_TO_VERIFY|ERR_TLS/i.test(message) || (typeof code === 'string' && /CERT|TLS|SSL/.test(code))) return 'tls_refused';
  }
  return classify(e) === 'unavailable' ? 'unreachable' : null;
}

/** `@name` parameters to PostgreSQL's `$1`, once per statement text. */
function positional(text: string): { text: string; names: string[] } {
  const names: string[] = [];
  const out = text.replace(/@([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => {
    let i = names.indexOf(name);
    if (i < 0) i = names.push(name) - 1;
    return `$${i + 1}`;
  });
  return { text: out, names };
}

async function migrate(pool: pg.Pool, o: PgEngineOptions, where: string): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder: o.migrationsFolder });
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const present = await client.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`);
      const names = new Set(present.rows.map((r) => r.name));
      if (!names.has(MIGRATIONS_TABLE) && names.size > 0) {
        throw new DatabaseOpenError('not_caredesk', where, `the database holds ${names.size} tables and no CareDesk migration history`);
      }
      await client.query('BEGIN');
      try {
        // Only when missing: a station's own role may hold no CREATE right at all (docs/deploy.md,
        // "The database roles"), and PostgreSQL checks that right even for IF NOT EXISTS.
        if (!names.has(MIGRATIONS_TABLE)) await client.query(`CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint)`);
        const last = await client.query<{ n: string | null }>(`SELECT max(created_at)::text AS n FROM "${MIGRATIONS_TABLE}"`);
        const lastApplied = last.rows[0]?.n === null || last.rows[0]?.n === undefined ? -1 : Number(last.rows[0].n);
        const newestKnown = migrations.at(-1)?.folderMillis ?? -1;
        if (lastApplied > newestKnown) throw new DatabaseOpenError('newer_schema', where, 'the database was written by a newer CareDesk');
        const pending = migrations.filter((m) => m.folderMillis > lastApplied);
        for (const m of pending) {
          for (const stmt of m.sql) if (stmt.trim()) await client.query(stmt);
          await client.query(`INSERT INTO "${MIGRATIONS_TABLE}" (hash, created_at) VALUES ($1, $2)`, [m.hash, m.folderMillis]);
        }
        await client.query(`INSERT INTO roles (code) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [roles]);
        await client.query('COMMIT');
        return pending.length;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        if (e instanceof DatabaseOpenError) throw e;
        throw new DatabaseOpenError('migration_failed', where, e instanceof Error ? e.message : String(e));
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The facility server: a connection pool for calls, a dedicated connection that LISTENs for other
 * stations' changes, serializable writes retried on serialization failures.
 */
export async function openPgEngine(c: PgConnection, o: PgEngineOptions): Promise<PgEngine & { applied: number }> {
  const where = `${c.user}@${c.host}:${c.port}/${c.database}`;
  const now = o.now ?? (() => new Date());
  const stationId = o.stationId ?? Math.random().toString(36).slice(2);
  const maxAttempts = o.maxAttempts ?? 8;
  const pool = new pg.Pool({ ...clientConfig(c), max: o.poolSize ?? 8, idleTimeoutMillis: 30_000 });
  let unavailable: string | null = null;
  const changes = new ChangeFeed();
  const markDown = () => {
    if (unavailable === null) {
      unavailable = now().toISOString();
      changes.publish([{ entity: '*', id: null, kind: 'unavailable', since: unavailable }]);
    }
  };
  const markUp = () => {
    if (unavailable !== null) {
      unavailable = null;
      changes.publish([{ entity: '*', id: null, kind: 'reconnected' }]);
    }
  };
  // An idle pooled connection that breaks emits 'error' on the pool; unheard, it would end the process.
  pool.on('error', () => markDown());

  let applied: number;
  try {
    applied = await migrate(pool, o, where);
  } catch (e) {
    await pool.end().catch(() => undefined);
    if (e instanceof DatabaseOpenError) throw e;
    throw new DatabaseOpenError(openFailureOf(e) ?? 'unreachable', where, e instanceof Error ? e.message : String(e));
  }

  const rootDb = drizzle({ client: pool }) as unknown as Db;
  const als = new AsyncLocalStorage<Scope>();
  const env: QueryEnv = {
    db: () => als.getStore()?.db ?? rootDb,
    t: tables as unknown as Tables,
    d: pgDialect,
    rows: async <T>(query: SQL) => {
      const db = (als.getStore()?.db ?? rootDb) as unknown as { execute(q: SQL): Promise<{ rows: T[] }> };
      return (await db.execute(query)).rows;
    },
    statement(text): RawStatement {
      const p = positional(text);
      return {
        async rows(params = {}) {
          const runner: pg.Pool | pg.PoolClient = als.getStore()?.client ?? pool;
          // Unnamed on purpose: planned with the values of each call. A named (prepared) statement
          // soon gets a generic plan, and for the census's "filter off when NULL" parameters that
          // plan joins every resident before sorting (25 ms) where the custom one walks the index (0.5 ms).
          const r = await runner.query({ text: p.text, values: p.names.map((n) => params[n] ?? null), rowMode: 'array' });
          return r.rows as unknown[][];
        },
      };
    },
  };
  const q = createQueries(env);
  const localWrites = new Mutex();

  // The change feed: its own connection (a pooled one could be handed to a call mid-LISTEN).
  let listener: pg.Client | null = null;
  let listenerDown = false;
  let closed = false;
  let backoffMs = 250;
  let health: ReturnType<typeof setInterval> | null = null;
  const connectListener = async (): Promise<void> => {
    if (closed) return;
    const client = new pg.Client(clientConfig(c));
    const retry = () => {
      if (listener === client) listener = null;
      client.removeAllListeners();
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      if (closed) return;
      listenerDown = true;
      markDown();
      setTimeout(() => void connectListener(), backoffMs).unref();
      backoffMs = Math.min(backoffMs * 2, 5000);
    };
    client.on('error', retry);
    client.on('end', () => {
      if (listener === client) retry();
    });
    client.on('notification', (n) => {
      if (n.channel !== CHANNEL || !n.payload) return;
      try {
        const msg = JSON.parse(n.payload) as { e: ChangeEvent[] };
        changes.publish(msg.e);
      } catch {
        // Not ours: ignore.
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      listener = client;
      backoffMs = 250;
      // Events sent while we were away are gone: 'reconnected' tells every screen to refetch.
      if (unavailable !== null) markUp();
      else if (listenerDown) changes.publish([{ entity: '*', id: null, kind: 'reconnected' }]);
      listenerDown = false;
    } catch {
      retry();
    }
  };
  await connectListener();
  // A dead TCP connection can look alive for minutes; a cheap query every few seconds finds out.
  health = setInterval(() => {
    const l = listener;
    if (l) l.query('SELECT 1').catch(() => undefined);
  }, 5000);
  health.unref();

  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      const r = await fn();
      markUp();
      return r;
    } catch (e) {
      if (classify(e) === 'unavailable') markDown();
      throw e;
    }
  };

  return {
    kind: 'pg',
    pool,
    applied,
    q,
    changes,
    read: (fn) => guard(fn),
    async write(fn) {
      for (let attempt = 1; ; attempt++) {
        // This station's writes take turns: every write appends to the audit trail's hash chain, so
        // two of them at once would conflict on its tail anyway and one would be rolled back and
        // retried. Across stations, the serializable transaction and the retry below do the same.
        const outcome = await localWrites.run(async (): Promise<{ result: Awaited<ReturnType<typeof fn>> } | { retry: true }> => {
          const client = await guard(() => pool.connect());
          const pending: ChangeEvent[] = [];
          let broken = false;
          try {
            await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
            const db = drizzle({ client }) as unknown as Db;
            const result = await als.run({ db, client }, () => fn({ publish: (events) => void pending.push(...events) }));
            const folded = foldChanges(pending);
            // Inside the transaction: PostgreSQL delivers it on commit, and never if it rolls back.
            if (folded.length > 0) await client.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ s: stationId, e: folded })]);
            await client.query('COMMIT');
            markUp();
            return { result };
          } catch (e) {
            const kind = classify(e);
            broken = kind === 'unavailable';
            if (!broken) await client.query('ROLLBACK').catch(() => undefined);
            else markDown();
            if ((kind === 'serialization' || kind === 'unique') && attempt < maxAttempts) return { retry: true };
            throw e;
          } finally {
            client.release(broken);
          }
        });
        if ('result' in outcome) return outcome.result;
        // Jittered, growing pauses (outside the turn, so this station's other writes go on) so two
        // stations retrying do not collide again in step.
        await sleep(5 * attempt + Math.random() * 20 * attempt);
      }
    },
    unavailableSince: () => unavailable,
    async close() {
      if (closed) return;
      closed = true;
      if (health) clearInterval(health);
      const l = listener;
      listener = null;
      if (l) {
        l.removeAllListeners();
        l.on('error', () => undefined);
        await l.end().catch(() => undefined);
      }
      await pool.end().catch(() => undefined);
    },
  };
}
