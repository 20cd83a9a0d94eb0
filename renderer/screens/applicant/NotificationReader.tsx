import { useCallback, useMemo, useState } from 'react';
import { draftCommitmentLetter } from '../../case/draft-letter';
import { useHotkeys } from '../../components/useHotkeys';
import type { DraftRow } from '../../db/database';
import { applyToDraft } from '../../db/draft-repository';
import { t } from '../../i18n';
import { ErrorBanner } from '../../components/ErrorBanner';
import { LetterSectionView } from '../../components/LetterText';
import { ApplicantScroll } from '../../components/ApplicantScroll';

/**
 * The notification, one page at a time in large type. The applicant turns the pages; on the last page
 * they choose to commit or to bring the proofs. Page turns are recorded, so the time on each page is kept.
 */
export const NotificationReader = ({ row }: { row: DraftRow }) => {
  const { draft } = row;
  const [problem, setProblem] = useState<string | null>(null);
  // Not committing is asked once more, in plain words: it means fetching every proof after all.
  const [confirmingProof, setConfirmingProof] = useState(false);
  const letter = useMemo(() => draftCommitmentLetter(draft), [draft]);
  const pages = letter?.pages ?? [];
  const { page, pageCount } = draft.notification;
  const current = pages[page];
  const isLast = page === pageCount - 1;

  const turn = useCallback(
    (to: number) => {
      if (to < 0 || to >= pageCount) return;
      setProblem(null);
      void applyToDraft(row.draftId, { type: 'turnPage', to });
    },
    [row.draftId, pageCount],
  );

  const choose = async (choice: 'commit' | 'proof') => {
    const outcome = await applyToDraft(row.draftId, { type: 'choose', choice });
    if (!outcome.ok) setProblem(t(`case.error.${outcome.problem.code}`));
  };

  const hotkeys = useMemo(() => ({ ArrowRight: () => turn(page + 1), ArrowLeft: () => turn(page - 1) }), [turn, page]);
  useHotkeys(hotkeys);

  if (!current || !letter) return null;
  return (
    <article className="applicant-page" aria-labelledby="notice-title">
      <header className="applicant-page__header">
        <h1 id="notice-title">{letter.title}</h1>
        {letter.sample ? <span className="badge badge--sample">{t('ui.sample')}</span> : null}
        <p className="applicant-page__counter" data-testid="applicant-page-number">
          {t('ui.applicant_screen.page', { page: page + 1, count: pageCount })}
        </p>
      </header>
      <ApplicantScroll resetKey={page}>
        <h2>{current.title}</h2>
        {current.sections.map((section, index) => (
          <LetterSectionView key={index} section={section} />
        ))}
      </ApplicantScroll>
      <footer className="applicant-actions">
        <ErrorBanner message={problem} large />
        {isLast && confirmingProof ? (
          <div role="alertdialog" aria-labelledby="proof-confirm" className="proof-confirm">
            <p id="proof-confirm" className="choice__prompt">
              {t('ui.applicant_screen.proof_confirm')}
            </p>
            <nav className="applicant-nav">
              <button type="button" className="big" onClick={() => setConfirmingProof(false)}>
                {t('ui.applicant_screen.proof_back')}
              </button>
              <button type="button" className="big primary" onClick={() => void choose('proof')}>
                {t('ui.applicant_screen.proof_yes')}
              </button>
            </nav>
          </div>
        ) : null}
        {isLast && !confirmingProof ? <p className="choice__prompt">{t('ui.applicant_screen.choose')}</p> : null}
        <nav className="applicant-nav" hidden={isLast && confirmingProof}>
          <button type="button" className="big" onClick={() => turn(page - 1)} disabled={page === 0}>
            {t('ui.applicant_screen.previous')}
          </button>
          {isLast ? (
            <>
              <button type="button" className="big primary" onClick={() => void choose('commit')}>
                {t('ui.applicant_screen.commit')}
              </button>
              <button type="button" className="big" onClick={() => setConfirmingProof(true)}>
                {t('ui.applicant_screen.proof')}
              </button>
            </>
          ) : (
            <button type="button" className="big primary" onClick={() => turn(page + 1)}>
              {t('ui.applicant_screen.next')}
            </button>
          )}
        </nav>
      </footer>
    </article>
  );
};
