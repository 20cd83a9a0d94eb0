import { useState, type FormEvent } from 'react';
import type { SyncProblem, SyncResolution } from '../../../shared/contract/host-contract';
import { ErrorBanner, errorMessage } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { callHost } from '../../host';
import { t } from '../../i18n';
import { fullTime } from '../../sync/sync-wording';
import { logLabel, PROBLEM_LINE_HEADINGS, ProblemLineCells, problemStatusLabel, SyncTable } from './SyncTable';

const NOTE_MIN = 4;

/**
 * The lines that stopped a log's push, and — for the supervisor — the way past one: its details (what
 * the central system said), a required note, 已核对，重新发送. Main writes the signed audit line and
 * takes the problem off the list; the sealed line is not touched, and the next push offers it again.
 */
export const SyncProblemsPanel = ({ problems, canResolve, onResolved }: { problems: SyncProblem[]; canResolve: boolean; onResolved: (resolution: SyncResolution) => void }) => {
  const [open, setOpen] = useState<SyncProblem | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = (problem: SyncProblem | null) => {
    setOpen(problem);
    setNote('');
    setError(null);
  };

  const resolve = async (event: FormEvent) => {
    event.preventDefault();
    if (!open) return;
    setBusy(true);
    setError(null);
    try {
      const resolution = await callHost('syncResolveProblem', { log: open.log, seq: open.seq, resolutionNote: note.trim() });
      choose(null);
      onResolved(resolution);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="sync-problems-title">
      <h3 id="sync-problems-title">{t('ui.sync.problems_title')}</h3>
      {problems.length === 0 ? (
        <p className="muted">{t('ui.sync.problems_none')}</p>
      ) : (
        <>
          {canResolve ? null : <p className="muted">{t('ui.sync.resolve_supervisor_only')}</p>}
          <SyncTable testId="sync-problems" headings={[...PROBLEM_LINE_HEADINGS, 'ui.sync.problem_reason', 'ui.sync.problem_at', ...(canResolve ? ['ui.sync.problem_action'] : [])]}>
              {problems.map((problem) => (
                <tr key={`${problem.log}-${problem.seq}-${problem.at}`}>
                  <ProblemLineCells problem={problem} />
                  <td>{problem.reason ?? problem.code ?? '—'}</td>
                  <td>{fullTime(problem.at)}</td>
                  {canResolve ? (
                    <td>
                      <button type="button" onClick={() => choose(problem)} aria-label={`${t('ui.sync.problem_open')} ${logLabel(problem.log)} ${problem.seq}`}>
                        {t('ui.sync.problem_open')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
          </SyncTable>
        </>
      )}
      {open && canResolve ? (
        <form className="sync-resolve" data-testid="sync-problem-detail" onSubmit={resolve} aria-labelledby="sync-problem-detail-title">
          <h4 id="sync-problem-detail-title">{t('ui.sync.problem_detail_title', { log: logLabel(open.log), seq: open.seq })}</h4>
          <ErrorBanner message={error} />
          <dl className="summary">
            <dt>{t('ui.sync.problem_case')}</dt>
            <dd className="mono">{open.caseNumber ?? '—'}</dd>
            <dt>{t('ui.sync.problem_status')}</dt>
            <dd>{problemStatusLabel(open.status)}</dd>
            <dt>{t('ui.sync.problem_code')}</dt>
            <dd className="mono">{open.code ?? '—'}</dd>
            <dt>{t('ui.sync.problem_server_said')}</dt>
            <dd>{open.status === 'invalid' ? t('ui.sync.problem_local') : (open.reason ?? t('ui.sync.problem_none_said'))}</dd>
            <dt>{t('ui.sync.problem_at')}</dt>
            <dd>{fullTime(open.at)}</dd>
          </dl>
          <p className="muted">{t('ui.sync.resolve_hint')}</p>
          <Field id="syncResolveNote" label={t('ui.sync.resolve_note')}>
            <textarea id="syncResolveNote" rows={3} maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
          </Field>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || note.trim().length < NOTE_MIN}>
              {t('ui.sync.resolve')}
            </button>
            <button type="button" onClick={() => choose(null)} disabled={busy}>
              {t('ui.sync.resolve_cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
};
