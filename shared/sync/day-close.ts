import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical-json';
import { caseNumberPattern } from '../domain/sealed-record';
import { counterIdField, deviceIdField, isoTime, sha256Hex, signedStatementOf } from './wire-fields';

/**
 * 日结 (the supervisor's day close), on the wire. The central system cannot read a counter's records
 * (they are sealed under the device's data key: it sees each record file's chain view — schema, case
 * number, sequence, hashes — the ledger lines and the audit lines in clear), so the counter states
 * its day and signs the statement with the device key, and the server checks every line of it
 * against what it holds for that device:
 *
 * - each chain record of the day (its case number's date): present, same hash, same place in the
 *   chain and the ledger, a void where the chain view says `void-record/1`;
 * - each case's letter and the day's 补打 files: the ledger's `letter` / `reprint` lines, same bytes;
 * - the prints of the day: the audit log's `letter.print` lines (main writes one for every job the
 *   spooler accepted), of the letter and of its 补打 files;
 * - the day's chain head and the heads of the ledger and audit log the statement was counted from.
 *
 * Commitment, proof route and not applicable are inside the encrypted record: the server checks that
 * their sum is the number of cases it holds, not the split (its counts for them are null).
 *
 * An event belongs to the Asia/Shanghai day of its own time: a record to its case number's date, a
 * print or a 补打 to its audit line's, a 补打 file to its ledger line's. A case is listed when it was
 * sealed that day or the day's audit log prints it or makes a 补打 of it, so a letter of yesterday
 * printed today counts today. Both sides derive the list with the same code (day-close-view.ts).
 */
export const DAY_STATEMENT = 'day-statement/1';
export const DAY_CLOSE_ACK = 'day-close-ack/1';

/** What became of a case: the applicant's choice, or a void (作废, a record of its own in the chain). */
export const dayOutcomes = ['commitment', 'proof-route', 'not-applicable', 'void'] as const;
export type DayOutcome = (typeof dayOutcomes)[number];

/** 9999 case numbers a day, and the earlier cases a day prints: bounded, far above a real day. */
export const DAY_CLOSE_LIMITS = { maxCases: 20_000, maxReprintsPerCase: 200, bodyBytes: 8 * 1024 * 1024 } as const;

export const dayDateField = z.iso.date();
export const caseNumberField = z.string().regex(caseNumberPattern);
const count = z.number().int().nonnegative();
const seqField = z.number().int().positive();

/** A ledger line of a file: where it stands and the SHA-256 of the bytes it describes (as stored). */
export const ledgerRefSchema = z.object({ ledgerSeq: seqField, sha256: sha256Hex }).strict();
export type LedgerRef = z.infer<typeof ledgerRefSchema>;

export const dayRecordSchema = z
  .object({
    /** Place in the device's record chain. */
    sequence: seqField,
    /** The ledger line of the record file. */
    ledgerSeq: seqField,
    recordHash: sha256Hex,
    outcome: z.enum(dayOutcomes),
    /** A void's case (of this day or an earlier one); null for a case. */
    voids: caseNumberField.nullable(),
  })
  .strict();
export type DayRecord = z.infer<typeof dayRecordSchema>;

export const dayCaseSchema = z
  .object({
    caseNumber: caseNumberField,
    /** The chain record, when it was sealed that day; null for an earlier day's case printed that day. */
    record: dayRecordSchema.nullable(),
    /** The case's letter as the ledger holds it (any day); null for a void or a letter not archived. */
    letter: ledgerRefSchema.nullable(),
    /** The 补打 files archived that day, in ledger order. */
    reprints: z.array(ledgerRefSchema).max(DAY_CLOSE_LIMITS.maxReprintsPerCase),
    /** Print jobs the spooler accepted that day: of the letter itself, and of its 补打 files. */
    printed: count,
    reprinted: count,
  })
  .strict();
export type DayCase = z.infer<typeof dayCaseSchema>;

export const dayCountsSchema = z
  .object({
    /** Cases sealed: committed + proofRoute + notApplicable. */
    sealed: count,
    committed: count,
    proofRoute: count,
    notApplicable: count,
    voided: count,
    printed: count,
    reprinted: count,
  })
  .strict();
export type DayCounts = z.infer<typeof dayCountsSchema>;
export const dayCountNames = ['sealed', 'committed', 'proofRoute', 'notApplicable', 'voided', 'printed', 'reprinted'] as const satisfies readonly (keyof DayCounts)[];
export type DayCountName = (typeof dayCountNames)[number];

/** What the server can count without the data key: the split of `sealed` is null (encrypted). */
export const serverDayCountsSchema = dayCountsSchema.extend({ committed: count.nullable(), proofRoute: count.nullable(), notApplicable: count.nullable() }).strict();
export type ServerDayCounts = z.infer<typeof serverDayCountsSchema>;

/** The chain as it stood at the end of the day: its last record sealed on or before it (0 and genesis before any). */
export const chainHeadSchema = z.object({ sequence: count, hash: sha256Hex, caseNumber: caseNumberField.nullable() }).strict();
export type DayChainHead = z.infer<typeof chainHeadSchema>;

const logHeadSchema = z.object({ seq: count, hash: sha256Hex }).strict();

export const dayStatementSchema = z
  .object({
    schema: z.literal(DAY_STATEMENT),
    deviceId: deviceIdField,
    counterId: counterIdField,
    date: dayDateField,
    builtAt: isoTime,
    cases: z.array(dayCaseSchema).max(DAY_CLOSE_LIMITS.maxCases),
    counts: dayCountsSchema,
    chainHead: chainHeadSchema,
    /** The ledger the statement was counted from: up to this line. */
    ledgerHead: logHeadSchema,
    /**
     * The audit log it was counted from: lines `fromSeq` (the day's first) to `head` (the newest when
     * the statement was built: a day closed while it lasts counts what happened until then).
     */
    audit: z.object({ fromSeq: seqField, head: logHeadSchema }).strict(),
  })
  .strict();
