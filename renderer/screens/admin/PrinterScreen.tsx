import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PrinterInfo } from '../../../shared/contract/host-contract';
import { ErrorBanner, errorMessage, NoticeBanner } from '../../components/ErrorBanner';
import { useHotkeys } from '../../components/useHotkeys';
import { isStoragePersistent } from '../../db/persistent-storage';
import { callHost, hostText } from '../../host';
import { t } from '../../i18n';
import { hasRole, useSession } from '../../state/session-store';

const stateText = (printer: PrinterInfo): string =>
  [t(`ui.printer.state_${printer.state}`), printer.accepting ? '' : t('ui.printer.not_accepting'), printer.message ? hostText(printer.message) : '']
    .filter(Boolean)
    .join(t('text.clause_separator'));

/** The printers the system knows, and the one this device prints letters on. */
export const PrinterScreen = () => {
  const { clerk, show } = useSession();
  // Mirrors main, which refuses choosePrinter to anyone but an administrator.
  const mayChoose = hasRole(clerk, 'administrator');
  const [printers, setPrinters] = useState<PrinterInfo[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useHotkeys(useMemo(() => ({ Escape: () => show({ screen: 'today' }) }), [show]));

  const load = useCallback(async () => {
    setError(null);
    try {
      const [list, settings] = await Promise.all([callHost('listPrinters', {}), callHost('getPrintSettings', {}).catch(() => ({ printer: null }))]);
      setPrinters(list);
      setChosen(settings.printer);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, []);
  useEffect(() => void load(), [load]);
  const [persistent, setPersistent] = useState<boolean | null | undefined>(undefined);
  useEffect(() => void isStoragePersistent().then(setPersistent), []);

  const choose = async (printer: string | null) => {
    setError(null);
    setNotice(null);
    try {
      const saved = await callHost('choosePrinter', { printer });
      setChosen(saved.printer);
      setNotice(t('ui.printer.saved', { printer: saved.printer ?? t('ui.printer.system_default') }));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <main className="page" aria-labelledby="printer-title">
      <h2 id="printer-title">{t('ui.printer.title')}</h2>
      <p data-testid="chosen-printer">{t('ui.printer.current', { printer: chosen ?? t('ui.printer.system_default') })}</p>
      {persistent === undefined ? null : (
        <p data-testid="storage-persistence" className={persistent ? undefined : 'warning'}>
          {t(persistent === true ? 'ui.storage.persistent' : persistent === false ? 'ui.storage.not_persistent' : 'ui.storage.unknown')}
        </p>
      )}
      {mayChoose ? null : <p data-testid="printer-admin-only">{t('ui.printer.admin_only')}</p>}
      <ErrorBanner message={error} />
      <NoticeBanner message={notice} />
      {printers && printers.length === 0 ? <p>{t('ui.printer.none')}</p> : null}
      {printers && printers.length > 0 ? (
        <table className="records">
          <tbody>
            {printers.map((printer) => (
              <tr key={printer.name} data-testid={`printer-${printer.name}`}>
                <td className="mono">{printer.name}</td>
                <td>{printer.description}</td>
                <td>{printer.isDefault ? t('ui.printer.is_default') : ''}</td>
                <td>{stateText(printer)}</td>
                <td>
                  {chosen === printer.name ? (
                    <span className="badge">{t('ui.printer.chosen')}</span>
                  ) : !mayChoose ? null : (
                    <button type="button" onClick={() => void choose(printer.name)}>
                      {t('ui.printer.choose')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="actions">
        {mayChoose && chosen !== null ? (
          <button type="button" onClick={() => void choose(null)}>
            {t('ui.printer.use_default')}
          </button>
        ) : null}
        <button type="button" onClick={() => void load()}>
          {t('ui.printer.refresh')}
        </button>
        <button type="button" onClick={() => show({ screen: 'today' })}>
          {t('ui.case.to_today')} <kbd>Esc</kbd>
        </button>
      </div>
    </main>
  );
};
