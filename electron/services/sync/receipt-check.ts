import { GENESIS_HASH } from '../../../shared/domain/sealed-record';
import type { PublicKeyInfo } from '../../../shared/sync/enroll';
import { receiptStatementText, type ReceiptEntry, type SignedReceipt } from '../../../shared/sync/push';
import { fromHex, utf8Bytes } from '../crypto/bytes';
import { loadSuite } from '../crypto/suite';
import type { LedgerEntry } from '../archive-ledger';

/**
 * Whether a receipt may be trusted: signed by the central system's key pinned at enrollment (its
 * suite and key id too), about this device, and about exactly what this device holds — each entry a
 * ledger line of ours with the same seq, line hash, file SHA-256, kind, case number and record hash,
 * the audit head a line of our audit log. A receipt that fails any of it proves nothing: those lines
 * stay unsent. Answers the reason (a code for the status line), or null when it holds.
 */
export type ReceiptProblem = 'signature' | 'key' | 'device' | 'entry' | 'audit_head' | 'missing_entry';

export interface ReceiptExpectation {
  serverKey: PublicKeyInfo;
  deviceId: string;
  /** The ledger lines this receipt may speak of (the batch sent, or the whole ledger when re-reading the file). */
  ledger: ReadonlyMap<number, LedgerEntry>;
  /** Hash of our audit line at a seq (GENESIS for 0), null when we have no such line. */
  auditHash: (seq: number) => string | null;
  /** Seqs the server said it stored or already held: each must be in the receipt. */
  mustCover?: readonly number[];
}

/** Whether the pinned server key signed the receipt: 'key' when it names another key, 'signature' when it does not hold. */
export const receiptSignatureProblem = async (receipt: SignedReceipt, serverKey: PublicKeyInfo): Promise<'key' | 'signature' | null> => {
  if (receipt.suite !== serverKey.suite || receipt.keyId !== serverKey.keyId) return 'key';
  const suite = await loadSuite(serverKey.suite);
  try {
    return suite.verifier(fromHex(serverKey.publicKey))(utf8Bytes(receiptStatementText(receipt.statement)), fromHex(receipt.signature)) ? null : 'signature';
  } catch {
    return 'signature';
  }
};

/** Whether a receipted entry is exactly this ledger line of ours. */
export const entryIsLine = (entry: ReceiptEntry, ours: LedgerEntry | undefined): boolean =>
  ours !== undefined &&
  ours.hash === entry.hash &&
  ours.sha256 === entry.sha256 &&
  ours.kind === entry.kind &&
  ours.caseNumber === entry.caseNumber &&
  ours.recordHash === entry.recordHash;

export const checkReceipt = async (receipt: SignedReceipt, expect: ReceiptExpectation): Promise<ReceiptProblem | null> => {
  const { statement } = receipt;
  const signature = await receiptSignatureProblem(receipt, expect.serverKey);
  if (signature) return signature;
  if (statement.deviceId !== expect.deviceId) return 'device';
  if (statement.entries.some((entry) => !entryIsLine(entry, expect.ledger.get(entry.seq)))) return 'entry';
  const covered = new Set(statement.entries.map((entry) => entry.seq));
  if ((expect.mustCover ?? []).some((seq) => !covered.has(seq))) return 'missing_entry';
  const { seq, hash } = statement.auditHead;
  const ourHash = seq === 0 ? GENESIS_HASH : expect.auditHash(seq);
  if (ourHash === null || ourHash !== hash) return 'audit_head';
  return null;
};
