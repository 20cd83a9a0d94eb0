import type { DeviceSettings } from '../../../shared/contract/domains/setup';
import type { EnrolledInfo, EnrollPreview } from '../../../shared/contract/domains/sync';
import { hostMessage } from '../../../shared/contract/host-message';
import { fail, ok, type Result } from '../../../shared/contract/result';
import { enrollResponseSchema, type EnrollRequest } from '../../../shared/sync/enroll';
import { KeyedLock } from '../atomic-file';
import type { DeviceSigner } from '../device-key';
import { displayFingerprint, normalizeFingerprint } from './certificate-pin';
import type { CredentialsStore, SyncCredentials } from './credentials-store';
import { parseEnrollmentEntry, type EnrollmentEntry } from './enrollment-entry';
import { fetchServerCertificate, type PresentedCertificate } from './server-certificate';
import { createSyncClient, type PinnedCertificate } from './sync-client';
import { syncFailure, SyncHttpError } from './sync-error';

/**
 * Enrollment, the device administrator's, in two steps kept simple and stateless:
 * 1. `preview`: read the address (or QR text) and, over HTTPS, fetch the certificate the server
 *    presents — nothing else is sent — and answer its fingerprint. A QR text with `pin=` must match
 *    it; otherwise the administrator compares it with the one the central system's administrator
 *    gave (on paper, by phone).
 * 2. `enroll`, with the fingerprint the administrator confirmed: the certificate is fetched again
 *    and must still be that one (nothing is kept between the steps), then POST /v1/enroll goes over
 *    a connection pinned to it with the device's id, counter, agency and signing public key. The
 *    answer (token, server key, escrow key, org path) is sealed into the credentials file and never
 *    leaves main; the escrow deposit follows in the sync loop (sync-engine.ts).
 *
 * Once enrolled, both steps are refused — except after the central system revoked this device
 * (sync-state.ts `revoked`): then the administrator enrolls again with a new code the central
 * system's administrator made for this counter. The device stays the same device: its id, its
 * signing key, its archive and its unsent lines; the central system takes it back under that key
 * (server/enrollment/enroll-device.ts) and the new credentials replace the revoked ones. They must
 * come from the same central system (the same signing key): the receipts kept so far are its, and
 * the device's chain continues where that system holds it.
 */
export const ENROLL_PATH = '/v1/enroll';

export interface EnrollmentOptions {
  credentials: CredentialsStore;
  device: () => Promise<Result<DeviceSettings | null>>;
  signer: () => Promise<DeviceSigner>;
  /** Written after the credentials: the administrator's act, in main's audit log. */
  audited: (hallId: string, transport: 'pinned' | 'loopback', again: boolean) => Promise<void>;
  /** Whether the central system revoked the credentials held (then a new enrollment may replace them). */
  revoked: () => Promise<boolean>;
  /** After new credentials replaced revoked ones: the sync state forgets the revocation. */
  replaced?: (previous: SyncCredentials, next: SyncCredentials) => Promise<void>;
  now?: () => Date;
  /** For tests that make the handshake wait; the app uses the default. */
  certificateTimeoutMs?: number;
}

export interface Enrollment {
  preview(input: { address: string; code?: string | undefined }): Promise<Result<EnrollPreview>>;
  enroll(input: { address: string; code?: string | undefined; fingerprint: string | null }): Promise<Result<EnrolledInfo>>;
}

/** What the renderer may know of the credentials: never the token, a key or the PEM. */
export const enrolledInfoOf = (credentials: SyncCredentials): EnrolledInfo => ({
  serverUrl: credentials.origin,
  hallName: credentials.orgPath[0]!.name,
  enrolledAt: credentials.enrolledAt,
  fingerprint: credentials.pin ? displayFingerprint(credentials.pin.fingerprint) : null,
});

const guarded = async <T>(work: () => Promise<Result<T>>): Promise<Result<T>> => {
  try {
    return await work();
  } catch (error) {
    return syncFailure(error);
  }
};

