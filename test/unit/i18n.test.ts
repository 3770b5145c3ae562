import { describe, expect, test } from 'vitest';
import { en, es } from '../../shared/i18n';

type Tree = { [k: string]: string | Tree };
function leaves(t: Tree, prefix = ''): [string, string][] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
}
const params = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  const enLeaves = new Map(leaves(en as unknown as Tree));
  const esLeaves = new Map(leaves(es as unknown as Tree));

  test('Spanish has every English key and no others', () => {
    expect([...esLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
  });

  test('no message is empty and each translation uses the same placeholders', () => {
    for (const [key, text] of enLeaves) {
      expect(text.trim(), key).not.toBe('');
      expect(esLeaves.get(key)?.trim(), key).not.toBe('');
      expect(params(esLeaves.get(key) ?? ''), key).toEqual(params(text));
    }
  });
});
