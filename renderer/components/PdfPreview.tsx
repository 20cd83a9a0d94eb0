import { useEffect, useState } from 'react';
import { base64ToBytes } from '../case/base64';
import { callHost } from '../host';
import { t } from '../i18n';
import { ErrorBanner, errorMessage } from './ErrorBanner';

/**
 * Shows the archived file itself — the very bytes that are printed — read back from the archive
 * rather than rendered again.
 */
export const PdfPreview = ({ relativePath }: { relativePath: string }) => {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    callHost('readArchivedLetter', { relativePath })
      .then(({ pdfBase64 }) => {
        if (cancelled) return;
        const bytes = base64ToBytes(pdfBase64);
        objectUrl = URL.createObjectURL(new Blob([bytes.buffer as ArrayBuffer], { type: 'application/pdf' }));
        setUrl(objectUrl);
      })
      .catch((failure: unknown) => setError(errorMessage(failure)));
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [relativePath]);

  if (error) return <ErrorBanner message={error} />;
  if (!url) return <p className="muted">{t('ui.loading')}</p>;
  return <iframe className="pdf-preview" title={t('ui.done.preview')} src={url} data-testid="pdf-preview" />;
};
