import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PRELOAD_FILE, RENDERER_DIR, SUMATRA_PDF_RESOURCE } from '../../electron/main/app-paths';
import { extraResources, packedAppFiles, packsNodeModule } from './fixtures/packaged-files';

/**
 * Which files the installers would carry, by electron-builder's own matching over a real build: the
 * renderer (Vite) and main + preload (build-electron.mjs) are built into a project folder of the test's
 * own, beside the configuration and files that must never be packed — tests, scratch builds, sources,
 * source maps, dependencies, secrets. Every file the app needs at run time must be in; none of those.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const config = parse(await readFile(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };

/** Files a packed app must never contain, whatever the build left beside it. */
const FORBIDDEN = [
  'tests/unit/archive-verify.test.ts',
  'tests/harness/fixtures.ts',
  '.tmp/dist-readme/index.html',
  '.tmp/test-reports/vitest.json',
  'electron/main/index.ts',
  'shared/domain/seal.ts',
  'renderer/main.tsx',
  'scripts/letter.ts',
  'node_modules/zod/index.js',
  'release/linux-unpacked/resources/app.asar',
  'build/icon.png',
  '.env',
  '.npmrc',
  'signing/counter.pfx',
  'keys/device.pem',
  'electron-builder.yml',
  'package-lock.json',
];

let project: string;
let packed: string[];

const filesBelow = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(project, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'packaged-files-'));
  const node = process.execPath;
  execFileSync(node, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', path.join(project, RENDERER_DIR), '--emptyOutDir', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'pipe',
  });
  execFileSync(node, [path.join(root, 'scripts/build-electron.mjs')], {
    cwd: root,
    stdio: 'pipe',
    env: { ...process.env, BUILD_ELECTRON_OUT_DIR: path.join(project, path.posix.dirname(pkg.main)) },
  });
  await copyFile(path.join(root, 'package.json'), path.join(project, 'package.json'));
  await copyFile(path.join(root, 'electron-builder.yml'), path.join(project, 'electron-builder.yml'));
  for (const file of FORBIDDEN.filter((name) => name !== 'electron-builder.yml')) {
    await mkdir(path.dirname(path.join(project, file)), { recursive: true });
    await writeFile(path.join(project, file), 'not for the installer');
  }
  packed = await packedAppFiles(project, config, 'win');
}, 120_000);
afterAll(() => rm(project, { recursive: true, force: true }));

describe('the files packed into the app', () => {
  it('hold the main script package.json names, and the preload the main script loads beside it', () => {
    expect(packed).toContain('package.json');
    expect(packed).toContain(pkg.main);
    expect(packed).toContain(path.posix.join(path.posix.dirname(pkg.main), PRELOAD_FILE));
  });

  it('hold the renderer’s page and every file the build made for it except source maps', async () => {
    const built = await filesBelow(path.join(project, RENDERER_DIR));
    expect(built).toContain(`${RENDERER_DIR}/index.html`);
    expect(built.some((file) => file.endsWith('.map'))).toBe(true);
    expect(packed).toEqual(expect.arrayContaining(built.filter((file) => !file.endsWith('.map'))));
    const page = await readFile(path.join(project, RENDERER_DIR, 'index.html'), 'utf8');
    const referenced = [...page.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((match) => `${RENDERER_DIR}/${match[1]}`);
    expect(referenced.length).toBeGreaterThan(1);
    expect(packed).toEqual(expect.arrayContaining(referenced));
  });

  it('hold every font of renderer/public/fonts where the renderer fetches it (/fonts/…), with its licence', async () => {
    const fonts = await readdir(path.join(root, 'renderer/public/fonts'));
    expect(fonts).toEqual(expect.arrayContaining(['DroidSansFallbackFull.ttf', 'DejaVuSans.ttf', 'HanaMinB.ttf']));
    expect(fonts.filter((name) => name.endsWith('-LICENSE.txt')).length).toBe(fonts.filter((name) => name.endsWith('.ttf')).length);
    expect(packed).toEqual(expect.arrayContaining(fonts.map((name) => `${RENDERER_DIR}/fonts/${name}`)));
  });

  it('hold nothing but the bundles, the renderer and package.json: no tests, scratch builds, sources, maps or secrets', () => {
    for (const file of FORBIDDEN) expect(packed, file).not.toContain(file);
    const stray = packed.filter((file) => file !== 'package.json' && !file.startsWith(`${RENDERER_DIR}/`) && !file.startsWith(`${path.posix.dirname(pkg.main)}/`));
    expect(stray).toEqual([]);
    expect(packed.filter((file) => /\.(map|ts|tsx)$/.test(file))).toEqual([]);
  });

  it('are the same for Windows and Linux', async () => {
    expect(await packedAppFiles(project, config, 'linux')).toEqual(packed);
  });
});

describe('the dependencies', () => {
  it('are not shipped as node_modules: the bundles carry them', () => {
    for (const name of Object.keys(pkg.dependencies)) {
      expect(packsNodeModule(project, config, 'win', `node_modules/${name}/package.json`), name).toBe(false);
    }
  });

  it('so the main bundle requires nothing at run time but Node’s own modules and Electron', async () => {
    const main = await readFile(path.join(project, pkg.main), 'utf8');
    // A bare require(…), not a method of that name (the session service's require('administrator')).
    const required = new Set([...main.matchAll(/(?<![.\w$])require\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]!));
    expect(required.has('electron')).toBe(true);
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    expect([...required].filter((name) => name !== 'electron' && !builtins.has(name))).toEqual([]);
  });
});

describe('the Windows resources', () => {
  it('carry SumatraPDF (pdf-to-printer’s printing engine) under the name the main process looks for', async () => {
    const resources = extraResources(root, config, 'win');
    const sumatra = resources.find((resource) => resource.to === SUMATRA_PDF_RESOURCE);
    expect(sumatra).toBeDefined();
    const exe = await readFile(path.join(root, sumatra!.from));
    expect(exe.subarray(0, 2).toString('latin1')).toBe('MZ');
    expect(exe.length).toBeGreaterThan(1_000_000);
  });

  it('only on Windows', () => {
    expect(extraResources(root, config, 'linux')).toEqual([]);
  });
});
