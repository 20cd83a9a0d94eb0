import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ledgerLineStatement, type LedgerEntry } from '../archive-ledger';
import type { EvidenceFinding, EvidenceReport, SignatureProblem } from '../../../shared/contract/archive-evidence';
import { readFileIfExists } from '../atomic-file';
import { fromHex, toHex } from '../crypto/bytes';
import { loadSuite, type SuiteName, type Verifier } from '../crypto/suite';
import { mapLimit, READ_CONCURRENCY } from '../map-limit';
import { sealedRecordStatement } from './sealed-record-file';
import { readRecordFile, recordSignatureHolds, type RecordFile } from './signed-record';

/**
 * The signature half of the archive check: each ledger line's signature and suite digest of its
 * file, each record file's envelope, against the keys the verifier trusts. Items are independent,
 * so they can be split across worker threads (SM2 in JavaScript is more than one core's worth).
 * What the order of items means — an unsigned line or record after a signed one — is judged after,
 * in `judgeEvidence`, from all the results together.
 */
export interface TrustedKey {
  suite: SuiteName;
  keyId: string;
  publicKey: string;
  /** The device the key was published for; null for a key given on the command line. */
  deviceId: string | null;
}

export type EvidenceItem = { type: 'ledger'; line: number; entry: LedgerEntry } | { type: 'record'; relativePath: string };


export type ItemResult =
  | { type: 'ledger'; line: number; relativePath: string; signed: boolean; keyId: string | null; problem: SignatureProblem | null }
  | {
      type: 'record';
      relativePath: string;
      /** null when the file is not a record (the chain check names it). */
      signed: boolean | null;
      keyId: string | null;
      deviceId: string | null;
      sequence: number | null;
      caseNumber: string | null;
      problem: SignatureProblem | null;
    };

// A verifier per key for the life of the process: preparing an SM2 key takes longer than a signature.
const prepared = new Map<string, Verifier>();

const verifiersFor = async (keys: readonly TrustedKey[]) => {
  const byId = new Map<string, { key: TrustedKey; verify: Verifier }>();
  for (const key of keys) {
    const cacheKey = `${key.suite}:${key.publicKey}`;
    let verify = prepared.get(cacheKey);
    if (!verify) prepared.set(cacheKey, (verify = (await loadSuite(key.suite)).verifier(fromHex(key.publicKey))));
    byId.set(key.keyId, { key, verify });
  }
  return byId;
};

export const checkEvidenceItems = async (root: string, items: readonly EvidenceItem[], keys: readonly TrustedKey[]): Promise<ItemResult[]> => {
  const verifiers = await verifiersFor(keys);
  return mapLimit(items, READ_CONCURRENCY, (item) => (item.type === 'ledger' ? checkLine(root, item, verifiers) : checkRecord(root, item, verifiers)));
};

type Verifiers = Awaited<ReturnType<typeof verifiersFor>>;

const checkLine = async (root: string, { entry, line }: Extract<EvidenceItem, { type: 'ledger' }>, verifiers: Verifiers): Promise<ItemResult> => {
  if (entry.sig === undefined || entry.keyId === undefined || entry.suite === undefined) {
    return { type: 'ledger', line, relativePath: entry.relativePath, signed: false, keyId: null, problem: null };
  }
  const known = verifiers.get(entry.keyId);
  let problem: SignatureProblem | null = null;
  if (!known || known.key.suite !== entry.suite) problem = 'key_unknown';
  else if (!known.verify(ledgerLineStatement(entry), fromHex(entry.sig))) problem = 'signature_invalid';
  else if (!(entry.suite === 'intl' && entry.digest === entry.sha256)) {
    // The line's own hash of the file under the suite (SM3 under gm). Under intl it is the SHA-256 the
    // ledger check compares already. A missing file is the ledger check's finding, not this one's.
    const bytes = await readFileIfExists(path.join(root, ...entry.relativePath.split('/')));
    if (bytes && toHex((await loadSuite(entry.suite)).hash(bytes)) !== entry.digest) problem = 'digest_mismatch';
  }
  return { type: 'ledger', line, relativePath: entry.relativePath, signed: true, keyId: entry.keyId, problem };
};

