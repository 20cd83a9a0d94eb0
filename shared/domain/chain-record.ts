import { z } from 'zod';
import { sealedRecordSchema, type SealedRecord } from './sealed-record';
import { voidRecordSchema, type VoidRecord } from './void-record';

/**
 * Whatever a device's chain holds: sealed cases (`commitment-record/1`) and voids (`void-record/1`).
 * Chain position, hash, case number, device and sealing time are common to both, which is all the
 * chain check, the signatures and the archive need; letters, lists and retention are the cases'.
 */
export const chainRecordSchema = z.union([sealedRecordSchema, voidRecordSchema]);
export type ChainRecord = SealedRecord | VoidRecord;

export const isSealedCase = (record: ChainRecord): record is SealedRecord => record.schema === 'commitment-record/1';
