/**
 * vitest globalSetup of the `pg` project: one private cluster for the whole run, and a template
 * database with every migration applied, which each test core clones (CREATE DATABASE … TEMPLATE)
 * in a few tens of milliseconds instead of migrating again.
 */
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPgEngine } from '../../db/engine/pg';
import { admin, startCluster } from './pg-cluster';

export const TEMPLATE = 'caredesk_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgCluster: { host: string; port: number; user: string };
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startCluster();
  try {
    await admin(cluster, `CREATE DATABASE ${TEMPLATE}`);
    const engine = await openPgEngine(cluster.connection(TEMPLATE), { migrationsFolder: path.resolve(import.meta.dirname, '../../db/migrations/pg') });
    await engine.close();
  } catch (e) {
    cluster.stop();
    throw e;
  }
  project.provide('pgCluster', { host: cluster.host, port: cluster.port, user: cluster.user });
  return () => cluster.stop();
}
