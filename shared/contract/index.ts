import type { z } from 'zod';
import { appointmentsContract } from './appointments';
import { authContract } from './auth';
import { backupContract } from './backup';
import { facilityContract } from './facility';
import { handoffContract } from './handoff';
import type { MethodSpec } from './method';
import { printContract } from './print';
import { privacyContract } from './privacy';
import { transportContract } from './transport';
import { trainingContract } from './training';
import { residentsContract } from './residents';
import { usersContract } from './users';

/**
 * The one list of IPC methods. Each area contributes its own file; a method name is
 * written here once and every other type (client, preload, handlers) is inferred from it.
 */
export const contract = {
  ...authContract,
  ...facilityContract,
  ...usersContract,
  ...printContract,
  ...trainingContract,
  ...residentsContract,
  ...handoffContract,
  ...privacyContract,
  ...appointmentsContract,
  ...backupContract,
  ...transportContract,
} satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = z.output<Contract[M]['output']>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export type { MethodSpec, Access } from './method';
