import { ledgerEntrySchema, type LedgerEntry } from '../../electron/services/archive-ledger';
import { sealedRecordFileSchema, type ChainView } from '../../electron/services/evidence/sealed-record-file';
import { sha256Hex } from '../../electron/services/file-hash';
import type { PushRequest } from '../../shared/sync/push';
import type { DeviceTable } from '../db/schema';
import { checkChainedLine } from './chained-line';
import { recordInvalid } from './refusal';

/** A ledger line of a batch that checked on its own, with its file; `chain` for a record. */
export interface CheckedLedgerLine {
  index: number;
  text: string;
  entry: LedgerEntry;
  file: Buffer;
  chain: ChainView | null;
}

type Device = Pick<DeviceTable, 'device_id' | 'suite' | 'key_id'>;

/**
 * A record's file, as far as it can be checked without the device's chain: a `signed-record/2` file of
 * this device, sealed under its enrolled key, for the case and record its line names. Its envelope's
 * own signature is not checked here: the batch's signed last line covers the file through `sha256`.
 */
export const recordChainOf = (entry: LedgerEntry, file: Buffer, path: string, device: Device): ChainView => {
  let raw: unknown;
  try {
    raw = JSON.parse(file.toString('utf8'));
  } catch {
    throw recordInvalid(path, '记录文件不是有效的 JSON');
  }
  const parsed = sealedRecordFileSchema.safeParse(raw);
  if (!parsed.success) throw recordInvalid(path, `记录文件不是 signed-record/2 格式（${parsed.error.issues[0]?.path.join('.') ?? ''}）`);
  const { envelope, chain } = parsed.data;
  if (chain.caseNumber !== entry.caseNumber) throw recordInvalid(path, `记录文件的案件编号 ${chain.caseNumber} 与台账行的 ${entry.caseNumber} 不同`);
  if (chain.hash !== entry.recordHash) throw recordInvalid(path, '记录文件的 hash 与台账行的 recordHash 不同');
  if (chain.device.deviceId !== device.device_id) throw recordInvalid(path, '记录文件属于另一台设备');
  if (envelope.keyId !== device.key_id || envelope.suite !== device.suite) throw recordInvalid(path, '记录文件不是用本设备登记的密钥签署的');
  return chain;
};

/** Every ledger line of the batch checked on its own and against the one before it; the first that fails refuses the batch. */
export const checkLedgerBatch = (items: PushRequest['ledger'], device: Device): CheckedLedgerLine[] => {
  const checked: CheckedLedgerLine[] = [];
  items.forEach((item, index) => {
    const path = `ledger[${index}]`;
    const entry = checkChainedLine(item.line, ledgerEntrySchema, `${path}.line`, device, checked.at(-1)?.entry);
    const file = Buffer.from(item.file, 'base64');
    if (file.length !== entry.bytes) throw recordInvalid(`${path}.file`, `文件长度 ${file.length} 字节，台账行记为 ${entry.bytes}`);
    if (sha256Hex(file) !== entry.sha256) throw recordInvalid(`${path}.file`, '文件的 SHA-256 与台账行不符');
    const chain = entry.kind === 'record' ? recordChainOf(entry, file, `${path}.file`, device) : null;
    checked.push({ index, text: item.line, entry, file, chain });
  });
  return checked;
};
