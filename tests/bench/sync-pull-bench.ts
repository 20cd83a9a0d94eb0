import { createCatalogHandlers } from '../../electron/services/catalog-handlers';
import { createPuller } from '../../electron/services/sync/pull-once';
import { createPullState } from '../../electron/services/sync/pull-state';
import { publishCatalog } from '../../server/publications/publish-catalog';
import { ORG, published } from '../server/fixtures/pull-fixtures';
import { catalogOf } from '../unit/fixtures/pull-catalogs';
import { startPullRig } from '../unit/fixtures/pull-main';
import { median } from './browser/median';
import { result, type BenchResult } from './bench-result';

/**
 * A catalog version of 2,000 matters published centrally, then on the counter: pulled, its signature
 * checked, imported through main's catalog store and in force — the clock stops when main answers the
 * active catalog with it. A fresh counter and central system each run.
 */
const pullOnce = async (): Promise<number> => {
  const { main, central, http, options, close } = await startPullRig();
  try {
    await published(publishCatalog(central.context, { catalog: catalogOf(2, 2000), scope: ORG.province }));
    const puller = createPuller({ ...options, state: createPullState(main.dataDir) });
    const start = performance.now();
    const pulled = await puller.pullOnce(http);
    const active = await createCatalogHandlers({ dataDir: main.dataDir, audit: main.audit }).getActiveCatalog({});
    const elapsed = performance.now() - start;
    if (!pulled.ok || pulled.value.applied !== 1) throw new Error(`the pull did not apply the catalog: ${JSON.stringify(pulled)}`);
    if (!active.ok || active.value.key !== 'gd-catalog@2' || active.value.catalog.matters.length !== 2000) throw new Error('the pulled catalog is not in force');
    return elapsed;
  } finally {
    await close();
  }
};

export const pullCatalogBench = async (runs: number): Promise<BenchResult[]> => {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    times.push(await pullOnce());
    console.log(`  pull_catalog_ms run ${i + 1}: ${times.at(-1)!.toFixed(0)} ms`);
  }
  return [result('pull_catalog_ms', median(times), 'ms', 2000)];
};
