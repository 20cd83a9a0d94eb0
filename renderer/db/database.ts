import Dexie, { type EntityTable } from 'dexie';
import type { CaseDraft, CaseStep } from '../../shared/domain/case-draft';
import type { SignatureStroke } from '../../shared/domain/signature';
import type { Catalog } from '../../shared/catalog/catalog-schema';
import type { SealedRecord } from '../../shared/domain/sealed-record';
import type { HostMessage } from '../../shared/contract/host-message';
import type { ApplicantForm } from '../case/applicant-form';

/** The personal part of a case in progress: at rest only sealed by main (draft-repository.ts). */
export interface DraftPersonal {
  draft: CaseDraft;
  applicantForm: ApplicantForm | null;
  /** Strokes drawn but not yet confirmed: a reload mid-signature redraws them. */
  signatureInProgress: SignatureStroke[] | null;
}

/**
 * A case in progress as the screens use it, opened in memory: with what the clerk has typed so far
 * even before it passed the checks. Read and written through draft-repository.ts, never from
 * `db.drafts` directly.
 */
export interface DraftRow extends DraftPersonal {
  draftId: string;
  clerkId: string;
  updatedAt: string;
}

/** What a stored draft keeps in clear: nothing that names or identifies the applicant. */
interface StoredDraftHeader {
  draftId: string;
  clerkId: string;
  updatedAt: string;
  step: CaseStep;
  /** Raised by every write: two windows write the same draft, and a write that read an older one retries. */
  version: number;
}

/**
 * A draft as IndexedDB holds it: the personal part sealed by main under the device's data key
 * (`protectDraft`, `pd1.<suite>.…`, bound to the draft and the clerk), which only main can open
 * again (`revealDraft`) for the signed-in session.
 */
export interface SealedDraftRow extends StoredDraftHeader {
  sealed: string;
}

/**
 * A draft written before drafts were sealed (database version 3), still in clear: sealed by its
 * clerk's next write or, after that clerk signs in, by `sealLegacyDrafts`. Dexie's upgrade cannot do
 * it: a host call inside its transaction would end the transaction.
 */
export interface LegacyDraftRow extends StoredDraftHeader, DraftPersonal {
  sealed?: undefined;
}

export type StoredDraftRow = SealedDraftRow | LegacyDraftRow;

/**
 * A sealed record as the renderer kept it before main sealed and kept the records: no longer written
 * or read; rows main holds too are deleted after sign-in (legacy-records.ts).
 */
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
  drafts!: EntityTable<StoredDraftRow, 'draftId'>;
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
    // Drafts sealed: the clear rows of before get their step and a version here (no host call can run
    // inside an upgrade); their personal part is sealed after sign-in (draft-repository.ts).
    this.version(4)
      .stores({ drafts: 'draftId, clerkId, updatedAt' })
      .upgrade((tx) =>
        tx
          .table('drafts')
          .toCollection()
          .modify((row: Partial<LegacyDraftRow> & { sealed?: string }) => {
            if (row.sealed !== undefined) return;
            if (row.draft) row.step = row.draft.step;
            row.version = 0;
          }),
      );
  }
}

export const db = new CounterDatabase();
