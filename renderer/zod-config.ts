import { config } from 'zod';

/**
 * Imported first by main.tsx, before any schema is built or parsed. zod compiles fast parsers with
 * `new Function` unless told otherwise; the renderer's Content Security Policy forbids eval (no
 * 'unsafe-eval'), and even zod's caught probe for it is reported as a violation.
 */
config({ jitless: true });
