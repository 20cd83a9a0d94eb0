import { BrowserWindow, screen } from 'electron';
import { createApplicantScreenControl, type ApplicantScreen } from './applicant-screen';
import { CLERK_URL, clerkWindowOptions } from './window-options';

/**
 * Electron's side of the two windows: the options (window-options.ts) and the applicant screen's
 * decisions (applicant-screen.ts) are plain modules with their tests; this file only makes the windows.
 */
export { PRODUCT_TITLE } from './window-options';

export const createClerkWindow = (preloadPath: string): BrowserWindow => {
  const window = new BrowserWindow(clerkWindowOptions(preloadPath));
  window.setMenu(null);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(CLERK_URL);
  return window;
};

export const createApplicantScreen = (preloadPath: string, clerkWindow: () => BrowserWindow | null): ApplicantScreen =>
  createApplicantScreenControl(
    {
      displays: () => screen.getAllDisplays(),
      primaryDisplayId: () => screen.getPrimaryDisplay().id,
      clerkDisplayId: () => {
        const clerk = clerkWindow();
        return clerk && !clerk.isDestroyed() ? screen.getDisplayMatching(clerk.getBounds()).id : null;
      },
      onDisplayRemoved: (listener) => screen.on('display-removed', listener),
      createWindow: (options) => {
        const created = new BrowserWindow(options);
        created.setMenu(null);
        // Only the app closes it (closeApplicantScreen, quitting — both destroy it): not Alt+F4.
        created.on('close', (event) => event.preventDefault());
        created.once('ready-to-show', () => created.showInactive());
        return {
          webContentsId: created.webContents.id,
          isDestroyed: () => created.isDestroyed(),
          showInactive: () => created.showInactive(),
          destroy: () => created.destroy(),
          loadURL: (url) => created.loadURL(url),
        };
      },
    },
    preloadPath,
  );
