import { useEffect } from 'react';
import { askPersistentStorage } from '../../db/persistent-storage';
import { useLiveQuery } from 'dexie-react-hooks';
import { readHandover } from '../../db/applicant-screen-state';
import { t } from '../../i18n';
import { useCatalog } from '../../state/catalog-store';
import { useSession } from '../../state/session-store';
import { CatalogScreen } from '../admin/CatalogScreen';
import { PrinterScreen } from '../admin/PrinterScreen';
import { ArchiveScreen } from '../admin/ArchiveScreen';
import { DeviceSetupScreen } from '../setup/DeviceSetupScreen';
import { FirstClerkScreen } from '../setup/ClerkAccountForm';
import { SignInScreen } from '../setup/SignInScreen';
import { HandoverScreen } from '../applicant/HandoverScreen';
import { CaseScreen } from './CaseScreen';
import { DoneScreen } from './DoneScreen';
import { TodayScreen } from './TodayScreen';
import { ClerkHeader } from './ClerkHeader';

export const ClerkApp = () => {
  const { phase, view, loadError, load, clerk } = useSession();
  const loadCatalog = useCatalog((state) => state.load);
  // Undefined while loading: show nothing rather than flash the clerk's screen to the applicant.
  const handover = useLiveQuery(readHandover);

  useEffect(() => {
    void load();
    void loadCatalog();
    // Nothing typed or sealed may be evicted under disk pressure.
    void askPersistentStorage();
  }, [load, loadCatalog]);

  if (handover === undefined || phase === 'loading') return <div className="loading">{t('ui.loading')}</div>;
  if (handover) return <HandoverScreen handover={handover} />;

  switch (phase) {
    case 'failed':
      return (
        <main className="card card--narrow">
          <h1>{t('ui.start_failed')}</h1>
          <p role="alert">{loadError}</p>
        </main>
      );
    case 'setup-device':
      return <DeviceSetupScreen />;
    case 'setup-clerk':
      return <FirstClerkScreen />;
    case 'sign-in':
      return <SignInScreen />;
    case 'ready':
      return (
        <div className="clerk-shell">
          <ClerkHeader />
          {clerk && view.screen === 'case' ? <CaseScreen key={view.draftId} draftId={view.draftId} /> : null}
          {clerk && view.screen === 'done' ? <DoneScreen key={view.caseNumber} caseNumber={view.caseNumber} /> : null}
          {clerk && view.screen === 'today' ? <TodayScreen /> : null}
          {clerk && view.screen === 'catalog' ? <CatalogScreen /> : null}
          {clerk && view.screen === 'printer' ? <PrinterScreen /> : null}
          {clerk && view.screen === 'archive' ? <ArchiveScreen /> : null}
        </div>
      );
  }
};
