import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical-json';
import { base64Field, deviceIdField, isoTime, sha256Hex, signedStatementOf } from './wire-fields';

/**
 * Push: the counter sends its archive's ledger in order — each line exactly as the ledger holds it
 * (canonical JSON, so its hash and signature check on the server) with the file it describes (a sealed
 * record, a letter or a reprint, as stored) — and the new lines of its signed audit log. The central
 * system stores each line and file as sent, never re-encoded.
 *
 * One signature vouches for a batch: every line is hashed and chained to the one before, so the device
 * signature on the batch's last line covers all of them, and through each line's `sha256` every file.
 * The server checks each line's hash, its link, its file's hash and, for a record, the record's place
 * in the device's record chain, then that one signature.
 *
 * So a batch's ledger lines are consecutive lines of the ledger (seq and `prev` follow on from one to
 * the next) and its last line is signed with the enrolled key; the same holds for its audit lines. A
 * batch that breaks one of these rules, or holds one line that does not check, is refused whole with
 * 422 (`RECORD_INVALID` naming the place, `ledger[3].file`; `SIGNATURE_INVALID`): nothing is stored.
 */
export const PUSH_LIMITS = {
  /** A batch's JSON body. Letters are ~300 KB, base64 a third more: a batch holds a few dozen. */
  maxBodyBytes: 16 * 1024 * 1024,
  maxLedgerLines: 500,
  maxAuditLines: 2000,
  maxLineChars: 4096,
} as const;

export const pushLedgerItemSchema = z
  .object({
    /** The ledger line, canonical JSON without its newline. */
    line: z.string().min(2).max(PUSH_LIMITS.maxLineChars),
    /** The file's bytes, base64. */
    file: base64Field,
  })
  .strict();

export const pushRequestSchema = z
  .object({
    ledger: z.array(pushLedgerItemSchema).max(PUSH_LIMITS.maxLedgerLines),
    /** Audit log lines (canonical JSON each), in order, continuing what the server holds. */
    audit: z.array(z.string().min(2).max(PUSH_LIMITS.maxLineChars)).max(PUSH_LIMITS.maxAuditLines),
    /** The device's clock when it sent the batch: the server records the skew. */
    sentAt: isoTime,
  })
  .strict();
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * What became of one ledger (or audit) line:
 * - `stored`: new, checked and stored, receipted in this answer;
 * - `duplicate`: the server already holds exactly this line and file; receipted again;
 * - `pending`: correct in itself but a line before it is missing; held, not receipted, until it comes
 *   (ledger lines only: an audit batch must continue the audit log the server holds);
 * - `conflict`: the server holds another line at this place of the chain (a fork or a rewritten
 *   history), or the line follows on from such a line: refused, never overwritten, kept by the server
 *   for the supervisor (`GET /v1/device` lists it) and flagged on the counter.
 * A line that does not check refuses the whole batch (above): there is no per-line `invalid`.
 */
export const pushItemStatuses = ['stored', 'duplicate', 'pending', 'conflict'] as const;
export type PushItemStatus = (typeof pushItemStatuses)[number];

export const pushItemResultSchema = z
  .object({
    seq: z.number().int().positive(),
    status: z.enum(pushItemStatuses),
    reason: z.string().optional(),
  })
  .strict();

export const RECEIPT_STATEMENT = 'push-receipt/1';

export const receiptEntrySchema = z
  .object({
    /** The ledger line's seq and hash: the anchor of the device's history. */
    seq: z.number().int().positive(),
    hash: sha256Hex,
    kind: z.enum(['record', 'letter', 'reprint']),
    caseNumber: z.string().min(1).max(40),
    sha256: sha256Hex,
    recordHash: sha256Hex,
    /** The central system's own order of everything it took in, across devices. */
    serverSeq: z.number().int().positive(),
    receivedAt: isoTime,
  })
  .strict();
export type ReceiptEntry = z.infer<typeof receiptEntrySchema>;

export const receiptStatementSchema = z
  .object({
    schema: z.literal(RECEIPT_STATEMENT),
    deviceId: deviceIdField,
    issuedAt: isoTime,
    entries: z.array(receiptEntrySchema),
    /** The device's audit log as the server holds it after this batch. */
    auditHead: z.object({ seq: z.number().int().nonnegative(), hash: sha256Hex }).strict(),
  })
  .strict();
export type ReceiptStatement = z.infer<typeof receiptStatementSchema>;

export const signedReceiptSchema = signedStatementOf(receiptStatementSchema);
export type SignedReceipt = z.infer<typeof signedReceiptSchema>;

/** The text a receipt's signature is over (UTF-8). */
export const receiptStatementText = (statement: ReceiptStatement): string => `${RECEIPT_STATEMENT}\n${canonicalJson(statement)}`;

export const pushResponseSchema = z
  .object({
    /**
     * One per ledger line of the request, in order; then one `stored` for each line held pending by an
     * earlier batch that this one let the server store (its receipt entry is in `receipt`).
     */
    results: z.array(pushItemResultSchema),
    /** One per audit line of the request, in order (never `pending`). */
    auditResults: z.array(pushItemResultSchema),
    /**
     * Covers every ledger entry stored or already held by this batch, and the audit head; null when
     * the batch stored or matched nothing of either log.
     */
    receipt: signedReceiptSchema.nullable(),
    serverTime: isoTime,
    /** The device's clock minus the server's, in seconds, when the batch arrived. */
    clockSkewSeconds: z.number(),
  })
  .strict();
export type PushResponse = z.infer<typeof pushResponseSchema>;
