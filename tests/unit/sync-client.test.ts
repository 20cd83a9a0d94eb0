import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isLoopbackHost, parseServerAddress } from '../../electron/services/sync/server-address';
import { createSyncClient } from '../../electron/services/sync/sync-client';
import { deviceStatusSchema } from '../../shared/sync/device-status';
import { serverErrorCodes } from '../../shared/sync/server-error';
import { catalogs } from '../../shared/i18n';
import { startSyncCentral, type SyncCentral } from './fixtures/sync-counter';

/** The HTTP client against the real central system (its /healthz and its refusals) and a few local servers that misbehave. */
let central: SyncCentral;
beforeAll(async () => {
  central = await startSyncCentral();
});
afterAll(() => central.close());

const health = z.object({ status: z.literal('ok'), database: z.string(), serverTime: z.string() }).strict();

const listening = async (handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> => {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
};

describe('plain HTTP only to this machine', () => {
  it('knows loopback: 127.0.0.0/8, ::1 and localhost, nothing else', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', 'localhost', 'LOCALHOST']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['128.0.0.1', '10.0.0.1', '192.168.1.5', '::ffff:7f00:1', 'localhost.example.cn', '0.0.0.0', 'central.example.cn']) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('refuses http:// beyond loopback before any connection, and anything but an origin', () => {
    expect(() => createSyncClient({ origin: 'http://10.1.2.3:8780' })).toThrow(expect.objectContaining({ code: 'INSECURE_TRANSPORT' }));
    expect(() => parseServerAddress('http://example.cn')).toThrow(expect.objectContaining({ code: 'INSECURE_TRANSPORT' }));
    for (const address of ['ftp://127.0.0.1', 'https://user:pw@central.example.cn', 'https://central.example.cn/v1', 'https://central.example.cn?x=1', 'not a url']) {
      expect(() => parseServerAddress(address), address).toThrow(expect.objectContaining({ code: 'ADDRESS_INVALID' }));
    }
    expect(parseServerAddress('http://[::1]:8780')).toMatchObject({ protocol: 'http', hostname: '::1', port: 8780 });
    expect(parseServerAddress('https://central.example.cn')).toMatchObject({ origin: 'https://central.example.cn', port: 443 });
  });
});

describe('requests and answers', () => {
  it('reads the real central system’s /healthz through the caller’s schema', async () => {
    const client = createSyncClient({ origin: central.central.url });
    expect(await client.getJson('/healthz', health)).toMatchObject({ status: 'ok', database: 'sqlite' });
  });

  it('turns the server’s error body into a typed error with its code and reason', async () => {
    const client = createSyncClient({ origin: central.central.url });
    await expect(client.getJson('/v1/nothing', health)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404, message_: { key: 'host.sync.server.NOT_FOUND' } });
    // A token the server does not know: refused as such, with the server's reason kept for the log.
    const stranger = createSyncClient({ origin: central.central.url, token: 'x'.repeat(43) });
    await expect(stranger.getJson('/v1/device', deviceStatusSchema)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401, reason: expect.stringContaining('设备令牌') });
  });

  it('refuses an answer that does not match the schema, or is not JSON', async () => {
    const client = createSyncClient({ origin: central.central.url });
    await expect(client.getJson('/healthz', z.object({ status: z.literal('other') }))).rejects.toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
    const { url, server } = await listening((_request, response) => response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'));
    await expect(createSyncClient({ origin: url }).getJson('/healthz', health)).rejects.toMatchObject({ code: 'BAD_RESPONSE', status: 502 });
    server.close();
  });

  it('gives up on a server that says nothing, and names one that is not there', async () => {
    const { url, server } = await listening(() => undefined);
    const started = Date.now();
    await expect(createSyncClient({ origin: url, idleTimeoutMs: 200 }).getJson('/healthz', health)).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(5_000);
    server.closeAllConnections();
    server.close();
    await expect(createSyncClient({ origin: url }).getJson('/healthz', health)).rejects.toMatchObject({ code: 'UNREACHABLE', message_: { params: { code: 'ECONNREFUSED' } } });
  });

  it('sends the bearer token and JSON body, and nothing of the token in an error', async () => {
    const seen: Array<{ method?: string; authorization?: string; type?: string; body: string }> = [];
    const { url, server } = await listening((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen.push({ method: request.method, authorization: request.headers.authorization, type: request.headers['content-type'], body });
        response.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'DEVICE_REVOKED', reason: '已吊销' } }));
      });
    });
    const token = 'T'.repeat(43);
    const failure = await createSyncClient({ origin: url, token }).putJson('/v1/device/escrow', { a: 1 }, health).catch((error: unknown) => error);
    expect(seen).toEqual([{ method: 'PUT', authorization: `Bearer ${token}`, type: 'application/json', body: '{"a":1}' }]);
    expect(failure).toMatchObject({ code: 'DEVICE_REVOKED' });
    expect(JSON.stringify(failure)).not.toContain(token);
    expect(String(failure)).not.toContain(token);
    server.close();
  });

  it('has the counter’s words for every code the central system may refuse with', () => {
    for (const code of serverErrorCodes) {
      for (const locale of ['zh-CN', 'en'] as const) expect(catalogs[locale][`host.sync.server.${code}`], `${locale} ${code}`).toMatch(/[。.]$/);
    }
  });
});