const checkRecord = async (root: string, item: Extract<EvidenceItem, { type: 'record' }>, verifiers: Verifiers): Promise<ItemResult> => {
  let bytes: Buffer | null = null;
  try {
    bytes = await readFile(path.join(root, ...item.relativePath.split('/')));
  } catch {
    bytes = null;
  }
  const read = bytes ? readRecordFile(bytes) : ({ kind: 'unreadable' } as const);
  if (read.kind === 'unreadable') {
    return { type: 'record', relativePath: item.relativePath, signed: null, keyId: null, deviceId: null, sequence: null, caseNumber: null, problem: null };
  }
  const { chain } = read;
  const base = { type: 'record', relativePath: item.relativePath, deviceId: chain.device.deviceId, sequence: chain.sequence, caseNumber: chain.caseNumber } as const;
  if (read.kind === 'unsigned') return { ...base, signed: false, keyId: null, problem: null };
  const { envelope } = read;
  const known = verifiers.get(envelope.keyId);
  let problem: SignatureProblem | null = null;
  if (!known || known.key.suite !== envelope.suite) problem = 'key_unknown';
  else if (known.key.deviceId !== null && known.key.deviceId !== chain.device.deviceId) problem = 'key_other_device';
  else if (!(await signatureHolds(read, known.verify))) problem = 'signature_invalid';
  return { ...base, signed: true, keyId: envelope.keyId, problem };
};

/** A signed or sealed record file's signature, checked from the file alone (no data key needed). */
const signatureHolds = async (read: Extract<RecordFile, { kind: 'signed' | 'sealed' }>, verify: Verifier): Promise<boolean> => {
  const suite = await loadSuite(read.envelope.suite);
  if (read.kind === 'signed') return recordSignatureHolds(read.record, read.envelope, suite, verify);
  return verify(sealedRecordStatement(read, suite), fromHex(read.envelope.signature));
};

/**
 * The findings of all items together. Unsigned lines and records made before signatures are
 * valid; one that comes after a signed one (a later line, a later place in the device's chain) is a
 * downgrade — someone stripped or never made a signature — and a problem.
 */
export const judgeEvidence = (results: readonly ItemResult[], invalidKeyFiles: readonly string[] = []): EvidenceReport => {
  const findings: EvidenceFinding[] = invalidKeyFiles.map((relativePath) => ({ where: 'key', relativePath, problem: 'key_file_invalid' }));
  const report: EvidenceReport = { ledger: { signed: 0, unsigned: 0 }, records: { signed: 0, unsigned: 0 }, keysUsed: [], findings };
  const keysUsed = new Set<string>();
  const ledgerLines = results.filter((result) => result.type === 'ledger').sort((a, b) => a.line - b.line);
  let signedSeen = false;
  for (const result of ledgerLines) {
    report.ledger[result.signed ? 'signed' : 'unsigned'] += 1;
    if (result.keyId) keysUsed.add(result.keyId);
    if (result.problem) findings.push({ where: 'ledger', line: result.line, relativePath: result.relativePath, problem: result.problem });
    else if (!result.signed && signedSeen) findings.push({ where: 'ledger', line: result.line, relativePath: result.relativePath, problem: 'unsigned_after_signed' });
    signedSeen ||= result.signed;
  }
  const firstSigned = new Map<string, number>();
  const records = results.filter((result) => result.type === 'record' && result.signed !== null);
  for (const result of records) {
    if (result.type !== 'record' || !result.signed || result.deviceId === null || result.sequence === null) continue;
    firstSigned.set(result.deviceId, Math.min(firstSigned.get(result.deviceId) ?? Infinity, result.sequence));
  }
  for (const result of records) {
    if (result.type !== 'record' || result.sequence === null || result.caseNumber === null || result.deviceId === null) continue;
    report.records[result.signed ? 'signed' : 'unsigned'] += 1;
    if (result.keyId) keysUsed.add(result.keyId);
    const where = { where: 'record', relativePath: result.relativePath, caseNumber: result.caseNumber, sequence: result.sequence } as const;
    if (result.problem) findings.push({ ...where, problem: result.problem });
    else if (!result.signed && result.sequence > (firstSigned.get(result.deviceId) ?? Infinity)) findings.push({ ...where, problem: 'unsigned_after_signed' });
  }
  report.keysUsed = [...keysUsed].sort();
  findings.sort((a, b) => (a.where === b.where ? a.relativePath.localeCompare(b.relativePath) || ('line' in a && 'line' in b ? a.line - b.line : 0) : a.where.localeCompare(b.where)));
  return report;
};

export type { EvidenceFinding, EvidenceReport, SignatureProblem };
