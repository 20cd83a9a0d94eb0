import { isIP } from 'node:net';
import { hostMessage } from '../../../shared/contract/host-message';
import { SyncHttpError } from './sync-error';

/**
 * The central system's address as the counter accepts it: `https://host[:port]`, or plain
 * `http://` only to this machine (127.0.0.0/8, ::1, localhost) — a central system on the same
 * machine for a test or a demonstration, where nothing crosses a network. Anything else in plain
 * HTTP would carry the device's token and the applicants' sealed records in the clear, so it is
 * refused here, before any connection, and again by the client on every request.
 */
export interface ServerAddress {
  /** `https://host:port` without a trailing slash or path: what credentials keep. */
  origin: string;
  protocol: 'https' | 'http';
  hostname: string;
  port: number;
}

/** True for 127.0.0.0/8, ::1 and localhost — the only hosts plain HTTP may go to. */
export const isLoopbackHost = (hostname: string): boolean => {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.split('.')[0] === '127';
};

const invalid = () => new SyncHttpError('ADDRESS_INVALID', hostMessage('host.sync.address_invalid'));

/** Parses and checks an address; only an origin (a bare `/` path at most), no credentials, query or fragment. */
export const parseServerAddress = (text: string): ServerAddress => {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw invalid();
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid();
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) throw invalid();
  if (!url.hostname) throw invalid();
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  if (protocol === 'http' && !isLoopbackHost(url.hostname)) throw new SyncHttpError('INSECURE_TRANSPORT', hostMessage('host.sync.insecure_transport'));
  const port = url.port ? Number(url.port) : protocol === 'https' ? 443 : 80;
  return { origin: url.origin, protocol, hostname: url.hostname.replace(/^\[|\]$/g, ''), port };
};
