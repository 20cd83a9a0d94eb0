import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSyncClient } from '../../electron/services/sync/sync-client';
import { fetchServerCertificate } from '../../electron/services/sync/server-certificate';
import { parseServerAddress } from '../../electron/services/sync/server-address';
import type { EnrolledInfo, EnrollPreview, SyncStatus } from '../../shared/contract/host-contract';
import { enrollmentQrText } from '../../shared/sync/enroll';
import { z } from 'zod';
import { zhText } from './fixtures/host-text';
import { ADMIN, startSyncCentral, startSyncCounter, type SyncCentral, type SyncCounter } from './fixtures/sync-counter';
import { value } from './fixtures/test-host';

/**
 * HTTPS with the server's certificate pinned at enrollment, against the real central system serving
 * certificates made for the test with openssl: the whole enrollment and push succeed over the pinned
 * certificate, and the same server with another certificate is refused, by name, before anything
 * (the token) is sent.
 */
let folder: string;
const certificate = (name: string) => {
  const certFile = path.join(folder, `${name}.pem`);
  const keyFile = path.join(folder, `${name}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '2', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  const fingerprint = execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' }).trim().split('=')[1]!;
  return { certFile, keyFile, fingerprint };
};
let first: ReturnType<typeof certificate>;
let second: ReturnType<typeof certificate>;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'sync-tls-'));
  first = certificate('first');
  second = certificate('second');
});
afterAll(() => rm(folder, { recursive: true, force: true }));

let central: (SyncCentral & { dataDir: string; port: number }) | null = null;
let counter: SyncCounter | null = null;
afterEach(async () => {
  await counter?.remove();
  await central?.close();
  central = counter = null;
});

const enrollOver = async (c: NonNullable<typeof central>, fingerprint: string) => {
  counter = await startSyncCounter();
  await counter.signInAs(ADMIN);
  const code = await c.code();
  const preview = value(await counter.call<EnrollPreview>('syncEnrollPreview', { address: c.central.url, code }));
  return { preview, code, enrolled: await counter.call<EnrolledInfo>('syncEnroll', { address: c.central.url, code, fingerprint }) };
};

describe('HTTPS with the pinned certificate', () => {
  it('shows the certificate’s fingerprint to confirm, enrolls over it and pushes a sealed archive through it', async () => {
    central = await startSyncCentral({ tls: { certFile: first.certFile, keyFile: first.keyFile } });
    expect(central.central.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const { preview, enrolled } = await enrollOver(central, first.fingerprint);
    // The fingerprint as openssl prints it: what the central system's administrator reads out.
    expect(preview).toEqual({ serverUrl: central.central.url, code: expect.any(String), transport: 'https', fingerprint: first.fingerprint, fingerprintFromQr: false });
    expect(value(enrolled)).toMatchObject({ serverUrl: central.central.url, fingerprint: first.fingerprint });

    await counter!.sealWithLetter('draft-1');
    await counter!.sealWithLetter('draft-2');
    const after = value(await counter!.call<SyncStatus>('syncNow'));
    expect(after).toMatchObject({ unsentRecords: 0, lastError: null, escrowPending: false, fingerprint: first.fingerprint, receiptedHead: { ledgerSeq: 4 } });
  });

  it('refuses the same server presenting another certificate, with a clear reason, and counts nothing as sent', async () => {
    central = await startSyncCentral({ tls: { certFile: first.certFile, keyFile: first.keyFile } });
    value((await enrollOver(central, first.fingerprint)).enrolled);
    await counter!.sealWithLetter('draft-1');
    const { dataDir, port } = central;
    await central.stop();
    // The same deployment, database and address — but another certificate (a server posing as it).
    const again = await startSyncCentral({ tls: { certFile: second.certFile, keyFile: second.keyFile }, again: { dataDir, port } });
    central = again;
    const after = value(await counter!.call<SyncStatus>('syncNow'));
    expect(after.lastError?.code).toBe('SYNC_CERTIFICATE_MISMATCH');
    expect(zhText(after.lastError!)).toContain('中心系统出示的证书与登记时确认的不一致，已拒绝连接');
    expect(after).toMatchObject({ unsentRecords: 1, lastSuccessAt: null });
    // Nothing reached the server: it holds no line of this device.
    const held = await again.central.context.central.db.selectFrom('ledger_entries').select('seq').execute();
    expect(held).toEqual([]);
  });

  it('takes the pin from the QR text, and refuses a QR whose pin is not the server’s certificate', async () => {
    central = await startSyncCentral({ tls: { certFile: first.certFile, keyFile: first.keyFile } });
    counter = await startSyncCounter();
    await counter.signInAs(ADMIN);
    const pin = (fingerprint: string) => fingerprint.replaceAll(':', '').toLowerCase();
    const code = await central.code();
    const qr = enrollmentQrText({ server: central.central.url, code, pin: pin(first.fingerprint) });
    expect(value(await counter.call<EnrollPreview>('syncEnrollPreview', { address: qr }))).toMatchObject({ transport: 'https', fingerprint: first.fingerprint, fingerprintFromQr: true });
    const wrongQr = enrollmentQrText({ server: central.central.url, code, pin: pin(second.fingerprint) });
    const refused = await counter.call('syncEnrollPreview', { address: wrongQr });
    expect(!refused.ok && refused.error.code).toBe('SYNC_CERTIFICATE_MISMATCH');
    // Confirming a fingerprint other than the one presented enrolls nothing.
    const changed = await counter.call('syncEnroll', { address: central.central.url, code, fingerprint: second.fingerprint });
    expect(!changed.ok && changed.error.code).toBe('SYNC_FINGERPRINT_CHANGED');
    expect(value(await counter.call<EnrolledInfo>('syncEnroll', { address: qr, fingerprint: first.fingerprint })).fingerprint).toBe(first.fingerprint);
  });

  it('the client alone: needs a pin for HTTPS, and with the wrong one never completes a request', async () => {
    central = await startSyncCentral({ tls: { certFile: first.certFile, keyFile: first.keyFile } });
    const address = parseServerAddress(central.central.url);
    const presented = await fetchServerCertificate(address);
    expect(() => createSyncClient({ origin: central!.central.url })).toThrow();
    const health = z.object({ status: z.literal('ok') }).passthrough();
    const pinned = createSyncClient({ origin: central.central.url, pin: presented });
    expect(await pinned.getJson('/healthz', health)).toMatchObject({ status: 'ok' });
    const other = await fetchServerCertificate(address).then((cert) => ({ ...cert, fingerprint: 'ab'.repeat(32) }));
    await expect(createSyncClient({ origin: central.central.url, pin: other }).getJson('/healthz', health)).rejects.toMatchObject({ code: 'CERTIFICATE_MISMATCH' });
  });
});
