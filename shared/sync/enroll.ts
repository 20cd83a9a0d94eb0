import { z } from 'zod';
import { counterIdField, deviceIdField, hexOf, isoTime, orgUnitIdField, suiteField } from './wire-fields';

/**
 * Enrollment: an administrator of the central system makes a one-time code for one counter of one
 * hall (server CLI, also printed as a QR code); at the counter the device administrator enters the
 * server's address and the code. The device sends its signing public key and gets its credentials
 * (a bearer token only main holds), the central system's keys (receipts and publications are
 * verified with it) and the escrow public key its data key is then wrapped under.
 */
export const enrollmentCodeField = z.string().regex(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/, '登记码格式为 XXXX-XXXX-XXXX-XXXX');

/**
 * The QR code printed beside the code: `ccenroll:1?server=<url>&code=<code>[&pin=<sha256>]`, each value
 * URI-encoded. `pin` is the SHA-256 of the server's TLS certificate (DER, lower-case hex): a counter that
 * scans it trusts that certificate alone, whoever signed it. Without `server` the administrator types
 * the address.
 */
export const ENROLLMENT_QR_PREFIX = 'ccenroll:1?';

export interface EnrollmentQr {
  code: string;
  server?: string | undefined;
  pin?: string | undefined;
}

export const enrollmentQrText = ({ server, code, pin }: EnrollmentQr): string =>
  `${ENROLLMENT_QR_PREFIX}${[
    ['server', server],
    ['code', code],
    ['pin', pin],
  ]
    .filter((pair): pair is [string, string] => pair[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&')}`;

const certificatePin = z.string().regex(/^[0-9a-f]{64}$/);

/** The QR's fields, or null when the text is not an enrollment QR or a field does not check. */
export const parseEnrollmentQr = (text: string): EnrollmentQr | null => {
  if (!text.startsWith(ENROLLMENT_QR_PREFIX)) return null;
  const fields = new Map<string, string>();
  for (const pair of text.slice(ENROLLMENT_QR_PREFIX.length).split('&')) {
    const at = pair.indexOf('=');
    if (at < 1) return null;
    try {
      fields.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
    } catch {
      return null;
    }
  }
  const code = enrollmentCodeField.safeParse(fields.get('code'));
  const pin = fields.get('pin');
  if (!code.success || (pin !== undefined && !certificatePin.safeParse(pin).success)) return null;
  return { code: code.data, server: fields.get('server'), pin };
};

export const publicKeyInfoSchema = z
  .object({ suite: suiteField, keyId: hexOf(16), publicKey: hexOf(65) })
  .strict();
export type PublicKeyInfo = z.infer<typeof publicKeyInfoSchema>;

export const enrollRequestSchema = z
  .object({
    code: enrollmentCodeField,
    device: z
      .object({
        deviceId: deviceIdField,
        counterId: counterIdField,
        agencyName: z.string().min(1).max(100),
        signingKey: publicKeyInfoSchema,
      })
      .strict(),
  })
  .strict();
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export const orgUnitSchema = z.object({ id: orgUnitIdField, name: z.string(), level: z.enum(['province', 'city', 'hall']) }).strict();

export const escrowKeySchema = z
  .object({
    /** RSA-OAEP with SHA-256 over a 3072-bit key: Node and Electron's BoringSSL both have it. */
    algorithm: z.literal('rsa-oaep-sha256'),
    keyId: hexOf(16),
    publicKeyPem: z.string().max(4096),
  })
  .strict();
export type EscrowKey = z.infer<typeof escrowKeySchema>;

export const enrollResponseSchema = z
  .object({
    deviceId: deviceIdField,
    counterId: counterIdField,
    /** The device's bearer token: main keeps it sealed; the server keeps only its hash. */
    token: z.string().min(32).max(200),
    /** Hall first, then city, then province. */
    orgPath: z.array(orgUnitSchema).min(1),
    serverKey: publicKeyInfoSchema,
    escrowKey: escrowKeySchema,
    serverTime: isoTime,
  })
  .strict();
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

/**
 * The device's data secret wrapped under the escrow key (RSA-OAEP-SHA256, base64 of the 384-byte
 * ciphertext), sent once after enrollment with `PUT /v1/device/escrow`. The same deposit again is
 * answered as before; another one is refused: a deposit is never replaced.
 */
export const ESCROW_WRAPPED_BYTES = 384;

export const escrowDepositSchema = z
  .object({ escrowKeyId: hexOf(16), wrappedKey: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(2048) })
  .strict();
export type EscrowDeposit = z.infer<typeof escrowDepositSchema>;

export const escrowDepositResponseSchema = z.object({ escrowKeyId: hexOf(16), depositedAt: isoTime }).strict();
export type EscrowDepositResponse = z.infer<typeof escrowDepositResponseSchema>;
