// `npm test`: every suite, then one closing line `tests: N passed, N failed, N skipped` that CI reads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const reports = '.tmp/test-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const run = (title, command, args, env = {}) => {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
};

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

let failedSteps = 0;
failedSteps += run('type check (every process)', 'npm', ['run', '--silent', 'typecheck']) === 0 ? 0 : 1;
failedSteps += run('lint (dependency direction and more)', 'npm', ['run', '--silent', 'lint']) === 0 ? 0 : 1;
const built = run('build (renderer, main, preload)', 'npm', ['run', '--silent', 'build']) === 0;
if (!built) failedSteps += 1;

run('unit and service tests (vitest)', 'npx', [
  'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${reports}/vitest.json`,
]);
if (built) {
  run('end-to-end tests (Playwright, Debian Chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright.json`,
  });
}

const vitest = readJson(`${reports}/vitest.json`);
const playwright = readJson(`${reports}/playwright.json`);
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0) + (playwright?.stats?.flaky ?? 0);
const failed =
  (vitest ? vitest.numFailedTests : 1) + (playwright ? playwright.stats.unexpected : built ? 1 : 0) + failedSteps;
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);

console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
