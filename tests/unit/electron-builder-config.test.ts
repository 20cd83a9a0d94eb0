import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * Installers cannot be built on the build machines (no Electron zip, no NSIS/AppImage toolsets), so
 * the packaging configuration is checked here: against electron-builder's own schema, and for the
 * things this app depends on. Which files it packs is packaged-files.test.ts.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const targetsOf = (platform: { target: unknown }): string[] =>
  ([] as unknown[]).concat(platform.target).map((target) => (typeof target === 'string' ? target : (target as { target: string }).target));

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
const pngSize = (file: string): { width: number; height: number } => {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
};

describe('electron-builder.yml', () => {
  it('is accepted by electron-builder\'s configuration schema', async () => {
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds an NSIS installer for Windows and AppImage + deb for Linux', () => {
    expect(targetsOf(config.win)).toEqual(['nsis']);
    expect(targetsOf(config.linux).sort()).toEqual(['AppImage', 'deb']);
  });

  it('carries the Chinese product name, also as the shortcut name', () => {
    expect(config.productName).toBe('证明事项告知承诺窗口');
    expect(config.nsis.shortcutName).toBe(config.productName);
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
  });

  it('makes a Chinese installer that lets the installer choose per machine or per user', () => {
    expect(config.nsis.oneClick).toBe(false);
    expect(config.nsis.perMachine).toBe(false);
    expect(config.nsis.installerLanguages).toEqual(['zh_CN']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
  });

  it('has icons: a PNG of at least 256 px and a Windows .ico with a 256 px image', () => {
    expect(config.directories.buildResources).toBe('build');
    const png = pngSize(path.join(root, config.linux.icon));
    expect(png.width).toBeGreaterThanOrEqual(256);
    expect(png.height).toBe(png.width);
    expect(pngSize(path.join(root, 'build/icon.png')).width).toBe(512);

    const ico = readFileSync(path.join(root, config.win.icon));
    expect(ico.readUInt16LE(0)).toBe(0); // reserved
    expect(ico.readUInt16LE(2)).toBe(1); // type: icon
    const count = ico.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_, index) => ico[6 + index * 16] || 256); // 0 means 256
    expect(Math.max(...widths)).toBe(256);
  });

  it('packs the app into an asar whose integrity is embedded (what the asar fuses check)', () => {
    // `asar: true`, not an object with disableIntegrity: the hash the integrity fuse checks is written.
    expect(config.asar).toBe(true);
  });

  it('decides every fuse of the installed @electron/fuses, as electron-builder hands them to it', async () => {
    const require = createRequire(import.meta.url);
    // The very code electron-builder runs before signing, and the fuse list of the module it runs it with.
    const { PlatformPackager } = require('app-builder-lib') as {
      PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> } };
    };
    const fusesModule = createRequire(require.resolve('app-builder-lib/package.json'))('@electron/fuses') as {
      FuseV1Options: Record<string, string | number>;
    };
    const wire = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    const byName = Object.fromEntries(
      Object.entries(fusesModule.FuseV1Options)
        .filter(([name]) => Number.isNaN(Number(name)))
        .map(([name, index]) => [name, wire[String(index)]]),
    );
    expect(byName).toEqual({
      // ELECTRON_RUN_AS_NODE would turn the signed app into a Node that runs any script.
      RunAsNode: false,
      EnableCookieEncryption: true,
      // NODE_OPTIONS (--require …) and --inspect would inject code into main.
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      // Only the app.asar, and only as built: no app/ folder beside it, no altered archive.
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      // The app is served from app://, never file://: file pages get no more than a browser gives them.
      GrantFileProtocolExtraPrivileges: false,
      // Which V8 snapshot the browser process loads: no security decision, left at Electron's default.
      LoadBrowserProcessSpecificV8Snapshot: undefined,
    });
  });

  it('flips the Electron fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
