import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DayCloseResult } from '../../../shared/contract/domains/day-close';
import type { SyncProgress } from '../../../shared/contract/domains/sync';
import { shanghaiDate, shanghaiDateTime } from '../../../shared/domain/case-number';
import { dayCountNames, type DayChainHead } from '../../../shared/sync/day-close';
import { ErrorBanner, errorMessage } from '../../components/ErrorBanner';
import { useHotkeys } from '../../components/useHotkeys';
import { archiveReport, closeDay, printReport, type DayCloseStep, type ShownReport } from '../../day-close/day-close-flow';
import { callHost, hostText } from '../../host';
import { useSyncStore } from '../../sync/sync-status-store';
import { sentence, t } from '../../i18n';
import { useSession } from '../../state/session-store';
import { DayReportPages } from './DayReportPages';

const STEPS: readonly DayCloseStep[] = ['sync', 'reconcile', 'report'];

const headText = (head: DayChainHead | null): string =>
  !head || head.sequence === 0 ? t('ui.day_close.chain_head_none') : t('ui.day_close.chain_head_value', { sequence: head.sequence, caseNumber: head.caseNumber ?? '', hash: head.hash.slice(0, 16) });

type PrintState = { status: 'idle' } | { status: 'busy' } | { status: 'queued'; jobId: string } | { status: 'done'; jobId: string } | { status: 'failed'; reason: string };

