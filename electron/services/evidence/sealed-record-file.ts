import { z } from 'zod';
import { canonicalJson } from '../../../shared/crypto/canonical-json';
import { chainRecordSchema, type ChainRecord } from '../../../shared/domain/chain-record';
import { caseNumberPattern } from '../../../shared/domain/sealed-record';
import { toHex, utf8Bytes } from '../crypto/bytes';
import { suiteNames, type CryptoSuite } from '../crypto/suite';
import type { DeviceSigner } from '../device-key';

/**
 * `signed-record/2`: a record file whose content is encrypted under the device's data key, so the
 * archive holds no name, ID number, phone or signature stroke in clear:
 *
 *   { envelope: { schema, suite, keyId, digest, signature }, chain: {…}, sealed: "pd1.<suite>.…" }
 *
 * - `chain`: what a verifier without the data key needs to check the chain — the record's schema, case
 *   number, place in the chain, previous hash, its own hash (SHA-256 of the record body, as ever),
 *   the device and the sealing time. No personal data.
 * - `sealed`: the whole record (canonical JSON), sealed with the personal-data cipher, bound to the
 *   device and the case number as associated data (a sealed text moved to another file does not open).
 * - `digest`: the suite's hash (SM3 under gm) of the record body; `signature`: the device key over the
 *   statement below, which covers `chain`, `digest` and the suite's hash of the sealed text — so the
 *   signature holds or fails without the data key, and with it the opened record must give `digest`
 *   and `chain.hash` again.
 */
export const SEALED_RECORD_SCHEMA = 'signed-record/2';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
const sha256 = hex(32);

export const chainViewSchema = z
  .object({
    schema: z.enum(['commitment-record/1', 'void-record/1']),
    caseNumber: z.string().regex(caseNumberPattern),
    sequence: z.number().int().positive(),
    prevHash: sha256,
    hash: sha256,
    device: z.object({ deviceId: z.string(), counterId: z.string().regex(/^[A-Z0-9]{1,8}$/), agencyName: z.string() }).strict(),
    sealedAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type ChainView = z.infer<typeof chainViewSchema>;

export const sealedEnvelopeSchema = z
  .object({
    schema: z.literal(SEALED_RECORD_SCHEMA),
    suite: z.enum(suiteNames),
    keyId: hex(16),
    digest: hex(32),
    /**
     * A sealed case's letter code (CCL2, the QR's text), signed with the record: kept here, under the
     * record's ledger line, so every rendering of the letter — preview, reprint, a retry after a crash,
     * a restored data folder — draws the same QR. Null for a void, which has no letter.
     */
    letterCode: z.string().max(400).nullable(),
    signature: hex(64),
  })
  .strict();
export type SealedEnvelope = z.infer<typeof sealedEnvelopeSchema>;

export const sealedRecordFileSchema = z
  .object({ envelope: sealedEnvelopeSchema, chain: chainViewSchema, sealed: z.string().min(1).max(64 * 1024 * 1024) })
  .strict();

/** Seals and opens personal data: the data key's cipher, seen only through what record files need. */
export interface RecordCipher {
  sealJson(value: unknown, context: string): string;
  openJson<T = unknown>(text: string, context: string): T;
}

export const chainViewOf = (record: ChainRecord): ChainView => ({
  schema: record.schema,
  caseNumber: record.caseNumber,
  sequence: record.sequence,
  prevHash: record.prevHash,
  hash: record.hash,
  device: { ...record.device },
  sealedAt: record.timestamps.sealedAt,
});

/** The associated data of a record's sealed text. */
export const recordContext = (chain: Pick<ChainView, 'device' | 'caseNumber'>): string => `record:${chain.device.deviceId}:${chain.caseNumber}`;

const bodyDigest = (record: ChainRecord, suite: CryptoSuite): string => {
  const { hash: _hash, ...body } = record;
  return toHex(suite.hash(utf8Bytes(canonicalJson(body))));
};

/** The bytes a `signed-record/2` signature is over, rebuilt from the file alone. */
export const sealedRecordStatement = (
  file: { envelope: Pick<SealedEnvelope, 'suite' | 'keyId' | 'digest' | 'letterCode'>; chain: ChainView; sealed: string },
  suite: CryptoSuite,
): Uint8Array =>
  utf8Bytes(
    `${SEALED_RECORD_SCHEMA}\n${canonicalJson({
      suite: file.envelope.suite,
      keyId: file.envelope.keyId,
      chain: file.chain,
      digest: file.envelope.digest,
      letterCode: file.envelope.letterCode,
      sealedDigest: toHex(suite.hash(utf8Bytes(file.sealed))),
    })}`,
  );

/** The file of a record, encrypted and signed: canonical JSON and a newline. */
export const sealedRecordFileBytes = (record: ChainRecord, suite: CryptoSuite, signer: DeviceSigner, cipher: RecordCipher, letterCode: string | null): Buffer => {
  const chain = chainViewOf(record);
  const sealed = cipher.sealJson(record, recordContext(chain));
  const unsigned = { suite: signer.suite, keyId: signer.keyId, digest: bodyDigest(record, suite), letterCode };
  const signature = toHex(signer.sign(sealedRecordStatement({ envelope: unsigned, chain, sealed }, suite)));
  return Buffer.from(`${canonicalJson({ envelope: { schema: SEALED_RECORD_SCHEMA, ...unsigned, signature }, chain, sealed })}\n`, 'utf8');
};

/**
 * The record inside a sealed file, opened with the data key, or null when it does not open, does not
 * parse, or is not the record the file's chain view and digest describe.
 */
export const openSealedRecord = (file: z.infer<typeof sealedRecordFileSchema>, cipher: RecordCipher, suite: CryptoSuite): ChainRecord | null => {
  let value: unknown;
  try {
    value = cipher.openJson(file.sealed, recordContext(file.chain));
  } catch {
    return null;
  }
  const parsed = chainRecordSchema.safeParse(value);
  if (!parsed.success) return null;
  const record = value as ChainRecord;
  if (canonicalJson(chainViewOf(record)) !== canonicalJson(file.chain) || bodyDigest(record, suite) !== file.envelope.digest) return null;
  return record;
};
