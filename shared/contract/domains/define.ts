import type { z } from 'zod';

/** The three roles of an account on this device. */
export const roles = ['clerk', 'supervisor', 'administrator'] as const;
export type Role = (typeof roles)[number];

/**
 * Who may call a method, decided in main from the device's session (never from an argument):
 * `public` needs no session (setup, sign-in, and the PIN panels that check a PIN of their own);
 * `session` needs an unlocked session of any role; a list of roles needs a session of one of them.
 */
export type HostAccess = 'public' | 'session' | readonly Role[];

/**
 * One method of the contract: its argument's schema, who may call it, whether the applicant's window
 * may, and (as a type only) what it answers, so the output type stands beside the schema.
 */
export interface MethodSpec<Input extends z.ZodType, Output> {
  input: Input;
  access: HostAccess;
  /** True only for the few methods the applicant's window needs; every other call from it is refused. */
  applicant: boolean;
  /** Never set: carries the output type. */
  readonly output?: Output;
}

export const method =
  <Output>() =>
  <Input extends z.ZodType>(spec: { input: Input; access: HostAccess; applicant?: boolean }): MethodSpec<Input, Output> => ({
    input: spec.input,
    access: spec.access,
    applicant: spec.applicant ?? false,
  });
