import type { Kysely } from 'kysely';
import { dayCloseResponseSchema, type DayCloseResponse } from '../../shared/sync/day-close';
import type { CentralDatabase } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';

/**
 * The closed days of a device (table day_closes, migration 0002-day-close). What is kept is the answer
 * as it was sent with its signed acknowledgement, so closing the same content again answers exactly
 * that: the same acknowledgement, never a second signature over the same day.
 */
export type StoredClose = Omit<DayCloseResponse, 'alreadyClosed' | 'serverTime'>;

export interface NewClose {
  deviceId: string;
  day: string;
  revision: number;
  contentHash: string;
  statementHash: string;
  statementText: string;
  answer: StoredClose;
  closedAt: string;
}

const parseStored = (text: string): StoredClose => dayCloseResponseSchema.omit({ alreadyClosed: true, serverTime: true }).parse(JSON.parse(text));

export const closeOfContent = async (db: Kysely<CentralDatabase>, deviceId: string, day: string, contentHash: string): Promise<StoredClose | null> => {
  const row = await db
    .selectFrom('day_closes')
    .select('response')
    .where('device_id', '=', deviceId)
    .where('day', '=', day)
    .where('content_hash', '=', contentHash)
    .executeTakeFirst();
  return row ? parseStored(row.response) : null;
};

export const nextRevision = async (db: Kysely<CentralDatabase>, deviceId: string, day: string): Promise<number> => {
  const row = await db.selectFrom('day_closes').select((eb) => eb.fn.max('revision').as('top')).where('device_id', '=', deviceId).where('day', '=', day).executeTakeFirst();
  return Number(row?.top ?? 0) + 1;
};

/**
 * Stores a close; false when another close won the race for this revision or this content (two
 * requests at once): the caller then answers what is stored.
 */
export const storeClose = async (db: Kysely<CentralDatabase>, close: NewClose): Promise<boolean> => {
  try {
    await db
      .insertInto('day_closes')
      .values({
        device_id: close.deviceId,
        day: close.day,
        revision: close.revision,
        content_hash: close.contentHash,
        statement_hash: close.statementHash,
        statement: close.statementText,
        response: JSON.stringify(close.answer),
        closed_at: close.closedAt,
      })
      .execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
};
