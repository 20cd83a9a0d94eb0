import type { z } from 'zod';
import { HttpProblem } from '../http/problem';

/** A line of the batch that does not check: the whole batch is refused, nothing is stored. */
export const recordInvalid = (path: string, reason: string): HttpProblem => new HttpProblem(422, 'RECORD_INVALID', `${path}：${reason}`, path);

export const zodPath = (base: string, issue: z.core.$ZodIssue | undefined): string =>
  `${base}${(issue?.path ?? []).map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')}`;
