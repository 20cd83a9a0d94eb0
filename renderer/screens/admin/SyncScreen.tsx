import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SyncProblem } from '../../../shared/contract/host-contract';
import { ErrorBanner, errorMessage, NoticeBanner } from '../../components/ErrorBanner';
import { useHotkeys } from '../../components/useHotkeys';
import { callHost, hostText } from '../../host';
import { t } from '../../i18n';
import { hasRole, useSession } from '../../state/session-store';
import { useSyncStore } from '../../sync/sync-status-store';
import { fullTime } from '../../sync/sync-wording';
import { EnrollmentPanel } from './EnrollmentPanel';

const problemLabel: Record<SyncProblem['status'], string> = {
  conflict: 'ui.sync.problem.conflict',
  refused: 'ui.sync.problem.refused',
  invalid: 'ui.sync.problem.failed_check',
};

/**
 * 中心同步, for the supervisor and the device administrator: where this device stands with the
 * central system, the lines it refused (the supervisor's to look into: the push stops at them), and —
 * for the administrator, until the device is enrolled — the enrollment panel.
 */
export const SyncScreen = () => {
  const { show, clerk } = useSession();
  const { status, refresh } = useSyncStore();
  const [problems, setProblems] = useState<SyncProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useHotkeys(useMemo(() => ({ Escape: () => show({ screen: 'today' }) }), [show]));

  const load = useCallback(async () => {
    try {
      setProblems(await callHost('syncProblems', {}));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, []);
  useEffect(() => void load(), [load, status?.problems]);

  return (
    <main className="page" aria-labelledby="sync-title">
      <h2 id="sync-title">{t('ui.sync.title')}</h2>
      <ErrorBanner message={error} />
      <NoticeBanner message={notice} />
      {status?.enrolled ? (
        <section aria-labelledby="sync-state-title" data-testid="sync-state">
          <h3 id="sync-state-title">{t('ui.sync.state_title')}</h3>
          <p>{t('ui.sync.server', { server: status.serverUrl ?? '' })}</p>
          <p>{t('ui.sync.hall', { hall: status.hallName ?? '' })}</p>
          {status.enrolledAt ? <p>{t('ui.sync.enrolled_at', { time: fullTime(status.enrolledAt) })}</p> : null}
          <p className={status.fingerprint ? 'mono' : 'muted'}>{t('ui.sync.fingerprint', { fingerprint: status.fingerprint ?? t('ui.sync.plain_loopback') })}</p>
          <p>{t('ui.sync.receipted', { ledger: status.receiptedHead.ledgerSeq, audit: status.receiptedHead.auditSeq })}</p>
          {status.lastError ? <p className="banner banner--warning">{hostText(status.lastError)}</p> : null}
        </section>
      ) : null}
      {status && !status.enrolled && hasRole(clerk, 'administrator') ? <EnrollmentPanel
          onEnrolled={(info) => {
            setNotice(t('ui.sync.enrolled', { hall: info.hallName }));
            void refresh();
          }}
        /> : null}
      <section aria-labelledby="sync-problems-title">
        <h3 id="sync-problems-title">{t('ui.sync.problems_title')}</h3>
        {problems.length === 0 ? (
          <p className="muted">{t('ui.sync.problems_none')}</p>
        ) : (
          <table className="records" data-testid="sync-problems">
            <thead>
              <tr>
                <th>{t('ui.sync.problem_seq')}</th>
                <th>{t('ui.sync.problem_case')}</th>
                <th>{t('ui.sync.problem_status')}</th>
                <th>{t('ui.sync.problem_reason')}</th>
                <th>{t('ui.sync.problem_at')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((problem) => (
                <tr key={`${problem.log}-${problem.seq}-${problem.at}`}>
                  <td className="mono">{problem.log === 'ledger' ? problem.seq : `audit ${problem.seq}`}</td>
                  <td className="mono">{problem.caseNumber ?? '—'}</td>
                  <td>{t(problemLabel[problem.status])}</td>
                  <td>{problem.reason ?? problem.code ?? '—'}</td>
                  <td>{fullTime(problem.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <div className="actions">
        <button type="button" onClick={() => show({ screen: 'today' })}>
          {t('ui.case.to_today')} <kbd>Esc</kbd>
        </button>
      </div>
    </main>
  );
};
