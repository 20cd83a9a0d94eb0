import { Suspense, useEffect } from 'react';
import { askPersistentStorage } from '../../db/persistent-storage';
import { useLiveQuery } from 'dexie-react-hooks';
import { readHandover } from '../../db/applicant-screen-state';
import { t } from '../../i18n';
import { lazyScreen } from '../../components/lazy-screen';
import { useCatalog } from '../../state/catalog-store';
import { useIdleLock } from '../../state/idle-lock';
import { useSession } from '../../state/session-store';
import { SignInScreen } from '../setup/SignInScreen';
import { ClerkHeader } from './ClerkHeader';
import { SyncStatusBar } from '../../components/SyncStatusBar';
// The home screen is in the first bundle: F2 pressed the moment the clerk is signed in must land.
import { TodayScreen } from './TodayScreen';

// Only the sign-in screen is in the first bundle; the rest comes in chunks (preloaded once signed in).
const DeviceSetupScreen = lazyScreen(async () => (await import('../setup/DeviceSetupScreen')).DeviceSetupScreen);
const FirstAdministratorScreen = lazyScreen(async () => (await import('../setup/ClerkAccountForm')).FirstAdministratorScreen);
const LockScreen = lazyScreen(async () => (await import('../setup/LockScreen')).LockScreen);
const HandoverScreen = lazyScreen(async () => (await import('../applicant/HandoverScreen')).HandoverScreen);
const CaseScreen = lazyScreen(async () => (await import('./CaseScreen')).CaseScreen);
const DoneScreen = lazyScreen(async () => (await import('./DoneScreen')).DoneScreen);
const CatalogScreen = lazyScreen(async () => (await import('../admin/CatalogScreen')).CatalogScreen);
const PrinterScreen = lazyScreen(async () => (await import('../admin/PrinterScreen')).PrinterScreen);
const ArchiveScreen = lazyScreen(async () => (await import('../admin/ArchiveScreen')).ArchiveScreen);
const DayCloseScreen = lazyScreen(async () => (await import('../supervisor/DayCloseScreen')).DayCloseScreen);
const AccountsScreen = lazyScreen(async () => (await import('../admin/AccountsScreen')).AccountsScreen);
const SyncScreen = lazyScreen(async () => (await import('../admin/SyncScreen')).SyncScreen);

const Loading = () => <div className="loading">{t('ui.loading')}</div>;

export const ClerkApp = () => {
  const { phase, view, loadError, load, clerk, session } = useSession();
  const loadCatalog = useCatalog((state) => state.load);
  const catalogLoaded = useCatalog((state) => state.catalog !== null);
  // Undefined while loading: show nothing rather than flash the clerk's screen to the applicant.
  const handover = useLiveQuery(readHandover);

  useEffect(() => {
    void load();
    // Nothing typed or sealed may be evicted under disk pressure.
    void askPersistentStorage();
  }, [load]);

  // Once signed in: the catalog (and with it the checks and, on a new device, the 90 KB shipped
  // catalog), and the screens a clerk reaches next (F2, hand-over), so they never wait on a fetch.
  // None of it is needed to sign in.
  useEffect(() => {
    if (phase !== 'ready') return;
    void loadCatalog();
    for (const screen of [CaseScreen, HandoverScreen, DoneScreen]) screen.preload();
  }, [phase, loadCatalog]);

  // Not while the window faces the applicant: the hand-over's own PIN takes it back, and ends a lock
  // main took meanwhile.
  useIdleLock(phase === 'ready' && handover === null, session?.idleLockMinutes ?? 5);

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
    case 'setup-admin':
      return <Suspense fallback={<Loading />}><FirstAdministratorScreen /></Suspense>;
    case 'locked':
      // The case screens are gone from the page while locked; the case itself stays in IndexedDB.
      return <Suspense fallback={<Loading />}><LockScreen /></Suspense>;
    case 'sign-in':
      return <SignInScreen />;
    case 'ready':
      return (
        <div className="clerk-shell">
          <ClerkHeader />
          {/* The central system's status on every clerk screen (polled from main; no personal data). */}
          <SyncStatusBar />
          <Suspense fallback={<Loading />}>
            {/* Home answers F2 at once; the screens that read the catalog wait for it (keys typed meanwhile are kept). */}
            {clerk && view.screen === 'today' ? <TodayScreen /> : null}
            {clerk && view.screen === 'done' ? <DoneScreen key={view.caseNumber} caseNumber={view.caseNumber} /> : null}
            {clerk && view.screen === 'printer' ? <PrinterScreen /> : null}
            {clerk && view.screen === 'archive' ? <ArchiveScreen /> : null}
            {clerk && view.screen === 'day-close' ? <DayCloseScreen /> : null}
          {clerk && view.screen === 'accounts' ? <AccountsScreen /> : null}
            {clerk && view.screen === 'sync' ? <SyncScreen /> : null}
            {clerk && catalogLoaded && view.screen === 'case' ? <CaseScreen key={view.draftId} draftId={view.draftId} /> : null}
            {clerk && catalogLoaded && view.screen === 'catalog' ? <CatalogScreen /> : null}
            {!catalogLoaded && (view.screen === 'case' || view.screen === 'catalog') ? <Loading /> : null}
          </Suspense>
        </div>
      );
  }
};