export const createEnrollment = (options: EnrollmentOptions): Enrollment => {
  const now = options.now ?? (() => new Date());
  const lock = new KeyedLock();

  /** The credentials a new enrollment replaces (null for the first); refused while they are in force. */
  const replaceable = async (): Promise<Result<SyncCredentials | null>> => {
    const held = await options.credentials.read();
    if (held && !(await options.revoked())) return fail('SYNC_ALREADY_ENROLLED', 'host.sync.already_enrolled');
    return ok(held);
  };

  const certificateOf = async (entry: EnrollmentEntry): Promise<PresentedCertificate> => {
    const presented = await fetchServerCertificate(entry.address, options.certificateTimeoutMs);
    if (entry.pin !== null && entry.pin !== presented.fingerprint) throw new SyncHttpError('CERTIFICATE_MISMATCH', hostMessage('host.sync.certificate_mismatch'));
    return presented;
  };

  return {
    preview: (input) =>
      guarded<EnrollPreview>(async () => {
        const held = await replaceable();
        if (!held.ok) return held;
        const entry = parseEnrollmentEntry(input);
        const base = { serverUrl: entry.address.origin, code: entry.code };
        if (entry.address.protocol === 'http') return ok({ ...base, transport: 'http-loopback' as const, fingerprint: null, fingerprintFromQr: false });
        const presented = await certificateOf(entry);
        return ok({ ...base, transport: 'https' as const, fingerprint: displayFingerprint(presented.fingerprint), fingerprintFromQr: entry.pin !== null });
      }),

    enroll: (input) =>
      lock.run('enroll', () =>
        guarded(async () => {
          const held = await replaceable();
          if (!held.ok) return held;
          const previous = held.value;
          const entry = parseEnrollmentEntry(input);
          const device = await options.device();
          if (!device.ok) return device;
          if (!device.value) return fail('DEVICE_NOT_CONFIGURED', 'host.device.not_configured');
          let pin: PinnedCertificate | null = null;
          if (entry.address.protocol === 'https') {
            const confirmed = input.fingerprint === null ? null : normalizeFingerprint(input.fingerprint);
            if (confirmed === null) return fail('SYNC_FINGERPRINT_NEEDED', 'host.sync.fingerprint_needed');
            if (entry.pin !== null && entry.pin !== confirmed) return fail('SYNC_CERTIFICATE_MISMATCH', 'host.sync.certificate_mismatch');
            const presented = await certificateOf(entry);
            if (presented.fingerprint !== confirmed) {
              return fail('SYNC_FINGERPRINT_CHANGED', 'host.sync.fingerprint_changed', { fingerprint: displayFingerprint(presented.fingerprint) });
            }
            pin = { certificates: presented.certificates, fingerprint: presented.fingerprint };
          }
          const signer = await options.signer();
          const { deviceId, counterId, agencyName } = device.value;
          const request: EnrollRequest = {
            code: entry.code,
            device: { deviceId, counterId, agencyName, signingKey: { suite: signer.suite, keyId: signer.keyId, publicKey: signer.publicKey } },
          };
          const client = createSyncClient({ origin: entry.address.origin, pin });
          const answer = await client.postJson(ENROLL_PATH, request, enrollResponseSchema);
          // The credentials are for this very device: anything else is not an answer to our request.
          if (answer.deviceId !== deviceId || answer.counterId !== counterId) {
            throw new SyncHttpError('BAD_RESPONSE', hostMessage('host.sync.bad_response', { status: 200 }), 200);
          }
          const credentials: SyncCredentials = {
            version: 1,
            origin: entry.address.origin,
            token: answer.token,
            pin,
            deviceId,
            counterId,
            orgPath: answer.orgPath,
            serverKey: answer.serverKey,
            escrowKey: answer.escrowKey,
            enrolledAt: now().toISOString(),
          };
          if (previous) {
            // Another central system's credentials would not continue this device's chain there.
            if (answer.serverKey.keyId !== previous.serverKey.keyId) return fail('SYNC_REENROLL_OTHER_CENTRAL', 'host.sync.reenroll_other_central');
            await options.credentials.replace(credentials);
            await options.replaced?.(previous, credentials);
          } else await options.credentials.write(credentials);
          await options.audited(answer.orgPath[0]!.id, pin ? 'pinned' : 'loopback', previous !== null);
          return ok(enrolledInfoOf(credentials));
        }),
      ),
  };
};
