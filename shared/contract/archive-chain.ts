import type { ChainProblem } from '../domain/seal';

/**
 * The archived records read back as chains, one per device: a code and its parameters per record that
 * fails, worded where it is shown (the 档案核验 page, `npm run archive:verify`) by `describeChainFinding`.
 * Independent of the ledger: it holds where the ledger has been rewritten to match altered files.
 */
export type ChainFinding = ({ relativePath: string; counterId: string } & ChainProblem) | { relativePath: string; problem: 'unreadable' };

export interface ArchiveChainCheck {
  /** Record files read as chains (unreadable ones not counted). */
  records: number;
  /** Devices whose records were found: one chain each. */
  chains: number;
  findings: ChainFinding[];
}

type Translate = (key: string, params?: Readonly<Record<string, string | number>>) => string;

/** One line naming the record file, and why it fails, from the message catalog. */
export const describeChainFinding = (finding: ChainFinding, t: Translate): string => {
  if (finding.problem === 'unreadable') return t('ui.archive.chain_unreadable', { file: finding.relativePath });
  const reason =
    finding.problem === 'sequence_gap' && finding.missingFrom === finding.missingTo
      ? t('ui.archive.chain_sequence_gap_one', { missing: finding.missingFrom })
      : t(`ui.archive.chain_${finding.problem}`, finding);
  return t('ui.archive.chain_finding', { counterId: finding.counterId, sequence: finding.sequence, file: finding.relativePath, reason });
};

/** Everything counted as a problem: the same sum on the 档案核验 page and in `archive:verify`. */
export const archiveProblemCount = (check: {
  findings: readonly unknown[];
  ledgerProblems: readonly unknown[];
  chain: ArchiveChainCheck;
  /** The signature half, where the check made it (the app's 档案核验; not archive:verify). */
  evidence?: { findings: readonly unknown[] };
  audit?: { findings: readonly unknown[] };
}): number =>
  check.findings.length + check.ledgerProblems.length + check.chain.findings.length + (check.evidence?.findings.length ?? 0) + (check.audit?.findings.length ?? 0);
