import { describe, expect, test } from 'vitest';
import { toFieldIssues } from '../../../electron/core/validation';
import { optionalText, text } from '../../../shared/contract/common';
import { residentsContract } from '../../../shared/contract/residents';
import { residentTextMax } from '../../../shared/domain/residents/text-limits';

const issues = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : toFieldIssues(r.error as never, value);
};

describe('text limits name the real limit', () => {
  test('a huge paste says "at most N" with the field limit, once, not the internal bound', () => {
    expect(issues(text(300), 'x'.repeat(5000))).toEqual([{ path: '', code: 'too_long', params: { max: 300 } }]);
    expect(issues(optionalText(300), 'x'.repeat(5000))).toEqual([{ path: '', code: 'too_long', params: { max: 300 } }]);
    expect(issues(text(300), 'x'.repeat(400))).toEqual([{ path: '', code: 'too_long', params: { max: 300 } }]);
    expect(issues(text(300), `  ${'x'.repeat(300)}  `)).toEqual([]);
  });

  test('the status note takes its limit from the one list the forms also read', () => {
    const input = residentsContract['residents.changeStatus'].input;
    const value = { id: 1, status: 'discharged', date: '2026-03-01', note: 'y'.repeat(5000) };
    expect(issues(input, value)).toEqual([{ path: 'note', code: 'too_long', params: { max: residentTextMax.note } }]);
  });
});
