import { RECEIPT_STATEMENT, receiptStatementText, type ReceiptEntry, type SignedReceipt } from '../../shared/sync/push';
import type { ServerSigner } from '../keys/server-signing-key';
import type { Head } from './ledger-plan';

/** One receipt for a batch, signed by the central system's key: the counter keeps it as proof of delivery. */
export const signReceipt = (signer: ServerSigner, input: { deviceId: string; issuedAt: string; entries: ReceiptEntry[]; auditHead: Head }): SignedReceipt => {
  const statement = {
    schema: RECEIPT_STATEMENT,
    deviceId: input.deviceId,
    issuedAt: input.issuedAt,
    entries: [...input.entries].sort((a, b) => a.seq - b.seq),
    auditHead: { seq: input.auditHead.seq, hash: input.auditHead.hash },
  } as const;
  return { statement, suite: signer.info.suite, keyId: signer.info.keyId, signature: signer.sign(receiptStatementText(statement)) };
};
