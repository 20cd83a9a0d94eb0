import { z } from 'zod';

/** Argument pieces more than one domain uses. */
export const clerkId = z.string().regex(/^[0-9A-Za-z]{2,16}$/);
export const pin = z.string().regex(/^\d{6}$/);
export const counterId = z.string().regex(/^[A-Z0-9]{1,8}$/);
export const personName = z.string().trim().min(1).max(30);
/** An archived letter, or one of its reprints (`….reprint-<n>.pdf`). */
export const archivePath = z.string().regex(/^\d{4}-\d{2}-\d{2}\/[A-Z0-9]{1,8}\/[A-Z0-9-]{1,40}(\.reprint-\d{1,3})?\.pdf$/);
export const noArgument = z.object({}).strict();
