import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../electron/main/security-policy';
import { APPLICANT_URL, applicantWindowOptions, CLERK_URL, clerkWindowOptions } from '../../electron/main/window-options';

/**
 * The items of Electron's security checklist that are settled by what the code does not contain or
 * never loads, checked over the sources of the main process, the preload and the renderer: no remote
 * page and no file:// page is ever loaded, no shell.openExternal, no Blink or experimental features,
 * no <webview>, no web preference that turns a protection off. (The settings themselves are pinned in
 * windows.test.ts, the policy in security-policy.test.ts, the fuses in electron-builder-config.test.ts.)
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const sourcesUnder = (folder: string): string[] =>
  readdirSync(path.join(root, folder)).flatMap((name) => {
    const relative = path.join(folder, name);
    if (statSync(path.join(root, relative)).isDirectory()) return name === 'public' ? [] : sourcesUnder(relative);
    return /\.(ts|tsx|html|mjs|cjs|js)$/.test(name) ? [relative] : [];
  });

const sources = ['electron', 'renderer', 'shared'].flatMap(sourcesUnder).map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') }));

/** A line that is only a comment (the sources explain what they refuse, naming it). */
const isComment = (line: string): boolean => /^\s*(\/\/|\/\*|\*)/.test(line);

/** Code lines that match, with their file, for a readable failure. */
const occurrences = (pattern: RegExp): string[] =>
  sources.flatMap(({ file, text }) =>
    text.split('\n').flatMap((line, index) => (!isComment(line) && pattern.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
  );

describe('Electron’s security checklist, over the sources', () => {
  it('reads the sources it checks', () => {
    expect(sources.map(({ file }) => file)).toEqual(expect.arrayContaining(['electron/main/windows.ts', 'electron/preload/index.ts', 'renderer/index.html']));
  });

  it('1, 18. loads only the app’s own pages, from app://, never a remote or file:// page', () => {
    expect(isAppUrl(CLERK_URL)).toBe(true);
    expect(isAppUrl(APPLICANT_URL)).toBe(true);
    // Every loadURL is one of the two app pages, or hands on the URL it was given (applicant-screen.ts → windows.ts).
    const loads = occurrences(/\.loadURL\(/).filter((line) => !/\.loadURL\((CLERK_URL|APPLICANT_URL|url)\)/.test(line));
    expect(loads).toEqual([]);
    expect(occurrences(/\.loadFile\(|file:\/\/|registerFileProtocol|interceptFileProtocol/)).toEqual([]);
  });

  it('2–4, 6, 8–10. turns no protection off in any web preferences', () => {
    expect(occurrences(/nodeIntegration\w*\s*:\s*true|contextIsolation\s*:\s*false|sandbox\s*:\s*false|webSecurity\s*:\s*false/)).toEqual([]);
    expect(occurrences(/allowRunningInsecureContent\s*:\s*true|experimentalFeatures\s*:\s*true|enableBlinkFeatures/)).toEqual([]);
    for (const options of [clerkWindowOptions('/preload.cjs'), applicantWindowOptions('/preload.cjs', { x: 0, y: 0, width: 1, height: 1 })]) {
      expect(options.webPreferences).toMatchObject({ experimentalFeatures: false, webviewTag: false, allowRunningInsecureContent: false });
      expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
      expect(options.webPreferences).not.toHaveProperty('additionalArguments');
    }
  });

  it('11–12. uses no <webview> (and the tag is off)', () => {
    expect(occurrences(/<webview|webviewTag\s*:\s*true|allowpopups|disablewebsecurity/i)).toEqual([]);
  });

  it('15. never calls shell.openExternal', () => {
    expect(occurrences(/openExternal\s*\(|shell\.openPath|shell\.openExternal/)).toEqual([]);
  });

  it('20. gives the page no Electron API: the preload alone imports electron’s renderer side', () => {
    const rendererSide = occurrences(/ipcRenderer|contextBridge|webFrame\b/).filter((line) => !line.startsWith(`electron${path.sep}preload${path.sep}`));
    expect(rendererSide).toEqual([]);
  });
});
