import { afterAll, afterEach, beforeEach } from 'vitest';
import { closeCores, markTestScope, removeTempDirs } from './core';

// A setup file: its hooks run around each test file's own. Cores (and their server connections)
// made inside a test close after it; those made for the whole file close after the file.
beforeEach(() => markTestScope(true));
afterEach(async () => {
  markTestScope(false);
  await closeCores(true);
});
afterAll(async () => {
  await closeCores(false);
  removeTempDirs();
});
