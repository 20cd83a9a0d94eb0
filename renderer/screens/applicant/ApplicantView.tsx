import { useDraft } from '../../db/use-draft';
import { t } from '../../i18n';
import { NotificationReader } from './NotificationReader';
import { CommitmentSigning } from './CommitmentSigning';

/** What the applicant sees for a case, by step; everything else is a calm waiting screen. */
export const ApplicantView = ({ draftId, finished }: { draftId: string | null; finished?: React.ReactNode }) => {
  // Opened by main for the signed-in session (use-draft.ts); until then, and if it cannot be, the calm screen.
  const opened = useDraft(draftId);
  const row = opened.state === 'ready' ? opened.row : undefined;
  const step = row?.draft.step;

  if (row && step === 'notification') return <NotificationReader row={row} />;
  if (row && step === 'signing') return <CommitmentSigning row={row} />;
  if (row && step === 'review') {
    return (
      <div className="applicant-message" role="status">
        <p>{t(row.draft.choice === 'commit' ? 'ui.applicant_screen.signed' : 'ui.applicant_screen.proof_chosen')}</p>
        {finished}
      </div>
    );
  }
  return (
    <div className="applicant-message" role="status">
      <p>{t('ui.applicant_screen.welcome')}</p>
      <p className="applicant-message__sub">{t('ui.applicant_screen.wait')}</p>
      {finished}
    </div>
  );
};
