import type { SyncProblem, SyncProgress } from '../../../shared/contract/domains/sync';
import { hostMessage } from '../../../shared/contract/host-message';
import { GENESIS_HASH } from '../../../shared/domain/sealed-record';
import { pushResponseSchema, type PushRequest, type PushResponse } from '../../../shared/sync/push';
import { measuredClockSkew } from './clock-skew';
import type { SyncCredentials } from './credentials-store';
import type { AuditLine, LedgerLine, Outbox } from './outbox';
import { planBatch } from './push-batches';
import { checkReceipt, type ReceiptExpectation } from './receipt-check';
import type { ReceiptState, ReceiptStore } from './receipt-store';
import { SyncHttpError } from './sync-error';
import type { SyncHttp } from './sync-http';
import type { SyncStateStore } from './sync-state';

/**
 * Push: the lines after the receipted heads, batch by batch (push-batches.ts), each answer's receipt
 * checked (receipt-check.ts) before it is kept and its lines count as sent.
 *
 * A line the server answers `conflict`, a batch it refuses whole for one line that does not check
 * (RECORD_INVALID, SIGNATURE_INVALID, CHAIN_CONFLICT, naming `ledger[i]` or `audit[i]`), or a line
 * whose file is missing or altered here, goes into the supervisor's problem list, and the push of
 * that log stops at it. Why stop rather than skip: every line is chained to the one before, so the
 * server cannot take a line whose predecessor it refused (it would hold it `pending` for ever), and
 * sending past a fork would let the order of arrival decide which history the central system keeps.
 * Sending the same bytes again cannot change the answer; a person has to look at both sides first.
 * The other log, a chain of its own, goes on being sent.
 */
export const PUSH_PATH = '/v1/push';

export interface PushContext {
  client: SyncHttp;
  outbox: Outbox;
  receipts: ReceiptStore;
  credentials: SyncCredentials;
  state: SyncStateStore;
  now: () => Date;
  progress(progress: SyncProgress | null): void;
}

export interface PushOutcome {
  /** Ledger lines receipted by this push. */
  receipted: number;
  /** The first ledger seq the push stops at (a problem), if any. */
  blockedAt: number | null;
}

const WHOLE_BATCH_REFUSALS = new Set(['RECORD_INVALID', 'SIGNATURE_INVALID', 'CHAIN_CONFLICT']);

/** What the receipts may speak of: our own ledger lines by seq, our own audit lines' hashes. */
export const expectationOf = async (outbox: Outbox, credentials: SyncCredentials): Promise<Omit<ReceiptExpectation, 'mustCover'>> => {
  const ledger = new Map((await outbox.ledger()).map((line) => [line.entry.seq, line.entry] as const));
  const audit = new Map((await outbox.audit()).map((line) => [line.entry.seq, line.entry.hash] as const));
  return { serverKey: credentials.serverKey, deviceId: credentials.deviceId, ledger, auditHash: (seq) => (seq === 0 ? GENESIS_HASH : (audit.get(seq) ?? null)) };
};

/** The first seq of each log held back by a problem (Infinity when none). */
export const blocksOf = (problems: readonly SyncProblem[]) => ({
  ledger: Math.min(Infinity, ...problems.filter((problem) => problem.log === 'ledger').map((problem) => problem.seq)),
  audit: Math.min(Infinity, ...problems.filter((problem) => problem.log === 'audit').map((problem) => problem.seq)),
});

export const unsentLines = (ledger: readonly LedgerLine[], receipts: ReceiptState): LedgerLine[] =>
  ledger.filter((line) => !receipts.lines.has(line.entry.seq));

/** The line a whole-batch refusal names (`ledger[3].file`, `audit[0]`), else the batch's first. */
const refusedLine = (error: SyncHttpError, ledger: readonly LedgerLine[], audit: readonly AuditLine[]): { log: 'ledger' | 'audit'; line: LedgerLine | AuditLine } | null => {
  const named = /^(ledger|audit)\[(\d+)\]/.exec(error.path ?? '');
  if (named) {
    const list = named[1] === 'ledger' ? ledger : audit;
    const line = list[Number(named[2])];
    if (line) return { log: named[1] as 'ledger' | 'audit', line };
  }
  if (ledger[0]) return { log: 'ledger', line: ledger[0] };
  return audit[0] ? { log: 'audit', line: audit[0] } : null;
};

