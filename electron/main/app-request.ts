import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME, securityHeaders } from './security-policy';

/**
 * What `app://counter/…` answers, as plain Node: the file of the built renderer a URL names, its MIME
 * type, and the response with the security headers. app-protocol.ts hands requests to it from Electron.
 */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

/** Unknown types are served as bytes: with `nosniff`, the page cannot run them as script or style. */
export const mimeTypeOf = (filePath: string): string => MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';

export type AppRequestTarget = { status: 200; filePath: string } | { status: 400 | 404 };

const isFile = async (filePath: string): Promise<boolean> => {
  try {
    return (await stat(filePath)).isFile();
  } catch {
    return false;
  }
};

/**
 * Maps a request URL to a file below `rendererDir`. Paths that would leave the folder are refused;
 * a path without a file extension that names no file is a client route and gets index.html.
 */
export const resolveAppRequest = async (rendererDir: string, requestUrl: string): Promise<AppRequestTarget> => {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return { status: 404 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400 };
  }
  // The URL parser has already resolved plain `..`; what is left after decoding is an attempt: `%2F`
  // makes `..` or an empty (absolute) segment, `%5C` a Windows separator, `C:` a Windows drive.
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.includes(':')) return { status: 400 };
  const segments = pathname.split('/').slice(1);
  if (segments.some((segment, index) => segment === '..' || segment === '.' || (segment === '' && index < segments.length - 1))) {
    return { status: 400 };
  }
  const root = path.resolve(rendererDir);
  const filePath = path.resolve(root, `.${path.posix.normalize(`/${pathname}`)}`);
  const relative = path.relative(root, filePath);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { status: 404 };
  if (relative !== '' && (await isFile(filePath))) return { status: 200, filePath };
  if (path.extname(pathname) === '') {
    const index = path.join(root, 'index.html');
    if (await isFile(index)) return { status: 200, filePath: index };
  }
  return { status: 404 };
};

/** The whole answer to one request: GET and HEAD only, security headers on every status. */
export const respondToAppRequest = async (rendererDir: string, request: { method: string; url: string }): Promise<Response> => {
  const headers = securityHeaders();
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers });
  const target = await resolveAppRequest(rendererDir, request.url);
  if (target.status !== 200) return new Response(null, { status: target.status, headers });
  const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(target.filePath));
  return new Response(body, {
    status: 200,
    headers: { ...headers, 'Content-Type': mimeTypeOf(target.filePath), 'Cache-Control': 'no-cache' },
  });
};
