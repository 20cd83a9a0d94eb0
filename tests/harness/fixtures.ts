import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { dispatchHostCall } from '../../shared/contract/dispatch';
import { hostMethods, type HostHandlers } from '../../shared/contract/host-contract';
import { createHostHandlers, type ApplicantScreenControl } from '../../electron/services/host-handlers';
import { createPrintService } from '../../electron/services/printing';
import { serveStatic, type StaticServer } from './static-server';

export const RENDERER_DIR = resolve('dist/renderer');

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
  /** Installs the host object on another page (e.g. the applicant's window) before it loads. */
  installHost(page: Page): Promise<void>;
  openApplicantWindow(context: BrowserContext): Promise<Page>;
}

/**
 * Routes `window.host` calls of a page to the real main-process services through Playwright's
 * binding. Only Electron's IPC plumbing is left out, and that is a loop with no logic (electron/main/ipc.ts).
 */
export const installHost = async (page: Page, handlers: HostHandlers): Promise<void> => {
  await page.exposeBinding('__hostCall', (_source, method: unknown, argument: unknown) =>
    dispatchHostCall(handlers, method, argument),
  );
  await page.addInitScript((methods: string[]) => {
    const call = (window as unknown as { __hostCall(method: string, arg: unknown): Promise<unknown> }).__hostCall;
    const host = Object.freeze(Object.fromEntries(methods.map((method) => [method, (arg: unknown) => call(method, arg)])));
    Object.defineProperty(window, 'host', { value: host, writable: false, configurable: false });
  }, [...hostMethods]);
};

export const test = base.extend<{ counter: CounterFixture; displayMode: DisplayMode }, { rendererServer: StaticServer }>({
  displayMode: ['handover', { option: true }],

  rendererServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await serveStatic(RENDERER_DIR);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  counter: async ({ page, rendererServer, displayMode }, use) => {
    const root = await mkdtemp(join(tmpdir(), 'counter-e2e-'));
    const fixture: CounterFixture = {
      url: rendererServer.url,
      dataDir: join(root, 'data'),
      archiveDir: join(root, 'archive'),
      handlers: undefined as unknown as HostHandlers,
      displayMode,
      applicantScreenOpens: 0,
      installHost: (other) => installHost(other, fixture.handlers),
      async openApplicantWindow(context) {
        const applicantPage = await context.newPage();
        await fixture.installHost(applicantPage);
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
      print: createPrintService({}),
    });
    await installHost(page, fixture.handlers);
    await use(fixture);
    await rm(root, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
