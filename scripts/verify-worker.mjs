// Starts a worker of `npm run verify` under tsx's loader (a worker does not inherit it), then runs
// the TypeScript worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./verify-worker.ts');
