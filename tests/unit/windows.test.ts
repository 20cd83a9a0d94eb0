import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths } from '../../electron/main/app-paths';
import { createApplicantScreenControl, type ApplicantWindow, type ScreenEnvironment } from '../../electron/main/applicant-screen';
import {
  APPLICANT_URL,
  applicantWindowOptions,
  chooseApplicantDisplay,
  CLERK_URL,
  clerkWindowOptions,
  secureWebPreferences,
  type DisplayInfo,
} from '../../electron/main/window-options';

const PRELOAD = '/opt/counter/resources/app.asar/dist/electron/preload.cjs';

describe('the web preferences of every window', () => {
  it('isolate the page from the preload, sandbox it, give it no Node or plug-ins and keep web security', () => {
    expect(secureWebPreferences(PRELOAD)).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      plugins: false,
    });
  });

  it('are those of both windows', () => {
    expect(clerkWindowOptions(PRELOAD).webPreferences).toEqual(secureWebPreferences(PRELOAD));
    expect(applicantWindowOptions(PRELOAD, { x: 0, y: 0, width: 1, height: 1 }).webPreferences).toEqual(secureWebPreferences(PRELOAD));
  });
});

describe('the two windows', () => {
  it('the clerk’s is an ordinary window on the app’s start page, shown when ready', () => {
    const clerk = clerkWindowOptions(PRELOAD);
    expect(clerk).toMatchObject({ show: false, title: '证明事项告知承诺窗口' });
    expect(clerk).not.toHaveProperty('kiosk');
    expect(clerk.minWidth).toBeGreaterThanOrEqual(1024);
    expect(CLERK_URL).toBe('app://counter/');
  });

  it('the applicant’s fills its display as a kiosk that cannot be closed, moved or minimized, on #/applicant', () => {
    const bounds = { x: 1920, y: 0, width: 1280, height: 1024 };
    expect(applicantWindowOptions(PRELOAD, bounds)).toMatchObject({
      ...bounds,
      frame: false,
      fullscreen: true,
      kiosk: true,
      closable: false,
      minimizable: false,
      movable: false,
      resizable: false,
      skipTaskbar: true,
      show: false,
    });
    expect(APPLICANT_URL).toBe('app://counter/#/applicant');
  });
});

const display = (id: number, x = (id - 1) * 1920): DisplayInfo => ({ id, bounds: { x, y: 0, width: 1920, height: 1080 } });

describe('the applicant’s display', () => {
  it('is none with a single display (the clerk hands the window over)', () => {
    expect(chooseApplicantDisplay([display(1)], 1, 1)).toBeNull();
  });

  it('is the other one of two, whichever the clerk uses', () => {
    expect(chooseApplicantDisplay([display(1), display(2)], 1, 1)?.id).toBe(2);
    expect(chooseApplicantDisplay([display(1), display(2)], 2, 1)?.id).toBe(1);
  });

  it('of three, is neither the clerk’s nor the primary', () => {
    expect(chooseApplicantDisplay([display(1), display(2), display(3)], 2, 1)?.id).toBe(3);
    expect(chooseApplicantDisplay([display(1), display(2), display(3)], 3, 2)?.id).toBe(1);
  });
});

/** Displays that can be unplugged, and windows that record what was done to them. */
const fakeScreens = (count: number) => {
  let displays = Array.from({ length: count }, (_, index) => display(index + 1));
  const removedListeners: Array<() => void> = [];
  const windows: Array<{ options: unknown; url?: string; destroyed: boolean; shown: number }> = [];
  const environment: ScreenEnvironment = {
    displays: () => displays,
    primaryDisplayId: () => 1,
    clerkDisplayId: () => 1,
    onDisplayRemoved: (listener) => removedListeners.push(listener),
    createWindow: (options) => {
      const record: (typeof windows)[number] = { options, destroyed: false, shown: 0 };
      windows.push(record);
      const window: ApplicantWindow = {
        webContentsId: 100 + windows.length,
        isDestroyed: () => record.destroyed,
        showInactive: () => void (record.shown += 1),
        destroy: () => void (record.destroyed = true),
        loadURL: async (url) => void (record.url = url),
      };
      return window;
    },
  };
  const unplug = (id: number) => {
    displays = displays.filter((candidate) => candidate.id !== id);
    for (const listener of removedListeners) listener();
  };
  return { environment, windows, unplug };
};

describe('the applicant screen', () => {
  it('with one display opens no window and answers hand-over', async () => {
    const screens = fakeScreens(1);
    const control = createApplicantScreenControl(screens.environment, PRELOAD);
    expect(await control.open()).toBe('handover');
    expect(screens.windows).toEqual([]);
    expect(await control.close()).toBe(false);
  });

  it('with two opens one kiosk window on the other display at #/applicant, and shows that one again', async () => {
    const screens = fakeScreens(2);
    const control = createApplicantScreenControl(screens.environment, PRELOAD);
    expect(await control.open()).toBe('second-display');
    expect(screens.windows).toHaveLength(1);
    expect(screens.windows[0]!.options).toEqual(applicantWindowOptions(PRELOAD, display(2).bounds));
    expect(screens.windows[0]!.url).toBe(APPLICANT_URL);
    expect(await control.open()).toBe('second-display');
    expect(screens.windows).toHaveLength(1);
    expect(screens.windows[0]!.shown).toBe(1);
  });

  it('closes by destroying the window (it refuses an ordinary close), once', async () => {
    const screens = fakeScreens(2);
    const control = createApplicantScreenControl(screens.environment, PRELOAD);
    await control.open();
    expect(await control.close()).toBe(true);
    expect(screens.windows[0]!.destroyed).toBe(true);
    expect(await control.close()).toBe(false);
    await control.open();
    expect(screens.windows).toHaveLength(2);
  });

  it('goes with its display when that is unplugged, and not when another is', async () => {
    const three = fakeScreens(3);
    const control = createApplicantScreenControl(three.environment, PRELOAD);
    await control.open();
    three.unplug(3);
    expect(three.windows[0]!.destroyed).toBe(false);
    three.unplug(2);
    expect(three.windows[0]!.destroyed).toBe(true);
    expect(await control.open()).toBe('handover');
  });

  it('opens a new window after the old one was closed from outside', async () => {
    const screens = fakeScreens(2);
    const control = createApplicantScreenControl(screens.environment, PRELOAD);
    await control.open();
    screens.windows[0]!.destroyed = true;
    await control.open();
    expect(screens.windows).toHaveLength(2);
  });
});

describe('where the running app finds its parts', () => {
  const located = (isPackaged: boolean) =>
    appPaths({ mainDir: '/app/dist/electron', appPath: '/app', resourcesPath: '/app/resources', isPackaged, userData: '/home/clerk/.config/counter' });

  it('the preload beside the main script, the renderer in dist/renderer, the data in userData', () => {
    expect(located(false)).toEqual({
      preload: path.join('/app/dist/electron', 'preload.cjs'),
      rendererDir: path.join('/app', 'dist', 'renderer'),
      dataDir: path.join('/home/clerk/.config/counter', 'counter-data'),
      archiveDir: path.join('/home/clerk/.config/counter', 'letter-archive'),
      sumatraPdf: null,
    });
  });

  it('SumatraPDF among the resources, only when packaged', () => {
    expect(located(true).sumatraPdf).toBe(path.join('/app/resources', 'SumatraPDF.exe'));
  });
});
