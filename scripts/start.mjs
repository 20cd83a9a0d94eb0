#!/usr/bin/env node
// `npm start`: check that the Electron binary is present, build the renderer (Vite) and the main
// process + preload (esbuild), then run Electron on this project.
//
// The Electron binary is looked up by its files, not with require('electron'): when the binary is
// missing, the electron package's index.js tries to download it, which hangs or fails offline.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');

/** The Electron executable, or a description of what is missing. */
const findElectron = () => {
  if (!existsSync(path.join(electronDir, 'package.json'))) {
    return { missing: 'node_modules/electron (the electron package is not installed)' };
  }
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const executable = path.join(override, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return existsSync(executable) ? { executable } : { missing: `${executable} (from ELECTRON_OVERRIDE_DIST_PATH)` };
  }
  if (!relative) return { missing: 'node_modules/electron/path.txt and node_modules/electron/dist/ (the Electron binary was never downloaded)' };
  const executable = path.join(electronDir, 'dist', relative);
  return existsSync(executable) ? { executable } : { missing: `node_modules/electron/dist/${relative}` };
};

const electron = findElectron();
if (!electron.executable) {
  let version = '';
  try {
    version = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version ?? '';
  } catch {
    // the package itself is missing: the message says so
  }
  console.error(
    [
      '无法启动：本机缺少 Electron 程序文件（Electron binary）。',
      `  缺少：${electron.missing}`,
      '  原因：安装依赖时设置了 ELECTRON_SKIP_BINARY_DOWNLOAD=1，或下载没有完成。',
      '  解决：在能访问互联网的电脑上，不设置 ELECTRON_SKIP_BINARY_DOWNLOAD，执行 `npm install`',
      `        （或删除 node_modules/electron 后重新安装 electron${version ? `@${version}` : ''}），然后再执行 \`npm start\`。`,
      '        离线环境也可以把对应版本的 Electron 解压到某个文件夹，并用 ELECTRON_OVERRIDE_DIST_PATH 指向它。',
      '',
      'Cannot start: the Electron binary is not installed.',
      `  Missing: ${electron.missing}`,
      '  Cause: dependencies were installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or the download did not finish.',
      '  Fix: on a machine with internet access, run `npm install` without ELECTRON_SKIP_BINARY_DOWNLOAD',
      `       (or delete node_modules/electron and reinstall electron${version ? `@${version}` : ''}), then run \`npm start\` again.`,
      '       Offline, unpack the matching Electron release into a folder and point ELECTRON_OVERRIDE_DIST_PATH at it.',
    ].join('\n'),
  );
  process.exit(1);
}

const step = (label, args) => {
  console.log(`> ${label}`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`构建失败 / build failed: ${label}`);
    process.exit(result.status ?? 1);
  }
};

step('vite build', [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build']);
step('build-electron', [path.join(root, 'scripts', 'build-electron.mjs')]);

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron.executable, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
