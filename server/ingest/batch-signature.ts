import { ledgerLineStatement } from '../../electron/services/archive-ledger';
import { auditEntryStatement } from '../../electron/services/audit-log';
import { fromHex } from '../../electron/services/crypto/bytes';
import { loadSuite, type Verifier } from '../../electron/services/crypto/suite';
import type { DeviceTable } from '../db/schema';
import { HttpProblem } from '../http/problem';
import type { CheckedAuditLine } from './audit-line';
import type { CheckedLedgerLine } from './ledger-line';

/**
 * A verifier per device key, prepared once (SM2 precomputes multiples of the point) and kept: derived
 * from the database's rows, so it is a cache, not state. Bounded, for a province of many counters.
 * Keyed by the key itself, not the device: a revoked device is refused from its row, read from the
 * database on every request (device-auth.ts) and again under lock (lock-device.ts), before any use.
 */
const verifiers = new Map<string, Promise<Verifier>>();
const MAX_CACHED = 5_000;

const verifierOf = (device: Pick<DeviceTable, 'suite' | 'public_key'>): Promise<Verifier> => {
  const key = `${device.suite}:${device.public_key}`;
  let verifier = verifiers.get(key);
  if (!verifier) {
    if (verifiers.size >= MAX_CACHED) verifiers.clear();
    verifier = loadSuite(device.suite).then((suite) => suite.verifier(fromHex(device.public_key)));
    verifiers.set(key, verifier);
  }
  return verifier;
};

const refused = (path: string, reason: string) => new HttpProblem(422, 'SIGNATURE_INVALID', `${path}：${reason}；本批未存入任何内容`, path);

/**
 * The device's signature on the last line of each log in the batch. Each line's hash covers the one
 * before it and its file's SHA-256, so these signatures vouch for every line and file of the batch;
 * the records' own envelope signatures are left to a verifier of the archive (3.6 ms each under SM2).
 */
export const verifyBatchSignatures = async (
  device: Pick<DeviceTable, 'suite' | 'public_key'>,
  ledger: readonly CheckedLedgerLine[],
  audit: readonly CheckedAuditLine[],
): Promise<void> => {
  const last = ledger.at(-1);
  const lastAudit = audit.at(-1);
  if (!last && !lastAudit) return;
  const verify = await verifierOf(device);
  if (last) {
    const path = `ledger[${last.index}].line.sig`;
    if (!last.entry.sig) throw refused(path, '一批台账的最后一行须有设备签名');
    if (!verify(ledgerLineStatement(last.entry), fromHex(last.entry.sig))) throw refused(path, '设备签名验证不通过');
  }
  if (lastAudit && !verify(auditEntryStatement(lastAudit.entry), fromHex(lastAudit.entry.sig))) {
    throw refused(`audit[${lastAudit.index}].sig`, '设备签名验证不通过');
  }
};
