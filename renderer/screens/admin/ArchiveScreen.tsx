import { useMemo, useState } from 'react';
import { archiveProblemCount, describeChainFinding } from '../../../shared/contract/archive-chain';
import { describeAuditFinding, describeEvidenceFinding } from '../../../shared/contract/archive-evidence';
import type { ArchiveCheck } from '../../../shared/contract/host-contract';
import { ErrorBanner, errorMessage } from '../../components/ErrorBanner';
import { useHotkeys } from '../../components/useHotkeys';
import { callHost } from '../../host';
import { t } from '../../i18n';
import { useSession } from '../../state/session-store';

/**
 * The supervisor's check of this machine's archive — the same check as `npm run verify`: files against
 * the ledger, the record chains, every signature against this device's own key and the audit log —
 * so what happened at this counter can be shown without a command line.
 */
export const ArchiveScreen = () => {
  const { show } = useSession();
  const [check, setCheck] = useState<ArchiveCheck | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useHotkeys(useMemo(() => ({ Escape: () => show({ screen: 'today' }) }), [show]));

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setCheck(await callHost('verifyArchive', {}));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setRunning(false);
    }
  };

  const problems = check ? archiveProblemCount(check) : 0;
  return (
    <main className="page" aria-labelledby="archive-title">
      <h2 id="archive-title">{t('ui.archive.title')}</h2>
      <p className="muted">{t('ui.archive.explain')}</p>
      <p className="muted">{t('ui.archive.explain_chain')}</p>
      <p className="muted">{t('ui.archive.explain_evidence')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void run()} disabled={running}>
          {t(running ? 'ui.archive.running' : 'ui.archive.run')}
        </button>
        <button type="button" onClick={() => show({ screen: 'today' })}>
          {t('ui.case.to_today')} <kbd>Esc</kbd>
        </button>
      </div>
      <ErrorBanner message={error} />
      {check ? (
        <section aria-live="polite" data-testid="archive-check">
          <p>{t('ui.archive.summary', { entries: check.ledgerEntries, files: check.filesOnDisk, intact: check.intact })}</p>
          <p>{t('ui.archive.chain_summary', { records: check.chain.records, chains: check.chain.chains })}</p>
          <p>
            {t('ui.archive.evidence_summary', {
              recordsSigned: check.evidence.records.signed,
              recordsUnsigned: check.evidence.records.unsigned,
              linesSigned: check.evidence.ledger.signed,
              linesUnsigned: check.evidence.ledger.unsigned,
            })}
          </p>
          <p>{check.audit.present ? t('ui.archive.audit_summary', { entries: check.audit.entries }) : t('ui.archive.audit_absent')}</p>
          {problems === 0 ? (
            <p className="banner banner--ok">{t('ui.archive.sound')}</p>
          ) : (
            <div className="banner banner--error" role="alert">
              <p>{t('ui.archive.problems', { count: problems })}</p>
              <ul>
                {check.findings.map((finding) => (
                  <li key={finding.relativePath}>
                    {t(`ui.archive.status_${finding.status}`)} <span className="mono">{finding.relativePath}</span>
                    {finding.kind ? `（${t(`ui.archive.kind_${finding.kind}`)}）` : ''}
                  </li>
                ))}
                {check.ledgerProblems.map((problem) => (
                  <li key={`line-${problem.line}`}>
                    {t('ui.archive.ledger_problem', { line: problem.line, problem: t(`ui.archive.ledger_${problem.problem}`) })}
                  </li>
                ))}
                {check.chain.findings.map((finding, index) => (
                  <li key={`chain-${index}`}>{describeChainFinding(finding, t)}</li>
                ))}
                {check.evidence.findings.map((finding, index) => (
                  <li key={`evidence-${index}`}>{describeEvidenceFinding(finding, t)}</li>
                ))}
                {check.audit.findings.map((finding) => (
                  <li key={`audit-${finding.line}`}>{describeAuditFinding(finding, t)}</li>
                ))}
              </ul>
            </div>
          )}
          {check.expired.length > 0 ? <p className="muted">{t('ui.archive.expired', { count: check.expired.length, list: check.expired.join('、') })}</p> : null}
        </section>
      ) : null}
    </main>
  );
};
