import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The migrations root when running from source (tests, harness, scripts): sqlite/ and pg/ inside. */
export const sourceMigrationsRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** The SQLite migrations alone, for tests that open a file directly. */
export const sourceMigrationsFolder = path.join(sourceMigrationsRoot, 'sqlite');
