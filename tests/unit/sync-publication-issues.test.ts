import { expect, it } from 'vitest';
import { publishCatalog } from '../../server/publications/publish-catalog';
import type { ActiveCatalog, PulledPublicationIssue, SyncStatus } from '../../shared/contract/host-contract';
import { zhText } from './fixtures/host-text';
import { catalogOf } from './fixtures/pull-catalogs';
import { CLERK, enrollWith, SUPERVISOR, syncPairPerTest } from './fixtures/sync-counter';
import { value } from './fixtures/test-host';
import { TEST_HALL } from '../server/fixtures/enrolled-counter';

/**
 * The 中心同步 page's list of publications not in force, from real pulls of the real central system:
 * one refused after it verified (a catalog older than the one in force), one refused before anything
 * was read from it (its signature altered in the central system's database, a fault put there on
 * purpose) — each with kind, version, time and the reason in Chinese — and the one that follows a bad
 * signature is not reached until the central system sends a good one.
 */
const pair = syncPairPerTest();

const issues = async () => {
  await pair.counter.signInAs(SUPERVISOR);
  return value(await pair.counter.call<PulledPublicationIssue[]>('syncPublicationIssues'));
};

it('lists a catalog older than the one in force and one whose signature failed, and drops the second once a good copy is pulled', async () => {
  const { central, counter } = pair;
  const { context } = central.central;
  await enrollWith(central, counter);
  const publish = async (version: number) => {
    const published = await publishCatalog(context, { catalog: catalogOf(version), scope: TEST_HALL });
    if (!published.ok) throw new Error(published.problems.join('; '));
    return published.publication;
  };
  await publish(99);
  const older = await publish(50);
  const forged = await publish(120);
  const signature = forged.signature;
  const flipped = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;
  await context.central.db.updateTable('publications').set({ signature: flipped }).where('seq', '=', forged.seq).execute();
  expect(await issues()).toEqual([]);

  await counter.signInAs(CLERK);
  const round = value(await counter.call<SyncStatus>('syncNow'));
  expect(round.lastError?.code).toBe('PUBLICATION_SIGNATURE_INVALID');
  expect(value(await counter.call<ActiveCatalog>('getActiveCatalog')).key).toBe('gd-catalog@99');

  const listed = await issues();
  expect(listed).toEqual([
    { seq: forged.seq, kind: 'catalog', status: 'signature', version: 'gd-catalog v120', publishedAt: forged.publishedAt, error: expect.objectContaining({ code: 'PUBLICATION_SIGNATURE_INVALID' }), at: expect.any(String) },
    { seq: older.seq, kind: 'catalog', status: 'refused', version: 'gd-catalog v50', publishedAt: older.publishedAt, error: expect.objectContaining({ code: expect.any(String) }), at: expect.any(String) },
  ]);
  expect(zhText(listed[0]!.error!)).toContain('签名核验未通过');
  expect(zhText(listed[1]!.error!)).toMatch(/[\u4e00-\u9fff]/);
  // A clerk does not get the list.
  await counter.signInAs(CLERK);
  const refused = await counter.call('syncPublicationIssues');
  expect(!refused.ok && refused.error.code).toBe('ROLE_REFUSED');

  // Pulled again after the central system repaired its copy: in force, and off the list.
  await context.central.db.updateTable('publications').set({ signature }).where('seq', '=', forged.seq).execute();
  value(await counter.call('syncNow'));
  expect(value(await counter.call<ActiveCatalog>('getActiveCatalog')).key).toBe('gd-catalog@120');
  expect((await issues()).map((issue) => [issue.seq, issue.status])).toEqual([[older.seq, 'refused']]);
});
