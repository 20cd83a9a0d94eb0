import { useMemo, useRef, useState } from 'react';
import { hasRealPressure } from '../../../shared/domain/signature';
import { draftChosenLetter, signedPart } from '../../case/draft-letter';
import { LetterSectionView } from '../../components/LetterText';
import { ApplicantScroll } from '../../components/ApplicantScroll';
import type { DraftRow } from '../../db/database';
import { applyToDraft, saveSignatureInProgress } from '../../db/draft-repository';
import { t } from '../../i18n';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SignatureCanvas, type SignatureCanvasHandle } from '../../signature/SignatureCanvas';

/** The text the applicant signs (the commitment, or the proof list of the proof route) and the place to sign it. */
export const CommitmentSigning = ({ row }: { row: DraftRow }) => {
  const { draft } = row;
  const pad = useRef<SignatureCanvasHandle>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const part = useMemo(() => {
    const letter = draftChosenLetter(draft);
    return letter ? signedPart(letter) : null;
  }, [draft]);

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

  if (!part) return null;
  return (
    <article className="applicant-page applicant-page--signing" aria-labelledby="commit-title">
      <header className="applicant-page__header">
        <h1 id="commit-title">{part.heading}</h1>
        {draft.matter?.sample ? <span className="badge badge--sample">{t('ui.sample')}</span> : null}
      </header>
      <ApplicantScroll resetKey={part.heading}>
        <div className="commitment-text">
          {part.sections.map((section, index) => (
            <LetterSectionView key={index} section={section} headingLevel="h2" />
          ))}
        </div>
      </ApplicantScroll>
      <footer className="applicant-actions">
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
      </footer>
    </article>
  );
};
