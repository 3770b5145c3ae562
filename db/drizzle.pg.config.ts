import { defineConfig } from 'drizzle-kit';

// One drizzle-kit configuration per engine, each with its own migration history (docs/architecture.md).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/pg/index.ts',
  out: './db/migrations/pg',
});
