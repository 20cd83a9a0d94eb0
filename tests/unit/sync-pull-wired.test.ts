import { expect, it } from 'vitest';
import { publishCatalog } from '../../server/publications/publish-catalog';
import type { ActiveCatalog } from '../../shared/contract/host-contract';
import { catalogOf } from './fixtures/pull-catalogs';
import { CLERK, enrollWith, syncPairPerTest } from './fixtures/sync-counter';
import { value } from './fixtures/test-host';
import { TEST_HALL } from '../server/fixtures/enrolled-counter';

/**
 * The host handlers' sync round pulls: a catalog the central system publishes for the counter's hall
 * is in force at the counter after 立即同步, through the same catalog store the handlers read.
 */
const pair = syncPairPerTest();

it('立即同步 pulls a published catalog into force on the counter', async () => {
  const { central, counter } = pair;
  await enrollWith(central, counter);
  const published = await publishCatalog(central.central.context, { catalog: catalogOf(99), scope: TEST_HALL });
  expect(published.ok).toBe(true);

  await counter.signInAs(CLERK);
  const before = value(await counter.call<ActiveCatalog>('getActiveCatalog'));
  expect(before.key).not.toBe('gd-catalog@99');
  value(await counter.call('syncNow'));
  const after = value(await counter.call<ActiveCatalog>('getActiveCatalog'));
  expect(after.key).toBe('gd-catalog@99');
});
