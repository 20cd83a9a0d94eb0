import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { hostMethods } from '../../shared/contract/host-contract';

/**
 * Launches the real, built app with Electron: the page comes from app://counter, the preload gives it
 * `window.host` and nothing of Node. Needs the Electron binary; where the install skipped its download
 * (the build machines) the test reports itself skipped with the reason.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The Electron executable, found the way scripts/start.mjs finds it (not via require('electron'), which tries to download). */
const electronExecutable = (): { path: string } | { missing: string } => {
  const electronDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'))
    : relative
      ? path.join(electronDir, 'dist', relative)
      : null;
  if (candidate && existsSync(candidate)) return { path: candidate };
  return { missing: candidate ?? 'node_modules/electron/path.txt and node_modules/electron/dist/' };
};

const found = electronExecutable();

test.describe('the packaged app in Electron', () => {
  test('starts on the setup or sign-in screen with window.host and without Node', async () => {
    if ('missing' in found) {
      test.skip(
        true,
        `The Electron binary is not installed (missing ${found.missing}): dependencies were installed with ` +
          'ELECTRON_SKIP_BINARY_DOWNLOAD=1. Run `npm install` on a machine with internet access to run this test.',
      );
      return;
    }
    test.setTimeout(180_000);
    if (!existsSync(path.join(root, 'dist/renderer/index.html'))) {
      execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
    }
    if (!existsSync(path.join(root, 'dist/electron/main.cjs')) || !existsSync(path.join(root, 'dist/electron/preload.cjs'))) {
      execFileSync(process.execPath, [path.join(root, 'scripts/build-electron.mjs')], { cwd: root, stdio: 'inherit' });
    }

    const profile = await mkdtemp(path.join(tmpdir(), 'counter-electron-'));
    const app = await electron.launch({
      executablePath: found.path,
      args: [root],
      cwd: root,
      env: { ...process.env, COUNTER_USER_DATA_DIR: profile, ELECTRON_RUN_AS_NODE: '' },
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      await expect(page).toHaveTitle('证明事项告知承诺窗口');
      await expect(page.getByRole('heading', { name: /本机初始设置|窗口人员登录/ })).toBeVisible();

      const probe = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown> & { host?: Record<string, unknown> };
        return {
          origin: `${location.protocol}//${location.host}`,
          hostMethods: w.host ? Object.keys(w.host).sort() : null,
          allFunctions: w.host ? Object.values(w.host).every((fn) => typeof fn === 'function') : false,
          require: typeof w.require,
          process: typeof w.process,
          module: typeof w.module,
          ipcRenderer: typeof w.ipcRenderer,
          indexedDB: typeof indexedDB,
          popup: window.open('https://example.com') === null,
        };
      });
      expect(probe).toEqual({
        origin: 'app://counter',
        hostMethods: [...hostMethods].sort(),
        allFunctions: true,
        require: 'undefined',
        process: 'undefined',
        module: 'undefined',
        ipcRenderer: 'undefined',
        indexedDB: 'object',
        popup: true,
      });

      const setup = await page.evaluate(() =>
        (window as unknown as { host: { getSetup(arg: object): Promise<unknown> } }).host.getSetup({}),
      );
      expect(setup).toMatchObject({ ok: true, value: { device: null, clerkCount: 0 } });

      // No way out of the app: navigation elsewhere is refused, the page stays on app://counter.
      await page.evaluate(() => {
        location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(new URL(page.url()).protocol).toBe('app:');
    } finally {
      await app.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
});