/** Follows a job to its fate, as the letters' print status does (every second, for up to two minutes). */
const followJob = async (jobId: string): Promise<PrintState> => {
  for (let tries = 0; tries < 120; tries += 1) {
    const job = await callHost('printJobStatus', { jobId });
    if (job.status === 'done') return { status: 'done', jobId };
    if (job.status === 'failed') return { status: 'failed', reason: hostText(job.reason) };
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return { status: 'queued', jobId };
};

/** The day's result: the verdict, the counts of both sides, the chain head and every difference. */
const DayCloseOutcome = ({ result }: { result: DayCloseResult }) => (
  <section aria-live="polite" data-testid="day-close-result">
    {result.reconciled && result.acknowledgement ? (
      <p className="banner banner--ok" role="status">
        {t('ui.day_close.reconciled', { date: result.date, revision: result.acknowledgement.revision, closedAt: shanghaiDateTime(new Date(result.acknowledgement.closedAt)) })}
        {result.alreadyClosed ? ` ${t('ui.day_close.already_closed')}` : ''}
      </p>
    ) : (
      <p className="banner banner--error" role="alert">
        {t('ui.day_close.not_reconciled', { date: result.date, count: result.differences.length })}
      </p>
    )}
    {!result.sync.ok && result.sync.error ? <p className="banner banner--warning">{t('ui.day_close.sync_failed', { reason: sentence(hostText(result.sync.error)) })}</p> : null}

    <h3>{t('ui.day_close.counts')}</h3>
    <table className="records" data-testid="day-close-counts">
      <thead>
        <tr>
          <th scope="col">{t('ui.day_close.col.category')}</th>
          <th scope="col">{t('ui.day_close.col.counter')}</th>
          <th scope="col">{t('ui.day_close.col.server')}</th>
        </tr>
      </thead>
      <tbody>
        {dayCountNames.map((name) => {
          const server = result.serverCounts[name];
          const differs = server !== null && server !== result.counterCounts[name];
          return (
            <tr key={name}>
              <th scope="row">{t(`ui.day_close.count.${name}`)}</th>
              <td>{result.counterCounts[name]}</td>
              <td className={server === null ? 'muted' : differs ? 'field__error' : undefined}>{server === null ? t('ui.day_close.encrypted') : server}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
    {/* Rows rather than a sentence: no punctuation of one language wired into the other's. */}
    <h3>{t('ui.day_close.chain_head')}</h3>
    <table className="records" data-testid="day-close-chain-head">
      <tbody>
        <tr>
          <th scope="row">{t('ui.day_close.col.counter')}</th>
          <td className="mono">{headText(result.chainHead.counter)}</td>
        </tr>
        <tr>
          <th scope="row">{t('ui.day_close.col.server')}</th>
          <td className="mono">{headText(result.chainHead.server)}</td>
        </tr>
      </tbody>
    </table>

    {result.differences.length > 0 ? (
      <>
        <h3>{t('ui.day_close.differences')}</h3>
        <table className="records" data-testid="day-close-differences">
          <thead>
            <tr>
              <th scope="col">{t('ui.day_close.col.case')}</th>
              <th scope="col">{t('ui.day_close.col.field')}</th>
              <th scope="col">{t('ui.day_close.col.kind')}</th>
              <th scope="col">{t('ui.day_close.col.counter')}</th>
              <th scope="col">{t('ui.day_close.col.server')}</th>
              <th scope="col">{t('ui.day_close.col.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {result.differences.map((difference, index) => (
              <tr key={index}>
                <td className="mono">{difference.caseNumber ?? t('ui.day_close.whole_day')}</td>
                <td>{t(`ui.day_close.field.${difference.field}`)}</td>
                <td>{t(`ui.day_close.kind.${difference.kind}`)}</td>
                <td className="mono">{difference.counter ?? '—'}</td>
                <td className="mono">{difference.server ?? '—'}</td>
                <td>{difference.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    ) : null}
  </section>
);

/**
 * 日结, the supervisor's day close: one button (Ctrl+Enter) pushes, pulls and reconciles the day with
 * the central system in main, then lays out the day report, archives it and shows it; 打印 (Ctrl+P)
 * prints it. The header offers the screen to supervisors alone; main refuses anyone else.
 */
export const DayCloseScreen = () => {
  const { show } = useSession();
  const today = shanghaiDate(new Date());
  const [date, setDate] = useState(today);
  const [running, setRunning] = useState(false);
  const [step, setStep] = useState<{ step: DayCloseStep; progress: SyncProgress | null } | null>(null);
  const [result, setResult] = useState<DayCloseResult | null>(null);
  const [report, setReport] = useState<ShownReport | null>(null);
  const [reportError, setReportError] = useState<string | null>(null);
  const [printing, setPrinting] = useState<PrintState>({ status: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const current = useRef(0);

  const showReport = useCallback(async (close: DayCloseResult, ticket: number) => {
    setReportError(null);
    try {
      const shown = await archiveReport(close);
      if (current.current === ticket) setReport(shown);
    } catch (failure) {
      if (current.current === ticket) setReportError(t('ui.day_close.report_failed', { reason: sentence(errorMessage(failure)) }));
    }
  }, []);

  // The day's latest close as main keeps it, with its report (archived again only if it was not).
  useEffect(() => {
    const ticket = (current.current += 1);
    setResult(null);
    setReport(null);
    setPrinting({ status: 'idle' });
    setError(null);
    callHost('dayCloseStatus', { date })
      .then(async (latest) => {
        if (current.current !== ticket || !latest) return;
        setResult(latest);
        await showReport(latest, ticket);
      })
      .catch((failure: unknown) => current.current === ticket && setError(errorMessage(failure)));
  }, [date, showReport]);

  const run = useCallback(async () => {
    if (running) return;
    const ticket = (current.current += 1);
    setRunning(true);
    setError(null);
    setResult(null);
    setReport(null);
    setReportError(null);
    setPrinting({ status: 'idle' });
    try {
      const close = await closeDay(date, (next, progress) => current.current === ticket && setStep({ step: next, progress }));
      if (current.current !== ticket) return;
      setResult(close);
      setStep({ step: 'report', progress: null });
      await showReport(close, ticket);
    } catch (failure) {
      if (current.current === ticket) setError(errorMessage(failure));
    } finally {
      setRunning(false);
      setStep(null);
      // The close pushed and pulled: the status line says so now, not at its next slow poll.
      void useSyncStore.getState().refresh();
    }
  }, [date, running, showReport]);

  const print = useCallback(async () => {
    if (!result || !report || printing.status === 'busy') return;
    setPrinting({ status: 'busy' });
    try {
      const outcome = await printReport(result);
      if (outcome.status !== 'queued') return setPrinting({ status: 'failed', reason: hostText(outcome.reason) });
      setPrinting({ status: 'queued', jobId: outcome.jobId });
      setPrinting(await followJob(outcome.jobId));
    } catch (failure) {
      setPrinting({ status: 'failed', reason: errorMessage(failure) });
    }
  }, [result, report, printing.status]);

  useHotkeys(
    useMemo(
      () => ({
        'Ctrl+Enter': () => void run(),
        'Ctrl+p': () => void print(),
        'Ctrl+P': () => void print(),
        Escape: () => show({ screen: 'today' }),
      }),
      [run, print, show],
    ),
  );

  return (
    <main className="page" aria-labelledby="day-close-title">
      <h2 id="day-close-title">{t('ui.day_close.title')}</h2>
      <p className="muted">{t('ui.day_close.explain')}</p>
      <div className="actions">
        <label>
          {t('ui.day_close.date')}{' '}
          <input type="date" value={date} max={today} onChange={(event) => event.target.value && setDate(event.target.value)} disabled={running} />
        </label>
        <button type="button" className="primary" onClick={() => void run()} disabled={running} data-testid="day-close-run">
          {t(running ? 'ui.day_close.running' : 'ui.day_close.run')} <kbd>Ctrl+Enter</kbd>
        </button>
        <button type="button" onClick={() => show({ screen: 'today' })}>
          {t('ui.case.to_today')} <kbd>Esc</kbd>
        </button>
      </div>
      {step ? (
        <ol className="steps" aria-label={t('ui.day_close.running')} data-testid="day-close-steps">
          {STEPS.map((name) => (
            <li key={name} className={name === step.step ? 'current' : undefined} aria-current={name === step.step ? 'step' : undefined}>
              {t(`ui.day_close.step.${name}`)}
              {name === 'sync' && step.step === 'sync' && step.progress && step.progress.total > 0 ? `（${step.progress.done}/${step.progress.total}）` : ''}
            </li>
          ))}
        </ol>
      ) : null}
      <ErrorBanner message={error} />
      {result ? <DayCloseOutcome result={result} /> : null}
      {result ? (
        <section aria-labelledby="day-report-title" data-testid="day-report">
          <h3 id="day-report-title">{t('ui.day_close.report')}</h3>
          <ErrorBanner message={reportError} />
          {report ? (
            <>
              <p className="muted" data-testid="day-report-archived">
                {t('ui.day_close.report_archived', { path: report.file.relativePath, hash: report.file.sha256.slice(0, 16) })}
              </p>
              <div className="actions">
                <button type="button" className="primary" onClick={() => void print()} disabled={printing.status === 'busy'}>
                  {t('ui.day_close.print')} <kbd>Ctrl+P</kbd>
                </button>
                {printing.status === 'queued' || printing.status === 'done' ? (
                  <span role="status" data-testid="day-report-print" data-job={printing.jobId}>
                    {t(printing.status === 'done' ? 'ui.day_close.print_done' : 'ui.day_close.print_queued')}
                  </span>
                ) : null}
              </div>
              {printing.status === 'failed' ? <ErrorBanner message={t('ui.day_close.print_failed', { reason: printing.reason })} /> : null}
              <DayReportPages report={report} />
            </>
          ) : reportError ? null : (
            <p className="muted">{t('ui.day_close.report_loading')}</p>
          )}
        </section>
      ) : null}
    </main>
  );
};
