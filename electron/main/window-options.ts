import { APP_BASE_URL } from './security-policy';

/**
 * The options of the two windows, as plain data: windows.ts passes them to Electron's BrowserWindow.
 * The clerk's window is an ordinary window; the applicant's is a frameless kiosk on a display of its
 * own that the applicant cannot close, move or leave. Both run the page sandboxed, isolated from the
 * preload, without Node.
 */
export const PRODUCT_TITLE = '证明事项告知承诺窗口';

export const CLERK_URL = APP_BASE_URL;
/** The renderer shows the applicant's screen on this route (renderer/main.tsx). */
export const APPLICANT_URL = `${APP_BASE_URL}#/applicant`;

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Rectangle;
}

export const secureWebPreferences = (preloadPath: string) =>
  ({
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
    // No PDF viewer or other plug-in: the letter preview is drawn on a canvas.
    plugins: false,
  }) as const;

export const clerkWindowOptions = (preloadPath: string) =>
  ({
    title: PRODUCT_TITLE,
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preloadPath),
  }) as const;

export const applicantWindowOptions = (preloadPath: string, { x, y, width, height }: Rectangle) =>
  ({
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
  }) as const;

/**
 * The display that faces the applicant: one other than the clerk's, preferring one that is not the
 * primary display (the clerk's desk usually has the primary). None with a single display: hand-over.
 */
export const chooseApplicantDisplay = (displays: readonly DisplayInfo[], clerkDisplayId: number, primaryDisplayId: number): DisplayInfo | null => {
  if (displays.length < 2) return null;
  const others = displays.filter((display) => display.id !== clerkDisplayId);
  return others.find((display) => display.id !== primaryDisplayId) ?? others[0] ?? null;
};
