import { createHash, X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';

/**
 * The central system's certificate, pinned at enrollment: its SHA-256 over the DER bytes (what
 * browsers and `openssl x509 -fingerprint -sha256` show) identifies it. Kept as lower-case hex
 * without separators; shown to people as `AB:CD:…`.
 */
export const fingerprintOfDer = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

/** Accepts `AB:CD:…`, `abcd…`, either case; null when it is not 32 bytes of hex. */
export const normalizeFingerprint = (text: string): string | null => {
  const hex = text.trim().replace(/:/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
};

/** `AB:CD:…`, as the administrator compares it with what the central system's administrator gave. */
export const displayFingerprint = (hex: string): string => hex.toUpperCase().match(/../g)!.join(':');

export const pemOfDer = (der: Uint8Array): string => {
  const base64 = Buffer.from(der).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
};

/** The fingerprint of a PEM certificate (the one the credentials keep). */
export const fingerprintOfPem = (pem: string): string => fingerprintOfDer(new X509Certificate(pem).raw);

/** The certificate a TLS peer presented, with its issuers as far as the server sent them (leaf first). */
export const presentedChain = (peer: PeerCertificate & { issuerCertificate?: PeerCertificate }): Buffer[] => {
  const chain: Buffer[] = [];
  const seen = new Set<string>();
  for (let cert: (PeerCertificate & { issuerCertificate?: PeerCertificate }) | undefined = peer; cert?.raw; cert = cert.issuerCertificate) {
    const fingerprint = fingerprintOfDer(cert.raw);
    if (seen.has(fingerprint)) break; // a self-signed certificate is its own issuer
    seen.add(fingerprint);
    chain.push(cert.raw);
  }
  return chain;
};
