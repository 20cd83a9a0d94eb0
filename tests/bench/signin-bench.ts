import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHostHandlers } from '../../electron/services/host-handlers';
import { dispatchHostCall } from '../../shared/contract/dispatch';
import { median } from './browser/median';
import { result, type BenchResult } from './bench-result';

/**
 * `signin_ms`: the signIn host call as the renderer makes it (validation, lockout counters, the
 * pepper, scrypt at the app's own cost N=2^17 r=8 p=1, the session), median of the sign-ins after the
 * first (which also unseals the pepper).
 */
export const signInBench = async (runs = 9): Promise<BenchResult[]> => {
  const root = await mkdtemp(join(tmpdir(), 'counter-bench-signin-'));
  try {
    const handlers = createHostHandlers({
      dataDir: join(root, 'data'),
      archiveDir: join(root, 'archive'),
      appVersion: 'bench',
      applicantScreen: { open: async () => 'handover', close: async () => true },
      print: { print: async () => ({ status: 'queued', jobId: '1', printer: null }), jobStatus: async () => ({ status: 'done' }), listPrinters: async () => ({ ok: true, value: [] }) },
    });
    const credentials = { clerkId: 'M001', pin: '975310' };
    const created = await handlers.createAdministrator({ ...credentials, name: '基准' });
    if (!created.ok) throw new Error(`bench account not created: ${created.error.code}`);
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const start = performance.now();
      const signedIn = await dispatchHostCall(handlers, 'signIn', credentials);
      times.push(performance.now() - start);
      if (!signedIn.ok) throw new Error(`bench sign-in refused: ${signedIn.error.code}`);
    }
    return [result('signin_ms', median(times.slice(1)), 'ms', 500)];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
};
