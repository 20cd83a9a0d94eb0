import { useEffect, useRef } from 'react';
import type { ShownReport } from '../../day-close/day-close-flow';
import { paintCanvasPage } from '../../pdf/canvas-painter';
import { PAGE_HEIGHT, PAGE_WIDTH } from '../../pdf/letter-style';
import { t } from '../../i18n';

/** One page of the day report on a canvas, drawn at its device-pixel width (as the letter preview). */
const ReportPage = ({ report, page }: { report: ShownReport; page: number }) => {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return undefined;
    const draw = (devicePixels: number) => {
      const width = Math.max(1, Math.round(devicePixels));
      const height = Math.round((width * PAGE_HEIGHT) / PAGE_WIDTH);
      if (canvas.width === width && canvas.height === height && canvas.dataset.drawn === 'true') return;
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d');
      if (!context) return;
      paintCanvasPage(context, report.drawing, page, { scale: width / PAGE_WIDTH, families: report.families });
      canvas.dataset.drawn = 'true';
    };
    const observer = new ResizeObserver(([entry]) => {
      if (entry) draw(entry.contentRect.width * window.devicePixelRatio);
    });
    observer.observe(canvas, { box: 'device-pixel-content-box' });
    return () => observer.disconnect();
  }, [report, page]);
  return <canvas ref={ref} className="letter-page" role="img" aria-label={t('ui.preview.page', { page, pages: report.drawing.pageCount })} data-testid="day-report-page" />;
};

/**
 * The archived day report, page by page, drawn from the display list that made its PDF (no PDF
 * viewer: paper comes only from main's print call). Shown only once main answered the archived file's
 * SHA-256 to be that of the PDF laid out here.
 */
export const DayReportPages = ({ report }: { report: ShownReport }) => (
  <div className="letter-preview__pages">
    {Array.from({ length: report.drawing.pageCount }, (_, index) => (
      <ReportPage key={index} report={report} page={index + 1} />
    ))}
  </div>
);
