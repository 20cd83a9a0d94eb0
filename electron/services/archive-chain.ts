import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveChainCheck, ChainFinding } from '../../shared/contract/archive-chain';
import { verifyChainOf } from '../../shared/domain/seal';
import type { SealedRecord } from '../../shared/domain/sealed-record';
import { readRecordFile } from './evidence/signed-record';

/**
 * Reads every archived record (`*.record.json`, wherever it lies) and checks the records of each device
 * as one chain: each hash over the record's canonical JSON, sequence numbers without gaps, each link to
 * the record before, no two records in one place. It looks at the files only, not at the ledger, so it
 * still finds a record altered by someone who also rewrote the ledger — unless every later record was
 * re-chained too (signatures close that later). Deleting the newest records leaves no gap: not found.
 */
export const RECORD_SUFFIX = '.record.json';

interface ReadRecord {
  relativePath: string;
  record: SealedRecord;
}

const readRecord = async (root: string, relativePath: string): Promise<ReadRecord | null> => {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(root, ...relativePath.split('/')));
  } catch {
    return null;
  }
  // Either version of the file: the signed envelope is checked by the evidence check, not here.
  const read = readRecordFile(bytes);
  return read.kind === 'unreadable' ? null : { relativePath, record: read.record };
};

/** `relativePaths`: the archive's files, `/`-separated, relative to `root`. */
export const checkRecordChains = async (root: string, relativePaths: readonly string[]): Promise<ArchiveChainCheck> => {
  const findings: ChainFinding[] = [];
  const byDevice = new Map<string, ReadRecord[]>();
  for (const relativePath of relativePaths.filter((file) => file.endsWith(RECORD_SUFFIX))) {
    const read = await readRecord(root, relativePath);
    if (!read) {
      findings.push({ relativePath, problem: 'unreadable' });
      continue;
    }
    const deviceId = read.record.device.deviceId;
    byDevice.set(deviceId, [...(byDevice.get(deviceId) ?? []), read]);
  }
  let records = 0;
  for (const chain of byDevice.values()) {
    records += chain.length;
    for (const { item, ...problem } of await verifyChainOf(chain, (read) => read.record)) {
      findings.push({ ...problem, relativePath: item.relativePath, counterId: item.record.device.counterId });
    }
  }
  findings.sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  return { records, chains: byDevice.size, findings };
};
