import { PUSH_LIMITS } from '../../../shared/sync/push';
import type { LedgerEntry } from '../archive-ledger';

/**
 * How much of the outbox goes in one POST /v1/push: at most PUSH_LIMITS' line counts, and a body of
 * about 8 MB (half the server's limit: a slow hall link finishes a batch within the deadline, and a
 * batch cut off costs little to send again). One line alone may exceed the target — a file is never
 * split — but never the server's limit, which the plan checks. The batch's last ledger line must be
 * signed: the server checks the one device signature on it, which through the hash chain covers
 * every line before it. Lines written before signatures existed are therefore sent together with
 * the next signed one; with no signed line after them they wait.
 */
export const TARGET_BATCH_BYTES = 8 * 1024 * 1024;

export interface PlannedLine {
  entry: LedgerEntry;
  text: string;
}

export interface BatchPlan {
  ledger: number;
  audit: number;
  /** True when ledger lines wait for lack of a signed line to end a batch on. */
  waitingForSignedLine: boolean;
}

export interface BatchLimits {
  targetBytes: number;
  maxBodyBytes: number;
  maxLedgerLines: number;
  maxAuditLines: number;
}

const DEFAULT_LIMITS: BatchLimits = {
  targetBytes: TARGET_BATCH_BYTES,
  maxBodyBytes: PUSH_LIMITS.maxBodyBytes,
  maxLedgerLines: PUSH_LIMITS.maxLedgerLines,
  maxAuditLines: PUSH_LIMITS.maxAuditLines,
};

/** `{"ledger":[],"audit":[],"sentAt":"…"}` and a margin. */
const ENVELOPE_BYTES = 128;
const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/** A ledger item's bytes in the JSON body: the line as a JSON string, its file in base64, the keys. */
export const ledgerItemBytes = (line: PlannedLine): number => JSON.stringify(line.text).length + base64Length(line.entry.bytes) + '{"line":,"file":""},'.length;
export const auditItemBytes = (text: string): number => JSON.stringify(text).length + 1;

export const planBatch = (ledger: readonly PlannedLine[], audit: readonly string[], limits: BatchLimits = DEFAULT_LIMITS): BatchPlan => {
  let count = 0;
  let bytes = ENVELOPE_BYTES;
  while (count < ledger.length && count < limits.maxLedgerLines) {
    const next = ledgerItemBytes(ledger[count]!);
    if (count > 0 && bytes + next > limits.targetBytes) break;
    bytes += next;
    count += 1;
  }
  let lastSigned = -1;
  for (let index = count - 1; index >= 0; index -= 1) {
    if (ledger[index]!.entry.sig !== undefined) {
      lastSigned = index;
      break;
    }
  }
  let waitingForSignedLine = false;
  if (lastSigned >= 0) {
    count = lastSigned + 1;
  } else if (count > 0) {
    // Only unsigned lines so far: reach on to the next signed one, within the server's own limits.
    let reach = count;
    let reachBytes = bytes;
    while (reach < ledger.length && reach < limits.maxLedgerLines && ledger[reach]!.entry.sig === undefined) {
      reachBytes += ledgerItemBytes(ledger[reach]!);
      reach += 1;
    }
    const signed = ledger[reach];
    if (signed && reach < limits.maxLedgerLines && reachBytes + ledgerItemBytes(signed) <= limits.maxBodyBytes) {
      count = reach + 1;
    } else {
      count = 0;
      waitingForSignedLine = true;
    }
  }
  bytes = ENVELOPE_BYTES + ledger.slice(0, count).reduce((sum, line) => sum + ledgerItemBytes(line), 0);
  if (count > 0 && bytes > limits.maxBodyBytes) {
    // A single file beyond the server's limit would be refused whole: send it alone and let the
    // server's refusal name it (it then stands in the problem list).
    count = 1;
    bytes = ENVELOPE_BYTES + ledgerItemBytes(ledger[0]!);
  }
  let auditCount = 0;
  while (auditCount < audit.length && auditCount < limits.maxAuditLines) {
    const next = auditItemBytes(audit[auditCount]!);
    if (bytes + next > limits.targetBytes && (count > 0 || auditCount > 0)) break;
    bytes += next;
    auditCount += 1;
  }
  return { ledger: count, audit: auditCount, waitingForSignedLine };
};
