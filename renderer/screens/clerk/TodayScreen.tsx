import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { shanghaiDate } from '../../../shared/domain/case-number';
import { db, type LetterRow } from '../../db/database';
import type { RecordSummary } from '../../../shared/contract/host-contract';
import { findRecordsByIdNumber, useRecordsOfDay } from '../../case/sealed-records';
import { startDraft } from '../../db/draft-repository';
import { useDraftList } from '../../db/use-draft';
import { ErrorBanner, errorMessage } from '../../components/ErrorBanner';
import { useHotkeys } from '../../components/useHotkeys';
import { t } from '../../i18n';
import { counterContext, useSession } from '../../state/session-store';
import { archivePendingLetters, restoreLetterRows } from '../../case/letter-archive';
import { dropRecordsMainHolds } from '../../db/legacy-records';
import { preloadMatterSearch } from '../../catalog/matter-index';
import { RecordTable } from './RecordTable';
import { UnprintedLetters } from './UnprintedLetters';
import { normalizeIdNumber } from '../../../shared/domain/id-documents';
import { captureTypeAhead, takeTypedAhead } from '../../case/type-ahead';


/** The clerk's home: start a case, resume one, today's records at this counter, find a record by ID. */
export const TodayScreen = () => {
  const { setup, clerk, show } = useSession();
  const counter = counterContext(setup);
  const today = shanghaiDate(new Date());
  const [error, setError] = useState<string | null>(null);
  const [idQuery, setIdQuery] = useState('');
  const [searchResult, setSearchResult] = useState<RecordSummary[] | null>(null);

  // Sealed at rest: opened by main for the signed-in clerk (use-draft.ts).
  const drafts = useDraftList(clerk?.clerkId);
  const recordsOfDay = useRecordsOfDay(today);
  const records = recordsOfDay.status === 'ready' ? recordsOfDay.value : null;
  useEffect(() => {
    if (records) void restoreLetterRows(records.map((row) => row.caseNumber)).catch(() => undefined);
  }, [records]);
  const letters = useLiveQuery(async () => {
    const rows = await db.letters.bulkGet((records ?? []).map((row) => row.caseNumber));
    return new Map(rows.filter((row): row is LetterRow => !!row).map((row) => [row.caseNumber, row]));
  }, [records]);

  useEffect(() => {
    if (clerk) void archivePendingLetters().then(dropRecordsMainHolds).catch(() => undefined);
    // The matter search (with its pinyin dictionary) loads now, while the clerk looks at the list.
    preloadMatterSearch();
  }, [clerk]);

  const newCase = useCallback(async () => {
    if (!counter || !clerk) return;
    // Keys typed while the draft is being created go to the matter search once it is there.
    captureTypeAhead();
    try {
      const row = await startDraft(counter, clerk);
      show({ screen: 'case', draftId: row.draftId });
    } catch (failure) {
      takeTypedAhead();
      setError(errorMessage(failure));
    }
  }, [counter, clerk, show]);

  const hotkeys = useMemo(() => ({ F2: () => void newCase() }), [newCase]);
  useHotkeys(hotkeys);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    const query = normalizeIdNumber(idQuery);
    try {
      setSearchResult(query ? await findRecordsByIdNumber(query) : null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <main className="page">
      <ErrorBanner message={error} />
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => void newCase()}>
          {t('ui.today.new_case')} <kbd>F2</kbd>
        </button>
        <form className="search" onSubmit={search} role="search">
          <label htmlFor="idSearch">{t('ui.today.search_label')}</label>
          <input id="idSearch" value={idQuery} onChange={(e) => setIdQuery(e.target.value)} placeholder={t('ui.today.search_placeholder')} />
          <button type="submit">{t('ui.today.search')}</button>
        </form>
      </div>

      {searchResult ? (
        <section aria-labelledby="search-title">
          <h2 id="search-title">{t('ui.today.search_result', { count: searchResult.length })}</h2>
          <RecordTable rows={searchResult} letters={null} onOpen={(caseNumber) => show({ screen: 'done', caseNumber })} />
        </section>
      ) : null}

      {clerk ? <UnprintedLetters onOpen={(caseNumber) => show({ screen: 'done', caseNumber })} /> : null}

      {drafts && drafts.length > 0 ? (
        <section aria-labelledby="drafts-title">
          <h2 id="drafts-title">{t('ui.today.drafts')}</h2>
          <ul className="draft-list">
            {drafts.map(({ draftId, step, row, unreadable }) => (
              <li key={draftId}>
                <span>{row ? (row.draft.matter?.name ?? t('ui.today.no_matter_yet')) : unreadable ? t('ui.personal_data.draft_unreadable') : ''}</span>
                <span>{row ? (row.draft.applicant ? row.draft.applicant.name : (row.applicantForm?.name ?? '')) : ''}</span>
                <span className="muted">{t(`ui.step.${step}`)}</span>
                <button type="button" onClick={() => show({ screen: 'case', draftId })}>
                  {t('ui.today.resume')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="today-title">
        <h2 id="today-title">{t('ui.today.records', { date: today, count: records?.length ?? 0 })}</h2>
        {recordsOfDay.status === 'failed' ? <ErrorBanner message={recordsOfDay.message} /> : null}
        {records && records.length > 0 ? (
          <RecordTable rows={records} letters={letters ?? null} onOpen={(caseNumber) => show({ screen: 'done', caseNumber })} />
        ) : (
          <p className="muted">{t('ui.today.none')}</p>
        )}
      </section>
    </main>
  );
};

