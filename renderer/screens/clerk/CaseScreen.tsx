import { useState } from 'react';
import { caseSteps } from '../../../shared/domain/case-draft';
import { discardDraft } from '../../db/draft-repository';
import { useDraft } from '../../db/use-draft';
import { t } from '../../i18n';
import { useSession } from '../../state/session-store';
import { MatterStep } from './steps/MatterStep';
import { ApplicantStep } from './steps/ApplicantStep';
import { ApplicantProgressStep } from './steps/ApplicantProgressStep';
import { ReviewStep } from './steps/ReviewStep';
import { DiscardCase } from './DiscardCase';

/** One case at the counter, from matter choice to review; every step is read from the saved draft. */
export const CaseScreen = ({ draftId }: { draftId: string }) => {
  const show = useSession((state) => state.show);
  // The stored draft is sealed; main opens it for the signed-in clerk (use-draft.ts).
  const opened = useDraft(draftId);
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);

  if (opened.state === 'loading') return <div className="loading">{t('ui.loading')}</div>;
  if (opened.state === 'unreadable') {
    // Main will not open it (another data key, another clerk's case, damaged): it can only be discarded, asked once.
    return (
      <main className="page">
        <p role="alert">{opened.message}</p>
        <button type="button" onClick={() => show({ screen: 'today' })}>
          {t('ui.case.to_today')}
        </button>
        {confirmingDiscard ? (
          <div role="alertdialog" aria-labelledby="discard-question" className="discard warning">
            <p id="discard-question">{t('ui.case.discard_confirm')}</p>
            <button type="button" onClick={() => setConfirmingDiscard(false)}>
              {t('ui.case.discard_no')}
            </button>
            <button type="button" className="primary" onClick={() => void discardDraft(draftId).then(() => show({ screen: 'today' }))}>
              {t('ui.case.discard_yes')}
            </button>
          </div>
        ) : (
          <button type="button" className="discard-button" onClick={() => setConfirmingDiscard(true)}>
            {t('ui.case.discard')}
          </button>
        )}
      </main>
    );
  }
  if (opened.state === 'missing') {
    return (
      <main className="page">
        <p role="alert">{t('ui.case.gone')}</p>
        <button type="button" onClick={() => show({ screen: 'today' })}>
          {t('ui.case.to_today')}
        </button>
      </main>
    );
  }

  const { row } = opened;
  const { draft } = row;
  return (
    <main className="page case">
      <ol className="steps" aria-label={t('ui.case.steps')}>
        {caseSteps.map((step) => (
          <li key={step} aria-current={step === draft.step ? 'step' : undefined} className={step === draft.step ? 'current' : ''}>
            {t(`ui.step.${step}`)}
          </li>
        ))}
      </ol>
      <DiscardCase row={row} />
      {draft.matter ? (
        <p className="case__matter">
          {draft.matter.name}
          {draft.matter.sample ? <span className="badge badge--sample">{t('ui.sample')}</span> : null}
        </p>
      ) : null}
      {draft.step === 'matter' ? <MatterStep row={row} /> : null}
      {draft.step === 'applicant' ? <ApplicantStep row={row} /> : null}
      {draft.step === 'notification' || draft.step === 'signing' ? <ApplicantProgressStep row={row} /> : null}
      {draft.step === 'review' ? <ReviewStep row={row} /> : null}
    </main>
  );
};
