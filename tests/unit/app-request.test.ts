import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAppProtocol } from '../../electron/main/app-protocol';
import { mimeTypeOf, resolveAppRequest, respondToAppRequest } from '../../electron/main/app-request';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security-policy';

/**
 * app://counter/ on real files: a renderer folder with a secret beside it, and a sibling folder whose
 * name starts like the renderer's (a prefix test of paths would let it through).
 */
let root: string;
let rendererDir: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'app-request-'));
  rendererDir = path.join(root, 'renderer');
  const files: Record<string, string> = {
    'renderer/index.html': '<!doctype html><title>counter</title>',
    'renderer/assets/index-abc.js': 'console.log(1)',
    'renderer/assets/index-abc.css': 'body{}',
    'renderer/fonts/DroidSansFallback.ttf': 'ttf',
    'renderer/字体说明.txt': 'unicode name',
    'renderer/blob.xyz': 'unknown type',
    'secret.txt': 'outside the renderer',
    'renderer-evil/secret.txt': 'outside the renderer too',
  };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
});
afterAll(() => rm(root, { recursive: true, force: true }));

const resolved = async (url: string) => {
  const target = await resolveAppRequest(rendererDir, url);
  return target.status === 200 ? path.relative(rendererDir, target.filePath).split(path.sep).join('/') : target.status;
};

describe('app:// path resolution', () => {
  it('serves the renderer’s files, with percent-encoded names decoded', async () => {
    expect(await resolved('app://counter/')).toBe('index.html');
    expect(await resolved('app://counter/assets/index-abc.js')).toBe('assets/index-abc.js');
    expect(await resolved('app://counter/fonts/DroidSansFallback.ttf?v=1')).toBe('fonts/DroidSansFallback.ttf');
    expect(await resolved(`app://counter/${encodeURIComponent('字体说明.txt')}`)).toBe('字体说明.txt');
  });

  it('answers a client route with index.html, but a missing file with 404 (never HTML for a script)', async () => {
    expect(await resolved('app://counter/applicant')).toBe('index.html');
    expect(await resolved('app://counter/#/applicant')).toBe('index.html');
    expect(await resolved('app://counter/assets/missing.js')).toBe(404);
  });

  it.each([
    ['app://counter/..%2fsecret.txt', 400],
    ['app://counter/assets/..%2F..%2Fsecret.txt', 400],
    ['app://counter/..%2frenderer-evil/secret.txt', 400],
    ['app://counter/%2e%2e%2f%2e%2e%2fsecret.txt', 400],
    ['app://counter/..%5csecret.txt', 400],
    ['app://counter/assets%5c..%5c..%5csecret.txt', 400],
    ['app://counter//etc/passwd', 400],
    ['app://counter/%2Fetc%2Fpasswd', 400],
    ['app://counter/C:%5CWindows%5Cwin.ini', 400],
    ['app://counter/C:/Windows/win.ini', 400],
    ['app://counter/index.html%00.js', 400],
    ['app://counter/%E0%A4%A', 400],
  ])('refuses the traversal %s', async (url, status) => {
    expect(await resolved(url)).toBe(status);
  });

  it('keeps plain dot segments inside the folder (the URL parser resolves them first)', async () => {
    expect(await resolved('app://counter/../secret.txt')).toBe(404);
    expect(await resolved('app://counter/%2e%2e/%2e%2e/secret.txt')).toBe(404);
    expect(await resolved('app://counter/assets/../../renderer-evil/secret.txt')).toBe(404);
  });

  it.each(['app://counter.evil/index.html', 'app://counter@evil/', 'app://user@counter/', 'app://counter:8080/', 'app://evil/', 'http://counter/', 'file:///etc/passwd'])(
    'serves nothing to another origin: %s',
    async (url) => {
      expect(await resolved(url)).toBe(404);
    },
  );

  it('refuses what is not a URL', async () => {
    expect(await resolved('not a url')).toBe(400);
  });
});

describe('MIME types', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['INDEX.HTML', 'text/html; charset=utf-8'],
    ['assets/a.js', 'text/javascript; charset=utf-8'],
    ['assets/a.mjs', 'text/javascript; charset=utf-8'],
    ['assets/a.css', 'text/css; charset=utf-8'],
    ['fonts/a.ttf', 'font/ttf'],
    ['fonts/a.woff2', 'font/woff2'],
    ['a.svg', 'image/svg+xml'],
    ['a.png', 'image/png'],
    ['letter.pdf', 'application/pdf'],
    ['a.wasm', 'application/wasm'],
    ['blob.xyz', 'application/octet-stream'],
    ['Makefile', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(mimeTypeOf(file)).toBe(type);
  });
});

describe('the app:// response', () => {
  const securityHeadersOf = (response: Response) => ({
    csp: response.headers.get('content-security-policy'),
    nosniff: response.headers.get('x-content-type-options'),
  });
  const secured = { csp: CONTENT_SECURITY_POLICY, nosniff: 'nosniff' };

  it('sends the file with its type, no-cache and the security headers', async () => {
    const response = await respondToAppRequest(rendererDir, { method: 'GET', url: 'app://counter/assets/index-abc.js' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(securityHeadersOf(response)).toEqual(secured);
  });

  it('answers HEAD without a body, other methods with 405, refusals with their status — all with the CSP', async () => {
    const head = await respondToAppRequest(rendererDir, { method: 'HEAD', url: 'app://counter/' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const [request, status] of [
      [{ method: 'POST', url: 'app://counter/' }, 405],
      [{ method: 'PUT', url: 'app://counter/index.html' }, 405],
      [{ method: 'GET', url: 'app://counter/..%2fsecret.txt' }, 400],
      [{ method: 'GET', url: 'app://counter/nothing.js' }, 404],
    ] as const) {
      const response = await respondToAppRequest(rendererDir, request);
      expect(response.status).toBe(status);
      expect(await response.text()).toBe('');
      expect(securityHeadersOf(response)).toEqual(secured);
    }
  });

  it('is what Electron’s protocol handler answers for the app scheme', async () => {
    const handled: Array<{ scheme: string; handler: (request: Request) => Promise<Response> }> = [];
    serveAppProtocol({ handle: (scheme, handler) => void handled.push({ scheme, handler: handler as (request: Request) => Promise<Response> }) }, rendererDir);
    expect(handled.map(({ scheme }) => scheme)).toEqual(['app']);
    const response = await handled[0]!.handler(new Request('app://counter/fonts/DroidSansFallback.ttf'));
    expect(response.headers.get('content-type')).toBe('font/ttf');
    expect(await response.text()).toBe('ttf');
  });
});
