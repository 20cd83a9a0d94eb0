import { z } from 'zod';
import { counterIdField, deviceIdField, isoTime, orgUnitIdField, sha256Hex } from './wire-fields';

/**
 * `GET /v1/device`: the calling device as the central system holds it — where its ledger, record
 * chain and audit log stand (what was receipted), what it holds pending behind a gap, and the
 * conflicts it keeps for the supervisor. A counter that lost its outbox state resumes from `heads`.
 */
export const chainHeadSchema = z.object({ seq: z.number().int().nonnegative(), hash: sha256Hex }).strict();
export type ChainHead = z.infer<typeof chainHeadSchema>;

export const CONFLICTS_LISTED = 100;

export const deviceConflictSchema = z
  .object({
    log: z.enum(['ledger', 'audit']),
    seq: z.number().int().positive(),
    /** The hash of the line the server holds at that place; null where it holds none (a fork past its head). */
    heldHash: sha256Hex.nullable(),
    /** The hash of the line offered instead. */
    offeredHash: sha256Hex,
    /** The offered line's file, for a ledger line. */
    offeredSha256: sha256Hex.nullable(),
    reason: z.string(),
    at: isoTime,
  })
  .strict();
export type DeviceConflict = z.infer<typeof deviceConflictSchema>;

export const deviceStatusSchema = z
  .object({
    deviceId: deviceIdField,
    counterId: counterIdField,
    hallId: orgUnitIdField,
    enrolledAt: isoTime,
    heads: z.object({ ledger: chainHeadSchema, record: chainHeadSchema, audit: chainHeadSchema }).strict(),
    /** What the server stores of this device. */
    counts: z
      .object({
        records: z.number().int().nonnegative(),
        letters: z.number().int().nonnegative(),
        reprints: z.number().int().nonnegative(),
        auditEntries: z.number().int().nonnegative(),
      })
      .strict(),
    /** Ledger lines held behind a gap: the lines from `heads.ledger.seq + 1` to `lowestSeq - 1` are missing. */
    pending: z.object({ count: z.number().int().nonnegative(), lowestSeq: z.number().int().positive().nullable() }).strict(),
    conflictCount: z.number().int().nonnegative(),
    /** The newest conflicts, at most CONFLICTS_LISTED, newest first. */
    conflicts: z.array(deviceConflictSchema).max(CONFLICTS_LISTED),
    escrowDeposited: z.boolean(),
    serverTime: isoTime,
  })
  .strict();
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;
