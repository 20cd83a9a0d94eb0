import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LEDGER_FILE, ledgerEntryHash, ledgerLineStatement, type LedgerEntry } from '../../electron/services/archive-ledger';
import { toHex } from '../../electron/services/crypto/bytes';
import { loadSuite, type SuiteName } from '../../electron/services/crypto/suite';
import { deviceSignerSource } from '../../electron/services/evidence/device-signer-source';
import { publishDeviceKey } from '../../electron/services/evidence/archive-keys';
import { signLetterCode } from '../../electron/services/evidence/letter-code';
import { sealedRecordFileBytes } from '../../electron/services/evidence/sealed-record-file';
import { FALLBACK_SECRET_KEY_FILE } from '../../electron/services/identity';
import { createKeyFileSecretStore } from '../../electron/services/key-file-secret-store';
import { createPersonalDataCipher } from '../../electron/services/personal-data/personal-data-cipher';
import { sha256Hex } from '../../electron/services/file-hash';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { formatCaseNumber, shanghaiDate } from '../../shared/domain/case-number';
import { recordHash } from '../../shared/domain/seal';
import { GENESIS_HASH, type SealedRecord } from '../../shared/domain/sealed-record';
import { sealSample } from './sealed-sample';

/**
 * A signed archive of `count` records with letters, written straight to disk in the archive's own
 * formats (encrypted record files with their envelopes, signed and chained ledger lines, the published key)
 * without the archive service's fsyncs, which would make generating 10,000 letters take longer than
 * verifying them. Every letter is the same real letter PDF with its case number appended after
 * %%EOF, so each file has its own hash and the size of a real one. `deviceId` names the device the
 * records and published key belong to: the sample's own `dev-1` is too short for the central system's
 * device-id rule (8–64 characters), so an archive meant to be pushed names an enrollable one.
 */
export const writeSignedArchive = async (
  dir: string,
  dataDir: string,
  suiteName: SuiteName,
  count: number,
  letter: Buffer,
  options: { deviceId?: string } = {},
): Promise<void> => {
  const suite = await loadSuite(suiteName);
  const signer = await deviceSignerSource({ dataDir, suite: suiteName })();
  // Record files as main writes them now: encrypted under the data key (signed-record/2).
  const cipher = await createPersonalDataCipher({ dataDir, secrets: createKeyFileSecretStore(path.join(dataDir, FALLBACK_SECRET_KEY_FILE)), suite: suiteName });
  const sample = await sealSample(0);
  const template: SealedRecord = options.deviceId ? { ...sample, device: { ...sample.device, deviceId: options.deviceId } } : sample;
  await publishDeviceKey(dir, signer, template.device.deviceId);
  const lines: string[] = [];
  let last: LedgerEntry | null = null;
  const enter = (kind: 'record' | 'letter', caseNumber: string, relativePath: string, bytes: Buffer, record: string) => {
    const body = {
      seq: (last?.seq ?? 0) + 1,
      kind,
      caseNumber,
      relativePath,
      sha256: sha256Hex(bytes),
      bytes: bytes.length,
      recordHash: record,
      at: new Date(Date.UTC(2026, 10, 28, 2)).toISOString(),
      prev: last?.hash ?? GENESIS_HASH,
      suite: suiteName,
      keyId: signer.keyId,
      digest: toHex(suite.hash(bytes)),
    };
    const unsigned: LedgerEntry = { ...body, hash: ledgerEntryHash(body) };
    last = { ...unsigned, sig: toHex(signer.sign(ledgerLineStatement(unsigned))) };
    lines.push(canonicalJson(last));
  };
  let prevHash = GENESIS_HASH;
  // One case every 10 s from midnight in Shanghai: 8,640 a day, numbered from 1 each day.
  const perDay = new Map<string, number>();
  for (let i = 0; i < count; i += 1) {
    const sealedAt = new Date(Date.UTC(2026, 10, 27, 16, 0, 0) + i * 10_000);
    const day = shanghaiDate(sealedAt);
    const number = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, number);
    const { hash: _template, ...templateBody } = template;
    const body = {
      ...templateBody,
      caseNumber: formatCaseNumber('C01', day, number),
      sequence: i + 1,
      prevHash,
      timestamps: { ...templateBody.timestamps, sealedAt: sealedAt.toISOString() },
    };
    const record: SealedRecord = { ...body, hash: await recordHash(body) };
    prevHash = record.hash;
    const folder = `${day}/C01`;
    await mkdir(path.join(dir, day, 'C01'), { recursive: true });
    const recordBytes = sealedRecordFileBytes(record, suite, signer, cipher, await signLetterCode(record, signer));
    const pdf = Buffer.concat([letter, Buffer.from(`% ${record.caseNumber}\n`)]);
    await writeFile(path.join(dir, folder, `${record.caseNumber}.record.json`), recordBytes);
    await writeFile(path.join(dir, folder, `${record.caseNumber}.pdf`), pdf);
    enter('record', record.caseNumber, `${folder}/${record.caseNumber}.record.json`, recordBytes, record.hash);
    enter('letter', record.caseNumber, `${folder}/${record.caseNumber}.pdf`, pdf, record.hash);
  }
  await writeFile(path.join(dir, LEDGER_FILE), `${lines.join('\n')}\n`);
};
