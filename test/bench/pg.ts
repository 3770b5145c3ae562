import path from 'node:path';
import pg from 'pg';
import { DEMO_PASSWORD } from '../../db/demo/generate';
import type { ChangeEvent } from '../../db/engine';
import { clientConfig, type PgConnection } from '../../db/engine/pg';
import type { SqliteEngine } from '../../db/engine/sqlite';
import { sourceMigrationsRoot } from '../../db/paths';
import { censusCountSql, censusPageSql, censusParams } from '../../db/queries/residents';
import { copyInto, readLocal } from '../../db/transfer/move-to-server';
import { createCore, type Core } from '../../electron/core/app';
import type { Connection } from '../../electron/core/dispatcher';
import { ListInput } from '../../shared/contract/residents';
import { testScryptCost } from '../support/core';
import { admin, startCluster } from '../support/pg-cluster';
import { round, time, timePair } from './measure';
import type { BenchContext, BenchResults } from './types';

/**
 * The server option, against a private PostgreSQL on loopback holding the same 5,000-resident
 * facility as the SQLite benches (moved there by the administrator's own move tool):
 * - pg.dispatch_ratio: a census page through the whole dispatcher (the per-call session check in the
 *   database included) over the same two statements sent with node-postgres directly, same run;
 * - pg.residents_page_p95_ms;
 * - stations.propagation_p95_ms: a write at one station until the other station's subscription has
 *   it (NOTIFY through the server).
 */
export async function benchPg(ctx: BenchContext): Promise<BenchResults> {
  const cluster = await startCluster();
  const stations: Core[] = [];
  try {
    await admin(cluster, 'CREATE DATABASE caredesk');
    const connection: PgConnection = cluster.connection('caredesk');
    const station = async () => {
      const core = await createCore({ engine: { kind: 'pg', connection }, migrationsRoot: sourceMigrationsRoot, passwordCost: testScryptCost });
      stations.push(core);
      return core;
    };
    const one = await station();
    const file = (ctx.core.engine as SqliteEngine).opened.sqlite.name;
    await copyInto(one.engine, await readLocal(file, { migrationsFolder: path.join(sourceMigrationsRoot, 'sqlite') }));
    const two = await station();
    const signIn = async (core: Core, username: string): Promise<Connection> => {
      const conn = core.dispatcher.connect();
      const r = await conn.invoke('auth.signIn', { username, password: DEMO_PASSWORD });
      if (!r.ok) throw new Error(`bench sign-in failed: ${r.error.code}`);
      return conn;
    };
    const charge = await signIn(one, 'charge');

    // The same census page, the same statements.
    const input = { offset: 0, limit: 100, sort: 'location', desc: false, status: 'active' } as const;
    const direct = new pg.Client(clientConfig(connection));
    await direct.connect();
    const params = censusParams(ListInput.parse(input));
    const positional = (text: string) => {
      const names: string[] = [];
      const out = text.replace(/@([A-Za-z_][A-Za-z0-9_]*)/g, (_m, n: string) => `$${(names.includes(n) ? names.indexOf(n) : names.push(n) - 1) + 1}`);
      return { text: out, values: names.map((n) => (params as Record<string, unknown>)[n] ?? null) };
    };
    const page = positional(censusPageSql('location', false, 'pg'));
    const count = positional(censusCountSql('pg'));
    const viaDriver = async () => {
      await direct.query({ text: page.text, values: page.values, rowMode: 'array' });
      await direct.query({ text: count.text, values: count.values, rowMode: 'array' });
    };
    const viaDispatcher = async () => {
      const r = await charge.invoke('residents.list', structuredClone(input));
      if (!r.ok) throw new Error(r.error.code);
      return structuredClone(r);
    };
    const [dispatched, raw] = await timePair(viaDispatcher, viaDriver, { warmup: 30, rounds: 60, batch: 5 });
    const single = await time(viaDispatcher, { warmup: 20, rounds: 300 });
    await direct.end();

    // Propagation: one station writes, the other hears it.
    const writer = await signIn(one, 'admin');
    const units = (await writer.invoke('facility.get', {})) as { ok: true; value: { units: { id: number }[] } };
    const samples: number[] = [];
    for (let i = 0; i < 60; i++) {
      const heard = new Promise<number>((resolve) => {
        const t0 = performance.now();
        const off = two.engine.changes.subscribe((events: readonly ChangeEvent[]) => {
          if (events.some((e) => e.entity === 'room')) {
            off();
            resolve(performance.now() - t0);
          }
        });
      });
      const r = await writer.invoke('rooms.create', { unitId: units.value.units[0]!.id, label: `B${i}`, beds: ['A'] });
      if (!r.ok) throw new Error(`rooms.create failed: ${r.error.code}`);
      samples.push(await heard);
    }
    samples.sort((a, b) => a - b);
    return {
      'pg.dispatch_ratio': round(dispatched.median / raw.median, 2),
      'pg.residents_page_ms': round(dispatched.median, 3),
      'pg.residents_page_p95_ms': round(single.p95, 3),
      'stations.propagation_p95_ms': round(samples[Math.ceil(samples.length * 0.95) - 1]!, 1),
    };
  } finally {
    for (const s of stations) await s.close().catch(() => undefined);
    cluster.stop();
  }
}