export type DayStatement = z.infer<typeof dayStatementSchema>;

export const signedDayStatementSchema = signedStatementOf(dayStatementSchema);
export type SignedDayStatement = z.infer<typeof signedDayStatementSchema>;

/** The text the device signs (UTF-8); the label keeps it from passing for any other signed text. */
export const dayStatementText = (statement: DayStatement): string => `${DAY_STATEMENT}\n${canonicalJson(statement)}`;

/**
 * What a close is about, without when it was counted: two statements of the same day with the same
 * content are the same close (closing twice answers the first acknowledgement), although the audit
 * log has grown meanwhile — by the first close's own line, at least.
 */
export const dayContentText = (statement: DayStatement): string =>
  canonicalJson({ deviceId: statement.deviceId, counterId: statement.counterId, date: statement.date, cases: statement.cases, counts: statement.counts, chainHead: statement.chainHead });

export const differenceFields = [
  'record',
  'recordHash',
  'sequence',
  'ledgerSeq',
  'outcome',
  'letter',
  'reprints',
  'printed',
  'reprinted',
  'chainHead',
  'ledgerHead',
  'auditHead',
  'auditRange',
  'statement',
  ...dayCountNames.map((name) => `counts.${name}` as const),
] as const;
export type DifferenceField = (typeof differenceFields)[number];

/**
 * - `not_pushed`: the counter has it, the server does not (not sent yet, held back, or lost there);
 * - `not_in_statement`: the server holds it, the statement does not list it;
 * - `differs`: both have it, not the same.
 */
export const differenceKinds = ['not_pushed', 'not_in_statement', 'differs'] as const;
export type DifferenceKind = (typeof differenceKinds)[number];

export const dayDifferenceSchema = z
  .object({
    /** The case the difference is about; null for the day as a whole (heads, counts). */
    caseNumber: caseNumberField.nullable(),
    field: z.enum(differenceFields),
    kind: z.enum(differenceKinds),
    /** The two values as short text (a hash, a count, a line number); null where a side has nothing. */
    counter: z.string().max(200).nullable(),
    server: z.string().max(200).nullable(),
    /** Why, in Chinese, for the supervisor (the central system's administrators read the same). */
    reason: z.string().max(300),
  })
  .strict();
export type DayDifference = z.infer<typeof dayDifferenceSchema>;

export const dayCloseAckSchema = z
  .object({
    schema: z.literal(DAY_CLOSE_ACK),
    deviceId: deviceIdField,
    counterId: counterIdField,
    date: dayDateField,
    /** 1 for the day's first close; a day closed again after more work that day gets the next. */
    revision: z.number().int().positive(),
    /** SHA-256 of the signed statement's text (dayStatementText) and of its content (dayContentText). */
    statementHash: sha256Hex,
    contentHash: sha256Hex,
    chainHead: chainHeadSchema,
    counts: dayCountsSchema,
    closedAt: isoTime,
  })
  .strict();
export type DayCloseAck = z.infer<typeof dayCloseAckSchema>;

export const signedDayCloseAckSchema = signedStatementOf(dayCloseAckSchema);
export type SignedDayCloseAck = z.infer<typeof signedDayCloseAckSchema>;

export const dayCloseAckText = (ack: DayCloseAck): string => `${DAY_CLOSE_ACK}\n${canonicalJson(ack)}`;

export const dayCloseResponseSchema = z
  .object({
    date: dayDateField,
    reconciled: z.boolean(),
    /** Every difference, cases first in case-number order, then the day's; empty when reconciled. */
    differences: z.array(dayDifferenceSchema),
    counterCounts: dayCountsSchema,
    serverCounts: serverDayCountsSchema,
    chainHead: z.object({ counter: chainHeadSchema, server: chainHeadSchema.nullable() }).strict(),
    /** The signed acknowledgement of a reconciled day; null when it did not reconcile (it is not closed). */
    acknowledgement: signedDayCloseAckSchema.nullable(),
    /** True when this content was closed before: the acknowledgement is that close's. */
    alreadyClosed: z.boolean(),
    serverTime: isoTime,
  })
  .strict();
export type DayCloseResponse = z.infer<typeof dayCloseResponseSchema>;

/**
 * The case of an archive path the audit log names (`2026-11-28/C01/C01-20261128-0001.pdf`, or a
 * 补打 `….reprint-2.pdf`), and which of the two it is; null for any other subject.
 */
export const letterPathCase = (subject: string): { caseNumber: string; reprint: boolean } | null => {
  const match = /^\d{4}-\d{2}-\d{2}\/[A-Z0-9]{1,8}\/([A-Z0-9]{1,8}-\d{8}-\d{4})(\.reprint-\d{1,3})?\.pdf$/.exec(subject);
  return match ? { caseNumber: match[1]!, reprint: match[2] !== undefined } : null;
};

/** `C01` + `2026-11-28` → `C01-20261128-`: the prefix of that day's case numbers at that counter. */
export const dayCasePrefix = (counterId: string, date: string): string => `${counterId}-${date.replaceAll('-', '')}-`;

/**
 * Whether a case number of this counter is of `date` or earlier: case numbers sort by date, then
 * number, and `.` sorts right after `-`, so `C01-20261128.` bounds every number of that day and before.
 */
export const isOnOrBefore = (caseNumber: string, counterId: string, date: string): boolean =>
  caseNumber.startsWith(`${counterId}-`) && caseNumber < `${counterId}-${date.replaceAll('-', '')}.`;
