/**
 * `npm run ui`: the counter's UI without Electron, for a machine that has no Electron binary. Builds
 * the renderer into .tmp/ui-renderer and opens it in Debian's Chromium the way the end-to-end tests
 * do: served over http by the test harness, with `window.host` routed to the real main-process
 * services (settings, accounts, archive, printing through the system's spooler) in a temporary folder
 * that is deleted when the browser closes. Only Electron itself is missing: app://, its security
 * policy and a real second display.
 *
 *   npm run ui                         one window; the applicant's screen comes by hand-over
 *   npm run ui -- --second-display     the applicant's screen in a second browser window
 *   npm run ui -- --headless [--screenshot file.png]
 *                                      no window: loads the first screen, prints its heading, exits
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { createHostHandlers } from '../electron/services/host-handlers';
import { createPrintService } from '../electron/services/printing';
import { chromiumLaunchOptions } from '../tests/harness/chromium';
import { installHost } from '../tests/harness/fixtures';
import { serveStatic } from '../tests/harness/static-server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const known = ['--second-display', '--headless', '--screenshot'];
const screenshotIndex = args.indexOf('--screenshot');
const screenshot = screenshotIndex >= 0 ? args[screenshotIndex + 1] : undefined;
if (args.some((arg) => arg.startsWith('-') && !known.includes(arg)) || (screenshotIndex >= 0 && !screenshot)) {
  console.error('用法：npm run ui [-- --second-display] [-- --headless [--screenshot 文件.png]]');
  process.exit(2);
}
const headless = args.includes('--headless');

const rendererDir = path.join(root, '.tmp', 'ui-renderer');
console.log('> vite build（渲染进程）');
execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', rendererDir, '--emptyOutDir', '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
});

const folder = await mkdtemp(path.join(tmpdir(), 'counter-ui-'));
const server = await serveStatic(rendererDir);
const browser = await chromium.launch({ ...chromiumLaunchOptions, headless });
const context: BrowserContext = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: headless ? { width: 1366, height: 860 } : null });

let applicantPage: Page | null = null;
const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
const handlers = createHostHandlers({
  dataDir: path.join(folder, 'counter-data'),
  archiveDir: path.join(folder, 'letter-archive'),
  appVersion: `${version}-ui`,
  applicantScreen: {
    open: async () => {
      if (!args.includes('--second-display')) return 'handover';
      if (!applicantPage || applicantPage.isClosed()) {
        applicantPage = await context.newPage();
        await installHost(applicantPage, handlers, undefined, 'applicant');
        await applicantPage.goto(`${server.url}/#/applicant`);
      }
      return 'second-display';
    },
    close: async () => {
      const open = applicantPage !== null && !applicantPage.isClosed();
      await applicantPage?.close();
      applicantPage = null;
      return open;
    },
  },
  print: createPrintService({}),
});

const page = await context.newPage();
await installHost(page, handlers);
await page.goto(server.url);

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await browser.close().catch(() => undefined);
  await server.close();
  await rm(folder, { recursive: true, force: true });
};
process.on('SIGINT', () => void stop().then(() => process.exit(130)));

if (headless) {
  const heading = await page.getByRole('heading').first().textContent();
  console.log(`界面已加载：${server.url}，首屏标题“${heading?.trim() ?? ''}”`);
  if (screenshot) await page.screenshot({ path: path.resolve(process.env.INIT_CWD ?? process.cwd(), screenshot) });
  await stop();
} else {
  console.log(`界面已在 Chromium 中打开：${server.url}（window.host → 真实服务）`);
  console.log(`本次的数据与档案在 ${folder}，关闭浏览器后删除。`);
  browser.on('disconnected', () => void stop());
}
