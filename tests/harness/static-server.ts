import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { respondToAppRequest } from '../../electron/main/app-request';
import { APP_BASE_URL } from '../../electron/main/security-policy';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The app:// URL an http request stands for: the same path and query on `app://counter`. The raw
 * request target is appended as it came (still percent-encoded), so app-request.ts sees exactly what
 * Electron would hand it; anything but an origin-form target (`/…`) is not a page request.
 */
export const appUrlOf = (requestTarget: string | undefined): string | null =>
  requestTarget?.startsWith('/') ? `${APP_BASE_URL.slice(0, -1)}${requestTarget}` : null;

const answer = async (request: IncomingMessage, response: ServerResponse, rendererDir: string): Promise<void> => {
  // The answer itself is the app's: status, body and every header, the CSP included. A target that is
  // no app path goes in unchanged, for app-request.ts to refuse.
  const url = appUrlOf(request.url) ?? String(request.url);
  const appResponse = await respondToAppRequest(rendererDir, { method: request.method ?? 'GET', url });
  const headers: Record<string, string> = {};
  appResponse.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = appResponse.body ? Buffer.from(await appResponse.arrayBuffer()) : null;
  response.writeHead(appResponse.status, headers);
  response.end(body);
};

/**
 * Serves the built renderer over http through the app's own app:// request handling
 * (electron/main/app-request.ts), not a copy of it: the page the end-to-end tests drive gets the
 * files, the statuses and the security headers — the Content-Security-Policy above all — that Electron
 * would give it. (A Vite build does not load from file:// in plain Chromium, and Chromium here has no
 * app:// scheme, hence http.)
 */
export const serveStatic = async (rendererDir: string): Promise<StaticServer> => {
  const server: Server = createServer((request, response) => {
    answer(request, response, rendererDir).catch(() => {
      // A failure of the harness itself: a bare 500 without a body, so no test mistakes it for the app's.
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
};
