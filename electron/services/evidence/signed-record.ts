import { z } from 'zod';
import { canonicalJson } from '../../../shared/crypto/canonical-json';
import { chainRecordSchema, type ChainRecord } from '../../../shared/domain/chain-record';
import { fromHex, toHex, utf8Bytes } from '../crypto/bytes';
import { suiteNames, type CryptoSuite, type SuiteName } from '../crypto/suite';
import type { DeviceSigner } from '../device-key';
import { chainViewOf, openSealedRecord, sealedRecordFileSchema, type ChainView, type RecordCipher, type SealedEnvelope } from './sealed-record-file';

/**
 * The archived record file, `<case>.record.json`. Three versions, each valid under its own schema:
 * - unsigned (before signatures): the sealed record's canonical JSON itself;
 * - `signed-record/2` (sealed-record-file.ts): encrypted under the data key, signed, with a chain view
 *   in clear — what main writes now;
 * - `signed-record/1`: `{ envelope, record }` in canonical JSON, the record untouched (the renderer's
 *   schema stays as it is) and beside it the envelope — the suite, the device key's id and the
 *   signature over the statement below.
 *
 * The statement names the suite, the key, the case, the record's SHA-256 (its hash of record) and the
 * suite's own hash of the record body (SM3 under `gm`, so a `gm` record does not rest on SHA-256).
 * The `signed-record/1` prefix keeps a record signature from ever passing for a ledger line's or a
 * letter code's.
 */
export const SIGNED_RECORD_SCHEMA = 'signed-record/1';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

export const recordEnvelopeSchema = z
  .object({ schema: z.literal(SIGNED_RECORD_SCHEMA), suite: z.enum(suiteNames), keyId: hex(16), signature: hex(64) })
  .strict();
export type RecordEnvelope = z.infer<typeof recordEnvelopeSchema>;

const signedRecordFileSchema = z.object({ envelope: recordEnvelopeSchema, record: z.unknown() }).strict();

const bodyOf = (record: ChainRecord): Omit<ChainRecord, 'hash'> => {
  const { hash: _hash, ...body } = record;
  return body;
};

/** The bytes a record signature is over, rebuilt by the verifier from the record itself. */
export const recordStatement = (record: ChainRecord, suite: CryptoSuite, keyId: string): Uint8Array =>
  utf8Bytes(
    `${SIGNED_RECORD_SCHEMA}\n${canonicalJson({
      suite: suite.name,
      keyId,
      caseNumber: record.caseNumber,
      recordHash: record.hash,
      digest: toHex(suite.hash(utf8Bytes(canonicalJson(bodyOf(record))))),
    })}`,
  );

export const signRecord = (record: ChainRecord, suite: CryptoSuite, signer: DeviceSigner): RecordEnvelope => ({
  schema: SIGNED_RECORD_SCHEMA,
  suite: signer.suite,
  keyId: signer.keyId,
  signature: toHex(signer.sign(recordStatement(record, suite, signer.keyId))),
});

/** The file's bytes: canonical JSON and a newline, so the same record always gives the same file. */
export const signedRecordFileBytes = (record: ChainRecord, envelope: RecordEnvelope): Buffer =>
  Buffer.from(`${canonicalJson({ envelope, record })}\n`, 'utf8');

export type RecordFile =
  | { kind: 'signed'; record: ChainRecord; chain: ChainView; envelope: RecordEnvelope }
  | { kind: 'unsigned'; record: ChainRecord; chain: ChainView }
  /**
   * Encrypted (`signed-record/2`, sealed-record-file.ts): the chain view is in clear; the record only
   * when the reader holds the data key and it opened as the record the file describes.
   */
  | { kind: 'sealed'; record: ChainRecord | null; chain: ChainView; envelope: SealedEnvelope; sealed: string }
  /** Not a record file of any version, or not in its one canonical form (any byte changed). */
  | { kind: 'unreadable' };

/** What opens an encrypted record file: main's data-key cipher and its suite. */
export interface RecordOpener {
  cipher: RecordCipher;
  suite: CryptoSuite;
}

/**
 * Reads a record file of either version. A file must be exactly its canonical form: JSON that
 * parses to the same values but differs in a byte (a space, an escape) is as altered as any other.
 */
export const readRecordFile = (bytes: Uint8Array, opener?: RecordOpener): RecordFile => {
  let raw: unknown;
  const text = Buffer.from(bytes).toString('utf8');
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'unreadable' };
  }
  if (text !== `${canonicalJson(raw)}\n`) return { kind: 'unreadable' };
  const sealedFile = sealedRecordFileSchema.safeParse(raw);
  if (sealedFile.success) {
    const { envelope, chain, sealed } = sealedFile.data;
    const record = opener && opener.suite.name === envelope.suite ? openSealedRecord(sealedFile.data, opener.cipher, opener.suite) : null;
    return { kind: 'sealed', record, chain, envelope, sealed };
  }
  const signed = signedRecordFileSchema.safeParse(raw);
  const recordRaw = signed.success ? signed.data.record : raw;
  // The hash is recomputed over the file's own object, not over what the schema gives back.
  if (!chainRecordSchema.safeParse(recordRaw).success) return { kind: 'unreadable' };
  const record = recordRaw as ChainRecord;
  const chain = chainViewOf(record);
  if (signed.success) return { kind: 'signed', record, chain, envelope: signed.data.envelope };
  // Voids came with signatures: an unsigned one is not a version that ever existed.
  return record.schema === 'commitment-record/1' ? { kind: 'unsigned', record, chain } : { kind: 'unreadable' };
};

/** Whether the envelope's signature holds for this record under the given key. */
export const recordSignatureHolds = (
  record: ChainRecord,
  envelope: RecordEnvelope,
  suite: CryptoSuite,
  verify: (message: Uint8Array, signature: Uint8Array) => boolean,
): boolean => envelope.suite === suite.name && verify(recordStatement(record, suite, envelope.keyId), fromHex(envelope.signature));

export type { SuiteName };
