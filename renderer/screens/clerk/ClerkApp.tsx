import { Suspense, useEffect } from 'react';
import { askPersistentStorage } from '../../db/persistent-storage';
import { useLiveQuery } from 'dexie-react-hooks';
import { readHandover } from '../../db/applicant-screen-state';
import { t } from '../../i18n';
import { lazyScreen } from '../../components/lazy-screen';
import { useCatalog } from '../../state/catalog-store';
import { useSession } from '../../state/session-store';
import { SignInScreen } from '../setup/SignInScreen';
import { ClerkHeader } from './ClerkHeader';
// The home screen is in the first bundle: F2 pressed the moment the clerk is signed in must land.
import { TodayScreen } from './TodayScreen';

// Only the sign-in screen is in the first bundle; the rest comes in chunks (preloaded once signed in).
const DeviceSetupScreen = lazyScreen(async () => (await import('../setup/DeviceSetupScreen')).DeviceSetupScreen);
const FirstClerkScreen = lazyScreen(async () => (await import('../setup/ClerkAccountForm')).FirstClerkScreen);
const HandoverScreen = lazyScreen(async () => (await import('../applicant/HandoverScreen')).HandoverScreen);
const CaseScreen = lazyScreen(async () => (await import('./CaseScreen')).CaseScreen);
const DoneScreen = lazyScreen(async () => (await import('./DoneScreen')).DoneScreen);
const CatalogScreen = lazyScreen(async () => (await import('../admin/CatalogScreen')).CatalogScreen);
const PrinterScreen = lazyScreen(async () => (await import('../admin/PrinterScreen')).PrinterScreen);
const ArchiveScreen = lazyScreen(async () => (await import('../admin/ArchiveScreen')).ArchiveScreen);

const Loading = () => <div className="loading">{t('ui.loading')}</div>;

export const ClerkApp = () => {
  const { phase, view, loadError, load, clerk } = useSession();
  const loadCatalog = useCatalog((state) => state.load);
  const catalogLoaded = useCatalog((state) => state.catalog !== null);
  // Undefined while loading: show nothing rather than flash the clerk's screen to the applicant.
  const handover = useLiveQuery(readHandover);

  useEffect(() => {
    void load();
    void loadCatalog();
    // Nothing typed or sealed may be evicted under disk pressure.
    void askPersistentStorage();
  }, [load, loadCatalog]);

  // The screens a clerk reaches right after signing in (F2, hand-over) must not wait on a fetch then.
  useEffect(() => {
    if (phase !== 'ready') return;
    for (const screen of [CaseScreen, HandoverScreen, DoneScreen]) screen.preload();
  }, [phase]);

  if (handover === undefined || phase === 'loading') return <Loading />;
  if (handover) return <Suspense fallback={<Loading />}><HandoverScreen handover={handover} /></Suspense>;

  switch (phase) {
    case 'failed':
      return (
        <main className="card card--narrow">
          <h1>{t('ui.start_failed')}</h1>
          <p role="alert">{loadError}</p>
        </main>
      );
    case 'setup-device':
      return <Suspense fallback={<Loading />}><DeviceSetupScreen /></Suspense>;
    case 'setup-clerk':
      return <Suspense fallback={<Loading />}><FirstClerkScreen /></Suspense>;
    case 'sign-in':
      return <SignInScreen />;
    case 'ready':
      return (
        <div className="clerk-shell">
          <ClerkHeader />
          {!catalogLoaded ? <Loading /> : (
          <Suspense fallback={<Loading />}>
          {clerk && view.screen === 'case' ? <CaseScreen key={view.draftId} draftId={view.draftId} /> : null}
          {clerk && view.screen === 'done' ? <DoneScreen key={view.caseNumber} caseNumber={view.caseNumber} /> : null}
          {clerk && view.screen === 'today' ? <TodayScreen /> : null}
          {clerk && view.screen === 'catalog' ? <CatalogScreen /> : null}
          {clerk && view.screen === 'printer' ? <PrinterScreen /> : null}
          {clerk && view.screen === 'archive' ? <ArchiveScreen /> : null}
          </Suspense>
          )}
        </div>
      );
  }
};
