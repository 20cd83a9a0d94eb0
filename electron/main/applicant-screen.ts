import type { ApplicantScreenControl } from '../services/host-handlers';
import { APPLICANT_URL, applicantWindowOptions, chooseApplicantDisplay, type DisplayInfo } from './window-options';

/**
 * When the applicant's window opens, where, and when it goes, without Electron: windows.ts supplies
 * the displays and makes the real window. With a single display there is no second window: `open()`
 * answers 'handover' and the renderer turns the clerk's window towards the applicant.
 */
export interface ApplicantWindow {
  /** Its web contents' id: how main tells the applicant's calls from the clerk's (host-call.ts). */
  readonly webContentsId: number;
  isDestroyed(): boolean;
  showInactive(): void;
  /** Skips the 'close' event the window refuses, and works although it is not closable. */
  destroy(): void;
  loadURL(url: string): Promise<void>;
}

export interface ScreenEnvironment {
  displays(): readonly DisplayInfo[];
  primaryDisplayId(): number;
  /** The display the clerk's window is on; null when that window is gone (the primary is assumed). */
  clerkDisplayId(): number | null;
  onDisplayRemoved(listener: () => void): void;
  createWindow(options: ReturnType<typeof applicantWindowOptions>): ApplicantWindow;
}

export interface ApplicantScreen extends ApplicantScreenControl {
  /** Whether a host call's sender is the applicant's window (then only the applicant contract applies). */
  isApplicantSender(webContentsId: number): boolean;
}

export const createApplicantScreenControl = (environment: ScreenEnvironment, preloadPath: string): ApplicantScreen => {
  let window: ApplicantWindow | null = null;
  const isOpen = (candidate: ApplicantWindow | null): candidate is ApplicantWindow => candidate !== null && !candidate.isDestroyed();

  const destroy = (): boolean => {
    const current = window;
    window = null;
    if (!isOpen(current)) return false;
    current.destroy();
    return true;
  };

  // Unplugging the applicant's display takes its window with it; the clerk can open it again.
  environment.onDisplayRemoved(() => {
    if (isOpen(window) && environment.displays().length < 2) destroy();
  });

  return {
    open: async () => {
      if (isOpen(window)) {
        window.showInactive();
        return 'second-display';
      }
      const primary = environment.primaryDisplayId();
      const display = chooseApplicantDisplay(environment.displays(), environment.clerkDisplayId() ?? primary, primary);
      if (!display) return 'handover';
      // A window closed from outside counts as destroyed (Electron's isDestroyed), so it is never reused.
      const created = environment.createWindow(applicantWindowOptions(preloadPath, display.bounds));
      window = created;
      await created.loadURL(APPLICANT_URL);
      return 'second-display';
    },
    close: async () => destroy(),
    isApplicantSender: (webContentsId) => window !== null && window.webContentsId === webContentsId,
  };
};
