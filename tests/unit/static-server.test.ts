import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security-policy';
import { appUrlOf, serveStatic, type StaticServer } from '../harness/static-server';

/**
 * The e2e harness's server answers as app:// does, because it is app-request.ts answering: the same
 * files, refusals and headers, whatever raw request target a client sends (fetch would normalise it,
 * so the requests here are raw http).
 */
let root: string;
let server: StaticServer;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'static-server-'));
  await mkdir(path.join(root, 'renderer', 'assets'), { recursive: true });
  await writeFile(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>counter</title>');
  await writeFile(path.join(root, 'renderer', 'assets', 'a.js'), 'export {}');
  await writeFile(path.join(root, 'secret.txt'), 'outside');
  server = await serveStatic(path.join(root, 'renderer'));
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

const raw = (method: string, target: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> =>
  new Promise((resolve, reject) => {
    const { port } = new URL(server.url);
    const outgoing = request({ host: '127.0.0.1', port, method, path: target }, (incoming) => {
      let body = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (body += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });

describe('the e2e harness’s server', () => {
  it('maps a request target onto app://counter as it came, still encoded', () => {
    expect(appUrlOf('/assets/a.js?v=1')).toBe('app://counter/assets/a.js?v=1');
    expect(appUrlOf('/..%2fsecret.txt')).toBe('app://counter/..%2fsecret.txt');
    expect(appUrlOf('//etc/passwd')).toBe('app://counter//etc/passwd');
    expect(appUrlOf('http://evil/')).toBeNull();
    expect(appUrlOf('*')).toBeNull();
    expect(appUrlOf(undefined)).toBeNull();
  });

  it.each([
    ['GET', '/', 200, '<!doctype html><title>counter</title>'],
    ['GET', '/assets/a.js', 200, 'export {}'],
    ['GET', '/applicant', 200, '<!doctype html><title>counter</title>'],
    ['GET', '/assets/missing.js', 404, ''],
    ['GET', '/..%2fsecret.txt', 400, ''],
    ['GET', '//etc/passwd', 400, ''],
    ['GET', '/%5c..%5csecret.txt', 400, ''],
    ['GET', 'http://evil.example/secret.txt', 404, ''],
    ['POST', '/', 405, ''],
    ['HEAD', '/', 200, ''],
  ])('%s %s is answered %i by app-request.ts, with the CSP', async (method, target, status, body) => {
    const response = await raw(method, target);
    expect(response.status).toBe(status);
    expect(response.body).toBe(body);
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
