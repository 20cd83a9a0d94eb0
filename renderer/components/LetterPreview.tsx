import { useEffect, useRef, useState } from 'react';
import type { SealedRecord } from '../../shared/domain/sealed-record';
import type { VerifiedLetter } from '../case/letter-preview';
import { t } from '../i18n';
import { ErrorBanner, errorMessage } from './ErrorBanner';

type PreviewModule = typeof import('../case/letter-preview');

type PreviewState =
  | { status: 'loading' }
  | { status: 'ready'; module: PreviewModule; letter: VerifiedLetter }
  | { status: 'refused' }
  | { status: 'failed'; reason: string };

/** One page on a canvas as wide as it stands on screen, in device pixels, drawn again when that changes. */
const LetterPage = ({ module, letter, page }: { module: PreviewModule; letter: VerifiedLetter; page: number }) => {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return undefined;
    const draw = (devicePixels: number) => {
      const width = Math.max(1, Math.round(devicePixels));
      const height = Math.round(width * module.PAGE_ASPECT);
      if (canvas.width === width && canvas.height === height && canvas.dataset.drawn === 'true') return;
      canvas.width = width;
      canvas.height = height;
      module.paintPage(canvas, letter, page);
      canvas.dataset.drawn = 'true';
    };
    // CSS width × devicePixelRatio rather than devicePixelContentBoxSize: that box ignores an emulated
    // (or overridden) device scale factor, and the two agree on real displays.
    const observer = new ResizeObserver(([entry]) => {
      if (entry) draw(entry.contentRect.width * window.devicePixelRatio);
    });
    // Observing device pixels: the zoom or a move to a display of another scale draws the page again.
    observer.observe(canvas, { box: 'device-pixel-content-box' });
    return () => observer.disconnect();
  }, [module, letter, page]);
  return (
    <canvas
      ref={ref}
      className="letter-page"
      role="img"
      aria-label={t('ui.preview.page', { page, pages: letter.drawing.pageCount })}
      data-testid="letter-page"
    />
  );
};

/**
 * The archived letter (or a reprint), drawn page by page. There is no print or save control here: paper
 * comes only from the host's print call. Pages are drawn only when the record's letter, laid out again,
 * is the archived file byte for byte (see case/letter-preview.ts).
 */
export const LetterPreview = ({ record, relativePath, reprintedAt = null }: { record: SealedRecord; relativePath: string; reprintedAt?: Date | null }) => {
  const [state, setState] = useState<PreviewState>({ status: 'loading' });
  // The record is read once per letter: a new object for the same record must not draw it all again.
  const recordRef = useRef(record);
  recordRef.current = record;
  const at = reprintedAt?.getTime() ?? null;

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    const load = async (): Promise<PreviewState> => {
      // The drawing code and the letter renderer load with the first preview, not with the app.
      const module = await import('../case/letter-preview');
      try {
        const letter = await module.verifiedLetter({ record: recordRef.current, relativePath, reprintedAt: at === null ? null : new Date(at) });
        return { status: 'ready', module, letter };
      } catch (failure) {
        return failure instanceof module.ArchiveMismatchError ? { status: 'refused' } : { status: 'failed', reason: errorMessage(failure) };
      }
    };
    load()
      .catch((failure: unknown): PreviewState => ({ status: 'failed', reason: errorMessage(failure) }))
      .then((next) => {
        if (!cancelled) setState(next);
      });
    return () => {
      cancelled = true;
    };
  }, [record.hash, relativePath, at]);

  return (
    <section className="letter-preview" aria-label={t('ui.done.preview')} aria-busy={state.status === 'loading'} data-testid="letter-preview" data-state={state.status}>
      {state.status === 'loading' ? <p className="muted">{t('ui.preview.loading')}</p> : null}
      {state.status === 'refused' ? <ErrorBanner message={t('ui.preview.mismatch')} /> : null}
      {state.status === 'failed' ? <ErrorBanner message={t('ui.preview.failed', { reason: state.reason })} /> : null}
      {state.status === 'ready' ? (
        <>
          <p className="muted" data-testid="letter-preview-summary">
            {t('ui.preview.summary', { pages: state.letter.drawing.pageCount, hash: state.letter.sha256.slice(0, 16) })}
          </p>
          <div className="letter-preview__pages">
            {Array.from({ length: state.letter.drawing.pageCount }, (_, index) => (
              <LetterPage key={index} module={state.module} letter={state.letter} page={index + 1} />
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
};
