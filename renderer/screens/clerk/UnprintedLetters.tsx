import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { followJob, letterTarget } from '../../case/letter-printing';
import { db } from '../../db/database';
import { t } from '../../i18n';
import { PrintStatusLine } from './letter/PrintStatusLine';

const OPEN_STATES = ['not_printed', 'failed', 'queued', 'printing'] as const;

/**
 * Every archived letter that has not come out of a printer, whatever its day: what a supervisor must
 * see before closing. Jobs still with the spooler are asked about again when the list appears.
 */
export const UnprintedLetters = ({ onOpen }: { onOpen(caseNumber: string): void }) => {
  const letters = useLiveQuery(() => db.letters.where('printed').anyOf([...OPEN_STATES]).sortBy('archivedAt'), []);
  const pendingJobs = letters?.filter((letter) => letter.jobId && (letter.printed === 'queued' || letter.printed === 'printing')).map((letter) => letter.caseNumber).join(',') ?? '';

  useEffect(() => {
    for (const caseNumber of pendingJobs.split(',').filter(Boolean)) void followJob(letterTarget(caseNumber), { timeoutMs: 30_000 });
  }, [pendingJobs]);

  if (!letters || letters.length === 0) return null;
  return (
    <section aria-labelledby="unprinted-title">
      <h2 id="unprinted-title">{t('ui.today.unprinted', { count: letters.length })}</h2>
      <ul className="unprinted-list">
        {letters.map((letter) => (
          <li key={letter.caseNumber}>
            <span className="mono">{letter.caseNumber}</span>
            <PrintStatusLine state={letter} testId={`unprinted-${letter.caseNumber}`} />
            <button type="button" onClick={() => onOpen(letter.caseNumber)}>
              {t('ui.today.open')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
};
