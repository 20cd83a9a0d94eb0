import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { shanghaiDate } from '../../shared/domain/case-number';
import { retentionEndsOn } from '../../shared/domain/retention';
import { archiveProblemCount, type ArchiveChainCheck } from '../../shared/contract/archive-chain';
import type { ArchiveCheck } from '../../shared/contract/host-contract';
import { checkRecordChains, readRecordFiles } from './archive-chain';
import { isSealedCase } from '../../shared/domain/chain-record';
import type { RecordFile, RecordOpener } from './evidence/signed-record';
import { AUDIT_LOG_FILE } from './audit-log';
import { LEDGER_FILE, parseLedger, type LedgerEntry, type LedgerProblem, type ParsedLedger } from './archive-ledger';
import { readFileIfExists } from './atomic-file';
import { DEVICE_KEYS_DIR } from './evidence/archive-keys';
import { DAY_REPORTS_DIR } from './day-close/day-report-archive';
import { sha256Hex } from './file-hash';
import { mapLimit, READ_CONCURRENCY } from './map-limit';

/**
 * Walks an archive folder against its ledger: every file the ledger names must be there with the same
 * SHA-256, and every file there must be in the ledger. Read-only: it never repairs or deletes anything.
 */
/** A file that is missing, altered or an orphan; `kind` is what the ledger says it is (none for an orphan). */
export type FileFinding = ArchiveCheck['findings'][number];

export interface RetentionSummary {
  /** Letters whose retention has run out: still kept — deletion needs a central receipt and approval. */
  expired: string[];
  permanent: number;
  /** Letters whose record could not be read for its retention (they appear among the findings too). */
  unknown: number;
}

export interface ArchiveReport {
  root: string;
  ledgerEntries: number;
  filesOnDisk: number;
  intact: number;
  findings: FileFinding[];
  ledgerProblems: LedgerProblem[];
  /** The record files read back as chains, independently of the ledger. */
  chain: ArchiveChainCheck;
  retention: RetentionSummary;
}

/** Every file below `root`, as `/`-separated paths relative to it; the ledger itself excluded. */
const listFiles = async (root: string): Promise<string[]> => {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    // The ledger, the audit log (checked on its own) and the published device keys describe the archive; they are not entered in it.
    // Nor are the day reports: their SHA-256 is in the audit log (day-close/day-report-archive.ts).
    .filter((relativePath) => relativePath !== LEDGER_FILE && relativePath !== AUDIT_LOG_FILE && !relativePath.startsWith(`${DEVICE_KEYS_DIR}/`) && !relativePath.startsWith(`${DAY_REPORTS_DIR}/`))
    .sort();
};

const checkEntry = async (root: string, entry: LedgerEntry): Promise<FileFinding | null> => {
  const bytes = await readFileIfExists(path.join(root, ...entry.relativePath.split('/')));
  if (bytes === null) return { relativePath: entry.relativePath, status: 'missing', kind: entry.kind };
  if (sha256Hex(bytes) !== entry.sha256) return { relativePath: entry.relativePath, status: 'altered', kind: entry.kind };
  return null;
};

/** When each intact record's letter may be weeded (its matter's retention, from the sealing day). */
const summarizeRetention = (records: LedgerEntry[], reads: ReadonlyMap<string, RecordFile | null>, broken: ReadonlySet<string>, today: string): RetentionSummary => {
  const summary: RetentionSummary = { expired: [], permanent: 0, unknown: 0 };
  for (const entry of records) {
    const read = broken.has(entry.relativePath) ? null : reads.get(entry.relativePath);
    // An encrypted record read without the data key: its matter's retention is not known here.
    const record = read && read.kind !== 'unreadable' ? read.record : null;
    if (!record) {
      summary.unknown += 1;
      continue;
    }
    // A void is kept as long as the record it voids: it has no retention of its own.
    if (!isSealedCase(record)) continue;
    const ends = retentionEndsOn(shanghaiDate(new Date(record.timestamps.sealedAt)), record.matter.retention);
    if (ends === null) summary.permanent += 1;
    else if (today >= ends) summary.expired.push(entry.caseNumber);
  }
  return summary;
};

/**
 * `ledger`: the ledger already parsed by the caller (npm run verify reads it once for both checks);
 * `opener`: the data key, where the check runs in main — encrypted records are then opened, their
 * hashes recomputed and their retention known.
 */
export const verifyArchive = async (archiveDir: string, today: string, ledger?: ParsedLedger, opener?: RecordOpener): Promise<ArchiveReport> => {
  const root = path.resolve(archiveDir);
  ledger ??= await readLedger(root);
  // The last line for a path is what counts (a file is entered once; a repeated line is a chain problem).
  const expected = new Map(ledger.entries.map((entry) => [entry.relativePath, entry]));
  const onDisk = await listFiles(root);

  const findings: FileFinding[] = (await mapLimit([...expected.values()], READ_CONCURRENCY, (entry) => checkEntry(root, entry))).filter(
    (finding): finding is FileFinding => finding !== null,
  );
  for (const relativePath of onDisk) if (!expected.has(relativePath)) findings.push({ relativePath, status: 'orphan' });
  findings.sort((a, b) => a.relativePath.localeCompare(b.relativePath));

  const broken = new Set(findings.map((finding) => finding.relativePath));
  // Each record file read once, for its chain and its retention.
  const reads = await readRecordFiles(root, onDisk, opener);
  const records = [...expected.values()].filter((entry) => entry.kind === 'record');
  return {
    root,
    ledgerEntries: ledger.entries.length,
    filesOnDisk: onDisk.length,
    intact: [...expected.keys()].filter((relativePath) => !broken.has(relativePath)).length,
    findings,
    ledgerProblems: ledger.problems,
    chain: await checkRecordChains(root, onDisk, reads, opener !== undefined),
    retention: summarizeRetention(records, reads, broken, today),
  };
};

export const readLedger = async (root: string): Promise<ParsedLedger> =>
  parseLedger((await readFileIfExists(path.join(root, LEDGER_FILE)))?.toString('utf8') ?? '');

export const archiveIsSound = (report: ArchiveReport): boolean => archiveProblemCount(report) === 0;
