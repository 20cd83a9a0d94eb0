import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { shanghaiDateTime } from '../../../../shared/domain/case-number';
import type { SealedRecord } from '../../../../shared/domain/sealed-record';
import { followJob, printTo, reprintTarget } from '../../../case/letter-printing';
import { makeReprint, NOTE_MAX, ReprintNoteMissing, reprintReasons, type ReprintReason } from '../../../case/letter-reprint';
import { ErrorBanner, errorMessage } from '../../../components/ErrorBanner';
import { LetterPreview } from '../../../components/LetterPreview';
import { db, type LetterRow } from '../../../db/database';
import { t } from '../../../i18n';
import { PrintStatusLine } from './PrintStatusLine';

/**
 * 补打: the clerk gives the reason, the reprint is made (marked 补打 with the time) and archived, shown
 * as the very bytes that will be printed, then printed. The original letter stays as it was.
 */
export const ReprintPanel = ({ record, letter, clerkId, onClose }: { record: SealedRecord; letter: LetterRow; clerkId: string; onClose(): void }) => {
  const [reason, setReason] = useState<ReprintReason>('lost');
  const [note, setNote] = useState('');
  const [reprintId, setReprintId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reprint = useLiveQuery(() => (reprintId === null ? undefined : db.reprints.get(reprintId)), [reprintId]);

  const make = async () => {
    setBusy(true);
    setError(null);
    try {
      const made = await makeReprint(record, letter, reason, note, clerkId);
      setReprintId(made.id ?? null);
    } catch (failure) {
      setError(failure instanceof ReprintNoteMissing ? t('ui.reprint.note_required') : errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const print = async () => {
    if (reprintId === null) return;
    setBusy(true);
    setError(null);
    try {
      const queued = await printTo(reprintTarget(reprintId), 1);
      if (queued.printed === 'queued') void followJob(reprintTarget(reprintId));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="reprint" aria-labelledby="reprint-title">
      <h3 id="reprint-title">{t('ui.reprint.title')}</h3>
      <ErrorBanner message={error} />
      {reprint ? (
        <>
          <p role="status">{t('ui.reprint.made', { path: reprint.relativePath })}</p>
          <PrintStatusLine state={reprint} testId="reprint-status" />
          <div className="actions">
            <button type="button" className="primary" onClick={() => void print()} disabled={busy || reprint.printed === 'queued' || reprint.printed === 'printing' || reprint.printed === 'done'}>
              {t('ui.reprint.print')}
            </button>
            <button type="button" onClick={onClose}>
              {t('ui.reprint.cancel')}
            </button>
          </div>
          <LetterPreview record={record} relativePath={reprint.relativePath} reprintedAt={new Date(reprint.at)} />
        </>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void make();
          }}
        >
          <fieldset>
            <legend>{t('ui.reprint.reason')}</legend>
            {reprintReasons.map((code) => (
              <label key={code} className="choice">
                <input type="radio" name="reprint-reason" value={code} checked={reason === code} onChange={() => setReason(code)} />
                {t(`ui.reprint.reason_${code}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {t('ui.reprint.note')}
            <input value={note} maxLength={NOTE_MAX} onChange={(event) => setNote(event.target.value)} />
          </label>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('ui.reprint.make')}
            </button>
            <button type="button" onClick={onClose}>
              {t('ui.reprint.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
};

/** The case's earlier reprints, one line: when, why, and whether they came out. */
export const EarlierReprints = ({ caseNumber }: { caseNumber: string }) => {
  const reprints = useLiveQuery(() => db.reprints.where('caseNumber').equals(caseNumber).sortBy('at'), [caseNumber]);
  if (!reprints || reprints.length === 0) return null;
  const list = reprints
    .map((row) =>
      t('ui.reprint.entry', {
        at: shanghaiDateTime(new Date(row.at)),
        reason: t(`ui.reprint.reason_${row.reason}`),
        status: t(`ui.letter.print_${row.printed}`),
      }),
    )
    .join('；');
  return (
    <p className="muted" data-testid="earlier-reprints">
      {t('ui.reprint.earlier', { list })}
    </p>
  );
};
