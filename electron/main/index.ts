import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { t } from '../../shared/i18n';
import { createHostHandlers } from '../services/host-handlers';
import { createPrintService } from '../services/printing';
import { APP_SCHEME_PRIVILEGES, serveAppProtocol } from './app-protocol';
import { appPaths } from './app-paths';
import { registerHostIpc } from './ipc';
import { createSafeStorageSecretStore } from './safe-storage';
import { hardenSession, hardenWebContents } from './security';
import { createApplicantScreen, createClerkWindow, PRODUCT_TITLE } from './windows';

/**
 * Lifecycle only: one instance, the privileged app:// scheme, the security policy, the services and
 * their IPC, the windows. Where each part lies is app-paths.ts.
 */

// A separate profile for automated runs (the Electron smoke test): its own settings, accounts,
// archive and IndexedDB. Must happen before anything reads the userData path.
const profileOverride = process.env.COUNTER_USER_DATA_DIR;
if (profileOverride) app.setPath('userData', path.resolve(profileOverride));

// Standard + secure, or IndexedDB does not exist for app:// pages. Must happen before `ready`.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let clerkWindow: BrowserWindow | null = null;

const start = async (): Promise<void> => {
  Menu.setApplicationMenu(null);
  const paths = appPaths({
    mainDir: __dirname,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    isPackaged: app.isPackaged,
    userData: app.getPath('userData'),
  });
  const defaultSession = session.defaultSession;
  hardenSession(defaultSession);
  serveAppProtocol(defaultSession.protocol, paths.rendererDir);

  const applicantScreen = createApplicantScreen(paths.preload, () => clerkWindow);
  app.on('before-quit', () => void applicantScreen.close());

  // safeStorage is usable only once the app is ready, hence here and not at load.
  const secrets = createSafeStorageSecretStore();
  // Every secret of the device goes through this store, so the warning names all three. Only the
  // backend's name is logged, never anything of a case.
  if (!secrets.protectedByOs)
    console.warn(
      `WARNING: ${secrets.backend} gives no OS protection: the PIN pepper, the device signing key and the personal-data key are only as safe as the profile folder's permissions`,
    );
  const handlers = createHostHandlers({
    secrets,
    dataDir: paths.dataDir,
    archiveDir: paths.archiveDir,
    appVersion: app.getVersion(),
    applicantScreen,
    // The installer puts SumatraPDF (pdf-to-printer's printing engine) among the resources on Windows.
    print: createPrintService(paths.sumatraPdf ? { windows: { sumatraPdfPath: paths.sumatraPdf } } : {}),
  });
  registerHostIpc(ipcMain, handlers, applicantScreen.isApplicantSender);

  clerkWindow = createClerkWindow(paths.preload);
  clerkWindow.on('closed', () => {
    clerkWindow = null;
    void applicantScreen.close();
  });
};

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the data folders: hand over to it and leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!clerkWindow) return;
    if (clerkWindow.isMinimized()) clerkWindow.restore();
    clerkWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // Only the kind of error: the message could name files of the profile.
      const code = error instanceof Error ? (('code' in error && String(error.code)) || error.name) : 'unknown';
      console.error(`startup failed: ${code}`);
      dialog.showErrorBox(PRODUCT_TITLE, t('host.error.startup_failed', { code }));
      app.exit(1);
    });
}
