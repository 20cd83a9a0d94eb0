import type { SyncResolution } from '../../../shared/contract/host-contract';
import { t } from '../../i18n';
import { fullTime } from '../../sync/sync-wording';
import { logLabel, problemStatusLabel } from './SyncProblemsPanel';

/** The problems let go again, newest first, each with its note and the audit line that records it. */
export const SyncResolutionsList = ({ resolutions }: { resolutions: SyncResolution[] }) =>
  resolutions.length === 0 ? null : (
    <section aria-labelledby="sync-resolutions-title">
      <h3 id="sync-resolutions-title">{t('ui.sync.resolutions_title')}</h3>
      <table className="records sync-table" data-testid="sync-resolutions">
        <thead>
          <tr>
            <th>{t('ui.sync.problem_log')}</th>
            <th>{t('ui.sync.problem_seq')}</th>
            <th>{t('ui.sync.problem_case')}</th>
            <th>{t('ui.sync.problem_status')}</th>
            <th>{t('ui.sync.resolution_note')}</th>
            <th>{t('ui.sync.resolution_by')}</th>
            <th>{t('ui.sync.problem_at')}</th>
            <th>{t('ui.sync.resolution_audit')}</th>
          </tr>
        </thead>
        <tbody>
          {resolutions.map((resolution) => (
            <tr key={resolution.auditSeq}>
              <td>{logLabel(resolution.problem.log)}</td>
              <td className="mono">{resolution.problem.seq}</td>
              <td className="mono">{resolution.problem.caseNumber ?? '—'}</td>
              <td>{problemStatusLabel(resolution.problem.status)}</td>
              <td>{resolution.note}</td>
              <td className="mono">{resolution.by}</td>
              <td>{fullTime(resolution.at)}</td>
              <td className="mono">{resolution.auditSeq}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
