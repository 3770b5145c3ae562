import type { z } from 'zod';
import type { Permission } from '../domain/roles';

/**
 * Who may call a method: anyone (before sign-in), anyone signed in, or holders of a permission.
 */
export type Access = 'public' | 'signed_in' | Permission;

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Writes run in a write transaction and must leave an audit row. */
  write: boolean;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>) => spec;
