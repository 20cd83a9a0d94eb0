import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Runs a command line's `main` when its module is the one Node was started with (not when a test
 * imports it), and turns its answer into the exit code; a crash exits with `crashCode`.
 */
export const runWhenMain = (moduleUrl: string, main: (args: string[]) => Promise<number>, crashCode = 2): void => {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(path.resolve(process.argv[1])).href) return;
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = crashCode;
    },
  );
};
