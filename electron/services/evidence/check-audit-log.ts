import path from 'node:path';
import { AUDIT_LOG_FILE, auditEntryStatement, parseAuditLog } from '../audit-log';
import { readFileIfExists } from '../atomic-file';
import { fromHex } from '../crypto/bytes';
import { loadSuite, type Verifier } from '../crypto/suite';
import type { AuditLogCheck, AuditProblem } from '../../../shared/contract/archive-evidence';
import type { TrustedKey } from './check-evidence';

/**
 * The audit log's half of `npm run verify`: the chain (each line's hash, its link to the line before,
 * sequence from 1 — signed-log.ts) and every entry's signature against the keys the verifier trusts.
 * Every entry is signed (the log began signed), so an entry without a valid signature by a trusted
 * key is a problem, and each problem names its line: an edited entry fails its hash or signature, a
 * removed or inserted one breaks the chain where it was.
 */
export const checkAuditLog = async (root: string, keys: readonly TrustedKey[]): Promise<AuditLogCheck> => {
  const bytes = await readFileIfExists(path.join(root, AUDIT_LOG_FILE));
  if (!bytes) return { present: false, entries: 0, findings: [] };
  const parsed = parseAuditLog(bytes.toString('utf8'));
  const seqAt = new Map(parsed.lines.map((line, index) => [line, parsed.entries[index]!.seq]));
  const findings: AuditLogCheck['findings'] = parsed.problems.map(({ line, problem }) => ({ line, seq: seqAt.get(line) ?? null, problem }));
  const flagged = new Set(findings.map((finding) => finding.line));
  const verifiers = new Map<string, { suite: string; verify: Verifier }>();
  for (const key of keys) verifiers.set(key.keyId, { suite: key.suite, verify: (await loadSuite(key.suite)).verifier(fromHex(key.publicKey)) });
  parsed.entries.forEach((entry, index) => {
    const line = parsed.lines[index]!;
    if (flagged.has(line)) return;
    const known = verifiers.get(entry.keyId);
    if (!known || known.suite !== entry.suite) findings.push({ line, seq: entry.seq, problem: 'key_unknown' });
    else if (!known.verify(auditEntryStatement(entry), fromHex(entry.sig))) findings.push({ line, seq: entry.seq, problem: 'signature_invalid' });
  });
  findings.sort((a, b) => a.line - b.line);
  return { present: true, entries: parsed.entries.length, findings };
};

export type { AuditLogCheck, AuditProblem };
