import { canonicalJson } from '../../shared/crypto/canonical-json';
import { callHost } from '../host';
import { db } from './database';

const BATCH = 200;

/**
 * Records sealed before sealing moved into main sit in the old `records` table in clear. Main's store
 * now holds each one it took from the archive (sealedRecord answers it, encrypted at rest there); a
 * row whose record main answers with the very same content is deleted here, so the personal data no
 * longer rests in the browser's database. A row main does not have (sealed but never archived before
 * the change) is kept: it is the only copy, and deleting it would lose a sealed record.
 */
export const dropRecordsMainHolds = async (): Promise<number> => {
  let dropped = 0;
  let after = 0;
  for (;;) {
    const rows = await db.records.where('sequence').above(after).limit(BATCH).toArray();
    if (rows.length === 0) return dropped;
    for (const row of rows) {
      const held = await callHost('sealedRecord', { caseNumber: row.caseNumber }).catch(() => null);
      if (held && canonicalJson(held) === canonicalJson(row.record)) {
        await db.records.delete(row.caseNumber);
        dropped += 1;
      }
    }
    after = rows.at(-1)!.sequence;
  }
};
