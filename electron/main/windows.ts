import { BrowserWindow, screen, type Display, type WebPreferences } from 'electron';
import type { ApplicantScreenControl } from '../services/host-handlers';
import { APP_BASE_URL } from './security';

/**
 * The two windows: the clerk's, and the applicant's on a second display when there is one. With a
 * single display there is no second window: `open()` answers 'handover' and the renderer turns the
 * clerk's window towards the applicant.
 */
export const PRODUCT_TITLE = '证明事项告知承诺窗口';

export const secureWebPreferences = (preloadPath: string): WebPreferences => ({
  preload: preloadPath,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  // Chromium's built-in PDF viewer (the letter preview in an <iframe>) is gated behind `plugins`.
  plugins: true,
});

export const createClerkWindow = (preloadPath: string): BrowserWindow => {
  const window = new BrowserWindow({
    title: PRODUCT_TITLE,
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.setMenu(null);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_BASE_URL);
  return window;
};

/** A display other than the clerk's, preferring one that is not the primary display. */
const applicantDisplay = (clerkWindow: BrowserWindow | null): Display | null => {
  const displays = screen.getAllDisplays();
  if (displays.length < 2) return null;
  const clerkDisplay = clerkWindow && !clerkWindow.isDestroyed() ? screen.getDisplayMatching(clerkWindow.getBounds()) : screen.getPrimaryDisplay();
  const others = displays.filter((display) => display.id !== clerkDisplay.id);
  const primaryId = screen.getPrimaryDisplay().id;
  return others.find((display) => display.id !== primaryId) ?? others[0] ?? null;
};

export const createApplicantScreen = (preloadPath: string, clerkWindow: () => BrowserWindow | null): ApplicantScreenControl => {
  let window: BrowserWindow | null = null;

  /** destroy() skips the 'close' event the window refuses, and works although it is not closable. */
  const destroy = (): boolean => {
    const current = window;
    window = null;
    if (!current || current.isDestroyed()) return false;
    current.destroy();
    return true;
  };

  // Unplugging the applicant's display takes its window with it; the clerk can open it again.
  screen.on('display-removed', () => {
    if (window && !window.isDestroyed() && screen.getAllDisplays().length < 2) destroy();
  });

  return {
    open: async () => {
      if (window && !window.isDestroyed()) {
        window.showInactive();
        return 'second-display';
      }
      const display = applicantDisplay(clerkWindow());
      if (!display) return 'handover';
      const { x, y, width, height } = display.bounds;
      const created = new BrowserWindow({
        title: PRODUCT_TITLE,
        x,
        y,
        width,
        height,
        show: false,
        frame: false,
        fullscreen: true,
        kiosk: true,
        closable: false,
        minimizable: false,
        resizable: false,
        movable: false,
        skipTaskbar: true,
        autoHideMenuBar: true,
        backgroundColor: '#ffffff',
        webPreferences: secureWebPreferences(preloadPath),
      });
      created.setMenu(null);
      // Only the app closes it (closeApplicantScreen, quitting — both destroy it): not Alt+F4.
      created.on('close', (event) => event.preventDefault());
      created.on('closed', () => {
        if (window === created) window = null;
      });
      created.once('ready-to-show', () => created.showInactive());
      window = created;
      await created.loadURL(`${APP_BASE_URL}#/applicant`);
      return 'second-display';
    },
    close: async () => destroy(),
  };
};
