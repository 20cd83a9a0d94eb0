import type { SyncResolution } from '../../../shared/contract/host-contract';
import { t } from '../../i18n';
import { fullTime } from '../../sync/sync-wording';
import { PROBLEM_LINE_HEADINGS, ProblemLineCells, SyncTable } from './SyncTable';

/** The problems let go again, newest first, each with its note and the audit line that records it. */
export const SyncResolutionsList = ({ resolutions }: { resolutions: SyncResolution[] }) =>
  resolutions.length === 0 ? null : (
    <section aria-labelledby="sync-resolutions-title">
      <h3 id="sync-resolutions-title">{t('ui.sync.resolutions_title')}</h3>
      <SyncTable testId="sync-resolutions" headings={[...PROBLEM_LINE_HEADINGS, 'ui.sync.resolution_note', 'ui.sync.resolution_by', 'ui.sync.problem_at', 'ui.sync.resolution_audit']}>
          {resolutions.map((resolution) => (
            <tr key={resolution.auditSeq}>
              <ProblemLineCells problem={resolution.problem} />
              <td>{resolution.note}</td>
              <td className="mono">{resolution.by}</td>
              <td>{fullTime(resolution.at)}</td>
              <td className="mono">{resolution.auditSeq}</td>
            </tr>
          ))}
      </SyncTable>
    </section>
  );
