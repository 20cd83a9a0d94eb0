import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { dispatchHostCall } from '../../shared/contract/dispatch';
import type { HostCaller } from '../../shared/contract/host-caller';
import { hostMethods, type HostHandlers, type HostMethod } from '../../shared/contract/host-contract';
import type { HostError } from '../../shared/contract/result';
import { createHostHandlers, type ApplicantScreenControl } from '../../electron/services/host-handlers';
import { createPrintService } from '../../electron/services/printing';
import { startHarnessCentral, type HarnessCentral } from './central';
import { startPrivateCups, type PrivateCups } from './cups';
import { serveStatic, type StaticServer } from './static-server';

/** The built renderer; E2E_RENDERER_DIR points at another build (e.g. `vite build --outDir` elsewhere). */
export const RENDERER_DIR = resolve(process.env.E2E_RENDERER_DIR ?? 'dist/renderer');

interface Fault {
  error: HostError;
  remaining: number;
}

/** How many displays the simulated counter has: decides between a second window and hand-over. */
export type DisplayMode = 'second-display' | 'handover';

export interface CounterFixture {
  url: string;
  dataDir: string;
  archiveDir: string;
  handlers: HostHandlers;
  /** Which answer openApplicantScreen gives; a test with two displays opens the applicant page itself. */
  displayMode: DisplayMode;
  applicantScreenOpens: number;
  /**
   * Injected faults: the next calls of a method answer with this error instead of reaching the
   * service (a full disk, a dead spooler). Only for faults a test provokes on purpose.
   */
  failNext(method: HostMethod, error: HostError, times?: number): void;
  /**
   * Installs the host object on another page before it loads; `applicant` makes it the applicant's
   * window, which main then holds to the applicant's smaller contract.
   */
  installHost(page: Page, caller?: HostCaller): Promise<void>;
  openApplicantWindow(context: BrowserContext): Promise<Page>;
  /** The private CUPS the services print to, for a test that asked for it with `spooler: true`. */
  cups: PrivateCups | null;
  /** The real central system, for a test that asked for it with `central: true` (sync then runs only on 立即同步). */
  central: HarnessCentral | null;
}

/** Starts the worker's private CUPS on first use only: most tests never print. */
interface LazyCups {
  get(): Promise<PrivateCups>;
}

/**
 * Routes `window.host` calls of a page to the real main-process services through Playwright's
 * binding. Only Electron's IPC plumbing is left out, and that is a loop with no logic (electron/main/ipc.ts).
 * Like main, which knows the applicant's window by the web contents it opened, the harness knows it
 * by the page it opened: `caller` is fixed per page, whatever the page's URL says later.
 */
export const installHost = async (page: Page, handlers: HostHandlers, faults = new Map<string, Fault>(), caller: HostCaller = 'clerk'): Promise<void> => {
  await page.exposeBinding('__hostCall', (_source, method: unknown, argument: unknown) => {
    const fault = typeof method === 'string' ? faults.get(method) : undefined;
    if (fault && fault.remaining > 0) {
      fault.remaining -= 1;
      return { ok: false, error: fault.error };
    }
    return dispatchHostCall(handlers, method, argument, caller);
  });
  await page.addInitScript((methods: string[]) => {
    const call = (window as unknown as { __hostCall(method: string, arg: unknown): Promise<unknown> }).__hostCall;
    const host = Object.freeze(Object.fromEntries(methods.map((method) => [method, (arg: unknown) => call(method, arg)])));
    Object.defineProperty(window, 'host', { value: host, writable: false, configurable: false });
  }, [...hostMethods]);
};

export const test = base.extend<{ counter: CounterFixture; displayMode: DisplayMode; spooler: boolean; central: boolean }, { rendererServer: StaticServer; lazyCups: LazyCups }>({
  displayMode: ['handover', { option: true }],
  spooler: [false, { option: true }],
  central: [false, { option: true }],

  lazyCups: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      let started: Promise<PrivateCups> | null = null;
      await use({ get: () => (started ??= startPrivateCups()) });
      const running = started as Promise<PrivateCups> | null;
      if (running) await (await running).stop();
    },
    { scope: 'worker' },
  ],

  rendererServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await serveStatic(RENDERER_DIR);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  counter: async ({ page, rendererServer, displayMode, spooler, lazyCups, central: withCentral }, use) => {
    const root = await mkdtemp(join(tmpdir(), 'counter-e2e-'));
    const cups = spooler ? await lazyCups.get() : null;
    const central = withCentral ? await startHarnessCentral() : null;
    const faults = new Map<string, Fault>();
    const fixture: CounterFixture = {
      url: rendererServer.url,
      dataDir: join(root, 'data'),
      archiveDir: join(root, 'archive'),
      handlers: undefined as unknown as HostHandlers,
      displayMode,
      applicantScreenOpens: 0,
      failNext: (method, error, times = 1) => faults.set(method, { error, remaining: times }),
      installHost: (other, caller = 'clerk') => installHost(other, fixture.handlers, faults, caller),
      cups,
      central,
      async openApplicantWindow(context) {
        const applicantPage = await context.newPage();
        await fixture.installHost(applicantPage, 'applicant');
        await applicantPage.goto(`${fixture.url}/#/applicant`);
        return applicantPage;
      },
    };
    const applicantScreen: ApplicantScreenControl = {
      open: async () => {
        fixture.applicantScreenOpens += 1;
        return fixture.displayMode;
      },
      close: async () => true,
    };
    fixture.handlers = createHostHandlers({
      dataDir: fixture.dataDir,
      archiveDir: fixture.archiveDir,
      appVersion: '0.0.0-test',
      applicantScreen,
      print: createPrintService(cups ? { server: cups.server } : {}),
      // With a central system the test says when to sync (立即同步): no round of its own in between.
      ...(central ? { sync: { automatic: false } } : {}),
    });
    await installHost(page, fixture.handlers, faults);
    await use(fixture);
    // The page is still open here (it is torn down after this fixture) and may still be calling the
    // host — a touch, a lock, a letter retry — which would write into the folder being deleted.
    await page.close();
    await central?.close();
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
  },
});

export { expect } from '@playwright/test';
