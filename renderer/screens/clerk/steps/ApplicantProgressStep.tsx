import { useState } from 'react';
import { templates } from '../../../../shared/letter/template-registry';
import { openApplicantScreen } from '../../../case/applicant-screen';
import { ErrorBanner, errorMessage } from '../../../components/ErrorBanner';
import { useNow } from '../../../components/useNow';
import type { DraftRow } from '../../../db/database';
import { applyToDraft } from '../../../db/draft-repository';
import { t } from '../../../i18n';

const seconds = (ms: number): number => Math.round(ms / 1000);

/** While the applicant reads and signs, the clerk sees where they are and for how long. */
export const ApplicantProgressStep = ({ row }: { row: DraftRow }) => {
  const { notification, step, signatureClears } = row.draft;
  const now = useNow();
  const [error, setError] = useState<string | null>(null);
  const onPageMs = notification.pageEnteredAt ? now.getTime() - Date.parse(notification.pageEnteredAt) : 0;
  const pages = templates.active('commitment-letter').pages;

  const reopen = async () => {
    try {
      await openApplicantScreen(row);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">{step === 'signing' ? t('ui.progress.signing') : t('ui.progress.reading')}</h2>
      <ErrorBanner message={error} />
      {step === 'notification' ? (
        <p className="progress-now" data-testid="applicant-progress">
          {t('ui.progress.page', {
            page: notification.page + 1,
            count: notification.pageCount,
            title: pages[notification.page]?.title ?? '',
            seconds: seconds(onPageMs),
          })}
        </p>
      ) : (
        <p className="progress-now" data-testid="applicant-progress">
          {t('ui.progress.signing_detail', { clears: signatureClears })}
        </p>
      )}
      <table className="page-times">
        <tbody>
          {pages.map((page, index) => (
            <tr key={page.title} className={index === notification.page && step === 'notification' ? 'current' : ''}>
              <td>{t('ui.progress.page_label', { page: index + 1 })}</td>
              <td>{page.title}</td>
              <td>
                {t('ui.progress.seconds', {
                  seconds: seconds((notification.msPerPage[index] ?? 0) + (index === notification.page ? onPageMs : 0)),
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" onClick={() => void applyToDraft(row.draftId, { type: 'back' })}>
          {t('ui.back')}
        </button>
        <button type="button" onClick={() => void reopen()}>
          {t('ui.progress.reopen')}
        </button>
      </div>
    </section>
  );
};
