// `npm test`: typecheck, lint, the renderer build, then every vitest project (unit, db, core,
// e2e) in one run. Ends with vitest's own summary and one plain line totalled over all of it:
// "N passed, N failed" (", N skipped" when any were skipped), which is what CI reads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
const run = (label, cmd, args) => {
  process.stdout.write(`\n== ${label} ==\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  return r.status === 0;
};
const check = (label, cmd, args) => {
  if (run(label, cmd, args)) results.passed++;
  else {
    results.failed++;
    process.stdout.write(`✗ ${label} failed\n`);
  }
};

process.stdout.write(`Node ${process.version}\n`);
check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
check('lint', 'npm', ['run', '--silent', 'lint']);
const built = run('renderer build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
if (!built) results.failed++;

const report = 'test-results/vitest.json';
fs.rmSync(report, { force: true });
const projects = built ? [] : ['--project', 'unit']; // without a build, e2e cannot run: it is counted failed above
run('vitest', 'npx', ['vitest', 'run', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
if (fs.existsSync(report)) {
  const j = JSON.parse(fs.readFileSync(report, 'utf8'));
  results.passed += j.numPassedTests;
  results.failed += j.numFailedTests + (j.numFailedTestSuites ?? 0) - (j.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  results.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
} else {
  results.failed++;
}
const skipped = results.skipped ? `, ${results.skipped} skipped` : '';
process.stdout.write(`\n${results.passed} passed, ${results.failed} failed${skipped}\n`);
process.exit(results.failed === 0 ? 0 : 1);
