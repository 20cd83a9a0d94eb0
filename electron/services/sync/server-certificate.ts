import { isIP } from 'node:net';
import { connect, type PeerCertificate } from 'node:tls';
import { fingerprintOfDer, pemOfDer, presentedChain } from './certificate-pin';
import type { ServerAddress } from './server-address';
import { transportFailure } from './sync-client';

export interface PresentedCertificate {
  /** SHA-256 of the leaf's DER, lower-case hex. */
  fingerprint: string;
  /** The leaf and the issuers the server sent, PEM, leaf first. */
  certificates: string[];
}

/**
 * The certificate an HTTPS server presents, read with a bare TLS handshake and nothing sent after
 * it: the first step of enrollment, before anything is trusted. It is deliberately not verified
 * (`rejectUnauthorized: false`) — a self-signed central system has no chain to verify — because the
 * administrator verifies it instead, by its fingerprint, and only then is it pinned.
 */
export const fetchServerCertificate = (address: ServerAddress, timeoutMs = 15_000): Promise<PresentedCertificate> =>
  new Promise((resolve, reject) => {
    const socket = connect({
      host: address.hostname,
      port: address.port,
      // SNI names a host, never an address literal.
      ...(isIP(address.hostname) === 0 ? { servername: address.hostname } : {}),
      rejectUnauthorized: false,
    });
    const done = (error: unknown, value?: PresentedCertificate) => {
      socket.destroy();
      if (error) reject(transportFailure(error));
      else resolve(value!);
    };
    socket.setTimeout(timeoutMs, () => done(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    socket.once('error', (error) => done(error));
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate(true) as PeerCertificate;
      if (!peer?.raw) return done(Object.assign(new Error('no certificate'), { code: 'ERR_TLS_NO_CERTIFICATE' }));
      const chain = presentedChain(peer);
      done(null, { fingerprint: fingerprintOfDer(peer.raw), certificates: chain.map(pemOfDer) });
    });
  });
