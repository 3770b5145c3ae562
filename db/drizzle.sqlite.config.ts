import { defineConfig } from 'drizzle-kit';

// One drizzle-kit configuration per engine, each with its own migration history (docs/architecture.md).
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema/sqlite/index.ts',
  out: './db/migrations/sqlite',
});
