import { z } from 'zod';
import { canonicalJson } from '../../../shared/crypto/canonical-json';
import { caseNumberPattern, GENESIS_HASH } from '../../../shared/domain/sealed-record';

/**
 * Main's index of the device's sealed records, `<dataDir>/record-index.jsonl`: one line per record in
 * chain order, appended and flushed when the record is sealed — the line is the seal's commit point.
 * The records themselves are the signed files in the archive; the index holds no personal data,
 * only where a record stands in the chain, which draft it sealed (so a retried seal answers the
 * same record) and the keyed blind index of the applicant's ID number (lookup without the number).
 *
 * It can always be rebuilt from the archive's ledger and record files (a lost or deleted index
 * costs one slow start, never a case number).
 */
export const RECORD_INDEX_FILE = 'record-index.jsonl';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const recordIndexEntrySchema = z
  .object({
    sequence: z.number().int().positive(),
    caseNumber: z.string().regex(caseNumberPattern),
    hash: sha256,
    prevHash: sha256,
    sealedAt: z.iso.datetime({ offset: true }),
    /** The draft this record sealed; null for records taken over from an archive made before the index. */
    draftId: z.string().max(64).nullable(),
    /** HMAC of the applicant's normalized ID number under the device's blind-index key; null for a void. */
    idIndex: z.string().regex(/^[0-9a-f]{16,64}$/).nullable(),
    /** For a void, the case number of the record it voids (absent on lines written before voids). */
    voids: z.string().regex(caseNumberPattern).nullable().optional(),
  })
  .strict();

export type RecordIndexEntry = z.infer<typeof recordIndexEntrySchema>;

export const recordIndexLine = (entry: RecordIndexEntry): string => `${canonicalJson(entry)}\n`;

export interface ParsedRecordIndex {
  entries: RecordIndexEntry[];
  /** Bytes of the complete lines: a torn last line (power cut mid-append) lies beyond and is cut off. */
  completeLength: number;
  /** The first line that does not parse or does not follow the one before, if any. */
  damagedLine: number | null;
}

/**
 * Reads the index. Every line must follow the one before (sequence + 1, prevHash = hash before): an
 * index that does not is damaged, and main refuses to seal onto it rather than fork the chain.
 */
export const parseRecordIndex = (text: string): ParsedRecordIndex => {
  const entries: RecordIndexEntry[] = [];
  const lastNewline = text.lastIndexOf('\n');
  const complete = text.slice(0, lastNewline + 1);
  const lines = complete.split('\n').slice(0, -1);
  for (const [index, line] of lines.entries()) {
    let parsed: RecordIndexEntry;
    try {
      parsed = recordIndexEntrySchema.parse(JSON.parse(line));
    } catch {
      return { entries, completeLength: Buffer.byteLength(complete), damagedLine: index + 1 };
    }
    const previous = entries.at(-1);
    if (parsed.sequence !== (previous?.sequence ?? 0) + 1 || parsed.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
      return { entries, completeLength: Buffer.byteLength(complete), damagedLine: index + 1 };
    }
    entries.push(parsed);
  }
  return { entries, completeLength: Buffer.byteLength(complete), damagedLine: null };
};
