import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveChainCheck, ChainFinding } from '../../shared/contract/archive-chain';
import { linkOf, verifyChainOf, type ChainLink } from '../../shared/domain/seal';
import { readRecordFile, type RecordFile, type RecordOpener } from './evidence/signed-record';
import { mapLimit, READ_CONCURRENCY } from './map-limit';

/**
 * Reads every archived record (`*.record.json`, wherever it lies) and checks the records of each device
 * as one chain: each hash over the record's canonical JSON, sequence numbers without gaps, each link to
 * the record before, no two records in one place. It looks at the files only, not at the ledger, so it
 * still finds a record altered by someone who also rewrote the ledger — unless every later record was
 * re-chained too (signatures close that later). Deleting the newest records leaves no gap: not found.
 */
export const RECORD_SUFFIX = '.record.json';

/** A record file as the chain check reads it; `record` is null for an encrypted one read without the data key. */
interface ReadRecord {
  relativePath: string;
  read: Exclude<RecordFile, { kind: 'unreadable' }>;
}

const readRecord = async (root: string, relativePath: string, opener?: RecordOpener): Promise<RecordFile | null> => {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(root, ...relativePath.split('/')));
  } catch {
    return null;
  }
  // Any version of the file: the signed envelope is checked by the evidence check, not here.
  return readRecordFile(bytes, opener);
};

/**
 * Every record file among `relativePaths`, read once (null: not a record of any version). With the
 * data key (`opener`, main's own check) encrypted records are opened too.
 */
export const readRecordFiles = async (root: string, relativePaths: readonly string[], opener?: RecordOpener): Promise<Map<string, RecordFile | null>> => {
  const files = relativePaths.filter((file) => file.endsWith(RECORD_SUFFIX));
  const reads = await mapLimit(files, READ_CONCURRENCY, (relativePath) => readRecord(root, relativePath, opener));
  return new Map(files.map((relativePath, index) => [relativePath, reads[index] ?? null]));
};

/**
 * `relativePaths`: the archive's files, `/`-separated, relative to `root`; `reads`: their records
 * when the caller has read them already (the archive check reads each once for chain and retention).
 * `opened`: whether the reads had the data key — then an encrypted record that did not open is
 * unreadable (altered, or not this device's), where without the key only its links can be checked.
 */
export const checkRecordChains = async (
  root: string,
  relativePaths: readonly string[],
  reads?: ReadonlyMap<string, RecordFile | null>,
  opened = false,
): Promise<ArchiveChainCheck> => {
  const findings: ChainFinding[] = [];
  const byDevice = new Map<string, ReadRecord[]>();
  const recordFiles = reads ?? (await readRecordFiles(root, relativePaths));
  for (const [relativePath, read] of recordFiles) {
    if (!read || read.kind === 'unreadable' || (opened && read.record === null)) {
      findings.push({ relativePath, problem: 'unreadable' });
      continue;
    }
    const deviceId = read.chain.device.deviceId;
    const chain = byDevice.get(deviceId);
    if (chain) chain.push({ relativePath, read });
    else byDevice.set(deviceId, [{ relativePath, read }]);
  }
  let records = 0;
  for (const chain of byDevice.values()) {
    records += chain.length;
    const link = ({ read }: ReadRecord): ChainLink => (read.record ? linkOf(read.record) : { ...read.chain, body: null });
    for (const { item, ...problem } of await verifyChainOf(chain, link)) {
      findings.push({ ...problem, relativePath: item.relativePath, counterId: item.read.chain.device.counterId });
    }
  }
  findings.sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  return { records, chains: byDevice.size, findings };
};

/** Every record file on disk under `root`, entered in the ledger or not, `/`-separated and sorted. */
export const listRecordFiles = async (root: string): Promise<string[]> => {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(RECORD_SUFFIX))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
};
