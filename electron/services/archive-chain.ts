import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveChainCheck, ChainFinding } from '../../shared/contract/archive-chain';
import { verifyChainOf } from '../../shared/domain/seal';
import type { ChainRecord } from '../../shared/domain/chain-record';
import { readRecordFile } from './evidence/signed-record';
import { mapLimit, READ_CONCURRENCY } from './map-limit';

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
  record: ChainRecord;
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

/** Every record file among `relativePaths`, read once (null: not a record of either version). */
export const readRecordFiles = async (root: string, relativePaths: readonly string[]): Promise<Map<string, ChainRecord | null>> => {
  const files = relativePaths.filter((file) => file.endsWith(RECORD_SUFFIX));
  const reads = await mapLimit(files, READ_CONCURRENCY, (relativePath) => readRecord(root, relativePath));
  return new Map(files.map((relativePath, index) => [relativePath, reads[index]?.record ?? null]));
};

/**
 * `relativePaths`: the archive's files, `/`-separated, relative to `root`; `reads`: their records
 * when the caller has read them already (the archive check reads each once for chain and retention).
 */
export const checkRecordChains = async (
  root: string,
  relativePaths: readonly string[],
  reads?: ReadonlyMap<string, ChainRecord | null>,
): Promise<ArchiveChainCheck> => {
  const findings: ChainFinding[] = [];
  const byDevice = new Map<string, ReadRecord[]>();
  const recordFiles = reads ?? (await readRecordFiles(root, relativePaths));
  for (const [relativePath, record] of recordFiles) {
    const read = record ? { relativePath, record } : null;
    if (!read) {
      findings.push({ relativePath, problem: 'unreadable' });
      continue;
    }
    const deviceId = read.record.device.deviceId;
    const chain = byDevice.get(deviceId);
    if (chain) chain.push(read);
    else byDevice.set(deviceId, [read]);
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
