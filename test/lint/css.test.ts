import fs from 'node:fs';
import { expect, test } from 'vitest';

// A stylesheet with an unclosed block silently swallows every rule after it (a merge once
// left `@media print {` open and the residents' safety summary lost its styling).
test.each(['renderer/src/styles.css', 'renderer/src/print/print.css'])('%s has balanced braces', (file) => {
  const css = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  let depth = 0;
  for (const ch of css) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
});
