import { sha256Hex } from '../../electron/services/file-hash';
import { shanghaiDate } from '../../shared/domain/case-number';
import {
  DAY_CLOSE_ACK,
  dayCloseAckText,
  dayContentText,
  dayStatementText,
  type DayCloseAck,
  type DayCloseResponse,
  type SignedDayCloseAck,
  type SignedDayStatement,
} from '../../shared/sync/day-close';
import type { DeviceTable } from '../db/schema';
import { HttpProblem } from '../http/problem';
import type { ServerContext } from '../server-context';
import { loadDayFacts } from './day-facts';
import { closeOfContent, nextRevision, storeClose, type StoredClose } from './day-closures';
import { reconcileDay } from './reconcile-day';
import { checkStatementSignature } from './statement-signature';

/** A device's clock may run a little ahead of the server's: a day is "not yet" only beyond this. */
const FUTURE_TOLERANCE_MS = 15 * 60 * 1000;

/**
 * POST /v1/day-close: the statement checked (the device's key, this device, not a day to come), the
 * same content closed before answered as it was, otherwise reconciled against what the server
 * holds; a day that reconciles is stored closed with a signed acknowledgement, one that does not is
 * answered with its differences and nothing is written.
 */
export const closeDay = async (context: ServerContext, device: DeviceTable, signed: SignedDayStatement): Promise<DayCloseResponse> => {
  const { central, signer } = context;
  await checkStatementSignature(device, signed);
  const { statement } = signed;
  const now = context.now();
  if (statement.date > shanghaiDate(new Date(now.getTime() + FUTURE_TOLERANCE_MS))) {
    throw new HttpProblem(422, 'BAD_REQUEST', `${statement.date} 尚未到来，不能日结`, 'statement.date');
  }
  if (statement.audit.fromSeq > statement.audit.head.seq + 1) {
    throw new HttpProblem(422, 'BAD_REQUEST', '日结清单的审计日志起止行号不成立', 'statement.audit.fromSeq');
  }
  const statementText = dayStatementText(statement);
  const contentHash = sha256Hex(dayContentText(statement));
  const answered = (stored: StoredClose, alreadyClosed: boolean): DayCloseResponse => ({ ...stored, alreadyClosed, serverTime: context.now().toISOString() });

  const earlier = await closeOfContent(central.db, device.device_id, statement.date, contentHash);
  if (earlier) return answered(earlier, true);

  const facts = await loadDayFacts(central.db, device, statement);
  const { differences, serverCounts, serverChainHead } = reconcileDay(statement, facts);
  const base = {
    date: statement.date,
    reconciled: differences.length === 0,
    differences,
    counterCounts: statement.counts,
    serverCounts,
    chainHead: { counter: statement.chainHead, server: serverChainHead },
  };
  if (differences.length > 0) return answered({ ...base, acknowledgement: null }, false);

  for (let attempt = 0; attempt < 3; attempt += 1) {
    const ack: DayCloseAck = {
      schema: DAY_CLOSE_ACK,
      deviceId: device.device_id,
      counterId: device.counter_id,
      date: statement.date,
      revision: await nextRevision(central.db, device.device_id, statement.date),
      statementHash: sha256Hex(statementText),
      contentHash,
      chainHead: statement.chainHead,
      counts: statement.counts,
      closedAt: now.toISOString(),
    };
    const acknowledgement: SignedDayCloseAck = { statement: ack, suite: signer.info.suite, keyId: signer.info.keyId, signature: signer.sign(dayCloseAckText(ack)) };
    const stored: StoredClose = { ...base, acknowledgement };
    const closed = await storeClose(central.db, {
      deviceId: device.device_id,
      day: statement.date,
      revision: ack.revision,
      contentHash,
      statementHash: ack.statementHash,
      statementText: JSON.stringify(signed),
      answer: stored,
      closedAt: ack.closedAt,
    });
    if (closed) return answered(stored, false);
    // Another request stored this content (answer it) or took the revision (count again).
    const raced = await closeOfContent(central.db, device.device_id, statement.date, contentHash);
    if (raced) return answered(raced, true);
  }
  throw new HttpProblem(409, 'CHAIN_CONFLICT', '同一天的日结同时提交过多，请稍后重试');
};
