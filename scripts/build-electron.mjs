#!/usr/bin/env node
// Bundles the Electron main process and the preload into one CommonJS file each:
//   electron/main/index.ts    -> dist/electron/main.cjs
//   electron/preload/index.ts -> dist/electron/preload.cjs
// A sandboxed preload can require only `electron` (and a few polyfills), so everything else it
// imports is bundled in, and the build fails if it would need anything else at run time.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// BUILD_ELECTRON_OUT_DIR: another folder, for a test that builds its own copy beside others' builds.
const outdir = process.env.BUILD_ELECTRON_OUT_DIR ? path.resolve(process.env.BUILD_ELECTRON_OUT_DIR) : path.join(root, 'dist', 'electron');

const common = {
  bundle: true,
  format: 'cjs',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  absWorkingDir: root,
  define: { 'process.env.NODE_ENV': '"production"' },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: path.join(outdir, 'main.cjs'),
    platform: 'node',
    target: 'node20',
  }),
  build({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: path.join(outdir, 'preload.cjs'),
    // Browser platform: a Node built-in imported by mistake fails the build instead of the window.
    platform: 'browser',
    target: 'chrome120',
    // The contract module brings zod along (hostMethods is derived from the schemas): keep it small.
    minify: true,
  }),
]);

const preload = await readFile(path.join(outdir, 'preload.cjs'), 'utf8');
const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
const foreign = required.filter((name) => name !== 'electron');
if (foreign.length > 0) {
  console.error(`preload.cjs would require ${foreign.join(', ')} — a sandboxed preload can only require electron.`);
  process.exit(1);
}
console.log(`built ${path.relative(root, outdir)}/main.cjs and preload.cjs`);
