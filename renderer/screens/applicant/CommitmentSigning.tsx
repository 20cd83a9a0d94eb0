import { useMemo, useRef, useState } from 'react';
import { hasRealPressure } from '../../../shared/domain/signature';
import { draftCommitmentLetter } from '../../case/draft-letter';
import type { DraftRow } from '../../db/database';
import { applyToDraft, saveSignatureInProgress } from '../../db/draft-repository';
import { t } from '../../i18n';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SignatureCanvas, type SignatureCanvasHandle } from '../../signature/SignatureCanvas';

/** The commitment text with the applicant's details, and the place to sign it. */
export const CommitmentSigning = ({ row }: { row: DraftRow }) => {
  const { draft } = row;
  const pad = useRef<SignatureCanvasHandle>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const commitment = useMemo(() => draftCommitmentLetter(draft)?.commitment ?? null, [draft]);

  const clear = async () => {
    pad.current?.clear();
    setProblem(null);
    await saveSignatureInProgress(row.draftId, null);
    await applyToDraft(row.draftId, { type: 'clearSignature' });
  };

  const confirm = async () => {
    const canvas = pad.current;
    if (!canvas) return;
    const strokes = canvas.strokes();
    const outcome = await applyToDraft(row.draftId, {
      type: 'submitSignature',
      signature: {
        strokes,
        surface: canvas.surface(),
        pressureSupported: hasRealPressure(strokes),
        pointerType: canvas.pointerType(),
        capturedAt: new Date().toISOString(),
      },
    });
    if (!outcome.ok) {
      setProblem(t(`case.error.${outcome.problem.code}`));
      return;
    }
    await saveSignatureInProgress(row.draftId, null);
  };

  if (!commitment) return null;
  return (
    <article className="applicant-page applicant-page--signing" aria-labelledby="commit-title">
      <h1 id="commit-title">{commitment.heading}</h1>
      {draft.matter?.sample ? <span className="badge badge--sample">{t('ui.sample')}</span> : null}
      <div className="commitment-text">
        {commitment.paragraphs.map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
      <p className="sign-here">{t('ui.applicant_screen.sign_here')}</p>
      <SignatureCanvas
        ref={pad}
        label={t('ui.applicant_screen.sign_area')}
        initialStrokes={row.signatureInProgress}
        onStrokeEnd={(strokes) => {
          setProblem(null);
          void saveSignatureInProgress(row.draftId, strokes);
        }}
      />
      <ErrorBanner message={problem} large />
      <nav className="applicant-nav">
        <button type="button" className="big" onClick={() => void clear()}>
          {t('ui.applicant_screen.clear')}
        </button>
        <button type="button" className="big primary" onClick={() => void confirm()}>
          {t('ui.applicant_screen.confirm_signature')}
        </button>
      </nav>
    </article>
  );
};
