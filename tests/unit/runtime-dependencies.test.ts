import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * `npm audit --omit=dev` judges the packages under `dependencies`; that is only the whole story when
 * they are exactly the packages the app runs: everything the main process, the preload and the renderer
 * import from node_modules, and nothing else (a build tool or test library there would be audited but
 * never shipped, one missing would be shipped but never audited). The imports are read from esbuild's
 * own resolution of the three entry points, dynamic imports included, without writing a bundle.
 * Electron is the runtime itself (a devDependency: electron-builder packs its own copy).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

/** The package a bare import names: `react-dom/client` → react-dom, `@scope/name/x` → @scope/name. */
const packageOf = (specifier: string): string => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** Packages imported straight from the app's own sources (not from inside other packages). */
const importedPackages = (metafile: Metafile): Set<string> => {
  const names = new Set<string>();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (file.includes('node_modules/')) continue;
    for (const imported of input.imports) {
      // An external import keeps its specifier as its path; a resolved one names it as `original`.
      const specifier = imported.original ?? (imported.external ? imported.path : '');
      if (!specifier || specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) continue;
      if (builtinModules.includes(packageOf(specifier))) continue;
      names.add(packageOf(specifier));
    }
  }
  return names;
};

const analyse = async (entry: string, platform: 'node' | 'browser'): Promise<Set<string>> => {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform,
    format: 'esm',
    logLevel: 'silent',
    external: ['electron'],
    loader: { '.css': 'empty', '.ttf': 'empty', '.png': 'empty', '.svg': 'empty', '.woff2': 'empty' },
    // Node's own modules are the runtime's, in main; jsPDF's optional html()/SVG helpers stay out as in vite.config.ts.
    ...(platform === 'node' ? { packages: 'external' as const } : { external: ['electron', 'html2canvas', 'dompurify', 'canvg'] }),
  });
  return importedPackages(result.metafile);
};

describe('the runtime dependencies', () => {
  it('are exactly the packages main, the preload and the renderer import (what npm audit --omit=dev covers)', async () => {
    const [main, preload, renderer] = await Promise.all([
      analyse('electron/main/index.ts', 'node'),
      analyse('electron/preload/index.ts', 'browser'),
      analyse('renderer/main.tsx', 'browser'),
    ]);
    const imported = new Set([...main, ...preload, ...renderer]);
    imported.delete('electron');
    expect([...imported].sort()).toEqual(Object.keys(manifest.dependencies).sort());
    // Sanity: the analysis sees both sides (printing in main, React in the renderer).
    expect(main.has('@sealsystems/ipp')).toBe(true);
    expect(renderer.has('react')).toBe(true);
  }, 60_000);
});
