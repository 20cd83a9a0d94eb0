import { z } from 'zod';
import { caseNumberPattern } from '../../domain/sealed-record';
import type { ArchiveChainCheck } from '../archive-chain';
import type { AuditLogCheck, EvidenceReport } from '../archive-evidence';
import { archivePath, noArgument } from './fields';
import { method } from './define';

export interface ArchivedLetter {
  relativePath: string;
  sha256: string;
  bytes: number;
}

/** The archive walked against its ledger (what `npm run archive:verify` prints), for the supervisor. */
export interface ArchiveCheck {
  ledgerEntries: number;
  filesOnDisk: number;
  intact: number;
  /** Files that are missing, altered, or orphans (no ledger line); `kind` as the ledger says. */
  findings: Array<{ relativePath: string; status: 'missing' | 'altered' | 'orphan'; kind?: 'record' | 'letter' | 'reprint' }>;
  /** Ledger lines that are damaged or out of chain. */
  ledgerProblems: Array<{ line: number; problem: 'unreadable' | 'bad-hash' | 'broken-chain' | 'torn-line' }>;
  /** The record files read back as one hash chain per device, whatever the ledger says. */
  chain: ArchiveChainCheck;
  /** Case numbers past their retention (kept: deletion needs a central receipt and approval). */
  expired: string[];
  /** Every record file's and ledger line's signature against this device's own key. */
  evidence: EvidenceReport;
  /** The audit log's hashes, chain and signatures. */
  audit: AuditLogCheck;
}

const pdfBase64 = z.base64().max(16 * 1024 * 1024);
const caseNumber = z.string().regex(caseNumberPattern);

/** The letter archive: case work of any signed-in account. */
export const archiveDomain = {
  /** The letter of a record main sealed, named by its case number: main takes the record from its store. */
  archiveLetter: method<ArchivedLetter>()({ input: z.object({ caseNumber, pdfBase64 }).strict(), access: 'session' }),
  readArchivedLetter: method<{ pdfBase64: string; sha256: string }>()({ input: z.object({ relativePath: archivePath }).strict(), access: 'session' }),
  /** A reprint (补打) of an archived letter: its own file beside the original, which never changes. */
  archiveReprint: method<ArchivedLetter>()({ input: z.object({ letterPath: archivePath, pdfBase64 }).strict(), access: 'session' }),
  /** 档案核验: the whole check of `npm run verify` with this device's key and data key; a supervisor's. */
  verifyArchive: method<ArchiveCheck>()({ input: noArgument, access: ['supervisor'] }),
  /**
   * The signed code for a sealed record's QR (CCL2…), asked before its letter is drawn: main signs it
   * once and answers the same code ever after, so every rendering of the letter has the same bytes.
   */
  letterCode: method<{ code: string }>()({ input: z.object({ caseNumber }).strict(), access: 'session' }),
} as const;
