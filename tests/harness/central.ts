import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEnrollmentCode } from '../../server/enrollment/enrollment-code';
import { publishRoster } from '../../server/publications/publish-roster';
import { startCentral, type RunningCentral } from '../../server/start-central';
import { prepareEnrollment, TEST_HALL } from '../server/fixtures/enrolled-counter';

/**
 * The real central system for an end-to-end test that syncs: in the test process, on a free port of
 * 127.0.0.1 (plain HTTP, which the counter allows to loopback only), SQLite in a temporary folder,
 * with the escrow key and the test organisation made (tests/server/fixtures/enrolled-counter.ts).
 */
export interface HarnessCentral {
  url: string;
  /** A one-time enrollment code for a counter of the test hall (天河区政务服务中心). */
  code(counterId?: string): Promise<string>;
  /** Publishes a staff roster for the test hall, as `npm run server -- publish-roster` does; its seq. */
  publishRoster(roster: unknown): Promise<number>;
  /** The server itself, for what its administrator does there (revoke a device, publish a catalog). */
  running: RunningCentral;
  close(): Promise<void>;
}

export const startHarnessCentral = async (): Promise<HarnessCentral> => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'central-e2e-'));
  const central = await startCentral({ port: 0, host: '127.0.0.1', dataDir, suite: 'intl' });
  await prepareEnrollment(central);
  return {
    url: central.url,
    running: central,
    code: async (counterId = 'C01') => (await createEnrollmentCode(central.context.central.db, { hallId: TEST_HALL, counterId, now: new Date() })).code,
    publishRoster: async (roster) => {
      const outcome = await publishRoster(central.context, { roster, scope: TEST_HALL });
      if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
      return outcome.publication.seq;
    },
    close: async () => {
      await central.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
