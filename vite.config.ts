import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));

// One config for the renderer build and for vitest, so both resolve modules the same way.
export default defineConfig({
  root: `${here}renderer`,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${here}dist/renderer`,
    emptyOutDir: true,
    sourcemap: false,
    // The renderer ships inside the app; nothing is loaded from a CDN.
    assetsInlineLimit: 0,
    // One bundle read from the local disk, not over a network: chunk size is not a load-time concern.
    chunkSizeWarningLimit: 2048,
  },
  server: { host: '127.0.0.1' },
  test: {
    root: here,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          root: here,
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/pg/**', 'node_modules/**'],
          environment: 'node',
          pool: 'forks',
          setupFiles: ['test/support/cleanup.ts'],
        },
      },
      {
        // The same core and database test files again, on a private PostgreSQL server
        // (test/support/pg-global-setup.ts), plus what only a server has: several stations, NOTIFY, outages.
        extends: true,
        test: {
          name: 'pg',
          root: here,
          include: ['test/core/**/*.test.ts', 'test/db/**/*.test.ts', 'test/pg/**/*.test.ts'],
          // Files about the SQLite file itself (opening, damage, its migration history).
          exclude: ['test/db/sqlite-*.test.ts', 'node_modules/**'],
          environment: 'node',
          pool: 'forks',
          env: { CAREDESK_DB: 'pg' },
          globalSetup: ['test/support/pg-global-setup.ts'],
          setupFiles: ['test/support/cleanup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: here,
          include: ['test/e2e/**/*.e2e.ts'],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          setupFiles: ['test/support/cleanup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A sign-in (an Argon2id hash) or a screen change can take over vitest's default second
          // when the machine is busy; a poll that waits for what must happen fails only later.
          expect: { poll: { timeout: 5_000 } },
        },
      },
    ],
  },
});
