import type { PushRequest, PushResponse } from '../../shared/sync/push';
import type { DeviceTable } from '../db/schema';
import type { ServerContext } from '../server-context';
import { applyAudit } from './audit-apply';
import { checkAuditBatch } from './audit-line';
import { verifyBatchSignatures } from './batch-signature';
import { checkLedgerBatch } from './ledger-line';
import { planLedger } from './ledger-plan';
import { writeLedgerPlan } from './ledger-write';
import { lockDevice } from './lock-device';
import { signReceipt } from './receipt';

/** A device clock further off than this is written down for the supervisor. */
export const CLOCK_SKEW_NOTED_SECONDS = 300;

/**
 * `POST /v1/push`. The lines are checked on their own and the batch's signatures verified before the
 * transaction (no lock is held for that work); then, in one transaction with the device row locked,
 * the ledger and audit lines are placed against what the server holds, numbered from the `ingest`
 * sequence and written, with the device's new heads and clock. A refusal anywhere writes nothing.
 */
export const ingestPush = async (device: DeviceTable, body: PushRequest, context: ServerContext): Promise<PushResponse> => {
  const { db, dialect } = context.central;
  const ledger = checkLedgerBatch(body.ledger, device);
  const audit = checkAuditBatch(body.audit, device);
  await verifyBatchSignatures(device, ledger, audit);

  const now = context.now();
  const receivedAt = now.toISOString();
  const skew = (Date.parse(body.sentAt) - now.getTime()) / 1000;
  const outcome = await db.transaction().execute(async (trx) => {
    const locked = await lockDevice(trx, dialect, device.device_id);
    const plan = await planLedger(trx, locked, ledger);
    const auditOutcome = await applyAudit(trx, locked, audit, receivedAt);
    let firstServerSeq = 0;
    if (plan.store.length > 0) {
      const { value } = await trx
        .updateTable('sequences')
        .set((eb) => ({ value: eb('value', '+', plan.store.length) }))
        .where('name', '=', 'ingest')
        .returning('value')
        .executeTakeFirstOrThrow();
      firstServerSeq = Number(value) - plan.store.length + 1;
    }
    const stored = await writeLedgerPlan(trx, locked.device_id, plan, firstServerSeq, receivedAt);
    await trx
      .updateTable('devices')
      .set({
        ledger_seq: plan.ledgerHead.seq,
        ledger_hash: plan.ledgerHead.hash,
        record_seq: plan.recordHead.seq,
        record_hash: plan.recordHead.hash,
        audit_seq: auditOutcome.head.seq,
        audit_hash: auditOutcome.head.hash,
        last_seen_at: receivedAt,
        last_clock_skew_s: skew,
      })
      .where('device_id', '=', locked.device_id)
      .execute();
    if (Math.abs(skew) > CLOCK_SKEW_NOTED_SECONDS) {
      await trx.insertInto('clock_observations').values({ device_id: locked.device_id, observed_at: receivedAt, device_time: body.sentAt, skew_s: skew }).execute();
    }
    return { plan, auditOutcome, entries: [...plan.duplicates, ...stored] };
  });

  const { plan, auditOutcome, entries } = outcome;
  const receipt =
    entries.length > 0 || auditOutcome.matched > 0 ? signReceipt(context.signer, { deviceId: device.device_id, issuedAt: receivedAt, entries, auditHead: auditOutcome.head }) : null;
  return { results: plan.results, auditResults: auditOutcome.results, receipt, serverTime: receivedAt, clockSkewSeconds: skew };
};
