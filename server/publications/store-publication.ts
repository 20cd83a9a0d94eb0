import type { Publication, PublicationKind } from '../../shared/sync/pull';
import { publicationStatementText } from '../../shared/sync/pull';
import type { PublicationTable } from '../db/schema';
import type { ServerContext } from '../server-context';

/** What publishing needs of the server: its database, its signing key and its clock. */
export type PublishContext = Pick<ServerContext, 'central' | 'signer' | 'now'>;

export const publicationOfRow = (row: PublicationTable): Publication => ({
  seq: Number(row.seq),
  kind: row.kind,
  scope: row.scope,
  publishedAt: row.published_at,
  body: row.body,
  keyId: row.key_id,
  signature: row.signature,
});

/**
 * Stores one publication: the next number of the `publication` sequence, the signature over the
 * statement that binds kind, scope, number and time to the body, and the row — all in one
 * transaction. Taking the number with UPDATE … RETURNING locks the sequence row until commit, so two
 * publishers run one after the other and numbers become visible in order: a counter that has read up
 * to n never finds n - 1 appearing later behind its cursor.
 */
export const storePublication = async (context: PublishContext, input: { kind: PublicationKind; scope: string; body: string }): Promise<Publication> =>
  context.central.db.transaction().execute(async (tx) => {
    const next = await tx
      .updateTable('sequences')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', 'publication')
      .returning('value')
      .executeTakeFirstOrThrow();
    const seq = Number(next.value);
    const publishedAt = context.now().toISOString();
    const signature = context.signer.sign(publicationStatementText({ seq, kind: input.kind, scope: input.scope, publishedAt, body: input.body }));
    const row: PublicationTable = {
      seq,
      kind: input.kind,
      scope: input.scope,
      published_at: publishedAt,
      body: input.body,
      key_id: context.signer.info.keyId,
      signature,
    };
    await tx.insertInto('publications').values(row).execute();
    return publicationOfRow(row);
  });
