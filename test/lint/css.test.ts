import fs from 'node:fs';
import { expect, test } from 'vitest';

// A stylesheet with an unclosed block silently swallows every rule after it (a merge once
// left `@media print {` open and the residents' safety summary lost its styling).
test('the renderer stylesheet has balanced braces', () => {
  const css = fs.readFileSync('renderer/src/styles.css', 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  let depth = 0;
  for (const ch of css) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
});
