import { hostMessage } from '../../../shared/contract/host-message';
import { ENROLLMENT_QR_PREFIX, enrollmentCodeField, parseEnrollmentQr } from '../../../shared/sync/enroll';
import { normalizeFingerprint } from './certificate-pin';
import { parseServerAddress, type ServerAddress } from './server-address';
import { SyncHttpError } from './sync-error';

/**
 * What the device administrator enters to enroll: the server's address and the one-time code, or
 * the QR text the central system prints, `ccenroll:1?server=<address>&code=<code>&pin=<SHA-256 of
 * its certificate>` (pin optional). A QR with a pin spares the administrator comparing fingerprints:
 * the certificate must then match it.
 */
export interface EnrollmentEntry {
  address: ServerAddress;
  code: string;
  /** From the QR text, lower-case hex; null when none was given. */
  pin: string | null;
}

/** `abcd2345efgh6789` or `ABCD-2345-…` → `ABCD-2345-EFGH-6789`; null when it is not a code. */
export const normalizeEnrollmentCode = (text: string): string | null => {
  const compact = text.trim().toUpperCase().replace(/-/g, '');
  if (compact.length !== 16) return null;
  const code = compact.match(/.{4}/g)!.join('-');
  return enrollmentCodeField.safeParse(code).success ? code : null;
};

export const parseEnrollmentEntry = (input: { address: string; code?: string | undefined }): EnrollmentEntry => {
  const text = input.address.trim();
  if (text.startsWith(ENROLLMENT_QR_PREFIX)) {
    // The central system's own reading of its QR text (shared/sync/enroll.ts).
    const qr = parseEnrollmentQr(text);
    if (!qr) throw new SyncHttpError('ADDRESS_INVALID', hostMessage('host.sync.qr_invalid'));
    // A QR printed without --server-url: the address is typed, the code beside it.
    if (!qr.server) throw new SyncHttpError('ADDRESS_INVALID', hostMessage('host.sync.qr_without_server'));
    return { address: parseServerAddress(qr.server), code: qr.code, pin: qr.pin === undefined ? null : normalizeFingerprint(qr.pin) };
  }
  const address = parseServerAddress(text);
  const code = input.code === undefined ? null : normalizeEnrollmentCode(input.code);
  if (!code) throw new SyncHttpError('ADDRESS_INVALID', hostMessage('host.sync.code_missing'));
  return { address, code, pin: null };
};
