import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

// Every visible string goes through i18n. This finds text a person would read that is written
// straight into JSX: text between tags, and the attributes that are spoken or shown.
const VISIBLE_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'description', 'submitLabel']);
const WORDS = /\p{L}{2,}/u;

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsxFiles(p) : p.endsWith('.tsx') ? [p] : [];
  });
}

function literals(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && WORDS.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer) && WORDS.test(node.initializer.text)) {
      found.push(`${node.name.getText()}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.map((f) => `${path.relative(process.cwd(), file)}: ${f}`);
}

describe('i18n', () => {
  test('no visible text is written directly in the renderer', () => {
    const offenders = tsxFiles('renderer/src').flatMap(literals);
    expect(offenders).toEqual([]);
  });

  test('the scan finds a literal when there is one', () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'i18n-'));
    const f = path.join(dir, 'x.tsx');
    fs.writeFileSync(f, 'export const X = () => <button aria-label="Close">Save now</button>;');
    expect(literals(f).length).toBe(2);
  });
});
