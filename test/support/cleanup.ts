import { afterAll } from 'vitest';
import { removeTempDirs } from './core';

// A setup file: its afterAll runs after each test file's own hooks have closed their databases.
afterAll(removeTempDirs);
