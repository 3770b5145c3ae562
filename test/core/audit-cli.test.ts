import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { EngineConfig } from '../../db/engine';
import { STRONG_PASSWORD, caller, makeCore, setupInput, tempDir, testEngineConfig } from '../support/core';
import { sqlExec } from '../support/db';

const root = path.resolve(import.meta.dirname, '../..');

/** `npm run audit:verify` as IT would run it, against the file or the server. */
function runCli(engine: EngineConfig) {
  const target = engine.kind === 'sqlite' ? [engine.file] : ['--server', `postgres://${engine.connection.user}@${engine.connection.host}:${engine.connection.port}/${engine.connection.database}`];
  return spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'audit-verify.ts'), ...target], { cwd: root, encoding: 'utf8' });
}

describe('npm run audit:verify', () => {
  test('reports an intact trail with its last row, and the first broken link after tampering', { timeout: 60_000 }, async () => {
    const engine = await testEngineConfig(path.join(tempDir(), 'caredesk.sqlite'));
    const { core } = await makeCore({ engine });
    const c = caller(core);
    await c.must('setup.createFacility', setupInput);
    await c.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const tail = (await core.q.audit.tail())!;
    const ok = runCli(engine);
    expect(ok.stdout).toContain(`Audit trail intact: ${tail.id} rows`);
    expect(ok.stdout).toContain(`Last row: #${tail.id}, hash ${tail.hash}`);
    expect(ok.status).toBe(0);

    if (engine.kind === 'sqlite') await sqlExec(core, 'DROP TRIGGER audit_log_no_update');
    else await sqlExec(core, 'ALTER TABLE audit_log DISABLE TRIGGER USER');
    await sqlExec(core, "UPDATE audit_log SET after_json = '{}' WHERE id = 2");
    const broken = runCli(engine);
    expect(broken.stdout).toContain('Audit trail BROKEN at row #2: its content no longer matches its hash');
    expect(broken.status).toBe(1);
  });
});
