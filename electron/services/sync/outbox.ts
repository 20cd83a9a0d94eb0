import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ledgerEntrySchema, LEDGER_FILE, type LedgerEntry } from '../archive-ledger';
import { AUDIT_LOG_FILE, auditEntrySchema, type AuditEntry } from '../audit-log';
import { sha256Hex } from '../file-hash';
import { createLogTail, type TailLine } from './log-tail';

/**
 * The outbox is the archive itself: main's ledger lists every file ever archived, in order, and the
 * audit log every event; what is unsent is simply what lies after the receipted heads. Nothing is
 * copied into a queue and nothing is ever deleted from the archive — the counter keeps every record
 * and letter whatever the central system holds (deletion after retention is a later, approved step).
 */
export type LedgerLine = TailLine<LedgerEntry>;
export type AuditLine = TailLine<AuditEntry>;

export type FileRead = { ok: true; bytes: Buffer } | { ok: false; problem: 'missing' | 'altered' };

export interface Outbox {
  ledger(): Promise<readonly LedgerLine[]>;
  audit(): Promise<readonly AuditLine[]>;
  /** A ledger line's file as archived, checked against the line's SHA-256 before it is sent. */
  file(entry: LedgerEntry): Promise<FileRead>;
}

const parseWith =
  <E>(schema: { safeParse(value: unknown): { success: true; data: E } | { success: false } }) =>
  (value: unknown): E | null => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : null;
  };

export const createOutbox = (archiveDir: string): Outbox => {
  const root = path.resolve(archiveDir);
  const ledger = createLogTail(path.join(root, LEDGER_FILE), parseWith(ledgerEntrySchema));
  const audit = createLogTail(path.join(root, AUDIT_LOG_FILE), parseWith(auditEntrySchema));
  return {
    ledger: () => ledger.lines(),
    audit: () => audit.lines(),
    file: async (entry) => {
      const segments = entry.relativePath.split('/');
      // The ledger is the device's own, but a path out of the archive is never read, whoever wrote it.
      if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || /[\\:\0]/.test(segment))) return { ok: false, problem: 'missing' };
      let bytes: Buffer;
      try {
        bytes = await readFile(path.join(root, ...segments));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, problem: 'missing' };
        throw error;
      }
      // An altered file would only be refused by the server as invalid: say so here, by name.
      return sha256Hex(bytes) === entry.sha256 ? { ok: true, bytes } : { ok: false, problem: 'altered' };
    },
  };
};
