import { GENESIS_HASH } from '../../../shared/domain/sealed-record';
import type { PublicKeyInfo } from '../../../shared/sync/enroll';
import { receiptStatementText, type SignedReceipt } from '../../../shared/sync/push';
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

export const checkReceipt = async (receipt: SignedReceipt, expect: ReceiptExpectation): Promise<ReceiptProblem | null> => {
  const { statement } = receipt;
  if (receipt.suite !== expect.serverKey.suite || receipt.keyId !== expect.serverKey.keyId) return 'key';
  const suite = await loadSuite(expect.serverKey.suite);
  let valid = false;
  try {
    valid = suite.verifier(fromHex(expect.serverKey.publicKey))(utf8Bytes(receiptStatementText(statement)), fromHex(receipt.signature));
  } catch {
    valid = false;
  }
  if (!valid) return 'signature';
  if (statement.deviceId !== expect.deviceId) return 'device';
  for (const entry of statement.entries) {
    const ours = expect.ledger.get(entry.seq);
    if (
      !ours ||
      ours.hash !== entry.hash ||
      ours.sha256 !== entry.sha256 ||
      ours.kind !== entry.kind ||
      ours.caseNumber !== entry.caseNumber ||
      ours.recordHash !== entry.recordHash
    ) {
      return 'entry';
    }
  }
  const covered = new Set(statement.entries.map((entry) => entry.seq));
  if ((expect.mustCover ?? []).some((seq) => !covered.has(seq))) return 'missing_entry';
  const { seq, hash } = statement.auditHead;
  const ourHash = seq === 0 ? GENESIS_HASH : expect.auditHash(seq);
  if (ourHash === null || ourHash !== hash) return 'audit_head';
  return null;
};
