import path from 'node:path';
import { z } from 'zod';
import { auditActions, auditDetail, auditSubject, type AuditAction } from '../../shared/contract/domains/audit';
import { roles, type Role } from '../../shared/contract/domains/define';
import { clerkId } from '../../shared/contract/domains/fields';
import type { DeviceSigner } from './device-key';
import { publishDeviceKey } from './evidence/archive-keys';
import { createSignedLog, lineStatement, parseSignedLog, type ParsedLog } from './signed-log';

/**
 * The audit log, `<archive>/audit.jsonl`: beside the ledger because it is evidence of the same
 * kind — the archive's folder is what is backed up, handed to an examiner and checked by
 * `npm run verify`, and it holds the device keys that check its signatures. One signed, hash-chained
 * line per event (signed-log.ts, as the ledger), each written and flushed before the action answers.
 * The actor is always the session's, never an argument; subjects and details are codes.
 */
export const AUDIT_LOG_FILE = 'audit.jsonl';
export const AUDIT_ENTRY_STATEMENT = 'audit-entry/1';

const hexOf = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

export const auditActorSchema = z.object({ accountId: clerkId, role: z.enum(roles) }).strict();
export type AuditActor = z.infer<typeof auditActorSchema>;

export const auditEntrySchema = z
  .object({
    seq: z.number().int().positive(),
    at: z.iso.datetime({ offset: true }),
    /** null only where nobody is signed in: a failed sign-in or a lockout (the subject is the 工号 tried). */
    actor: auditActorSchema.nullable(),
    action: z.enum(auditActions),
    subject: auditSubject,
    detail: auditDetail.optional(),
    prev: hexOf(32),
    suite: z.enum(['gm', 'intl']),
    keyId: hexOf(16),
    hash: hexOf(32),
    sig: hexOf(64),
  })
  .strict();

export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditEntryStatement = (entry: AuditEntry): Uint8Array => lineStatement(AUDIT_ENTRY_STATEMENT, entry);

export const parseAuditLog = (text: string): ParsedLog<AuditEntry> => parseSignedLog(text, auditEntrySchema);

export interface AuditLog {
  /** Appends an entry for the session's account (none when nobody is signed in), durably. */
  record(action: AuditAction, subject: string, detail?: string): Promise<AuditEntry>;
  /** For the moment the session changes hands (sign-in, sign-out, idle lock): main names the account it just checked. */
  recordAs(actor: { clerkId: string; role: Role } | null, action: AuditAction, subject: string, detail?: string): Promise<AuditEntry>;
  /** Every entry so far, in order (what main answers about a letter's printing comes from here). */
  entries(): Promise<readonly AuditEntry[]>;
}

export interface AuditLogOptions {
  archiveDir: string;
  signer: () => Promise<DeviceSigner>;
  /** The session as main keeps it. */
  currentActor: () => Promise<{ clerkId: string; role: Role } | null>;
  /** The configured device, to publish the key beside the log; null before setup. */
  deviceId: () => Promise<string | null>;
  now?: () => Date;
}

export const createAuditLog = (options: AuditLogOptions): AuditLog => {
  const now = options.now ?? (() => new Date());
  const log = createSignedLog({
    file: path.join(options.archiveDir, AUDIT_LOG_FILE),
    schema: auditEntrySchema,
    label: AUDIT_ENTRY_STATEMENT,
    signedFields: (key) => ({ suite: key.suite, keyId: key.keyId }),
  });
  let published: Promise<void> | null = null;
  // The verifier checks the log with the keys published in the archive: publish before the first line.
  const publish = async (key: DeviceSigner) => {
    const deviceId = await options.deviceId();
    if (deviceId === null) return;
    await (published ??= publishDeviceKey(options.archiveDir, key, deviceId).catch((error: unknown) => {
      published = null;
      throw error;
    }));
  };

  const recordAs: AuditLog['recordAs'] = async (actor, action, subject, detail) => {
    const key = await options.signer();
    await publish(key);
    const body = {
      at: now().toISOString(),
      actor: actor ? { accountId: actor.clerkId, role: actor.role } : null,
      action,
      subject,
      ...(detail !== undefined ? { detail } : {}),
    };
    // Parsed first: a subject that is not a code is refused before anything is written.
    auditEntrySchema.pick({ at: true, actor: true, action: true, subject: true, detail: true }).parse(body);
    return log.transact((_entries, append) => append(body as Omit<AuditEntry, 'seq' | 'prev' | 'hash' | 'sig'>, key));
  };

  return {
    recordAs,
    record: async (action, subject, detail) => recordAs(await options.currentActor(), action, subject, detail),
    entries: () => log.transact(async (entries) => [...entries]),
  };
};
