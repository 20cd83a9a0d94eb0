import { useEffect, useMemo, useRef, useState } from 'react';
import { hasRealPressure } from '../../../shared/domain/signature';
import { maskIdNumber } from '../../../shared/domain/id-documents';
import { draftChosenLetter, signedPart } from '../../case/draft-letter';
import { LetterSectionView, type Concealed } from '../../components/LetterText';
import { ApplicantScroll } from '../../components/ApplicantScroll';
import type { DraftRow } from '../../db/database';
import { applyToDraft, saveSignatureInProgress } from '../../db/draft-repository';
import { t } from '../../i18n';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SignatureCanvas, type SignatureCanvasHandle } from '../../signature/SignatureCanvas';

/** How long a revealed ID number stays on the applicant's screen. */
const REVEAL_MS = 15_000;

/** The text the applicant signs (the commitment, or the proof list of the proof route) and the place to sign it. */
export const CommitmentSigning = ({ row }: { row: DraftRow }) => {
  const { draft } = row;
  const pad = useRef<SignatureCanvasHandle>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // ID numbers stay masked for whoever stands nearby; the applicant shows them to check, briefly.
  const [revealed, setRevealed] = useState(false);
  useEffect(() => {
    if (!revealed) return undefined;
    const timer = setTimeout(() => setRevealed(false), REVEAL_MS);
    return () => clearTimeout(timer);
  }, [revealed]);
  const conceal = useMemo<Concealed[]>(() => {
    if (revealed || !draft.applicant) return [];
    const numbers = [draft.applicant.idNumber, draft.applicant.signer.capacity === 'guardian' ? draft.applicant.signer.guardian.idNumber : ''];
    return numbers.filter(Boolean).map((text) => ({ text, masked: maskIdNumber(text) }));
  }, [revealed, draft.applicant]);

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
        <button type="button" className="reveal-id" aria-pressed={revealed} onClick={() => setRevealed(!revealed)}>
          {t(revealed ? 'ui.applicant_screen.hide_id' : 'ui.applicant_screen.show_id')}
        </button>
      </header>
      <ApplicantScroll resetKey={part.heading}>
        <div className="commitment-text">
          {part.sections.map((section, index) => (
            <LetterSectionView key={index} section={section} headingLevel="h2" conceal={conceal} />
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
