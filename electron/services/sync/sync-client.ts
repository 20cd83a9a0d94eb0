import http from 'node:http';
import https from 'node:https';
import { rootCertificates, type PeerCertificate } from 'node:tls';
import type { ZodType } from 'zod';
import { hostMessage } from '../../../shared/contract/host-message';
import { serverErrorSchema } from '../../../shared/sync/server-error';
import { fingerprintOfDer } from './certificate-pin';
import { parseServerAddress } from './server-address';
import { serverRefusal, SyncHttpError } from './sync-error';
import type { SyncHttp } from './sync-http';

/**
 * The central system's HTTP API as main calls it, with node:http(s) alone (no Electron, so the
 * tests run it against the real server). Every request:
 * - goes to the origin fixed at enrollment; plain HTTP only to loopback (server-address.ts);
 * - over HTTPS, must meet the certificate pinned at enrollment: `ca` holds the pinned certificate
 *   (with the issuers the server sent then) and the system roots — only so that a certificate a CA
 *   issued still builds a chain — and `checkServerIdentity` then demands the pinned fingerprint
 *   itself, whatever the chain, the name or the CA. A server presenting any other certificate is
 *   refused with CERTIFICATE_MISMATCH, before a byte of the request (the token) is sent;
 * - carries the device's bearer token, never logged;
 * - has an idle timeout and an overall deadline;
 * - is answered with JSON parsed by the caller's zod schema, or with the server's error body turned
 *   into a SyncHttpError with its code.
 */
export interface PinnedCertificate {
  /** PEM certificates the server presented at enrollment, leaf first. */
  certificates: string[];
  /** SHA-256 of the leaf's DER, lower-case hex: the pin itself. */
  fingerprint: string;
}

export interface SyncClientOptions {
  origin: string;
  token?: string | null;
  pin?: PinnedCertificate | null;
  /** Without a byte in either direction for this long, the request is given up. */
  idleTimeoutMs?: number;
  /** However slowly bytes trickle, a request never takes longer than this. */
  deadlineMs?: number;
  /** The most bytes an answer may have (a pull page carries catalogs). */
  maxResponseBytes?: number;
}

const IDLE_TIMEOUT_MS = 30_000;
const DEADLINE_MS = 10 * 60_000;
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** The certificate checks of OpenSSL that mean "not the certificate this device trusts". */
const UNTRUSTED_CERTIFICATE = new Set([
  'ERR_CERT_PIN_MISMATCH',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED', 'EADDRNOTAVAIL']);

const errorCodeOf = (error: unknown): string => (error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'UNKNOWN');

/** A transport failure in the counter's words; the error's own message may name hosts and is dropped. */
export const transportFailure = (error: unknown): SyncHttpError => {
  if (error instanceof SyncHttpError) return error;
  const code = errorCodeOf(error);
  if (UNTRUSTED_CERTIFICATE.has(code)) return new SyncHttpError('CERTIFICATE_MISMATCH', hostMessage('host.sync.certificate_mismatch'));
  if (UNREACHABLE.has(code)) return new SyncHttpError('UNREACHABLE', hostMessage('host.sync.unreachable', { code }));
  if (code === 'ETIMEDOUT') return new SyncHttpError('TIMEOUT', hostMessage('host.sync.timeout'));
  // Expired or not yet valid (a clock far off), a protocol the server does not speak, …
  if (/^(ERR_SSL_|ERR_TLS_|CERT_|EPROTO)/.test(code)) return new SyncHttpError('TLS_FAILED', hostMessage('host.sync.tls_failed', { code }));
  return new SyncHttpError('UNREACHABLE', hostMessage('host.sync.unreachable', { code }));
};

/** Whether an answer's bytes, once parsed, are the server's error body; its code and reason if so. */
const refusalOf = (status: number, bytes: Buffer): SyncHttpError => {
  try {
    const parsed = serverErrorSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (parsed.success) return serverRefusal(parsed.data.error.code, status, parsed.data.error.reason, parsed.data.error.path ?? null);
  } catch {
    // not JSON: a proxy's page, say
  }
  return new SyncHttpError('BAD_RESPONSE', hostMessage('host.sync.bad_response', { status }), status);
};

export const createSyncClient = (options: SyncClientOptions): SyncHttp => {
  const address = parseServerAddress(options.origin);
  if (address.protocol === 'https' && !options.pin) throw new SyncHttpError('CERTIFICATE_MISMATCH', hostMessage('host.sync.fingerprint_needed'));
  const idleTimeoutMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  const deadlineMs = options.deadlineMs ?? DEADLINE_MS;
  const maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const pin = options.pin ?? null;
  const tlsOptions: https.RequestOptions = pin
    ? {
        ca: [...pin.certificates, ...rootCertificates],
        checkServerIdentity: (_host: string, cert: PeerCertificate) => {
          if (cert.raw && fingerprintOfDer(cert.raw) === pin.fingerprint) return undefined;
          return Object.assign(new Error('certificate is not the pinned one'), { code: 'ERR_CERT_PIN_MISMATCH' });
        },
      }
    : {};

  const request = async <T>(method: 'GET' | 'POST' | 'PUT', path: string, body: unknown, schema: ZodType<T>): Promise<T> => {
    if (!path.startsWith('/') || path.startsWith('//')) throw new Error(`sync path must be absolute: ${path}`);
    const url = new URL(path, `${address.origin}/`);
    const payload = body === undefined ? null : Buffer.from(JSON.stringify(body), 'utf8');
    const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (error: unknown, value?: T) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        if (error) reject(transportFailure(error));
        else resolve(value as T);
      };
      const requestOptions: https.RequestOptions = {
        method,
        protocol: `${address.protocol}:`,
        hostname: address.hostname,
        port: address.port,
        path: `${url.pathname}${url.search}`,
        headers,
        // A fresh connection each time: no TLS session resumed past the pin check, no socket kept.
        agent: false,
        ...tlsOptions,
      };
      const onResponse = (response: http.IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxResponseBytes) {
            response.destroy();
            finish(new SyncHttpError('BAD_RESPONSE', hostMessage('host.sync.bad_response', { status: response.statusCode ?? 0 }), response.statusCode ?? null));
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', (error) => finish(error));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const bytes = Buffer.concat(chunks);
          if (status < 200 || status >= 300) return finish(refusalOf(status, bytes));
          let json: unknown;
          try {
            json = JSON.parse(bytes.toString('utf8'));
          } catch {
            return finish(new SyncHttpError('BAD_RESPONSE', hostMessage('host.sync.bad_response', { status }), status));
          }
          const parsed = schema.safeParse(json);
          if (!parsed.success) return finish(new SyncHttpError('BAD_RESPONSE', hostMessage('host.sync.bad_response', { status }), status));
          finish(null, parsed.data);
        });
      };
      const outgoing = address.protocol === 'https' ? https.request(requestOptions, onResponse) : http.request(requestOptions, onResponse);
      const deadline = setTimeout(() => {
        outgoing.destroy(Object.assign(new Error('deadline'), { code: 'ETIMEDOUT' }));
      }, deadlineMs);
      deadline.unref();
      outgoing.setTimeout(idleTimeoutMs, () => outgoing.destroy(Object.assign(new Error('idle'), { code: 'ETIMEDOUT' })));
      outgoing.on('error', (error) => finish(error));
      outgoing.end(payload ?? undefined);
    });
  };

  return {
    getJson: (path, schema) => request('GET', path, undefined, schema),
    postJson: (path, body, schema) => request('POST', path, body, schema),
    putJson: (path, body, schema) => request('PUT', path, body, schema),
  };
};
