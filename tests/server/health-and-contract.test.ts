import { readFile } from 'node:fs/promises';
import { afterEach, expect, it } from 'vitest';
import { openApiText, OPENAPI_FILE } from '../../server/cli/write-openapi';
import type { RunningCentral } from '../../server/start-central';
import { describeEachBackend } from './fixtures/backends';
import { startCentralUnderTest } from './fixtures/central-under-test';

describeEachBackend('central system: health, refusals, contract', (backend) => {
  let central: RunningCentral | null = null;
  afterEach(async () => {
    await central?.close();
    central = null;
  });

  it('answers /healthz from its database', async () => {
    central = await startCentralUnderTest(backend());
    const answer = await fetch(`${central.url}/healthz`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ status: 'ok', database: backend().name });
  });

  it('serves the committed OpenAPI document', async () => {
    central = await startCentralUnderTest(backend());
    const served = await (await fetch(`${central.url}/openapi.json`)).json();
    expect(served).toEqual(JSON.parse(await readFile(OPENAPI_FILE, 'utf8')));
  });

  it('refuses an unknown route with a reason in Chinese', async () => {
    central = await startCentralUnderTest(backend());
    const answer = await fetch(`${central.url}/v1/nothing`);
    expect(answer.status).toBe(404);
    expect((await answer.json()).error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('runs its migrations once when started again on the same database', async () => {
    const fresh = await backend().fresh();
    const { startCentral } = await import('../../server/start-central');
    const first = await startCentral({ port: 0, host: '127.0.0.1', ...fresh, suite: 'intl' });
    const keyId = first.context.signer.info.keyId;
    await first.close();
    central = await startCentral({ port: 0, host: '127.0.0.1', ...fresh, suite: 'intl' });
    expect(central.context.signer.info.keyId).toBe(keyId);
  });
});

it('the committed server/openapi.json is what the routes generate (npm run server:openapi)', async () => {
  expect(await readFile(OPENAPI_FILE, 'utf8')).toBe(openApiText());
});

it('refuses to listen in plain HTTP beyond loopback', async () => {
  const { startCentral } = await import('../../server/start-central');
  await expect(startCentral({ port: 0, host: '0.0.0.0', dataDir: '/nonexistent', suite: 'intl' })).rejects.toThrow(/HTTPS/);
});
