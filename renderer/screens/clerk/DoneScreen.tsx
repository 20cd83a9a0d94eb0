import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { archiveRecordLetter, restoreLetterRows } from '../../case/letter-archive';
import { useRecordVoid, useSealedRecord } from '../../case/sealed-records';
import { VoidPanel } from './letter/VoidPanel';
import { copiesFor, DEFAULT_COPIES } from '../../../shared/letter/copies';
import { followJob, letterTarget, printTo } from '../../case/letter-printing';
import { ErrorBanner, errorMessage } from '../../components/ErrorBanner';
import { LetterPreview } from '../../components/LetterPreview';
import { useHotkeys } from '../../components/useHotkeys';
import { db } from '../../db/database';
import { startDraft } from '../../db/draft-repository';
import { sentence, t } from '../../i18n';
import { counterContext, hasRole, useSession } from '../../state/session-store';
import { PrintStatusLine } from './letter/PrintStatusLine';
import { EarlierReprints, ReprintPanel } from './letter/ReprintPanel';

/** A sealed case: its number, its archived letter, printing, and the way to the next applicant. */
export const DoneScreen = ({ caseNumber }: { caseNumber: string }) => {
  const { setup, clerk, show } = useSession();
  const sealed = useSealedRecord(caseNumber);
  const row = sealed.status === 'ready' ? { record: sealed.value } : null;
  const letter = useLiveQuery(() => db.letters.get(caseNumber), [caseNumber], null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copies, setCopies] = useState(DEFAULT_COPIES);
  const [reprinting, setReprinting] = useState(false);
  const [voiding, setVoiding] = useState(false);
  const [voidAnswer, voided, setVoided] = useRecordVoid(caseNumber);
  const matterCopies = row ? copiesFor(row.record.matter) : DEFAULT_COPIES;
  useEffect(() => setCopies(matterCopies), [matterCopies]);
  // No row here (this window's database was lost) does not mean no letter: main's ledger says.
  useEffect(() => {
    if (letter === undefined) void restoreLetterRows([caseNumber]).catch(() => undefined);
  }, [letter, caseNumber]);
  // Once out of the printer, a second copy is a reprint (补打) with a reason, never a silent duplicate.
  // A voided case's letter is not handed out again (main refuses it too).
  const printable = letter && !voided ? letter.printed === 'not_printed' || letter.printed === 'failed' : false;

  const retryArchive = async () => {
    if (!row || !clerk) return;
    setBusy(true);
    setError(null);
    try {
      await archiveRecordLetter(row.record);
    } catch (failure) {
      setError(t('ui.done.archive_failed', { reason: errorMessage(failure) }));
    } finally {
      setBusy(false);
    }
  };

  const print = useCallback(async () => {
    if (!letter || !clerk || !printable) return;
    setBusy(true);
    setError(null);
    try {
      const target = letterTarget(letter.caseNumber);
      const updated = await printTo(target, copies);
      // The reason stands once, on the print status line; the banner says what it means for the case.
      if (updated.printed === 'failed') setError(t('ui.done.print_failed'));
      else {
        const final = await followJob(target);
        if (final?.printed === 'failed') setError(t('ui.done.print_failed'));
      }
    } catch (failure) {
      setError(t('ui.done.print_failed_because', { reason: sentence(errorMessage(failure)) }));
    } finally {
      setBusy(false);
    }
  }, [letter, clerk, copies, printable]);

  const next = useCallback(async () => {
    const counter = counterContext(setup);
    if (!counter || !clerk) return;
    const draft = await startDraft(counter, clerk);
    show({ screen: 'case', draftId: draft.draftId });
  }, [setup, clerk, show]);

  const hotkeys = useMemo(
    () => ({ F2: () => void next(), Escape: () => show({ screen: 'today' }), 'Ctrl+p': () => void print() }),
    [next, show, print],
  );
  useHotkeys(hotkeys);

  if (sealed.status === 'failed') return <p role="alert">{sealed.message}</p>;
  if (row === null || letter === null || voidAnswer === 'loading') return <div className="loading">{t('ui.loading')}</div>;

  return (
    <main className="page done">
      <h2>
        {t(row.record.outcome === 'committed' ? 'ui.done.title_committed' : 'ui.done.title_proof')}
        <span className="case-number" data-testid="case-number">
          {caseNumber}
        </span>
      </h2>
      <ErrorBanner message={error} />
      {voided ? (
        <div className="banner banner--warning" role="status" data-testid="voided">
          {t('ui.void.voided', { voidNumber: voided.caseNumber, reason: t(`ui.void.reason_${voided.reason}`) })}
        </div>
      ) : null}
      {voiding ? (
        <VoidPanel
          caseNumber={caseNumber}
          onVoided={(record) => {
            setVoided(record);
            setVoiding(false);
          }}
          onClose={() => setVoiding(false)}
        />
      ) : null}
      {letter ? (
        <>
          <p className="muted">
            {t('ui.done.archived', { path: letter.relativePath, hash: letter.sha256.slice(0, 16) })}
          </p>
          <PrintStatusLine state={letter} testId="print-status" />
          <EarlierReprints caseNumber={caseNumber} />
          <div className="actions">
            {printable ? (
              <>
                <label>
                  {t('ui.done.copies')}
                  <input type="number" min={1} max={5} value={copies} onChange={(e) => setCopies(Math.min(5, Math.max(1, Number(e.target.value) || 1)))} />
                </label>
                <button type="button" className="primary" onClick={() => void print()} disabled={busy}>
                  {t(letter.printed === 'failed' ? 'ui.done.print_again' : 'ui.done.print')} <kbd>Ctrl+P</kbd>
                </button>
              </>
            ) : voided ? null : (
              <button type="button" onClick={() => setReprinting(true)} disabled={reprinting}>
                {t('ui.done.reprint')}
              </button>
            )}
            {hasRole(clerk, 'supervisor') && !voided && !voiding ? (
              <button type="button" className="danger" onClick={() => setVoiding(true)}>
                {t('ui.void.open')}
              </button>
            ) : null}
            <button type="button" onClick={() => void next()}>
              {t('ui.today.new_case')} <kbd>F2</kbd>
            </button>
            <button type="button" onClick={() => show({ screen: 'today' })}>
              {t('ui.case.to_today')} <kbd>Esc</kbd>
            </button>
          </div>
          {letter.printed === 'done' && !reprinting ? <p className="muted">{t('ui.done.printed_hint')}</p> : null}
          {reprinting && clerk ? (
            <ReprintPanel record={row.record} letter={letter} clerkId={clerk.clerkId} onClose={() => setReprinting(false)} />
          ) : (
            <LetterPreview record={row.record} relativePath={letter.relativePath} />
          )}
        </>
      ) : (
        <div className="banner banner--warning" role="alert">
          <p>{t('ui.done.not_archived')}</p>
          <button type="button" className="primary" onClick={() => void retryArchive()} disabled={busy}>
            {t('ui.done.retry_archive')}
          </button>
          <button type="button" onClick={() => show({ screen: 'today' })}>
            {t('ui.case.to_today')}
          </button>
        </div>
      )}
    </main>
  );
};
