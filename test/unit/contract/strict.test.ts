import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { contract, methodNames } from '../../../shared/contract';

/**
 * Issue 16, item 11: some input objects were not strict (a course's validity), so unknown keys
 * were silently dropped instead of refused. This walks every method's input, through pipes,
 * unions, arrays, defaults and the rest, and lists every object that is not strict.
 */

type Schema = { _zod: { def: Record<string, unknown> & { type: string } } };
const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && '_zod' in v;

function nonStrictObjects(s: Schema, path: string, out: string[], seen: Set<unknown>): void {
  if (seen.has(s)) return;
  seen.add(s);
  const def = s._zod.def;
  if (def.type === 'object') {
    const catchall = def.catchall as Schema | undefined;
    if (catchall?._zod.def.type !== 'never') out.push(path);
    for (const [key, child] of Object.entries(def.shape as Record<string, Schema>)) nonStrictObjects(child, `${path}.${key}`, out, seen);
    return;
  }
  // Every other kind of schema: whatever schemas it is built from (pipe in/out, union options, array element, …).
  for (const value of Object.values(def)) {
    if (isSchema(value)) nonStrictObjects(value, path, out, seen);
    else if (Array.isArray(value)) for (const v of value) if (isSchema(v)) nonStrictObjects(v, path, out, seen);
  }
}

describe('the contract', () => {
  test('every object in every method’s input is strict: an unknown key is refused, never dropped', () => {
    const found: string[] = [];
    for (const m of methodNames) nonStrictObjects(contract[m].input as unknown as Schema, `${m}.input`, found, new Set());
    expect(found).toEqual([]);
  });

  test('the walk finds a non-strict object wherever it hides', () => {
    // The walker itself, on the shapes the contract uses.
    const hidden = z.strictObject({ a: z.array(z.union([z.strictObject({ k: z.literal(1) }), z.object({ k: z.literal(2) })])).optional().default([]) });
    const found: string[] = [];
    nonStrictObjects(hidden as unknown as Schema, 'x', found, new Set());
    expect(found).toEqual(['x.a']);
  });

  test('a course validity with an extra key is refused', () => {
    const r = contract['training.createCourse'].input.safeParse({ code: 'x_course', name: 'X', validity: { kind: 'months', months: 12, extra: true }, roles: ['cna'], countsAsInService: false });
    expect(r.success).toBe(false);
  });
});
