import { z } from 'zod';
import { caseDraftSchema } from '../../domain/case-draft-schema';
import { caseNumberPattern, type SealedRecord } from '../../domain/sealed-record';
import { voidReasons, type VoidRecord } from '../../domain/void-record';
import { noArgument } from './fields';
import { method } from './define';

/**
 * A sealed record as lists show it: what the clerk reads in a row, no signature strokes, the ID
 * number already masked by main.
 */
export interface RecordSummary {
  caseNumber: string;
  sequence: number;
  sealedAt: string;
  outcome: SealedRecord['outcome'];
  matterName: string;
  applicantName: string;
  idNumberMasked: string;
  /** The case number of the void that voided this case; null while it stands. */
  voidedBy: string | null;
  /**
   * When the central system had received every ledger line of the case so far (its record file,
   * letter, reprints), as its signed receipts say; null while any is unsent or not enrolled.
   */
  receiptedAt: string | null;
}

const caseNumber = z.string().regex(caseNumberPattern);
const day = z.iso.date();

/**
 * Sealing and the sealed records, kept by main (electron/services/records/). The renderer hands over
 * the reviewed draft and nothing else: main assigns the case number, the chain position and the
 * time, takes the clerk from the session and the counter from the device's settings. No argument
 * can name a clerk, a sequence or a previous hash (the schemas are strict).
 */
export const recordsDomain = {
  sealCase: method<SealedRecord>()({ input: z.object({ draft: caseDraftSchema }).strict(), access: 'session' }),
  sealedRecord: method<SealedRecord>()({ input: z.object({ caseNumber }).strict(), access: 'session' }),
  /** This device's records of a day (Asia/Shanghai), newest first. */
  sealedRecords: method<RecordSummary[]>()({ input: z.object({ day }).strict(), access: 'session' }),
  /** Records of an ID number, found through main's blind index; at most 50, newest first. */
  findSealedRecords: method<RecordSummary[]>()({ input: z.object({ idNumber: z.string().trim().min(1).max(32) }).strict(), access: 'session' }),
  /**
   * Voids a sealed case (作废): a supervisor only, with a reason from the closed list and a note (needed
   * for `other`). The void is a record of its own in the chain; the case's record never changes.
   */
  voidRecord: method<VoidRecord>()({
    input: z.object({ caseNumber, reason: z.enum(voidReasons), note: z.string().trim().max(200) }).strict(),
    access: ['supervisor'],
  }),
  /** The void of a case, if it was voided (null otherwise). */
  recordVoid: method<VoidRecord | null>()({ input: z.object({ caseNumber }).strict(), access: 'session' }),
  /**
   * A case's archived letter as main's ledger has it, and how many print calls main made for it (its
   * audit log): what the renderer rebuilds its letter row from when its database was lost.
   */
  archivedLetter: method<{ relativePath: string; sha256: string; bytes: number; archivedAt: string; printCalls: number } | null>()({
    input: z.object({ caseNumber }).strict(),
    access: 'session',
  }),
  /** The newest sealed records whose letter is not in the archive yet (a crash between the two). */
  unarchivedRecords: method<string[]>()({ input: noArgument, access: 'session' }),
} as const;
