import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PulledPublicationIssue, SyncProblem, SyncResolution, SyncStatus } from '../../../shared/contract/host-contract';
import { ErrorBanner, errorMessage, NoticeBanner } from '../../components/ErrorBanner';
import { useHotkeys } from '../../components/useHotkeys';
import { callHost, hostText } from '../../host';
import { t } from '../../i18n';
import { hasRole, useSession } from '../../state/session-store';
import { useSyncStore } from '../../sync/sync-status-store';
import { fullTime } from '../../sync/sync-wording';
import { EnrollmentPanel } from './EnrollmentPanel';
import { SyncProblemsPanel } from './SyncProblemsPanel';
import { logLabel } from './SyncTable';
import { PublicationIssuesPanel } from './PublicationIssuesPanel';
import { SyncResolutionsList } from './SyncResolutionsList';

/** The revocation as the central system worded it, and what this device still holds. */
const RevokedNotice = ({ revoked, unsent, isAdministrator }: { revoked: NonNullable<SyncStatus['revoked']>; unsent: number; isAdministrator: boolean }) => (
  <section className="banner banner--error" role="alert" aria-labelledby="sync-revoked-title" data-testid="sync-revoked">
    <h3 id="sync-revoked-title">{t('ui.sync.revoked_title')}</h3>
    <p>{t('ui.sync.revoked_at', { time: fullTime(revoked.observedAt), reason: revoked.reason ?? '—' })}</p>
    <p>{t('ui.sync.revoked_kept', { count: unsent })}</p>
    <p>{t(isAdministrator ? 'ui.sync.revoked_admin' : 'ui.sync.revoked_others')}</p>
  </section>
);

/**
 * 中心同步, for the supervisor and the device administrator: where this device stands with the
 * central system; the lines that stopped the push, which the supervisor looks into and lets go again
 * (SyncProblemsPanel); what the central system published that is not in force here; and — for the
 * administrator, until the device is enrolled or after the central system revoked it — enrollment.
 */
export const SyncScreen = () => {
  const { show, clerk } = useSession();
  const { status, refresh } = useSyncStore();
  const [problems, setProblems] = useState<SyncProblem[]>([]);
  const [resolutions, setResolutions] = useState<SyncResolution[]>([]);
  const [issues, setIssues] = useState<PulledPublicationIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useHotkeys(useMemo(() => ({ Escape: () => show({ screen: 'today' }) }), [show]));
  const isAdministrator = hasRole(clerk, 'administrator');
  const isSupervisor = clerk?.role === 'supervisor';

  const load = useCallback(async () => {
    try {
      const [nextProblems, nextResolutions, nextIssues] = await Promise.all([callHost('syncProblems', {}), callHost('syncResolutions', {}), callHost('syncPublicationIssues', {})]);
      setProblems(nextProblems);
      setResolutions(nextResolutions);
      setIssues(nextIssues);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, []);
  // Again after each round: its push may list problems, its pull refuse publications.
  useEffect(() => void load(), [load, status?.problems, status?.lastSuccessAt, status?.lastError?.code]);

  const revoked = status?.enrolled ? status.revoked : null;
  return (
    <main className="page" aria-labelledby="sync-title">
      <h2 id="sync-title">{t('ui.sync.title')}</h2>
      <ErrorBanner message={error} />
      <NoticeBanner message={notice} />
      {revoked ? <RevokedNotice revoked={revoked} unsent={status?.unsentRecords ?? 0} isAdministrator={isAdministrator} /> : null}
      {status?.enrolled ? (
        <section aria-labelledby="sync-state-title" data-testid="sync-state">
          <h3 id="sync-state-title">{t('ui.sync.state_title')}</h3>
          <p>{t('ui.sync.server', { server: status.serverUrl ?? '' })}</p>
          <p>{t('ui.sync.hall', { hall: status.hallName ?? '' })}</p>
          {status.enrolledAt ? <p>{t('ui.sync.enrolled_at', { time: fullTime(status.enrolledAt) })}</p> : null}
          <p className={status.fingerprint ? 'mono' : 'muted'}>{t('ui.sync.fingerprint', { fingerprint: status.fingerprint ?? t('ui.sync.plain_loopback') })}</p>
          <p>{t('ui.sync.receipted', { ledger: status.receiptedHead.ledgerSeq, audit: status.receiptedHead.auditSeq })}</p>
          {status.lastError && !revoked ? <p className="banner banner--warning">{hostText(status.lastError)}</p> : null}
        </section>
      ) : null}
      {status && (!status.enrolled || revoked) && isAdministrator ? (
        <EnrollmentPanel
          again={revoked !== null}
          onEnrolled={(info) => {
            setNotice(t(revoked ? 'ui.sync.reenrolled' : 'ui.sync.enrolled', { hall: info.hallName }));
            void refresh();
          }}
        />
      ) : null}
      <SyncProblemsPanel
        problems={problems}
        canResolve={isSupervisor}
        onResolved={(resolution) => {
          setNotice(t('ui.sync.resolved', { audit: resolution.auditSeq, log: logLabel(resolution.problem.log), seq: resolution.problem.seq }));
          void load();
          void refresh();
        }}
      />
      <SyncResolutionsList resolutions={resolutions} />
      <PublicationIssuesPanel issues={issues} />
      <div className="actions">
        <button type="button" onClick={() => show({ screen: 'today' })}>
          {t('ui.case.to_today')} <kbd>Esc</kbd>
        </button>
      </div>
    </main>
  );
};
