import { auditEntrySchema, type AuditEntry } from '../../electron/services/audit-log';
import type { DeviceTable } from '../db/schema';
import { checkChainedLine } from './chained-line';

export interface CheckedAuditLine {
  index: number;
  text: string;
  entry: AuditEntry;
}

/** Every audit line of the batch checked on its own and against the one before it. */
export const checkAuditBatch = (lines: readonly string[], device: Pick<DeviceTable, 'suite' | 'key_id'>): CheckedAuditLine[] => {
  const checked: CheckedAuditLine[] = [];
  lines.forEach((text, index) => {
    checked.push({ index, text, entry: checkChainedLine(text, auditEntrySchema, `audit[${index}]`, device, checked.at(-1)?.entry) });
  });
  return checked;
};
