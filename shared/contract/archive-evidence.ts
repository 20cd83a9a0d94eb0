/**
 * The signature half of an archive check — record files, ledger lines and the audit log against the
 * device's key — as codes, worded where they are shown (the 档案核验 page from the message catalog;
 * `npm run verify` in scripts/verify-text.ts).
 */
export type SignatureProblem = 'signature_invalid' | 'key_unknown' | 'key_other_device' | 'digest_mismatch';

export type EvidenceFinding =
  | { where: 'ledger'; line: number; relativePath: string; problem: SignatureProblem | 'unsigned_after_signed' }
  | { where: 'record'; relativePath: string; caseNumber: string; sequence: number; problem: SignatureProblem | 'unsigned_after_signed' }
  | { where: 'key'; relativePath: string; problem: 'key_file_invalid' };

export interface EvidenceReport {
  ledger: { signed: number; unsigned: number };
  records: { signed: number; unsigned: number };
  /** The key ids that signed something here, each with where the verifier took it from. */
  keysUsed: string[];
  findings: EvidenceFinding[];
}

export type AuditProblem = 'unreadable' | 'bad-hash' | 'broken-chain' | 'torn-line' | 'signature_invalid' | 'key_unknown';

export interface AuditLogCheck {
  /** False when the archive has no audit log (an archive from before it, or a tool's). */
  present: boolean;
  entries: number;
  findings: Array<{ line: number; seq: number | null; problem: AuditProblem }>;
}

type Translate = (key: string, params?: Readonly<Record<string, string | number>>) => string;

// The catalog's keys for the reasons (a key naming a failure would read as an error message of its own).
const reasonKey: Record<EvidenceFinding['problem'], string> = {
  signature_invalid: 'signature_fails',
  key_unknown: 'key_unknown',
  key_other_device: 'key_other_device',
  digest_mismatch: 'digest_mismatch',
  unsigned_after_signed: 'unsigned_after_signed',
  key_file_invalid: 'key_file_bad',
};
const auditReasonKey: Record<AuditProblem, string> = {
  unreadable: 'not_canonical',
  'bad-hash': 'bad-hash',
  'broken-chain': 'broken-chain',
  'torn-line': 'torn-line',
  signature_invalid: 'signature_fails',
  key_unknown: 'key_unknown',
};

/** One line naming where a signature fails and why, from the message catalog. */
export const describeEvidenceFinding = (finding: EvidenceFinding, t: Translate): string => {
  const reason = t(`ui.archive.evidence_${reasonKey[finding.problem]}`);
  switch (finding.where) {
    case 'ledger':
      return t('ui.archive.evidence_ledger', { line: finding.line, file: finding.relativePath, reason });
    case 'record':
      return t('ui.archive.evidence_record', { caseNumber: finding.caseNumber, sequence: finding.sequence, file: finding.relativePath, reason });
    case 'key':
      return t('ui.archive.evidence_key', { file: finding.relativePath, reason });
  }
};

export const describeAuditFinding = (finding: AuditLogCheck['findings'][number], t: Translate): string =>
  t(finding.seq === null ? 'ui.archive.audit_finding_line' : 'ui.archive.audit_finding', { line: finding.line, seq: finding.seq ?? 0, reason: t(`ui.archive.audit_${auditReasonKey[finding.problem]}`) });
