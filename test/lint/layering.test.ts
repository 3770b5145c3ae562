import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

// The layering is a lint rule so it cannot rot; this proves the rule bites where it should.
// The files here are imaginary, so type-aware rules (which need a real file in a project) are off.
const eslint = new ESLint({
  overrideConfigFile: 'scripts/eslint.config.js',
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/await-thenable': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

async function restrictedImports(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('layer rules', () => {
  test.each([
    ['renderer/src/x.ts', "import { openDatabase } from '../../db/open';"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/x.ts', "import fs from 'node:fs';"],
    ['shared/domain/x.ts', "import fs from 'node:fs';"],
    ['shared/domain/x.ts', "import { createQueries } from '../../db/queries';"],
    ['db/queries/x.ts', "import { handlers } from '../../electron/core/handlers';"],
    ['electron/core/x.ts', "import { app } from 'electron';"],
    ['electron/preload/x.ts', "import { createCore } from '../core/app';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toBeGreaterThan(0);
  });

  test.each([
    ['renderer/src/x.ts', "import { contract } from '../../shared/contract';"],
    ['electron/core/x.ts', "import { createQueries } from '../../db/queries';"],
    ['db/queries/x.ts', "import { roles } from '../../shared/domain/roles';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toBe(0);
  });
});