export const pushAll = async (context: PushContext): Promise<PushOutcome> => {
  const { client, outbox, receipts, credentials, state, now } = context;
  let receiptState = await receipts.state(() => expectationOf(outbox, credentials));
  const addProblems = (problems: SyncProblem[]) => state.update((current) => ({ ...current, problems: [...current.problems, ...problems] }));
  const problem = (log: 'ledger' | 'audit', line: LedgerLine | AuditLine, fields: Pick<SyncProblem, 'status' | 'code' | 'reason'>): SyncProblem => ({
    log,
    seq: line.entry.seq,
    caseNumber: 'caseNumber' in line.entry ? line.entry.caseNumber : null,
    ...fields,
    at: now().toISOString(),
  });

  const pending = async () => {
    const block = blocksOf((await state.read()).problems);
    const unsent = unsentLines(await outbox.ledger(), receiptState).filter((line) => line.entry.seq < block.ledger);
    // A batch's ledger lines are consecutive lines of the ledger (the server checks each link).
    const ledger = unsent.filter((line, index) => line.entry.seq === unsent[0]!.entry.seq + index);
    const audit = (await outbox.audit()).filter((line) => line.entry.seq > receiptState.auditHead.seq && line.entry.seq < block.audit);
    return { ledger, audit, blockedAt: Number.isFinite(block.ledger) ? block.ledger : null };
  };

  // Progress in cases (distinct case numbers) and bytes of what was unsent when the push began.
  const first = await pending();
  const linesOfCase = new Map<string, number>();
  for (const line of first.ledger) linesOfCase.set(line.entry.caseNumber, (linesOfCase.get(line.entry.caseNumber) ?? 0) + 1);
  const progress: SyncProgress = {
    phase: 'push',
    done: 0,
    total: linesOfCase.size,
    bytesDone: 0,
    bytesTotal: first.ledger.reduce((sum, line) => sum + line.entry.bytes + line.text.length, 0),
  };
  context.progress({ ...progress });
  const counted = new Set<number>();

  let receipted = 0;
  for (;;) {
    const { ledger, audit, blockedAt } = await pending();
    const plan = planBatch(ledger, audit.map((line) => line.text));
    if (plan.ledger === 0 && plan.audit === 0) return { receipted, blockedAt };
    const batchLines = ledger.slice(0, plan.ledger);
    const batchAudit = audit.slice(0, plan.audit);
    const items: PushRequest['ledger'] = [];
    let unreadable: SyncProblem | null = null;
    for (const line of batchLines) {
      const file = await outbox.file(line.entry);
      if (!file.ok) {
        unreadable = problem('ledger', line, { status: 'invalid', code: file.problem === 'missing' ? 'LOCAL_FILE_MISSING' : 'LOCAL_FILE_ALTERED', reason: null });
        break;
      }
      items.push({ line: line.text, file: file.bytes.toString('base64') });
    }
    if (unreadable) {
      // Never sent as it is: the file is gone, or not the one the ledger signed. The lines before it
      // go in the next plan, which now ends before this one.
      await addProblems([unreadable]);
      continue;
    }
    const request: PushRequest = { ledger: items, audit: batchAudit.map((line) => line.text), sentAt: now().toISOString() };

    let answer: PushResponse;
    const sentAt = new Date(request.sentAt);
    try {
      answer = await client.postJson(PUSH_PATH, request, pushResponseSchema);
    } catch (error) {
      if (error instanceof SyncHttpError && WHOLE_BATCH_REFUSALS.has(error.code)) {
        const named = refusedLine(error, batchLines, batchAudit);
        if (named) {
          await addProblems([problem(named.log, named.line, { status: 'refused', code: error.code, reason: error.reason })]);
          continue;
        }
      }
      throw error;
    }
    const answeredAt = now();

    const conflicts = [
      ...answer.results.flatMap((result) => {
        const line = batchLines.find((candidate) => candidate.entry.seq === result.seq);
        return result.status === 'conflict' && line ? [problem('ledger', line, { status: 'conflict', code: null, reason: result.reason ?? null })] : [];
      }),
      ...answer.auditResults.flatMap((result) => {
        const line = batchAudit.find((candidate) => candidate.entry.seq === result.seq);
        return result.status === 'conflict' && line ? [problem('audit', line, { status: 'conflict', code: null, reason: result.reason ?? null })] : [];
      }),
    ];
    if (conflicts.length > 0) await addProblems(conflicts);

    // Every line said stored or held must be in the receipt — lines of this batch, and lines held
    // pending from an earlier one that this batch let the server store.
    const mustCover = answer.results.filter((result) => result.status === 'stored' || result.status === 'duplicate').map((result) => result.seq);
    const before = { lines: receiptState.lines.size, audit: receiptState.auditHead.seq };
    if (answer.receipt) {
      const failure = await checkReceipt(answer.receipt, { ...(await expectationOf(outbox, credentials)), mustCover });
      if (failure) throw new SyncHttpError('RECEIPT_INVALID', hostMessage('host.sync.receipt_invalid', { reason: failure }));
      receiptState = await receipts.add(answer.receipt);
    } else if (mustCover.length > 0) {
      throw new SyncHttpError('RECEIPT_INVALID', hostMessage('host.sync.receipt_invalid', { reason: 'missing_receipt' }));
    }
    // Only an answer whose receipt checked speaks for the central system's clock: the skew goes into
    // the evidence of records sealed meanwhile.
    const skew = measuredClockSkew(sentAt, answeredAt, answer.serverTime);
    await state.update((current) => ({ ...current, clockSkew: { seconds: skew, observedAt: answeredAt.toISOString() } }));

    for (const line of first.ledger) {
      if (counted.has(line.entry.seq) || !receiptState.lines.has(line.entry.seq)) continue;
      counted.add(line.entry.seq);
      receipted += 1;
      const left = (linesOfCase.get(line.entry.caseNumber) ?? 1) - 1;
      linesOfCase.set(line.entry.caseNumber, left);
      if (left === 0) progress.done += 1;
      progress.bytesDone += line.entry.bytes + line.text.length;
    }
    context.progress({ ...progress });
    // Nothing moved (lines held `pending`, an audit head that did not advance): try again next round
    // rather than send the same batch in a loop.
    if (receiptState.lines.size === before.lines && receiptState.auditHead.seq === before.audit && conflicts.length === 0) return { receipted, blockedAt };
  }
};
