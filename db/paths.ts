import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The migrations folder when running from source (tests, harness, scripts). */
export const sourceMigrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
