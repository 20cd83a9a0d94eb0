import type { ReactNode } from 'react';
import type { SyncProblem } from '../../../shared/contract/host-contract';
import { t } from '../../i18n';

/** A table of the 中心同步 page: its column headings (i18n keys) and its rows. */
export const SyncTable = ({ testId, headings, children }: { testId: string; headings: string[]; children: ReactNode }) => (
  <table className="records sync-table" data-testid={testId}>
    <thead>
      <tr>
        {headings.map((heading) => (
          <th key={heading}>{t(heading)}</th>
        ))}
      </tr>
    </thead>
    <tbody>{children}</tbody>
  </table>
);

/** The headings of the cells that name a problem's line (ProblemLineCells), first in both problem tables. */
export const PROBLEM_LINE_HEADINGS = ['ui.sync.problem_log', 'ui.sync.problem_seq', 'ui.sync.problem_case', 'ui.sync.problem_status'];

const problemLabel: Record<SyncProblem['status'], string> = {
  conflict: 'ui.sync.problem.conflict',
  refused: 'ui.sync.problem.refused',
  invalid: 'ui.sync.problem.failed_check',
};

export const logLabel = (log: SyncProblem['log']): string => t(log === 'ledger' ? 'ui.sync.log.ledger' : 'ui.sync.log.audit');
export const problemStatusLabel = (status: SyncProblem['status']): string => t(problemLabel[status]);

export const ProblemLineCells = ({ problem }: { problem: Pick<SyncProblem, 'log' | 'seq' | 'caseNumber' | 'status'> }) => (
  <>
    <td>{logLabel(problem.log)}</td>
    <td className="mono">{problem.seq}</td>
    <td className="mono">{problem.caseNumber ?? '—'}</td>
    <td>{problemStatusLabel(problem.status)}</td>
  </>
);
