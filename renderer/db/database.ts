import Dexie, { type EntityTable } from 'dexie';
import type { CaseDraft } from '../../shared/domain/case-draft';
import type { SignatureStroke } from '../../shared/domain/signature';
import type { Catalog } from '../../shared/catalog/catalog-schema';
import type { SealedRecord } from '../../shared/domain/sealed-record';
import type { HostMessage } from '../../shared/contract/host-message';
import type { ApplicantForm } from '../case/applicant-form';

/** A case in progress, with what the clerk has typed so far even before it passed the checks. */
export interface DraftRow {
  draftId: string;
  clerkId: string;
  updatedAt: string;
  draft: CaseDraft;
  applicantForm: ApplicantForm | null;
  /** Strokes drawn but not yet confirmed: a reload mid-signature redraws them. */
  signatureInProgress: SignatureStroke[] | null;
}

/** A sealed record with the few fields lists and searches need, indexed. The record itself never changes. */
export interface RecordRow {
  caseNumber: string;
  sequence: number;
  hash: string;
  counterId: string;
  /** YYYY-MM-DD in Asia/Shanghai. */
  day: string;
  idNumber: string;
  sealedAt: string;
  record: SealedRecord;
}

/**
 * Where a printout stands: never sent, taken by the spooler, on the printer, out, or failed (with the
 * spooler's reason). `queued` long after the fact means the job's fate is still unknown.
 */
export type PrintStatus = 'not_printed' | 'queued' | 'printing' | 'done' | 'failed';

export interface PrintState {
  printed: PrintStatus;
  /** The spooler's reason for a failure, worded when shown; a sentence in rows written before reasons travelled as keys. */
  printMessage: HostMessage | string | null;
  /** The spooler's job id while there is a job to follow. */
  jobId?: string | null;
  /** The printer that took the job; `null` with a job id: the system's default, unnamed. */
  printer?: string | null;
  printedAt?: string | null;
}

/** The archived letter of a record: kept beside the record because the record cannot change. */
export interface LetterRow extends PrintState {
  caseNumber: string;
  relativePath: string;
  sha256: string;
  bytes: number;
  archivedAt: string;
}

/** A reprint (补打) of a letter: its own archived file with the 补打 mark, why it was made and by whom. */
export interface ReprintRow extends PrintState {
  id?: number;
  caseNumber: string;
  relativePath: string;
  sha256: string;
  reason: string;
  note: string;
  clerkId: string;
  at: string;
}

/** Who did what and when. Refers to cases by draft id or case number, never by personal data. */
/** A catalog version that passed the checks when imported. Kept, never changed: records pin their matter. */
export interface CatalogRow {
  /** `<catalogId>@<version>` */
  key: string;
  catalogId: string;
  version: number;
  catalog: Catalog;
  sha256: string;
  importedAt: string;
  importedBy: string;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export class CounterDatabase extends Dexie {
  drafts!: EntityTable<DraftRow, 'draftId'>;
  records!: EntityTable<RecordRow, 'caseNumber'>;
  letters!: EntityTable<LetterRow, 'caseNumber'>;
  settings!: EntityTable<SettingRow, 'key'>;
  catalogs!: EntityTable<CatalogRow, 'key'>;
  reprints!: EntityTable<ReprintRow, 'id'>;

  constructor(name = 'commitment-counter') {
    super(name);
    // Every query the screens make has an index: volumes reach hundreds of thousands of records.
    this.version(1).stores({
      drafts: 'draftId, clerkId, updatedAt',
      records: 'caseNumber, &sequence, &hash, [counterId+day], idNumber, sealedAt',
      letters: 'caseNumber, printed',
      // The audit log is main's now (signed, hash-chained); rows written here before stay, unread,
      // rather than an upgrade deleting what they proved.
      audit: '++id, at, clerkId, subject',
      settings: 'key',
    });
    this.version(2).stores({ catalogs: 'key, catalogId, importedAt' });
    this.version(3).stores({ reprints: '++id, caseNumber, printed, at' });
  }
}

export const db = new CounterDatabase();
