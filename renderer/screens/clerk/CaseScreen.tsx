import { useLiveQuery } from 'dexie-react-hooks';
import { caseSteps } from '../../../shared/domain/case-draft';
import { db } from '../../db/database';
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
  const row = useLiveQuery(() => db.drafts.get(draftId), [draftId], null);

  if (row === null) return <div className="loading">{t('ui.loading')}</div>;
  if (!row) {
    return (
      <main className="page">
        <p role="alert">{t('ui.case.gone')}</p>
        <button type="button" onClick={() => show({ screen: 'today' })}>
          {t('ui.case.to_today')}
        </button>
      </main>
    );
  }

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
