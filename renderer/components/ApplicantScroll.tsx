import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { t } from '../i18n';

/**
 * The scrolling part of an applicant screen. What to press stays outside it, always in view; this part
 * starts at its top for every new page (`resetKey`) and says so when more of it lies below the edge,
 * because many applicants do not think of scrolling.
 */
export const ApplicantScroll = ({ resetKey, children }: { resetKey: string | number; children: ReactNode }) => {
  const body = useRef<HTMLDivElement>(null);
  const [moreBelow, setMoreBelow] = useState(false);

  const measure = useCallback(() => {
    const element = body.current;
    if (element) setMoreBelow(element.scrollTop + element.clientHeight < element.scrollHeight - 4);
  }, []);

  useLayoutEffect(() => {
    const element = body.current;
    if (!element) return undefined;
    element.scrollTop = 0;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    for (const child of Array.from(element.children)) observer.observe(child);
    return () => observer.disconnect();
  }, [resetKey, measure]);

  return (
    <>
      <div className="applicant-page__body" ref={body} onScroll={measure} data-testid="applicant-scroll">
        {children}
      </div>
      {moreBelow ? (
        <p className="scroll-hint" data-testid="scroll-hint" aria-hidden="true">
          {t('ui.applicant_screen.more_below')}
        </p>
      ) : null}
    </>
  );
};
