import type { AuditLogCheck, EvidenceReport } from '../../../shared/contract/archive-evidence';
import { listRecordFiles } from '../archive-chain';
import { readLedger } from '../archive-verify';
import type { DeviceSigner } from '../device-key';
import { checkAuditLog } from './check-audit-log';
import { checkEvidenceItems, judgeEvidence, type EvidenceItem, type TrustedKey } from './check-evidence';

/**
 * The signature half of 档案核验 in the app: every ledger line, record file and audit entry of this
 * device's archive against this device's own key — the key main holds, not the copy published in the
 * archive, so a published key replaced together with everything re-signed is caught here too. It runs
 * in main on one thread; the file reads between signatures keep main answering the windows.
 */
export const checkDeviceEvidence = async (root: string, key: DeviceSigner, deviceId: string): Promise<{ evidence: EvidenceReport; audit: AuditLogCheck }> => {
  const trusted: TrustedKey = { suite: key.suite, keyId: key.keyId, publicKey: key.publicKey, deviceId };
  const ledger = await readLedger(root);
  const items: EvidenceItem[] = [
    ...ledger.entries.map((entry, index): EvidenceItem => ({ type: 'ledger', line: ledger.lines[index]!, entry })),
    ...(await listRecordFiles(root)).map((relativePath): EvidenceItem => ({ type: 'record', relativePath })),
  ];
  const [results, audit] = await Promise.all([checkEvidenceItems(root, items, [trusted]), checkAuditLog(root, [trusted])]);
  return { evidence: judgeEvidence(results), audit };
};
