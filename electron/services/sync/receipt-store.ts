import path from 'node:path';
import { canonicalJson } from '../../../shared/crypto/canonical-json';
import { GENESIS_HASH } from '../../../shared/domain/sealed-record';
import { signedReceiptSchema, type SignedReceipt } from '../../../shared/sync/push';
import { appendDurably, KeyedLock, readFileIfExists } from '../atomic-file';
import { checkReceipt, type ReceiptExpectation } from './receipt-check';

/**
 * The central system's signed receipts, kept as they came, one per line of
 * `<dataDir>/receipts/receipts.jsonl` (0600, appended and flushed before the lines count as sent).
 * They are this device's proof that the central system holds its history — what a later deletion
 * after retention will need — and the receipted heads are derived from them, never stored apart.
 * On load every receipt is checked again (signature, device, our own ledger and audit lines): a
 * line added to the file by hand proves nothing.
 */
export const RECEIPTS_DIR = 'receipts';
export const RECEIPTS_FILE = 'receipts.jsonl';

export interface ReceiptedLine {
  receivedAt: string;
  serverSeq: number;
}

export interface ReceiptState {
  /** Ledger seq → when the central system received it. */
  lines: ReadonlyMap<number, ReceiptedLine>;
  /** The highest seq with every line up to it receipted. */
  ledgerHead: number;
  auditHead: { seq: number; hash: string };
}

export interface ReceiptStore {
  /** Loaded (and checked) on first use with what the device's own logs say. */
  state(expect: () => Promise<Omit<ReceiptExpectation, 'mustCover'>>): Promise<ReceiptState>;
  /** Keeps a receipt already checked by the caller, durably, then counts its lines. */
  add(receipt: SignedReceipt): Promise<ReceiptState>;
}

export const createReceiptStore = (dataDir: string): ReceiptStore => {
  const file = path.join(dataDir, RECEIPTS_DIR, RECEIPTS_FILE);
  const lock = new KeyedLock();
  let loaded: { lines: Map<number, ReceiptedLine>; ledgerHead: number; auditHead: { seq: number; hash: string } } | null = null;

  const merge = (receipt: SignedReceipt) => {
    const state = loaded!;
    for (const entry of receipt.statement.entries) state.lines.set(entry.seq, { receivedAt: entry.receivedAt, serverSeq: entry.serverSeq });
    while (state.lines.has(state.ledgerHead + 1)) state.ledgerHead += 1;
    if (receipt.statement.auditHead.seq > state.auditHead.seq) state.auditHead = receipt.statement.auditHead;
  };

  const snapshot = (): ReceiptState => ({ lines: loaded!.lines, ledgerHead: loaded!.ledgerHead, auditHead: loaded!.auditHead });

  return {
    state: (expect) =>
      lock.run(file, async () => {
        if (loaded) return snapshot();
        loaded = { lines: new Map(), ledgerHead: 0, auditHead: { seq: 0, hash: GENESIS_HASH } };
        const bytes = await readFileIfExists(file);
        if (bytes) {
          const expectation = await expect();
          const text = bytes.toString('utf8');
          // A torn last line (a power cut while appending) is simply not a receipt.
          for (const line of text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter(Boolean)) {
            let receipt: SignedReceipt;
            try {
              receipt = signedReceiptSchema.parse(JSON.parse(line));
            } catch {
              continue;
            }
            if ((await checkReceipt(receipt, expectation)) === null) merge(receipt);
          }
        }
        return snapshot();
      }),
    add: (receipt) =>
      lock.run(file, async () => {
        await appendDurably(file, `${canonicalJson(receipt)}\n`, 0o600);
        if (loaded) merge(receipt);
        return loaded ? snapshot() : { lines: new Map(), ledgerHead: 0, auditHead: { seq: 0, hash: GENESIS_HASH } };
      }),
  };
};
