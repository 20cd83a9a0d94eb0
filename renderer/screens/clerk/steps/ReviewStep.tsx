import { useCallback, useMemo, useState } from 'react';
import { SignatureView } from '../../../components/SignatureView';
import { ErrorBanner, errorMessage } from '../../../components/ErrorBanner';
import { useHotkeys } from '../../../components/useHotkeys';
import { showOnApplicantScreen } from '../../../db/applicant-screen-state';
import type { DraftRow } from '../../../db/database';
import { applyToDraft } from '../../../db/draft-repository';
import { sealDraft } from '../../../db/seal-draft';
import { archiveRecordLetter } from '../../../case/letter-archive';
import { t } from '../../../i18n';
import { useSession } from '../../../state/session-store';

/** The clerk checks the case and seals it: from here on the record never changes. */
export const ReviewStep = ({ row }: { row: DraftRow }) => {
  const show = useSession((state) => state.show);
  const { draft } = row;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const applicant = draft.applicant;

  const seal = useCallback(async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const record = await sealDraft(row.draftId);
      await showOnApplicantScreen(null);
      // The record is sealed whatever happens next; a failed archive is retried from the done screen.
      await archiveRecordLetter(record).catch(() => undefined);
      show({ screen: 'done', caseNumber: record.caseNumber });
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }, [busy, row.draftId, row.clerkId, show]);

  const hotkeys = useMemo(() => ({ 'Ctrl+Enter': () => void seal() }), [seal]);
  useHotkeys(hotkeys);

  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title">{t('ui.review.title')}</h2>
      <ErrorBanner message={error} />
      <dl className="summary">
        <dt>{t('ui.record.matter')}</dt>
        <dd>{draft.matter?.name}</dd>
        <dt>{t('ui.applicant.name')}</dt>
        <dd>{applicant?.name}</dd>
        <dt>{t('ui.applicant.id_number')}</dt>
        <dd className="mono">
          {applicant ? `${t(`id.type.${applicant.idType}`)} ${applicant.idNumber}` : ''}
        </dd>
        {applicant?.signer.capacity === 'guardian' ? (
          <>
            <dt>{t('ui.applicant.guardian')}</dt>
            <dd>
              {applicant.signer.guardian.name}（{applicant.signer.guardian.relation}）
            </dd>
          </>
        ) : null}
        <dt>{t('ui.record.outcome')}</dt>
        <dd data-testid="review-outcome">{t(`ui.choice.${draft.choice ?? 'none'}`)}</dd>
        {draft.signature ? (
          <>
            <dt>{t('ui.review.clears')}</dt>
            <dd>{draft.signatureClears}</dd>
          </>
        ) : null}
      </dl>
      {draft.signature ? <SignatureView signature={draft.signature} label={t('ui.review.signature')} /> : null}
      <div className="actions">
        <button type="button" onClick={() => void applyToDraft(row.draftId, { type: 'back' })} disabled={busy}>
          {t('ui.back')}
        </button>
        <button type="button" className="primary" onClick={() => void seal()} disabled={busy}>
          {busy ? t('ui.review.sealing') : t('ui.review.seal')} <kbd>Ctrl+Enter</kbd>
        </button>
      </div>
    </section>
  );
};
